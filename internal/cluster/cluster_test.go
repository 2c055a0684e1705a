package cluster

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

func day(s string) chronicle.Date {
	d, err := chronicle.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// mention builds a fixture: id, article, date, source, target, code,
// PLOVER type, modality and location country ("" for none).
func mention(id, article, date, src, tgt, code, plover string, mod chronicle.Modality, country string) chronicle.Mention {
	m := chronicle.Mention{
		ID: id, ArticleID: article,
		Source: chronicle.Actor{Code: src}, Target: chronicle.Actor{Code: tgt},
		Code: code, PLOVER: chronicle.PLOVER{Type: plover}, Modality: mod,
	}
	if len(code) >= 2 {
		m.Root = code[:2]
	}
	if date != "" {
		m.Date = day(date)
	}
	if country != "" {
		m.Location = &chronicle.Location{Name: "somewhere in " + country, Country: country, Precision: chronicle.PrecisionCountry}
	}
	return m
}

// groups renders the clustering as "m1+m2 m3".
func groups(es []chronicle.Event) string {
	var out []string
	for _, e := range es {
		var ids []string
		for _, m := range e.Mentions {
			ids = append(ids, m.ID)
		}
		out = append(out, strings.Join(ids, "+"))
	}
	return strings.Join(out, " ")
}

func TestClusterRules(t *testing.T) {
	const a = chronicle.Asserted
	tests := []struct {
		name string
		ms   []chronicle.Mention
		opt  Options
		want string
	}{
		{"same everything merges", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USAGOV", "PSEGOV", "042", "CONSULT", a, "PSE"),
			mention("m2", "a2", "2023-11-08", "USAGOV", "PSEGOV", "042", "CONSULT", a, "PSE"),
		}, DefaultOptions(), "m1+m2"},
		{"prefix codes merge", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USAGOV", "PSEGOV", "04", "", a, ""),
			mention("m2", "a2", "2023-11-08", "USAGOV", "PSEGOV", "042", "", a, ""),
		}, DefaultOptions(), "m1+m2"},
		{"sibling codes with the same PLOVER type merge", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "ISR", "PSE", "190", "FIGHT", a, ""),
			mention("m2", "a2", "2023-11-08", "ISR", "PSE", "195", "FIGHT", a, ""),
		}, DefaultOptions(), "m1+m2"},
		{"sibling codes without a shared PLOVER type stay apart", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "043", "", a, ""),
		}, DefaultOptions(), "m1 m2"},
		{"no chaining through a general code", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "04", "", a, ""),
			mention("m3", "a3", "2023-11-08", "USA", "PSE", "043", "", a, ""),
		}, DefaultOptions(), "m1+m2 m3"},
		{"different root stays apart", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "CONSULT", a, ""),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "051", "CONSULT", a, ""),
		}, DefaultOptions(), "m1 m2"},
		{"reversed dyad stays apart", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-08", "PSE", "USA", "042", "", a, ""),
		}, DefaultOptions(), "m1 m2"},
		{"one day apart merges, chains over days", []chronicle.Mention{
			mention("m3", "a3", "2023-11-10", "USA", "PSE", "042", "", a, ""),
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-09", "USA", "PSE", "042", "", a, ""),
		}, DefaultOptions(), "m1+m2+m3"},
		{"two days apart stays apart", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-10", "USA", "PSE", "042", "", a, ""),
		}, DefaultOptions(), "m1 m2"},
		{"a wider window merges them", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-10", "USA", "PSE", "042", "", a, ""),
		}, Options{Window: 2}, "m1+m2"},
		{"different countries stay apart", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, "PSE"),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "042", "", a, "ISR"),
		}, DefaultOptions(), "m1 m2"},
		{"unknown country is compatible", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, "PSE"),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "042", "", a, ""),
		}, DefaultOptions(), "m1+m2"},
		{"asserted and reported share a class", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "042", "", chronicle.Reported, ""),
		}, DefaultOptions(), "m1+m2"},
		{"negated and future stay apart from asserted", []chronicle.Mention{
			mention("m1", "a1", "2023-11-08", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a2", "2023-11-08", "USA", "PSE", "042", "", chronicle.Negated, ""),
			mention("m3", "a3", "2023-11-08", "USA", "PSE", "042", "", chronicle.Future, ""),
			mention("m4", "a4", "2023-11-08", "USA", "PSE", "042", "", chronicle.Hypothetical, ""),
		}, DefaultOptions(), "m1 m2 m3+m4"},
		{"undated mentions group only within their article", []chronicle.Mention{
			mention("m1", "a1", "", "USA", "PSE", "042", "", a, ""),
			mention("m2", "a1", "", "USA", "PSE", "042", "", a, ""),
			mention("m3", "a2", "", "USA", "PSE", "042", "", a, ""),
			mention("m4", "a2", "2023-11-08", "USA", "PSE", "042", "", a, ""),
		}, DefaultOptions(), "m1+m2 m3 m4"},
		{"empty input", nil, DefaultOptions(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.opt.Cluster(tt.ms, nil)
			if g := groups(got); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
			n := 0
			for _, e := range got {
				n += e.NumMentions
				for _, m := range e.Mentions {
					if m.EventID != e.ID {
						t.Errorf("mention %s has event id %q, want %q", m.ID, m.EventID, e.ID)
					}
				}
			}
			if n != len(tt.ms) {
				t.Errorf("events count %d mentions, input has %d", n, len(tt.ms))
			}
		})
	}
}

func TestClusterEventFields(t *testing.T) {
	ms := []chronicle.Mention{
		mention("m3", "a3", "2023-11-09", "USAGOV", "PSEGOV", "04", "CONSULT", chronicle.Reported, "PSE"),
		mention("m2", "a2", "2023-11-08", "USAGOV", "PSEGOV", "04", "CONSULT", chronicle.Asserted, ""),
		mention("m1", "a2", "2023-11-08", "USAGOV", "PSEGOV", "042", "CONSULT", chronicle.Asserted, ""),
	}
	ms[2].Goldstein, ms[2].QuadClass = 1.9, 1
	src := map[string]string{"a2": "Wire", "a3": "Wire"}
	es := Cluster(ms, func(id string) string { return src[id] })
	if len(es) != 1 {
		t.Fatalf("got %d events", len(es))
	}
	e := es[0]
	// Earliest mention by (date, id) is m1, also the most specific.
	if e.ID != EventID(KeyOf(ms[2]), "m1") || e.Code != "042" || e.Date != day("2023-11-08") || e.Goldstein != 1.9 || e.QuadClass != 1 {
		t.Errorf("fields from the wrong mention: %+v", e)
	}
	if e.Location == nil || e.Location.Country != "PSE" {
		t.Errorf("location should fall back to the first mention with one: %+v", e.Location)
	}
	if e.NumMentions != 3 || e.NumArticles != 2 || e.NumSources != 1 {
		t.Errorf("counts %d/%d/%d, want 3/2/1", e.NumMentions, e.NumArticles, e.NumSources)
	}
	// Stable: any input order gives the same ids and groups.
	again := Cluster([]chronicle.Mention{ms[1], ms[2], ms[0]}, nil)
	if again[0].ID != e.ID || groups(again) != groups(es) {
		t.Errorf("order changed the result: %s %s vs %s %s", again[0].ID, groups(again), e.ID, groups(es))
	}
}

func TestRepresentative(t *testing.T) {
	tests := []struct {
		ms   []chronicle.Mention
		want string
	}{
		{[]chronicle.Mention{mention("b", "a", "2023-01-02", "X", "Y", "04", "", "", ""), mention("a", "a", "2023-01-03", "X", "Y", "042", "", "", "")}, "b"},
		{[]chronicle.Mention{mention("b", "a", "2023-01-02", "X", "Y", "04", "", "", ""), mention("c", "a", "2023-01-02", "X", "Y", "042", "", "", "")}, "c"},
		{[]chronicle.Mention{mention("b", "a", "2023-01-02", "X", "Y", "042", "", "", ""), mention("c", "a", "2023-01-02", "X", "Y", "042", "", "", "ISR")}, "c"},
		{[]chronicle.Mention{mention("c", "a", "2023-01-02", "X", "Y", "042", "", "", ""), mention("b", "a", "2023-01-02", "X", "Y", "042", "", "", "")}, "b"},
		{[]chronicle.Mention{mention("z", "a", "", "X", "Y", "042", "", "", ""), mention("y", "a", "2023-01-05", "X", "Y", "04", "", "", "")}, "y"},
	}
	for i, tt := range tests {
		if got := tt.ms[Representative(tt.ms)].ID; got != tt.want {
			t.Errorf("case %d: representative %s, want %s", i, got, tt.want)
		}
	}
}

func TestExplain(t *testing.T) {
	ms := []chronicle.Mention{
		mention("m1", "a1", "2023-11-08", "USAGOV", "PSEGOV", "042", "CONSULT", chronicle.Asserted, "PSE"),
		mention("m2", "a2", "2023-11-09", "USAGOV", "PSEGOV", "04", "CONSULT", chronicle.Reported, ""),
		mention("m3", "a3", "2023-11-09", "USAGOV", "PSEGOV", "043", "CONSULT", chronicle.Asserted, "PSE"),
	}
	es := Cluster(ms, nil)
	if len(es) != 1 {
		t.Fatalf("want one event, got %s", groups(es))
	}
	got := Explain(es[0], es[0].Mentions)
	for _, want := range []string{
		es[0].ID, "3 mention(s) in 3 article(s)",
		"source USAGOV, target PSEGOV, CAMEO root 04, modality class occurred",
		"within 1 day(s)",
		"1. m1 2023-11-08 code 042 (CONSULT), article a1 sentence 0, in PSE — earliest mention",
		"representative",
		"2. m2 2023-11-09 code 04", "1 day(s) from m1", "code 04 and 042: one a prefix of the other",
		"3. m3", "same PLOVER type CONSULT",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "NOT") || strings.Contains(got, "INCOMPATIBLE") || strings.Contains(got, "DIFFERS") {
		t.Errorf("a valid event is explained as broken:\n%s", got)
	}
	// Explaining mentions that the rule would not merge says so.
	bad := []chronicle.Mention{ms[0], mention("m9", "a9", "2023-12-25", "USAGOV", "PSEGOV", "051", "", chronicle.Asserted, "ISR")}
	got = Explain(es[0], bad)
	for _, want := range []string{"NOT within the date window", "INCOMPATIBLE", "DIFFERS"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation of a bad merge lacks %q:\n%s", want, got)
		}
	}
}

func BenchmarkCluster(b *testing.B) {
	var ms []chronicle.Mention
	for i := range 5000 {
		ms = append(ms, mention(fmt.Sprint("m", i), fmt.Sprint("a", i/3), day("2023-01-01").AddDays(i%60).String(),
			[]string{"USA", "RUS", "CHN"}[i%3], []string{"UKR", "ISR", "PSE", "IRN"}[i%4], []string{"042", "04", "190", "195"}[i%4],
			[]string{"CONSULT", "CONSULT", "FIGHT", "FIGHT"}[i%4], chronicle.Asserted, ""))
	}
	b.ResetTimer()
	for b.Loop() {
		Cluster(ms, nil)
	}
}

// TestClusterOrderIndependent checks that the input order never changes
// the events or their ids, and that unrelated mentions leave them alone.
func TestClusterOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	var ms []chronicle.Mention
	for i := range 400 {
		ms = append(ms, mention(fmt.Sprint("m", i), fmt.Sprint("a", i%50), day("2023-01-01").AddDays(r.IntN(20)).String(),
			[]string{"USA", "RUS"}[r.IntN(2)], []string{"UKR", "CHN"}[r.IntN(2)], []string{"04", "042", "043", "190", "19"}[r.IntN(5)],
			[]string{"", "CONSULT", "FIGHT"}[r.IntN(3)], []chronicle.Modality{chronicle.Asserted, chronicle.Reported, chronicle.Negated}[r.IntN(3)],
			[]string{"", "UKR", "RUS"}[r.IntN(3)]))
	}
	render := func(es []chronicle.Event) string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID+"="+groups([]chronicle.Event{e}))
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	want := render(Cluster(ms, nil))
	for range 5 {
		shuffled := slices.Clone(ms)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := render(Cluster(shuffled, nil)); got != want {
			t.Fatal("shuffling the input changed the events")
		}
	}
	other := append(slices.Clone(ms), mention("x1", "ax", "2023-01-05", "FRA", "DEU", "042", "CONSULT", chronicle.Asserted, ""))
	got := render(Cluster(other, nil))
	if len(strings.Fields(got)) != len(strings.Fields(want))+1 {
		t.Errorf("an unrelated mention should add exactly one event")
	}
	for _, part := range strings.Fields(want) {
		if !strings.Contains(got, part) {
			t.Fatalf("event %s lost after adding an unrelated mention", part)
		}
	}
}

func TestSourceCounts(t *testing.T) {
	d := chronicle.Date{Year: 2024, Month: 3, Day: 1}
	mk := func(id, art string) chronicle.Mention {
		return chronicle.Mention{ID: id, ArticleID: art, Date: d, Code: "190", Root: "19",
			Source: chronicle.Actor{Code: "RUSMIL"}, Target: chronicle.Actor{Code: "UKR"}, Modality: chronicle.Asserted}
	}
	ms := []chronicle.Mention{mk("m1", "a1"), mk("m2", "a2"), mk("m3", "a2")}
	outlets := map[string]string{"a1": "Wire", "a2": "Wire"}
	tests := []struct {
		name     string
		sourceOf func(string) string
		want     int
	}{
		{"outlets unknown: each article is a source", nil, 2},
		{"one outlet for both articles", func(a string) string { return outlets[a] }, 1},
		{"one known, one unknown", func(a string) string {
			if a == "a1" {
				return "Wire"
			}
			return ""
		}, 2},
	}
	for _, tc := range tests {
		evs := Cluster(append([]chronicle.Mention(nil), ms...), tc.sourceOf)
		if len(evs) != 1 {
			t.Fatalf("%s: %d events, want 1", tc.name, len(evs))
		}
		if e := evs[0]; e.NumSources != tc.want || e.NumArticles != 2 || e.NumMentions != 3 {
			t.Errorf("%s: sources %d articles %d mentions %d, want %d, 2, 3", tc.name, e.NumSources, e.NumArticles, e.NumMentions, tc.want)
		}
	}
}
