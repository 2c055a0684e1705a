package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/geo"
)

var updateReportPlaces = flag.Bool("update-report-places", false,
	"rewrite the coordinates of testdata/reports/reports.jsonl from the gazetteer")

const reportsFile = "../../testdata/reports/reports.jsonl"

// reportLine is a reports gold line as written, fields in file order.
type reportLine struct {
	ID                string         `json:"id"`
	Date              string         `json:"date"`
	Text              string         `json:"text"`
	Expected          []Tuple        `json:"expected"`
	ExpectedDate      string         `json:"expected_date"`
	ExpectedPlace     *ExpectedPlace `json:"expected_place"`
	ExpectedCountries []string       `json:"expected_countries"`
	Category          string         `json:"category"`
}

// gazetteerPlace is the place a report names: the first gazetteer entry of
// that name in the expected country at the expected precision.
func gazetteerPlace(g *geo.Gazetteer, p ExpectedPlace) (geo.Place, bool) {
	for _, c := range g.Lookup(p.Name) {
		if c.Country == p.Country && c.Precision() == p.Precision {
			return c, true
		}
	}
	return geo.Place{}, false
}

// TestReportPlacesFromGazetteer checks that every expected place of the
// reports gold is a gazetteer place with the gazetteer's coordinates; run
// with -update-report-places to write them.
func TestReportPlacesFromGazetteer(t *testing.T) {
	b, err := os.ReadFile(reportsFile)
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for i, ln := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var r reportLine
		if err := json.Unmarshal(ln, &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if r.ExpectedPlace == nil {
			t.Fatalf("%s: no expected_place", r.ID)
		}
		p, ok := gazetteerPlace(g, *r.ExpectedPlace)
		if !ok {
			t.Errorf("%s: %q is no %s of %s in the gazetteer", r.ID, r.ExpectedPlace.Name, r.ExpectedPlace.Precision, r.ExpectedPlace.Country)
			continue
		}
		if *updateReportPlaces {
			r.ExpectedPlace.Lat, r.ExpectedPlace.Lon = p.Lat, p.Lon
			enc, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			out.Write(enc)
			out.WriteByte('\n')
			continue
		}
		if math.Abs(p.Lat-r.ExpectedPlace.Lat) > 1e-6 || math.Abs(p.Lon-r.ExpectedPlace.Lon) > 1e-6 {
			t.Errorf("%s: %s at %g,%g; the gazetteer has %g,%g", r.ID, r.ExpectedPlace.Name,
				r.ExpectedPlace.Lat, r.ExpectedPlace.Lon, p.Lat, p.Lon)
		}
	}
	if *updateReportPlaces && !t.Failed() {
		if err := os.WriteFile(reportsFile, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReportsGoldShape checks the gold file itself: enough reports, read
// as reports, each dated on or before its article, in 2000–2026, with
// a PLOVER type and a category, and many countries.
func TestReportsGoldShape(t *testing.T) {
	f, err := os.Open(reportsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ok, err := IsReports(f)
	if err != nil || !ok {
		t.Fatalf("IsReports = %v, %v; want true", ok, err)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	recs, err := ReadReports(f, filepath.Base(reportsFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 110 {
		t.Errorf("%d reports, want at least 110", len(recs))
	}
	countries := map[string]bool{}
	ids := map[string]bool{}
	for _, r := range recs {
		if ids[r.ID] {
			t.Errorf("%s: duplicate id", r.ID)
		}
		ids[r.ID] = true
		a, err := r.Article()
		if err != nil {
			t.Fatal(err)
		}
		if r.ExpectedDate.IsZero() || a.Date.Before(r.ExpectedDate) {
			t.Errorf("%s: event %s after article %s", r.ID, r.ExpectedDate, a.Date)
		}
		if r.ExpectedDate.Year < 2000 || r.ExpectedDate.Year > 2026 {
			t.Errorf("%s: event year %d outside 2000-2026", r.ID, r.ExpectedDate.Year)
		}
		if r.Suite != PLOVER || r.ExpectedType() == "" || r.Category == "(none)" {
			t.Errorf("%s: suite %s type %q category %q", r.ID, r.Suite, r.ExpectedType(), r.Category)
		}
		if len(r.ExpectedCountries) == 0 {
			t.Errorf("%s: no expected countries", r.ID)
		}
		countries[r.ExpectedPlace.Country] = true
	}
	if len(countries) < 40 {
		t.Errorf("places in %d countries, want at least 40", len(countries))
	}
}

func TestIsReports(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`{"id":"a","text":"x","expected":[]}`, false},
		{"\n\n" + `{"id":"a","text":"x","expected_date":"2020-01-01"}`, true},
		{`{"id":"a","expected_countries":[]}`, true},
		{`{"id":"a","expected_place":{"name":"Kyiv"}}`, true},
		{`not json`, false},
		{``, false},
	} {
		got, err := IsReports(strings.NewReader(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("IsReports(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestReadReportsErrors(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{`{"id":"a","text":"x"}`, "not an event report"},
		{`{"id":"a","expected_date":"2020-02-30"}`, "expected_date"},
		{`{"id":"a","expected_countries":["UKRAINE"]}`, "not an ISO alpha-3"},
		{`{"id":"a","expected_place":{"name":"X","lat":91,"lon":0}}`, "off the globe"},
		{"{\"id\":\"a\",\"expected_date\":\"2020-01-01\"}\n{", "line 2"},
	} {
		_, err := ReadReports(strings.NewReader(tc.in), "t")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadReports(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestScoreReport(t *testing.T) {
	kyiv := &chronicle.Location{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52}
	brovary := &chronicle.Location{Name: "Brovary", Country: "UKR", Lat: 50.51, Lon: 30.79} // about 20 km
	lviv := &chronicle.Location{Name: "Lviv", Country: "UKR", Lat: 49.84, Lon: 24.02}
	day := chronicle.Date{Year: 2022, Month: 10, Day: 17}
	rec := ReportRecord{
		Record:            Record{ID: "r", Category: "drone", Expected: []Tuple{{Source: "RUS", Target: "UKR", Code: "FIGHT"}}},
		ExpectedDate:      day,
		ExpectedPlace:     ExpectedPlace{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52},
		ExpectedCountries: []string{"RUS", "UKR"},
	}
	mention := func(src, tgt, typ string, d chronicle.Date, l *chronicle.Location) chronicle.Mention {
		return chronicle.Mention{Source: chronicle.Actor{Code: src}, Target: chronicle.Actor{Code: tgt},
			PLOVER: chronicle.PLOVER{Type: typ}, Date: d, Location: l}
	}
	type want struct{ typ, country, all, date, place bool }
	for _, tc := range []struct {
		name string
		ms   []chronicle.Mention
		err  error
		want want
	}{
		{"all right", []chronicle.Mention{mention("RUSMIL", "UKR", "ASSAULT", day, kyiv)}, nil, want{true, true, true, true, true}},
		{"nothing", nil, nil, want{}},
		{"error", []chronicle.Mention{mention("RUSMIL", "UKR", "ASSAULT", day, kyiv)}, errors.New("boom"), want{}},
		{"near place", []chronicle.Mention{mention("RUSMIL", "UKR", "ASSAULT", day, brovary)}, nil, want{true, true, true, true, true}},
		{"far place", []chronicle.Mention{mention("RUSMIL", "UKR", "ASSAULT", day, lviv)}, nil, want{true, true, true, true, false}},
		{"one country", []chronicle.Mention{mention("RUSMIL", "", "ASSAULT", day, nil)}, nil, want{true, true, false, true, false}},
		{"wrong type, first chosen", []chronicle.Mention{mention("RUS", "UKR", "ACCUSE", day.AddDays(-1), kyiv)}, nil, want{false, true, true, false, true}},
		{"type mention chosen for date", []chronicle.Mention{
			mention("UKR", "RUS", "ACCUSE", day.AddDays(-1), lviv),
			mention("RUS", "UKR", "ASSAULT", day, kyiv)}, nil, want{true, true, true, true, true}},
		{"no country", []chronicle.Mention{mention("---", "", "ASSAULT", day, kyiv)}, nil, want{true, false, false, true, true}},
	} {
		o := ScoreReport(rec, tc.ms, tc.err)
		got := want{o.Type, o.Country, o.AllCountries, o.Date, o.Place}
		if got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestFoldName(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Bogotá", "bogota"},
		{"Port-au-Prince", "port au prince"},
		{"  Re'im ", "re im"},
		{"Al Ḩudaydah", "al hudaydah"},
	} {
		if got := FoldName(tc.a); got != tc.b {
			t.Errorf("FoldName(%q) = %q, want %q", tc.a, got, tc.b)
		}
	}
}

func FuzzReadReports(f *testing.F) {
	f.Add([]byte(`{"id":"a","date":"2020-01-02","text":"x","expected":[{"code":"PROTEST"}],"expected_date":"2020-01-01","expected_place":{"name":"Kyiv","lat":50,"lon":30},"expected_countries":["UKR"]}`))
	f.Add([]byte("{\"id\":\"b\",\"expected_countries\":[\"ukr\"]}\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := ReadReports(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.ID == "" {
				t.Fatal("record without id")
			}
			for _, c := range r.ExpectedCountries {
				if len(c) != 3 || strings.ToUpper(c) != c {
					t.Fatalf("country %q", c)
				}
			}
			o := ScoreReport(r, nil, nil)
			if o.Type || o.Country || o.Date || o.Place {
				t.Fatalf("nothing produced scored right: %+v", o)
			}
		}
	})
}

func TestRunReports(t *testing.T) {
	day := chronicle.Date{Year: 2020, Month: 5, Day: 9}
	rec := func(id, cat string) ReportRecord {
		return ReportRecord{Record: Record{ID: id, Category: cat, Expected: []Tuple{{Code: "PROTEST"}}},
			ExpectedDate: day, ExpectedPlace: ExpectedPlace{Name: "Minsk", Lat: 53.9, Lon: 27.57}, ExpectedCountries: []string{"BLR"}}
	}
	recs := []ReportRecord{rec("a", "protest"), rec("b", "protest"), rec("c", "riot")}
	code := func(_ context.Context, r Record) ([]chronicle.Mention, error) {
		switch r.ID {
		case "a":
			return []chronicle.Mention{{Source: chronicle.Actor{Code: "BLRCVL"}, PLOVER: chronicle.PLOVER{Type: "PROTEST"}, Date: day,
				Location: &chronicle.Location{Name: "Minsk", Lat: 53.9, Lon: 27.57}}}, nil
		case "b":
			return nil, nil
		}
		return []chronicle.Mention{{Source: chronicle.Actor{Code: "BLRCVL"}, PLOVER: chronicle.PLOVER{Type: "ASSAULT"}, Date: day.AddDays(-1)}}, nil
	}
	res, err := RunReports(context.Background(), recs, code)
	if err != nil {
		t.Fatal(err)
	}
	third := 1.0 / 3
	if res.Reports != 3 || res.Type != third || res.Country != 2*third || res.Date != third || res.Place != third {
		t.Errorf("shares %+v", res.Shares)
	}
	if res.Coded.Reports != 2 || res.Coded.Type != 0.5 || res.Coded.Country != 1 {
		t.Errorf("coded shares %+v", res.Coded)
	}
	if len(res.Misses) != 2 || res.Misses[0].ID != "b" || res.Misses[1].ID != "c" {
		t.Errorf("misses %+v", res.Misses)
	}
	if len(res.Categories) != 2 || res.Categories[0].Name != "protest" || res.Categories[0].Type != 0.5 || res.Categories[1].Reports != 1 {
		t.Errorf("categories %+v", res.Categories)
	}
	var b strings.Builder
	if err := res.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"1 reports produced no event; among the 2 that did", "b [protest] wrong: type, country, date, place", "produced: nothing",
		"c [riot] wrong: type, date, place", "produced* BLRCVL→(none)  ASSAULT date 2020-05-08 no place"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("report lacks %q:\n%s", w, b.String())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunReports(ctx, recs, code); err == nil {
		t.Error("cancelled run: no error")
	}
}
