package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fipsTable is a tiny stand-in for the gazetteer's ISO→FIPS table.
type fipsTable map[string]string

func (f fipsTable) FIPSOf(loc chronicle.Location) string { return f[loc.Country] }
func (f fipsTable) ADM1Code(loc chronicle.Location) string {
	if loc.Admin1 == "Kharkivska" {
		return "UP07"
	}
	return ""
}

var testCodes = fipsTable{"PSE": "WE", "USA": "US", "ISR": "IS", "UKR": "UP"}

func fixtureEvents() []chronicle.Event {
	d := func(s string) chronicle.Date { v, _ := chronicle.ParseDate(s); return v }
	return []chronicle.Event{
		{
			ID: "ev-1", Date: d("2023-11-08"),
			Source: chronicle.Actor{Code: "USAGOV", Text: "U.S. Secretary of State Antony Blinken", Entity: "Antony Blinken", Start: 57, End: 95},
			Target: chronicle.Actor{Code: "PSEGOV", Text: "Palestinian President Mahmoud Abbas", Entity: "Mahmoud Abbas", Start: 120, End: 155},
			Code:   "042", Root: "04", QuadClass: 1, Goldstein: 1.9,
			PLOVER:      chronicle.PLOVER{Type: "CONSULT", Mode: "visit", Context: "diplomatic"},
			Modality:    chronicle.Asserted,
			Location:    &chronicle.Location{Name: "West Bank", Country: "PSE", Lat: 31.95, Lon: 35.25, Precision: chronicle.PrecisionRegion},
			NumMentions: 2, NumArticles: 1, NumSources: 1, Tone: -2.5,
			Added: time.Date(2023, 11, 9, 12, 0, 0, 0, time.UTC),
			Mentions: []chronicle.Mention{
				{ArticleID: "a1", Sentence: 0, URL: "https://example.org/a1", Outlet: "Example News", Date: d("2023-11-08"),
					Source:   chronicle.Actor{Code: "USAGOV", Text: "U.S. Secretary of State Antony Blinken", Start: 57, End: 95},
					Target:   chronicle.Actor{Code: "PSEGOV", Text: "Palestinian President Mahmoud Abbas", Start: 120, End: 155},
					Evidence: chronicle.Span{Text: "Blinken had a tense\tmeeting with Abbas.", Start: 40, End: 212},
					Verb:     chronicle.Span{Text: "meeting", Start: 106, End: 113}, Issues: []string{"PEACE"}, Tone: -2.5},
				{ArticleID: "a1", Sentence: 6, URL: "https://example.org/a1", Outlet: "Example News", Date: d("2023-11-08"),
					Source:   chronicle.Actor{Code: "USAGOV", Text: "Blinken", Start: 700, End: 707},
					Target:   chronicle.Actor{Code: "PSEGOV", Text: "Abbas", Start: 725, End: 730},
					Evidence: chronicle.Span{Text: "Blinken’s meeting with Abbas marked the beginning.", Start: 700, End: 760},
					Verb:     chronicle.Span{Text: "meeting", Start: 710, End: 717}, Issues: []string{"PEACE"}, Tone: -2.5},
			},
		},
		{
			ID: "ev-2", Date: d("2022-03-01"),
			Source: chronicle.Actor{Code: "RUSMIL", Text: "Russian forces"},
			Target: chronicle.Actor{Code: "UKR", Text: "Kharkiv"},
			Code:   "195", Root: "19", QuadClass: 4, Goldstein: -10,
			PLOVER:      chronicle.PLOVER{Type: "ASSAULT", Mode: "aerial"},
			Modality:    chronicle.Asserted,
			Location:    &chronicle.Location{Name: "Kharkiv", Country: "UKR", Admin1: "Kharkivska", GeonameID: 706483, Lat: 49.98, Lon: 36.25, Precision: chronicle.PrecisionCity},
			NumMentions: 1, NumArticles: 1, NumSources: 1,
		},
		{
			ID: "ev-3", Date: d("2022-03-02"),
			Source: chronicle.Actor{Code: "IGOUNO", Text: "the United Nations"},
			Target: chronicle.Actor{Code: "RUS", Text: "Moscow"},
			Code:   "112", Root: "11", QuadClass: 3, Goldstein: -2,
			PLOVER:      chronicle.PLOVER{Type: "ACCUSE"},
			Modality:    chronicle.Negated,
			NumMentions: 1, NumArticles: 1, NumSources: 1,
		},
	}
}

func seq(evs []chronicle.Event) iter.Seq2[chronicle.Event, error] {
	return func(yield func(chronicle.Event, error) bool) {
		for _, e := range evs {
			if !yield(e, nil) {
				return
			}
		}
	}
}

func export(t *testing.T, f Format, evs []chronicle.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := Write(context.Background(), &buf, f, seq(evs), Options{Codes: testCodes})
	if err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	if n != len(evs) {
		t.Fatalf("Write %s wrote %d events, want %d", f, n, len(evs))
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, f := range []Format{GDELT, GDELTMentions, Phoenix, PLOVER, CSV, GeoJSON, GraphML, EdgeList} {
		t.Run(string(f), func(t *testing.T) {
			got := export(t, f, fixtureEvents())
			path := filepath.Join("testdata", string(f)+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s:\n got: %s\nwant: %s", f, path, got, want)
			}
		})
	}
}

// gdeltEventColumns is the published GDELT 2.0 event table, in order.
var gdeltEventColumns = strings.Fields(`GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL`)

var gdeltMentionColumns = strings.Fields(`GLOBALEVENTID EventTimeDate MentionTimeDate MentionType
MentionSourceName MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset
InRawText Confidence MentionDocLen MentionDocTone MentionDocTranslationInfo Extras`)

// loadTSV reads a header-less GDELT file the way users' scripts do: split
// on tabs and name the cells by the published column list.
func loadTSV(t *testing.T, data []byte, cols []string) []map[string]string {
	t.Helper()
	var rows []map[string]string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		cells := strings.Split(line, "\t")
		if len(cells) != len(cols) {
			t.Fatalf("line %d has %d columns, the published table has %d", i+1, len(cells), len(cols))
		}
		row := map[string]string{}
		for j, c := range cols {
			row[c] = cells[j]
		}
		rows = append(rows, row)
	}
	return rows
}

func TestGDELTLoadsWithPublishedColumns(t *testing.T) {
	if len(gdeltEventColumns) != 61 {
		t.Fatalf("test column list has %d names", len(gdeltEventColumns))
	}
	rows := loadTSV(t, export(t, GDELT, fixtureEvents()), gdeltEventColumns)
	tests := []struct {
		row       int
		col, want string
	}{
		{0, "SQLDATE", "20231108"},
		{0, "MonthYear", "202311"},
		{0, "Actor1Code", "USAGOV"},
		{0, "Actor1Name", "ANTONY BLINKEN"},
		{0, "Actor1CountryCode", "USA"},
		{0, "Actor1Type1Code", "GOV"},
		{0, "Actor2CountryCode", "PSE"},
		{0, "IsRootEvent", "1"},
		{0, "EventCode", "042"},
		{0, "EventBaseCode", "042"},
		{0, "EventRootCode", "04"},
		{0, "QuadClass", "1"},
		{0, "GoldsteinScale", "1.9"},
		{0, "NumMentions", "2"},
		{0, "AvgTone", "-2.5"},
		{0, "ActionGeo_Type", "5"},
		{0, "ActionGeo_CountryCode", "WE"},
		{0, "DATEADDED", "20231109120000"},
		{0, "SOURCEURL", "https://example.org/a1"},
		{1, "EventBaseCode", "195"},
		{1, "ActionGeo_Type", "4"},
		{1, "ActionGeo_CountryCode", "UP"},
		{1, "ActionGeo_FeatureID", "706483"},
		{1, "ActionGeo_ADM1Code", "UP07"},
		{1, "Actor1Type1Code", "MIL"},
		{2, "Actor1Type1Code", "IGO"},
		{2, "Actor1KnownGroupCode", "UNO"},
		{2, "Actor1CountryCode", ""},
		{2, "ActionGeo_Type", "0"},
	}
	for _, tc := range tests {
		if got := rows[tc.row][tc.col]; got != tc.want {
			t.Errorf("row %d %s = %q, want %q", tc.row, tc.col, got, tc.want)
		}
	}
	if rows[0]["GLOBALEVENTID"] != rows[0]["GLOBALEVENTID"] || rows[0]["GLOBALEVENTID"] == rows[1]["GLOBALEVENTID"] {
		t.Error("event ids not distinct")
	}
	mentions := loadTSV(t, export(t, GDELTMentions, fixtureEvents()), gdeltMentionColumns)
	if len(mentions) != 2 {
		t.Fatalf("mentions rows = %d, want 2", len(mentions))
	}
	if m := mentions[1]; m["GLOBALEVENTID"] != rows[0]["GLOBALEVENTID"] || m["SentenceID"] != "7" || m["Actor1CharOffset"] != "700" || m["ActionCharOffset"] != "710" {
		t.Errorf("mention row = %v", m)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	r := csv.NewReader(bytes.NewReader(export(t, CSV, fixtureEvents())))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("rows = %d, want header + 3", len(recs))
	}
	idx := map[string]int{}
	for i, h := range recs[0] {
		idx[h] = i
	}
	if got := recs[1][idx["evidence"]]; got != "Blinken had a tense\tmeeting with Abbas." {
		t.Errorf("evidence = %q", got)
	}
	if got := recs[3][idx["modality"]]; got != "negated" {
		t.Errorf("modality = %q", got)
	}
	if got := recs[2][idx["lat"]]; got != "49.98" {
		t.Errorf("lat = %q", got)
	}
}

func TestPLOVERRoundTrip(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(export(t, PLOVER, fixtureEvents()))), "\n")
	if len(lines) != 3 {
		t.Fatalf("lines = %d", len(lines))
	}
	var rec PLOVERRecord
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.EventType != "CONSULT" || rec.Mode != "visit" || rec.Actor[0].Country != "USA" || rec.Actor[0].Sector != "GOV" ||
		rec.Recipient[0].Code != "PSEGOV" || len(rec.TextInfo) != 2 || rec.TextInfo[1].EventStart != 710 ||
		len(rec.CiteInfo) != 1 || rec.Location.Country != "PSE" {
		t.Errorf("record = %+v", rec)
	}
	var un PLOVERRecord
	json.Unmarshal([]byte(lines[2]), &un)
	if un.Actor[0].Sector != "IGO" || un.Actor[0].Country != "" || un.Location != nil || un.Modality != "negated" {
		t.Errorf("record = %+v", un)
	}
}

func TestGeoJSONSkipsUnlocated(t *testing.T) {
	var fc struct {
		Type     string    `json:"type"`
		Features []Feature `json:"features"`
	}
	if err := json.Unmarshal(export(t, GeoJSON, fixtureEvents()), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("got %s with %d features, want 2", fc.Type, len(fc.Features))
	}
	if c := fc.Features[1].Geometry.Coordinates; c != [2]float64{36.25, 49.98} {
		t.Errorf("coordinates = %v, want lon,lat", c)
	}
	// An empty export is still valid GeoJSON.
	if err := json.Unmarshal(export(t, GeoJSON, nil), &fc); err != nil || len(fc.Features) != 0 {
		t.Errorf("empty export: %v, %d features", err, len(fc.Features))
	}
}

func TestGraphMLParses(t *testing.T) {
	evs := fixtureEvents()
	evs = append(evs, evs[0]) // a second USAGOV→PSEGOV event
	var g struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(export(t, GraphML, evs), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Graph.Nodes) != 6 || len(g.Graph.Edges) != 3 {
		t.Fatalf("nodes %d edges %d, want 6 and 3", len(g.Graph.Nodes), len(g.Graph.Edges))
	}
	e := g.Graph.Edges[0]
	if e.Source != "USAGOV" || e.Target != "PSEGOV" || e.Data[0].Value != "2" {
		t.Errorf("heaviest edge = %+v", e)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := Write(context.Background(), &bytes.Buffer{}, "xlsx", seq(nil), Options{})
	if err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("err = %v", err)
	}
}

func TestSplitActor(t *testing.T) {
	tests := []struct {
		code                  string
		country, group, type1 string
	}{
		{"USAGOV", "USA", "", "GOV"},
		{"IGOUNO", "", "UNO", "IGO"},
		{"---REB", "", "", "REB"},
		{"PSEREBHMS", "PSE", "HMS", "REB"},
		{"", "", "", ""},
	}
	for _, tc := range tests {
		c := splitActor(tc.code)
		if c.country != tc.country || c.knownGroup != tc.group || c.types[0] != tc.type1 {
			t.Errorf("splitActor(%q) = %+v", tc.code, c)
		}
	}
}

func BenchmarkGDELT(b *testing.B)   { benchFormat(b, GDELT) }
func BenchmarkPLOVER(b *testing.B)  { benchFormat(b, PLOVER) }
func BenchmarkParquet(b *testing.B) { benchFormat(b, Parquet) }

func benchFormat(b *testing.B, f Format) {
	evs := fixtureEvents()
	many := func(yield func(chronicle.Event, error) bool) {
		for i := 0; i < b.N; i++ {
			if !yield(evs[i%len(evs)], nil) {
				return
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := Write(context.Background(), discard{}, f, many, Options{Codes: testCodes}); err != nil {
		b.Fatal(err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
