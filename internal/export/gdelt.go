package export

import (
	"bufio"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// NumericID maps an event id to the positive integer GDELT tools expect
// in GLOBALEVENTID: a 53-bit FNV-1a hash, exact in a float64 (R, pandas).
func NumericID(id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() & (1<<53 - 1))
}

// gdeltWriter writes the GDELT 2.0 event table: 61 tab-separated columns,
// no header, as the GDELT files are published.
type gdeltWriter struct {
	w   *bufio.Writer
	opt Options
	row []string
}

func newGDELTWriter(w io.Writer, opt Options) *gdeltWriter {
	return &gdeltWriter{w: bufio.NewWriterSize(w, 64<<10), opt: opt, row: make([]string, 0, 61)}
}

func (g *gdeltWriter) write(ev *chronicle.Event) error {
	r := g.row[:0]
	d := ev.Date
	r = append(r,
		strconv.FormatInt(NumericID(ev.ID), 10),
		sqlDate(d), monthYear(d), year(d), fractionDate(d))
	r = appendGDELTActor(r, ev.Source)
	r = appendGDELTActor(r, ev.Target)
	isRoot := "0"
	for _, m := range ev.Mentions {
		if m.Sentence < 3 {
			isRoot = "1"
			break
		}
	}
	base := ev.Code
	if len(base) > 3 {
		base = base[:3]
	}
	r = append(r, isRoot, ev.Code, base, ev.Root,
		strconv.Itoa(ev.QuadClass), formatFloat(ev.Goldstein),
		strconv.Itoa(ev.NumMentions), strconv.Itoa(ev.NumSources), strconv.Itoa(ev.NumArticles),
		formatFloat(ev.Tone))
	// GDELT places each actor where the text places it; Chronicle locates
	// the action only, so the actor geo blocks are empty (type 0).
	r = appendGeo(r, nil, nil)
	r = appendGeo(r, nil, nil)
	r = appendGeo(r, ev.Location, g.opt.Codes)
	added := ""
	if !ev.Added.IsZero() {
		added = ev.Added.UTC().Format("20060102150405")
	}
	url := ""
	if m := firstMention(ev); m != nil {
		url = m.URL
	}
	r = append(r, added, url)
	g.row = r
	return writeTSVRow(g.w, r)
}

func (g *gdeltWriter) close() error { return g.w.Flush() }

func appendGDELTActor(r []string, a chronicle.Actor) []string {
	c := splitActor(a.Code)
	return append(r, c.code, clean(strings.ToUpper(actorName(a))), c.country, c.knownGroup,
		c.ethnic, c.religion1, c.religion2, c.types[0], c.types[1], c.types[2])
}

// appendGeo appends one GDELT geo block: Type, FullName, CountryCode,
// ADM1Code, ADM2Code, Lat, Long, FeatureID.
func appendGeo(r []string, loc *chronicle.Location, codes Codes) []string {
	if loc == nil {
		return append(r, "0", "", "", "", "", "", "", "")
	}
	fips, adm1 := "", ""
	if codes != nil {
		fips, adm1 = codes.FIPSOf(*loc), codes.ADM1Code(*loc)
	}
	us := loc.Country == "USA"
	typ := "1"
	switch loc.Precision {
	case chronicle.PrecisionCity:
		typ = "4"
		if us {
			typ = "3"
		}
	case chronicle.PrecisionRegion:
		typ = "5"
		if us {
			typ = "2"
		}
	default:
		adm1 = fips // GDELT repeats the country code at country precision
	}
	name := loc.Name
	if loc.Admin1 != "" && loc.Admin1 != loc.Name {
		name += ", " + loc.Admin1
	}
	feature := ""
	if loc.GeonameID != 0 {
		feature = strconv.Itoa(loc.GeonameID)
	} else if loc.Precision == chronicle.PrecisionCountry {
		feature = fips
	}
	return append(r, typ, clean(name), fips, adm1, "",
		strconv.FormatFloat(loc.Lat, 'f', 4, 64), strconv.FormatFloat(loc.Lon, 'f', 4, 64), feature)
}

// gdeltMentionsWriter writes the GDELT 2.0 mentions table: one row per
// mention, 16 tab-separated columns.
type gdeltMentionsWriter struct {
	w   *bufio.Writer
	row []string
}

func newGDELTMentionsWriter(w io.Writer) *gdeltMentionsWriter {
	return &gdeltMentionsWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (g *gdeltMentionsWriter) write(ev *chronicle.Event) error {
	id := strconv.FormatInt(NumericID(ev.ID), 10)
	evTime := sqlDate(ev.Date) + "000000"
	if ev.Date.IsZero() {
		evTime = ""
	}
	for _, m := range ev.Mentions {
		mTime := sqlDate(m.Date) + "000000"
		if m.Date.IsZero() {
			mTime = ""
		}
		ident := m.URL
		if ident == "" {
			ident = m.ArticleID
		}
		r := append(g.row[:0], id, evTime, mTime,
			"1", // MentionType 1: WEB
			clean(m.Outlet), clean(ident),
			strconv.Itoa(m.Sentence+1), // GDELT counts sentences from 1
			offsetOrMinus(m.Source.Start, m.Source.Text),
			offsetOrMinus(m.Target.Start, m.Target.Text),
			offsetOrMinus(m.Verb.Start, m.Verb.Text),
			"1",   // InRawText: Chronicle codes the raw text
			"100", // Confidence: every mention is coded, none inferred
			"", formatFloat(m.Tone), "", "")
		g.row = r
		if err := writeTSVRow(g.w, r); err != nil {
			return err
		}
	}
	return nil
}

func (g *gdeltMentionsWriter) close() error { return g.w.Flush() }

func offsetOrMinus(start int, text string) string {
	if text == "" {
		return "-1"
	}
	return strconv.Itoa(start)
}

func writeTSVRow(w *bufio.Writer, r []string) error {
	for i, v := range r {
		if i > 0 {
			w.WriteByte('\t')
		}
		w.WriteString(v)
	}
	return w.WriteByte('\n')
}

func sqlDate(d chronicle.Date) string {
	if d.IsZero() {
		return ""
	}
	return strings.ReplaceAll(d.String(), "-", "")
}

func monthYear(d chronicle.Date) string {
	if d.IsZero() {
		return ""
	}
	return sqlDate(d)[:6]
}

func year(d chronicle.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Year)
}

// fractionDate is GDELT's YYYY.FFFF: the year plus the day of year / 365.
func fractionDate(d chronicle.Date) string {
	if d.IsZero() {
		return ""
	}
	f := float64(d.Year) + float64(d.Time().YearDay())/365
	return strconv.FormatFloat(f, 'f', 4, 64)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
