package export

import (
	"bufio"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// PhoenixColumns is the Phoenix event data header, in order.
func PhoenixColumns() []string {
	return []string{"EventID", "Date", "Year", "Month", "Day",
		"SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
		"TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
		"EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues",
		"Lat", "Lon", "LocationName", "StateName", "CountryCode",
		"SentenceID", "URLs", "NewsSources"}
}

// PhoenixQuad is the Phoenix QuadClass of a CAMEO root: 0 for the
// neutral roots 01–02, 3 for 16 (reduce relations), otherwise as GDELT.
func PhoenixQuad(root string) int {
	n, err := strconv.Atoi(root)
	if err != nil {
		return 0
	}
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	case n <= 8:
		return 2
	case n <= 13, n == 16:
		return 3
	default:
		return 4
	}
}

type phoenixWriter struct {
	w      *bufio.Writer
	opt    Options
	header bool
	row    []string
}

func newPhoenixWriter(w io.Writer, opt Options) *phoenixWriter {
	return &phoenixWriter{w: bufio.NewWriterSize(w, 64<<10), opt: opt}
}

func (p *phoenixWriter) write(ev *chronicle.Event) error {
	if !p.header {
		p.header = true
		if err := writeTSVRow(p.w, PhoenixColumns()); err != nil {
			return err
		}
	}
	d := ev.Date
	var y, m, day string
	if !d.IsZero() {
		y, m, day = strconv.Itoa(d.Year), strconv.Itoa(int(d.Month)), strconv.Itoa(d.Day)
	}
	r := append(p.row[:0], ev.ID, sqlDate(d), y, m, day)
	r = appendPhoenixActor(r, ev.Source.Code)
	r = appendPhoenixActor(r, ev.Target.Code)
	r = append(r, ev.Code, ev.Root, strconv.Itoa(PhoenixQuad(ev.Root)), formatFloat(ev.Goldstein),
		phoenixIssues(ev))
	if loc := ev.Location; loc != nil {
		r = append(r, strconv.FormatFloat(loc.Lat, 'f', 4, 64), strconv.FormatFloat(loc.Lon, 'f', 4, 64),
			clean(loc.Name), clean(loc.Admin1), loc.Country)
	} else {
		r = append(r, "", "", "", "", "")
	}
	var sids, urls, outlets []string
	for _, mn := range ev.Mentions {
		sids = append(sids, mn.ArticleID+"_"+strconv.Itoa(mn.Sentence))
		if mn.URL != "" {
			urls = append(urls, mn.URL)
		}
		if mn.Outlet != "" {
			outlets = append(outlets, mn.Outlet)
		}
	}
	r = append(r, clean(strings.Join(dedupe(sids), ";")), clean(strings.Join(dedupe(urls), ";")),
		clean(strings.Join(dedupe(outlets), ";")))
	p.row = r
	return writeTSVRow(p.w, r)
}

func (p *phoenixWriter) close() error {
	if !p.header {
		if err := writeTSVRow(p.w, PhoenixColumns()); err != nil {
			return err
		}
	}
	return p.w.Flush()
}

// appendPhoenixActor splits a code into Full, Entity, Role, Attribute.
func appendPhoenixActor(r []string, code string) []string {
	primary, rest := actorParts(code)
	role, attr := "", ""
	if len(rest) > 0 {
		role = rest[0]
	}
	if len(rest) > 1 {
		attr = strings.Join(rest[1:], "")
	}
	return append(r, code, primary, role, attr)
}

// phoenixIssues counts issue codes over the mentions: "PEACE,2;AID,1".
func phoenixIssues(ev *chronicle.Event) string {
	counts := map[string]int{}
	for _, m := range ev.Mentions {
		for _, is := range m.Issues {
			counts[is]++
		}
	}
	if len(counts) == 0 {
		return ""
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "," + strconv.Itoa(counts[k])
	}
	return strings.Join(parts, ";")
}

// dedupe drops repeated strings, keeping first occurrences in order.
func dedupe(ss []string) []string {
	out := ss[:0]
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
