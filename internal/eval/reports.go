package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/geo"
)

// Event reports are the third kind of gold: short dated news reports of one
// happening each, with what a reader expects Chronicle to find beyond the
// (source, target, code) tuples — the event's PLOVER type, the countries of
// its actors, the day it happened and the place. A gold line is a report
// when it carries any of expected_date, expected_place or
// expected_countries (see testdata/reports/reports.jsonl).
//
// A report is scored on four questions, each right or wrong:
//
//   - type: some mention the pipeline produced has the expected PLOVER type;
//   - country: some actor of some mention has one of the expected countries
//     (the stricter "all countries" share, every expected country among the
//     actors, is reported next to it);
//   - date: the chosen mention is dated on the expected day;
//   - place: the chosen mention's location has the expected name (compared
//     without case or accents) or lies within PlaceRadiusKm of it.
//
// The chosen mention is the first one of the expected type, else the first
// one. A report with no mention is wrong on all four.

// PlaceRadiusKm is how far a produced location may lie from the expected
// place and still count as right.
const PlaceRadiusKm = 50.0

// ExpectedPlace is where a report's event happened. The coordinates are the
// gazetteer's for the named place (see internal/geo), never typed in.
type ExpectedPlace struct {
	Name      string              `json:"name"`
	Country   string              `json:"country"`
	Precision chronicle.Precision `json:"precision"`
	Lat       float64             `json:"lat"`
	Lon       float64             `json:"lon"`
}

// ReportRecord is one event-report gold line: a gold Record plus the
// expected date, place and actor countries.
type ReportRecord struct {
	Record
	ExpectedDate      chronicle.Date `json:"expected_date"`
	ExpectedPlace     ExpectedPlace  `json:"expected_place"`
	ExpectedCountries []string       `json:"expected_countries"`
}

// reportFields are the fields that make a gold line an event report.
type reportFields struct {
	ExpectedDate      *string        `json:"expected_date"`
	ExpectedPlace     *ExpectedPlace `json:"expected_place"`
	ExpectedCountries []string       `json:"expected_countries"`
}

func (f reportFields) isReport() bool {
	return f.ExpectedDate != nil || f.ExpectedPlace != nil || f.ExpectedCountries != nil
}

// IsReports reports whether the first record of a gold file is an event
// report. It reads at most the first non-blank line.
func IsReports(r io.Reader) (bool, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var f reportFields
		if err := json.Unmarshal(b, &f); err != nil {
			return false, nil // not ours; ReadGold reports the error
		}
		return f.isReport(), nil
	}
	return false, sc.Err()
}

// ReadReports reads event-report gold lines. Every line must be a report
// with a valid expected date; a malformed line is an error naming its line.
func ReadReports(r io.Reader, name string) ([]ReportRecord, error) {
	var out []ReportRecord
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		rec, err := parseReport(b)
		if err != nil {
			return nil, fmt.Errorf("reports %s line %d: %w", name, line, err)
		}
		rec.Line = line
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reports %s line %d: %w", name, line+1, err)
	}
	return out, nil
}

func parseReport(b []byte) (ReportRecord, error) {
	base, err := parseRecord(b)
	if err != nil {
		return ReportRecord{}, err
	}
	var f reportFields
	if err := json.Unmarshal(b, &f); err != nil {
		return ReportRecord{}, err
	}
	if !f.isReport() {
		return ReportRecord{}, fmt.Errorf("record %s: not an event report (no expected_date, expected_place or expected_countries)", base.ID)
	}
	rec := ReportRecord{Record: base}
	if f.ExpectedDate != nil && *f.ExpectedDate != "" {
		d, err := chronicle.ParseDate(*f.ExpectedDate)
		if err != nil {
			return ReportRecord{}, fmt.Errorf("record %s: expected_date: %w", base.ID, err)
		}
		rec.ExpectedDate = d
	}
	if f.ExpectedPlace != nil {
		rec.ExpectedPlace = *f.ExpectedPlace
		p := rec.ExpectedPlace
		if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			return ReportRecord{}, fmt.Errorf("record %s: expected_place %q at %g,%g is off the globe", base.ID, p.Name, p.Lat, p.Lon)
		}
	}
	for _, c := range f.ExpectedCountries {
		c = strings.ToUpper(strings.TrimSpace(c))
		if len(c) != 3 {
			return ReportRecord{}, fmt.Errorf("record %s: expected country %q is not an ISO alpha-3 code", base.ID, c)
		}
		rec.ExpectedCountries = append(rec.ExpectedCountries, c)
	}
	return rec, nil
}

// ExpectedType is the report's PLOVER type: the code of its first expected
// tuple, with PLOVER's old names mapped to the current ones.
func (r ReportRecord) ExpectedType() string {
	if len(r.Expected) == 0 {
		return ""
	}
	return PLOVERName(r.Expected[0].Code)
}

// ProducedEvent is one mention as the report scorer saw it.
type ProducedEvent struct {
	Source   string             `json:"source"`
	Target   string             `json:"target"`
	Code     string             `json:"code"`
	Type     string             `json:"type"`
	Modality chronicle.Modality `json:"modality,omitempty"`
	Date     string             `json:"date"`
	DateFrom string             `json:"date_from,omitempty"`
	Place    string             `json:"place,omitempty"`
	Country  string             `json:"place_country,omitempty"`
	Lat      float64            `json:"lat,omitempty"`
	Lon      float64            `json:"lon,omitempty"`
	Verb     string             `json:"verb,omitempty"`
}

func (p ProducedEvent) String() string {
	s := fmt.Sprintf("%s→%s %s %s", orDash(p.Source), orDash(p.Target), p.Code, orDash(p.Type))
	if p.Modality != "" && p.Modality != chronicle.Asserted {
		s += " (" + string(p.Modality) + ")"
	}
	s += " date " + orDash(p.Date)
	if p.DateFrom != "" {
		s += " from " + p.DateFrom
	}
	if p.Place != "" {
		s += fmt.Sprintf(" place %s, %s (%.2f, %.2f)", p.Place, p.Country, p.Lat, p.Lon)
	} else {
		s += " no place"
	}
	if p.Verb != "" {
		s += " verb=" + p.Verb
	}
	return s
}

// ReportOutcome is one scored report.
type ReportOutcome struct {
	ID       string          `json:"id"`
	Category string          `json:"category"`
	Text     string          `json:"text"`
	Want     ReportRecord    `json:"-"`
	Produced []ProducedEvent `json:"produced"`
	// Chosen indexes the mention scored for date and place, -1 for none.
	Chosen       int     `json:"chosen"`
	Type         bool    `json:"type"`
	Country      bool    `json:"country"`
	AllCountries bool    `json:"all_countries"`
	Date         bool    `json:"date"`
	Place        bool    `json:"place"`
	PlaceKm      float64 `json:"place_km,omitempty"` // distance to the expected place, when located
	Error        string  `json:"error,omitempty"`
}

// Shares are the four (and a half) figures, as fractions of reports.
type Shares struct {
	Reports      int     `json:"reports"`
	Type         float64 `json:"type"`
	Country      float64 `json:"country"`
	AllCountries float64 `json:"all_countries"`
	Date         float64 `json:"date"`
	Place        float64 `json:"place"`

	typeN, countryN, allN, dateN, placeN int
}

func (s *Shares) add(o ReportOutcome) {
	s.Reports++
	s.typeN += b2i(o.Type)
	s.countryN += b2i(o.Country)
	s.allN += b2i(o.AllCountries)
	s.dateN += b2i(o.Date)
	s.placeN += b2i(o.Place)
}

func (s *Shares) finish() {
	if s.Reports == 0 {
		return
	}
	n := float64(s.Reports)
	s.Type, s.Country, s.AllCountries = float64(s.typeN)/n, float64(s.countryN)/n, float64(s.allN)/n
	s.Date, s.Place = float64(s.dateN)/n, float64(s.placeN)/n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ReportsCategory is one line of the per-category table.
type ReportsCategory struct {
	Name string `json:"name"`
	Shares
}

// ReportsResult is the outcome of scoring a reports gold file.
type ReportsResult struct {
	Shares
	// Coded are the shares among the reports for which the pipeline
	// produced at least one mention: what date and place resolution
	// achieve when the coder finds the event at all.
	Coded      Shares            `json:"coded"`
	Errors     int               `json:"errors"`
	Categories []ReportsCategory `json:"categories"`
	// Misses are the reports wrong on at least one question.
	Misses []ReportOutcome `json:"misses"`
}

// RunReports codes every report with code, on all cores, and scores it.
func RunReports(ctx context.Context, recs []ReportRecord, code CodeFunc) (*ReportsResult, error) {
	outs := make([]ReportOutcome, len(recs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(recs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				ms, err := code(ctx, recs[i].Record)
				outs[i] = ScoreReport(recs[i], ms, err)
			}
		}()
	}
feed:
	for i := range recs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("eval reports: %w", err)
	}
	res := &ReportsResult{}
	cats := map[string]*ReportsCategory{}
	for _, o := range outs {
		res.add(o)
		if len(o.Produced) > 0 {
			res.Coded.add(o)
		}
		if o.Error != "" {
			res.Errors++
		}
		c := cats[o.Category]
		if c == nil {
			c = &ReportsCategory{Name: o.Category}
			cats[o.Category] = c
		}
		c.add(o)
		if !(o.Type && o.Country && o.Date && o.Place) {
			res.Misses = append(res.Misses, o)
		}
	}
	res.finish()
	res.Coded.finish()
	for _, c := range cats {
		c.finish()
		res.Categories = append(res.Categories, *c)
	}
	sort.Slice(res.Categories, func(i, j int) bool { return res.Categories[i].Name < res.Categories[j].Name })
	return res, nil
}

// ScoreReport scores what the pipeline produced for one report; the result
// of coding is passed as (mentions, err).
func ScoreReport(rec ReportRecord, ms []chronicle.Mention, err error) ReportOutcome {
	o := ReportOutcome{ID: rec.ID, Category: rec.Category, Text: rec.Text, Want: rec, Chosen: -1, Produced: []ProducedEvent{}}
	if err != nil {
		o.Error = err.Error()
		return o
	}
	want := rec.ExpectedType()
	countries := map[string]bool{}
	for i, m := range ms {
		p := ProducedEvent{Source: m.Source.Code, Target: m.Target.Code, Code: m.Code, Type: m.PLOVER.Type,
			Modality: m.Modality, Date: m.Date.String(), DateFrom: m.DateFrom, Verb: m.Verb.Text}
		if l := m.Location; l != nil {
			p.Place, p.Country, p.Lat, p.Lon = l.Name, l.Country, l.Lat, l.Lon
		}
		o.Produced = append(o.Produced, p)
		if m.PLOVER.Type != "" && m.PLOVER.Type == want && !o.Type {
			o.Type = true
			o.Chosen = i
		}
		for _, c := range []string{m.Source.Country(), m.Target.Country()} {
			if c != "" {
				countries[c] = true
			}
		}
	}
	if len(ms) == 0 {
		return o
	}
	if o.Chosen < 0 {
		o.Chosen = 0
	}
	o.AllCountries = len(rec.ExpectedCountries) > 0
	for _, c := range rec.ExpectedCountries {
		if countries[c] {
			o.Country = true
		} else {
			o.AllCountries = false
		}
	}
	m := ms[o.Chosen]
	o.Date = !rec.ExpectedDate.IsZero() && m.Date == rec.ExpectedDate
	if l := m.Location; l != nil && rec.ExpectedPlace.Name != "" {
		want := chronicle.Location{Lat: rec.ExpectedPlace.Lat, Lon: rec.ExpectedPlace.Lon}
		o.PlaceKm = geo.Distance(*l, want)
		o.Place = FoldName(l.Name) == FoldName(rec.ExpectedPlace.Name) || o.PlaceKm <= PlaceRadiusKm
	}
	return o
}

// FoldName folds a place name for comparison: lower case, accents and
// punctuation dropped, spaces collapsed ("Bogotá" = "bogota", "Port-au-Prince"
// = "port au prince").
func FoldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// WriteText prints the shares, one line per category, and every miss with
// what the pipeline produced.
func (r *ReportsResult) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "event reports: %d", r.Reports)
	if r.Errors > 0 {
		fmt.Fprintf(&b, ", %d coder errors", r.Errors)
	}
	fmt.Fprintf(&b, "\n  right PLOVER type      %.3f (%d)\n", r.Type, r.typeN)
	fmt.Fprintf(&b, "  right actor country    %.3f (%d)   all expected countries %.3f (%d)\n", r.Country, r.countryN, r.AllCountries, r.allN)
	fmt.Fprintf(&b, "  right event date       %.3f (%d)\n", r.Date, r.dateN)
	fmt.Fprintf(&b, "  right place (≤%g km)   %.3f (%d)\n", PlaceRadiusKm, r.Place, r.placeN)
	c := r.Coded
	fmt.Fprintf(&b, "  %d reports produced no event; among the %d that did: type %.3f, country %.3f, all countries %.3f, date %.3f, place %.3f\n\n",
		r.Reports-c.Reports, c.Reports, c.Type, c.Country, c.AllCountries, c.Date, c.Place)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "category\treports\ttype\tcountry\tall countries\tdate\tplace")
	for _, c := range r.Categories {
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", c.Name, c.Reports, c.Type, c.Country, c.AllCountries, c.Date, c.Place)
	}
	tw.Flush()
	if len(r.Misses) > 0 {
		fmt.Fprintf(&b, "\n%d reports with a miss:\n", len(r.Misses))
	}
	for _, o := range r.Misses {
		var wrong []string
		for _, q := range []struct {
			ok   bool
			name string
		}{{o.Type, "type"}, {o.Country, "country"}, {o.Date, "date"}, {o.Place, "place"}} {
			if !q.ok {
				wrong = append(wrong, q.name)
			}
		}
		fmt.Fprintf(&b, "\n%s [%s] wrong: %s\n  %s\n", o.ID, o.Category, strings.Join(wrong, ", "), o.Text)
		p := o.Want.ExpectedPlace
		fmt.Fprintf(&b, "  expected: %s countries %s date %s place %s, %s (%.2f, %.2f)\n", orDash(o.Want.ExpectedType()),
			strings.Join(o.Want.ExpectedCountries, ","), o.Want.ExpectedDate, p.Name, p.Country, p.Lat, p.Lon)
		if len(o.Produced) == 0 {
			b.WriteString("  produced: nothing\n")
		}
		for i, e := range o.Produced {
			mark := " "
			if i == o.Chosen {
				mark = "*"
			}
			fmt.Fprintf(&b, "  produced%s %s\n", mark, e)
		}
		if !o.Place && o.Chosen >= 0 && o.Produced[o.Chosen].Place != "" {
			fmt.Fprintf(&b, "  place is %.0f km from the expected one\n", o.PlaceKm)
		}
		if o.Error != "" {
			fmt.Fprintf(&b, "  error: %s\n", o.Error)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
