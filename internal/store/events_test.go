package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cluster"
)

// mk builds a mention fixture.
func mk(article string, sentence int, date, src, tgt, code, plover string, quad int, gold float64, mod chronicle.Modality, country, evidence string) chronicle.Mention {
	m := chronicle.Mention{
		ArticleID: article, Sentence: sentence,
		Source: chronicle.Actor{Code: src, Text: "src " + src}, Target: chronicle.Actor{Code: tgt, Text: "tgt " + tgt},
		Code: code, QuadClass: quad, Goldstein: gold, PLOVER: chronicle.PLOVER{Type: plover}, Modality: mod,
		Evidence: chronicle.Span{Text: evidence, Start: 0, End: len(evidence)},
		Verb:     chronicle.Span{Text: "v", Start: sentence, End: sentence + 1},
	}
	if date != "" {
		m.Date = day(date)
	}
	if country != "" {
		m.Location = &chronicle.Location{Name: "place in " + country, Country: country, Precision: chronicle.PrecisionCountry}
	}
	return m
}

func putArticle(t testing.TB, s *Store, id, date, source string) {
	t.Helper()
	a := chronicle.Article{ID: id, Text: "text of " + id, Source: source}
	if date != "" {
		a.Date = day(date)
	}
	res, err := s.PutArticles(context.Background(), []chronicle.Article{a})
	if err != nil || res[0].Status != New {
		t.Fatalf("put %s: %v %+v", id, err, res)
	}
}

func TestMentionRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	putArticle(t, s, "a1", "2023-11-08", "Wire")
	m := chronicle.Mention{
		ID: "m-full", ArticleID: "a1", Sentence: 2,
		Date: day("2023-11-07"), DatePrecision: chronicle.PrecisionDay, DateFrom: "text",
		DateSpan: &chronicle.Span{Text: "the day before", Start: 10, End: 24},
		Source: chronicle.Actor{Code: "USAGOV", Text: "the secretary", Entity: "Antony Blinken", Start: 30, End: 43,
			Resolved: &chronicle.Span{Text: "U.S. Secretary of State Antony Blinken", Start: 0, End: 38}},
		Target: chronicle.Actor{Code: "PSEGOV", Text: "Abbas", Entity: "Mahmoud Abbas", Start: 50, End: 55},
		Code:   "042", Root: "04", QuadClass: 1, Goldstein: 1.9,
		PLOVER:   chronicle.PLOVER{Type: "CONSULT", Mode: "visit", Context: "diplomacy"},
		Modality: chronicle.Reported,
		Location: &chronicle.Location{Name: "Ramallah", Country: "PSE", Admin1: "West Bank", GeonameID: 282615, Lat: 31.9, Lon: 35.2,
			Precision: chronicle.PrecisionCity, Evidence: &chronicle.Span{Text: "Ramallah", Start: 60, End: 68}},
		Issues: []string{"HUMANITARIAN", "CEASEFIRE"},
		Claim: &chronicle.Claim{ID: "c1", ArticleID: "a1", Sentence: 2,
			Speaker:   chronicle.Actor{Code: "USAGOV", Text: "Blinken", Start: 30, End: 37},
			Verb:      chronicle.Span{Text: "proposed", Start: 38, End: 46},
			Content:   chronicle.Span{Text: "rolling humanitarian pauses", Start: 47, End: 74},
			Addressee: &chronicle.Actor{Code: "ISRGOV", Text: "Israel", Start: 80, End: 86},
			Stance:    "support"},
		Evidence:     chronicle.Span{Text: "The secretary met Abbas in Ramallah the day before.", Start: 100, End: 151},
		Verb:         chronicle.Span{Text: "met", Start: 114, End: 117},
		Pattern:      "MEET WITH",
		CoderVersion: "coder-1",
	}
	bare := mk("a1", 3, "", "", "", "01", "", 0, 0, "", "", "An undated statement.")
	bare.Source.Text, bare.Target.Text = "", ""
	if err := s.PutMentions(ctx, "a1", []chronicle.Mention{m, bare}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ArticleMentions(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d mentions", len(got))
	}
	if got[0].EventID == "" || got[1].EventID == "" || got[1].ID == "" || got[1].Root != "01" {
		t.Fatalf("ids not assigned: %+v", got)
	}
	want := m
	want.EventID = got[0].EventID
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got[0], want)
	}
	wantBare := bare
	wantBare.ID, wantBare.EventID, wantBare.Root = got[1].ID, got[1].EventID, "01"
	if !reflect.DeepEqual(got[1], wantBare) {
		t.Errorf("round trip of a bare mention:\n got %+v\nwant %+v", got[1], wantBare)
	}
	e, err := s.Event(ctx, got[0].EventID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Code != "042" || e.Source.Entity != "Antony Blinken" || e.Location == nil || e.Location.Name != "Ramallah" ||
		e.Location.Evidence != nil || e.NumMentions != 1 || e.NumSources != 1 || len(e.Mentions) != 1 || !reflect.DeepEqual(e.Mentions[0], want) {
		t.Errorf("event: %+v", e)
	}
	if _, err := s.Event(ctx, "ev_nope"); !errors.Is(err, chronicle.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
	// Mentions of an article that is not stored are refused.
	if err := s.PutMentions(ctx, "ghost", []chronicle.Mention{mk("ghost", 0, "2023-01-01", "A", "B", "01", "", 1, 0, "", "", "x")}); err == nil {
		t.Error("mentions of a missing article were stored")
	}
}

func TestSentences(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	res, err := s.PutArticles(ctx, []chronicle.Article{{ID: "a", Text: "One. Two two."}})
	if err != nil || res[0].Status != New {
		t.Fatal(err, res)
	}
	ss := []chronicle.Sentence{{ArticleID: "a", Index: 0, Span: chronicle.Span{Text: "One.", Start: 0, End: 4}},
		{ArticleID: "a", Index: 1, Span: chronicle.Span{Text: "Two two.", Start: 5, End: 13}}}
	for range 2 { // replacing is idempotent
		if err := s.PutSentences(ctx, "a", ss); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Sentences(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ss) {
		t.Errorf("sentences: %+v", got)
	}
}

func eventMentionIDs(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for e, err := range s.EachEvent(context.Background(), chronicle.EventFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		full, err := s.Event(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Mentions {
			out[e.ID] = append(out[e.ID], m.ArticleID+"/"+m.Code)
		}
		if len(full.Mentions) != e.NumMentions {
			t.Errorf("event %s counts %d mentions, has %d", e.ID, e.NumMentions, len(full.Mentions))
		}
	}
	return out
}

func TestRecodeReclusters(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	putArticle(t, s, "a1", "2023-11-08", "Wire")
	putArticle(t, s, "a2", "2023-11-09", "Daily")
	putArticle(t, s, "a3", "2023-11-09", "Wire")
	meet := func(a string, date, code, ev string) chronicle.Mention {
		return mk(a, 0, date, "USAGOV", "PSEGOV", code, "CONSULT", 1, 1.9, chronicle.Asserted, "PSE", ev)
	}
	err := s.PutCoded(ctx, []CodedArticle{
		{ArticleID: "a1", CoderVersion: "v1", Mentions: []chronicle.Mention{meet("a1", "2023-11-08", "042", "Blinken met Abbas in Ramallah.")}},
		{ArticleID: "a2", CoderVersion: "v1", Mentions: []chronicle.Mention{meet("a2", "2023-11-09", "04", "The two men held talks.")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	groups := eventMentionIDs(t, s)
	if len(groups) != 1 {
		t.Fatalf("want one event, got %v", groups)
	}
	for id := range groups {
		e, _ := s.Event(ctx, id)
		if e.NumArticles != 2 || e.NumSources != 2 || e.Code != "042" || e.Date != day("2023-11-08") {
			t.Errorf("merged event: %+v", e)
		}
		if got := cluster.Explain(e, e.Mentions); !strings.Contains(got, "1 day(s) from") {
			t.Errorf("explanation:\n%s", got)
		}
	}
	if v, err := s.CodedVersion(ctx, "a1"); err != nil || v != "v1" {
		t.Errorf("coded version %q %v", v, err)
	}
	if v, err := s.CodedVersion(ctx, "a3"); err != nil || v != "" {
		t.Errorf("uncoded version %q %v", v, err)
	}

	// A third article joins the event; recoding a2 as fighting splits it
	// off; the evidence search follows the recode.
	if err := s.PutMentions(ctx, "a3", []chronicle.Mention{meet("a3", "2023-11-09", "042", "Talks continued in Ramallah.")}); err != nil {
		t.Fatal(err)
	}
	if g := eventMentionIDs(t, s); len(g) != 1 || len(g[firstKey(g)]) != 3 {
		t.Fatalf("after a3: %v", g)
	}
	recoded := mk("a2", 0, "2023-11-09", "USAGOV", "PSEGOV", "190", "FIGHT", 4, -10, chronicle.Asserted, "PSE", "Forces clashed near the border.")
	if err := s.PutCoded(ctx, []CodedArticle{{ArticleID: "a2", CoderVersion: "v2", Mentions: []chronicle.Mention{recoded}}}); err != nil {
		t.Fatal(err)
	}
	g := eventMentionIDs(t, s)
	var shapes []string
	for _, ms := range g {
		sort.Strings(ms)
		shapes = append(shapes, strings.Join(ms, "+"))
	}
	sort.Strings(shapes)
	if fmt.Sprint(shapes) != "[a1/042+a3/042 a2/190]" {
		t.Errorf("after recode: %v", shapes)
	}
	if v, _ := s.CodedVersion(ctx, "a2"); v != "v2" {
		t.Errorf("coded version after recode %q", v)
	}
	for q, want := range map[string]int{"men": 0, "clashed": 1, "ramallah": 1} {
		es, _, err := s.Events(ctx, chronicle.EventFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != want {
			t.Errorf("q=%s: %d events, want %d", q, len(es), want)
		}
	}
	// Deleting an article removes its mentions and shrinks its event.
	if err := s.DeleteArticle(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, "a1"); !errors.Is(err, chronicle.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	g = eventMentionIDs(t, s)
	if len(g) != 2 {
		t.Errorf("after delete: %v", g)
	}
	checkConsistent(t, s)
	// Recluster with a wider window is reversible.
	before := eventMentionIDs(t, s)
	if err := s.Recluster(ctx, cluster.Options{Window: 30}); err != nil {
		t.Fatal(err)
	}
	if err := s.Recluster(ctx, cluster.DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if after := eventMentionIDs(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("recluster changed events:\n%v\n%v", before, after)
	}
	checkConsistent(t, s)
}

func firstKey(m map[string][]string) string {
	for k := range m {
		return k
	}
	return ""
}

// checkConsistent verifies the invariants a write must keep.
func checkConsistent(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var orphans, unassigned, mentions, sumMentions, dayTotal, dated int
	q := `SELECT
		(SELECT COUNT(*) FROM mentions m WHERE m.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)),
		(SELECT COUNT(*) FROM mentions WHERE event_id IS NULL),
		(SELECT COUNT(*) FROM mentions),
		(SELECT COALESCE(SUM(num_mentions), 0) FROM events),
		(SELECT COALESCE(SUM(n), 0) FROM event_days),
		(SELECT COUNT(*) FROM events WHERE date <> '')`
	if err := s.r.QueryRowContext(ctx, q).Scan(&orphans, &unassigned, &mentions, &sumMentions, &dayTotal, &dated); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 || unassigned != 0 || mentions != sumMentions || dayTotal != dated {
		t.Errorf("inconsistent: %d orphan mentions, %d unassigned, %d mentions vs %d counted, %d in day totals vs %d dated events",
			orphans, unassigned, mentions, sumMentions, dayTotal, dated)
	}
}

// filterFixture stores one mention per article, each its own event, and
// names events by the source actor text.
func filterFixture(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := openTest(t)
	ms := []chronicle.Mention{
		mk("f1", 0, "2023-01-01", "USAGOV", "RUSGOV", "042", "CONSULT", 1, 1.9, chronicle.Asserted, "", "Envoys met in Geneva."),
		mk("f2", 0, "2023-01-05", "RUSMIL", "UKRMIL", "190", "FIGHT", 4, -10, chronicle.Asserted, "UKR", "Troops shelled the town."),
		mk("f3", 0, "2023-01-05", "UKRGOV", "USAGOV", "0233", "AID", 1, 7.4, chronicle.Reported, "", "Kyiv asked Washington for aid."),
		mk("f4", 0, "2023-02-10", "USA", "CHN", "130", "THREATEN", 3, -4.4, chronicle.Future, "", "Officials will threaten tariffs."),
		mk("f5", 0, "2023-03-01", "CHNGOV", "USAGOV", "036", "COOPERATE", 1, 4.0, chronicle.Negated, "CHN", "Beijing did not agree to talks."),
		mk("f6", 0, "2023-03-02", "ISRMIL", "PSE", "195", "FIGHT", 4, -10, chronicle.Asserted, "PSE", "Air strikes hit Gaza."),
		mk("f7", 0, "", "FRA", "", "010", "", 0, 0, chronicle.Asserted, "", "Paris made a statement."),
	}
	var coded []CodedArticle
	for _, m := range ms {
		putArticle(t, s, m.ArticleID, "2023-03-03", "src-"+m.ArticleID)
		m.Source.Text = m.ArticleID
		coded = append(coded, CodedArticle{ArticleID: m.ArticleID, CoderVersion: "t", Mentions: []chronicle.Mention{m}})
	}
	if err := s.PutCoded(ctx, coded); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEventFilters(t *testing.T) {
	ctx := context.Background()
	s := filterFixture(t)
	tests := []struct {
		name string
		f    chronicle.EventFilter
		want string // source texts, in result order (newest first)
	}{
		{"all, newest first, undated last", chronicle.EventFilter{}, "f6 f5 f4 f3 f2 f1 f7"},
		{"actor prefix either side", chronicle.EventFilter{Actor: "USA"}, "f5 f4 f3 f1"},
		{"actor with role", chronicle.EventFilter{Actor: "usagov"}, "f5 f3 f1"},
		{"source", chronicle.EventFilter{Source: "RUS"}, "f2"},
		{"target", chronicle.EventFilter{Target: "USAGOV"}, "f5 f3"},
		{"dyad", chronicle.EventFilter{Source: "USA", Target: "RUS"}, "f1"},
		{"code prefix", chronicle.EventFilter{Code: "19"}, "f6 f2"},
		{"code exact", chronicle.EventFilter{Code: "0233"}, "f3"},
		{"root", chronicle.EventFilter{Root: "02"}, "f3"},
		{"plover", chronicle.EventFilter{PLOVER: "FIGHT"}, "f6 f2"},
		{"country of location", chronicle.EventFilter{Country: "PSE"}, "f6"},
		{"country of an actor", chronicle.EventFilter{Country: "UKR"}, "f3 f2"},
		{"modality", chronicle.EventFilter{Modality: chronicle.Negated}, "f5"},
		{"text", chronicle.EventFilter{Query: "talks"}, "f5"},
		{"text with stemming", chronicle.EventFilter{Query: "strike"}, "f6"},
		{"text no match", chronicle.EventFilter{Query: "volcano"}, ""},
		{"text of punctuation", chronicle.EventFilter{Query: "?!"}, ""},
		{"date range", chronicle.EventFilter{From: day("2023-01-05"), To: day("2023-02-10")}, "f4 f3 f2"},
		{"to only excludes undated", chronicle.EventFilter{To: day("2023-01-01")}, "f1"},
		{"combined", chronicle.EventFilter{Actor: "USA", PLOVER: "AID", From: day("2023-01-01")}, "f3"},
		{"article", chronicle.EventFilter{Article: "f3"}, "f3"},
		{"article and actor", chronicle.EventFilter{Article: "f3", Actor: "RUS"}, ""},
		{"unknown article", chronicle.EventFilter{Article: "nope"}, ""},
		{"nothing", chronicle.EventFilter{Actor: "ZZZ"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, next, err := s.Events(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.Source.Text)
			}
			if strings.Join(got, " ") != tt.want || next != "" {
				t.Errorf("got %v (next %q), want %s", got, next, tt.want)
			}
			var streamed []string
			for e, err := range s.EachEvent(ctx, tt.f) {
				if err != nil {
					t.Fatal(err)
				}
				streamed = append(streamed, e.Source.Text)
			}
			if !reflect.DeepEqual(streamed, got) {
				t.Errorf("EachEvent %v, Events %v", streamed, got)
			}
		})
	}
	if _, _, err := s.Events(ctx, chronicle.EventFilter{Cursor: "bogus"}); err == nil {
		t.Error("bad cursor accepted")
	}
}

func TestTimelineAndNetwork(t *testing.T) {
	ctx := context.Background()
	s := filterFixture(t)
	tl, err := s.Timeline(ctx, chronicle.EventFilter{}, chronicle.Month)
	if err != nil {
		t.Fatal(err)
	}
	var periods []string
	total := 0
	for _, b := range tl {
		periods = append(periods, fmt.Sprintf("%s:%d", b.Period, b.Count))
		total += b.Count
		q := 0
		for _, n := range b.ByQuad {
			q += n
		}
		if q != b.Count {
			t.Errorf("%s: quad counts %v do not sum to %d", b.Period, b.ByQuad, b.Count)
		}
	}
	if fmt.Sprint(periods) != "[2023-01-01:3 2023-02-01:1 2023-03-01:2]" || total != 6 {
		t.Errorf("monthly timeline %v", periods)
	}
	jan := tl[0]
	if jan.ByQuad != [5]int{0, 2, 0, 0, 1} || jan.ByPLOVER["FIGHT"] != 1 || math.Abs(jan.Goldstein-(1.9-10+7.4)/3) > 1e-9 {
		t.Errorf("January bucket %+v", jan)
	}
	tests := []struct {
		name string
		f    chronicle.EventFilter
		iv   chronicle.Interval
		want string
	}{
		{"weekly, Mondays, gaps filled", chronicle.EventFilter{From: day("2023-01-01"), To: day("2023-01-20")}, chronicle.Week, "[2022-12-26:1 2023-01-02:2]"},
		{"daily filtered", chronicle.EventFilter{PLOVER: "FIGHT"}, chronicle.Month, "[2023-01-01:1 2023-02-01:0 2023-03-01:1]"},
		{"daily", chronicle.EventFilter{Actor: "USA", To: day("2023-01-05")}, chronicle.Day, "[2023-01-01:1 2023-01-02:0 2023-01-03:0 2023-01-04:0 2023-01-05:1]"},
		{"empty", chronicle.EventFilter{Actor: "ZZZ"}, chronicle.Day, "[]"},
	}
	for _, tt := range tests {
		tl, err := s.Timeline(ctx, tt.f, tt.iv)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range tl {
			got = append(got, fmt.Sprintf("%s:%d", b.Period, b.Count))
		}
		if fmt.Sprint(got) != tt.want {
			t.Errorf("%s: %v, want %s", tt.name, got, tt.want)
		}
	}
	if _, err := s.Timeline(ctx, chronicle.EventFilter{}, "hour"); err == nil {
		t.Error("unknown interval accepted")
	}

	net, err := s.Network(ctx, chronicle.EventFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Edges) != 6 {
		t.Fatalf("edges %+v", net.Edges)
	}
	nodes := map[string]int{}
	for _, n := range net.Nodes {
		nodes[n.Code] = n.Count
	}
	if nodes["USAGOV"] != 3 || nodes["RUSMIL"] != 1 || nodes["FRA"] != 0 {
		t.Errorf("nodes %v", nodes)
	}
	for _, e := range net.Edges {
		if e.Cooperation+e.Conflict > e.Count {
			t.Errorf("edge %+v", e)
		}
		if e.Source == "RUSMIL" && (e.Conflict != 1 || e.Goldstein != -10) {
			t.Errorf("edge %+v", e)
		}
	}
	net, err = s.Network(ctx, chronicle.EventFilter{}, 2)
	if err != nil || len(net.Edges) != 0 || len(net.Nodes) != 0 {
		t.Errorf("min 2: %+v %v", net, err)
	}
	net, err = s.Network(ctx, chronicle.EventFilter{PLOVER: "FIGHT"}, 1)
	if err != nil || len(net.Edges) != 2 || len(net.Nodes) != 4 {
		t.Errorf("FIGHT network: %+v %v", net, err)
	}
}

// TestTimelineRollupMatchesEvents checks that the per-day totals give the
// same timeline as aggregating the events, after inserts, merges, recodes
// and deletes.
func TestTimelineRollupMatchesEvents(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var coded []CodedArticle
	for i := range 60 {
		id := fmt.Sprintf("r%02d", i)
		putArticle(t, s, id, "2023-05-01", fmt.Sprint("src", i%4))
		codes := []string{"042", "04", "190", "0233", "130"}
		plovers := []string{"CONSULT", "CONSULT", "FIGHT", "AID", "THREATEN"}
		m := mk(id, 0, day("2023-05-01").AddDays(i%17).String(), []string{"USA", "RUS", "CHN"}[i%3], []string{"UKR", "ISR"}[i%2],
			codes[i%5], plovers[i%5], 1+i%4, float64(i%7)-3, chronicle.Asserted, "", "sentence")
		coded = append(coded, CodedArticle{ArticleID: id, CoderVersion: "v", Mentions: []chronicle.Mention{m}})
	}
	if err := s.PutCoded(ctx, coded); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMentions(ctx, "r05", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, "r07"); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, s)
	for _, iv := range []chronicle.Interval{chronicle.Day, chronicle.Week, chronicle.Month} {
		fast, err := s.Timeline(ctx, chronicle.EventFilter{From: day("2023-05-03")}, iv)
		if err != nil {
			t.Fatal(err)
		}
		// The Modality filter forces the aggregate over events.
		slow, err := s.Timeline(ctx, chronicle.EventFilter{From: day("2023-05-03"), Modality: chronicle.Asserted}, iv)
		if err != nil {
			t.Fatal(err)
		}
		for i := range fast {
			fast[i].Goldstein = math.Round(fast[i].Goldstein*1e9) / 1e9
		}
		for i := range slow {
			slow[i].Goldstein = math.Round(slow[i].Goldstein*1e9) / 1e9
		}
		if !reflect.DeepEqual(fast, slow) || len(fast) == 0 {
			t.Errorf("%s: rollup %+v\nevents %+v", iv, fast, slow)
		}
	}
}

func TestEventsPagination(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var coded []CodedArticle
	const n = 230
	for i := range n {
		id := fmt.Sprintf("p%03d", i)
		putArticle(t, s, id, "2023-01-01", "")
		// Distinct dyads so each mention is its own event; few dates so
		// many events share one.
		m := mk(id, 0, day("2023-01-01").AddDays(i%5).String(), fmt.Sprintf("A%03d", i), "TGT", "042", "CONSULT", 1, 1, chronicle.Asserted, "", "met")
		coded = append(coded, CodedArticle{ArticleID: id, Mentions: []chronicle.Mention{m}})
	}
	if err := s.PutCoded(ctx, coded); err != nil {
		t.Fatal(err)
	}
	var all []string
	for e, err := range s.EachEvent(ctx, chronicle.EventFilter{Limit: 3, Cursor: "ignored"}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, e.ID)
	}
	if len(all) != n {
		t.Fatalf("EachEvent gave %d events, want %d", len(all), n)
	}
	for _, limit := range []int{1, 7, 50, 229, 230, 1000} {
		var got []string
		cur := ""
		var prev chronicle.Event
		for {
			es, next, err := s.Events(ctx, chronicle.EventFilter{Limit: limit, Cursor: cur})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				if len(got) > 0 && (e.Date.Compare(prev.Date) > 0 || e.Date == prev.Date && e.ID >= prev.ID) {
					t.Fatalf("limit %d: order broken at %s", limit, e.ID)
				}
				got = append(got, e.ID)
				prev = e
			}
			if next == "" {
				break
			}
			cur = next
		}
		if !reflect.DeepEqual(got, all) {
			t.Errorf("limit %d: %d events paged, want the %d of EachEvent in the same order", limit, len(got), len(all))
		}
	}
}

// TestCrashConsistency kills a child process writing to the store with
// SIGKILL, then reopens the database and checks it.
func TestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	if p := os.Getenv("CHRONICLE_CRASH_DB"); p != "" {
		crashChild(p)
		return
	}
	p := filepath.Join(t.TempDir(), "crash.db")
	for round := range 5 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashConsistency$", "-test.v")
		cmd.Env = append(os.Environ(), "CHRONICLE_CRASH_DB="+p)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the child has committed a few batches, then kill it.
		deadline := time.Now().Add(60 * time.Second)
		for {
			if n := countArticles(t, p); n >= 200*(round+1) {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("child wrote nothing")
			}
			time.Sleep(20 * time.Millisecond)
		}
		// A varying delay so the kill lands at different points of a
		// write: inside PutArticles, PutCoded, a commit or a checkpoint.
		time.Sleep(time.Duration(round*7) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		s, err := Open(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		checkConsistent(t, s)
		var arts, indexed, coded, withMentions int
		if err := s.r.QueryRow(`SELECT (SELECT COUNT(*) FROM articles),
			(SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'crash'),
			(SELECT COUNT(*) FROM coded),
			(SELECT COUNT(DISTINCT article_id) FROM mentions)`).Scan(&arts, &indexed, &coded, &withMentions); err != nil {
			t.Fatal(err)
		}
		if arts == 0 || indexed != arts || coded != withMentions {
			t.Errorf("round %d: %d articles, %d indexed, %d coded, %d with mentions", round, arts, indexed, coded, withMentions)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func countArticles(t *testing.T, p string) int {
	if _, err := os.Stat(p); err != nil {
		return 0
	}
	s, err := Open(context.Background(), p)
	if err != nil {
		return 0 // the child may be creating it
	}
	defer s.Close()
	var n int
	s.r.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&n)
	return n
}

// crashChild writes articles and their mentions until it is killed.
func crashChild(p string) {
	ctx := context.Background()
	s, err := Open(ctx, p)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var base int
	s.r.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&base)
	for i := base; ; i += 50 {
		var arts []chronicle.Article
		var coded []CodedArticle
		for j := i; j < i+50; j++ {
			id := fmt.Sprint("c", j)
			arts = append(arts, chronicle.Article{ID: id, Date: day("2020-01-01").AddDays(j % 300), Source: fmt.Sprint("s", j%3),
				Text: fmt.Sprintf("Crash test article %d about talks between %d and %d.", j, j%7, j%11)})
			m := mk(id, 0, day("2020-01-01").AddDays(j%300).String(), fmt.Sprint("A", j%7), fmt.Sprint("B", j%11), "042", "CONSULT", 1, 1.9, chronicle.Asserted, "", "talks")
			coded = append(coded, CodedArticle{ArticleID: id, CoderVersion: "v", Mentions: []chronicle.Mention{m}})
		}
		if _, err := s.PutArticles(ctx, arts); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := s.PutCoded(ctx, coded); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func TestExplainEvent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	putArticle(t, s, "x1", "2023-11-08", "Wire")
	putArticle(t, s, "x2", "2023-11-08", "Daily")
	m1 := mk("x1", 0, "2023-11-08", "USAGOV", "PSEGOV", "042", "CONSULT", 1, 1.9, chronicle.Asserted, "PSE", "They met.")
	m2 := mk("x2", 4, "2023-11-08", "USAGOV", "PSEGOV", "04", "CONSULT", 1, 1.0, chronicle.Reported, "", "Talks were held.")
	if err := s.PutCoded(ctx, []CodedArticle{{ArticleID: "x1", Mentions: []chronicle.Mention{m1}}, {ArticleID: "x2", Mentions: []chronicle.Mention{m2}}}); err != nil {
		t.Fatal(err)
	}
	es, _, err := s.Events(ctx, chronicle.EventFilter{})
	if err != nil || len(es) != 1 {
		t.Fatalf("%v %v", es, err)
	}
	got, err := s.ExplainEvent(ctx, es[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{es[0].ID, "2 mention(s) in 2 article(s) from 2 source(s)", "article x2 sentence 4", "0 day(s) from"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
	if _, err := s.ExplainEvent(ctx, "ev_none"); !errors.Is(err, chronicle.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
}

// BenchmarkPutCoded stores the sentences and mentions of 500 articles per
// transaction (three mentions each, clustering included) and reports
// articles per second.
func BenchmarkPutCoded(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	const n = 2000
	var arts []chronicle.Article
	for i := range n {
		arts = append(arts, chronicle.Article{ID: fmt.Sprint("b", i), Date: day("2022-01-01").AddDays(i % 90), Source: fmt.Sprint("s", i%5),
			Text: fmt.Sprintf("Article %d. Leaders met. Troops fought. Aid was sent.", i)})
	}
	if _, err := s.PutArticles(ctx, arts); err != nil {
		b.Fatal(err)
	}
	countries := []string{"USA", "RUS", "CHN", "UKR", "ISR", "PSE", "IRN", "SYR"}
	var coded []CodedArticle
	for i, a := range arts {
		ca := CodedArticle{ArticleID: a.ID, CoderVersion: "bench"}
		for j := range 3 {
			ca.Sentences = append(ca.Sentences, chronicle.Sentence{ArticleID: a.ID, Index: j, Span: chronicle.Span{Start: j * 10, End: j*10 + 9}})
			m := mk(a.ID, j, a.Date.String(), countries[(i+j)%8]+"GOV", countries[(i*3+j)%8], []string{"042", "190", "070"}[j],
				[]string{"CONSULT", "FIGHT", "AID"}[j], 1+j, 1.5, chronicle.Asserted, countries[(i+j)%8], "Leaders met in the capital.")
			ca.Mentions = append(ca.Mentions, m)
		}
		coded = append(coded, ca)
	}
	b.ResetTimer()
	for b.Loop() {
		for j := 0; j < n; j += 500 {
			if err := s.PutCoded(ctx, coded[j:j+500]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestIncrementalMatchesRecluster writes mentions in batches, recodes and
// deletes some articles, and checks the events kept incrementally are the
// ones a full Recluster builds from the same mentions.
func TestIncrementalMatchesRecluster(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(12) {
		s := openTest(t)
		r := rand.New(rand.NewPCG(seed, 11))
		const arts = 60
		for i := range arts {
			putArticle(t, s, fmt.Sprint("i", i), "2023-01-01", fmt.Sprint("src", i%4))
		}
		gen := func(a string) []chronicle.Mention {
			var ms []chronicle.Mention
			for j := range r.IntN(4) {
				m := mk(a, j, day("2023-01-01").AddDays(r.IntN(8)).String(), []string{"USA", "RUS"}[r.IntN(2)], "UKR",
					[]string{"04", "042", "043"}[r.IntN(3)], []string{"", "CONSULT"}[r.IntN(2)], 1, 1,
					[]chronicle.Modality{chronicle.Asserted, chronicle.Negated}[r.IntN(2)], []string{"", "UKR", "RUS"}[r.IntN(3)], "x")
				ms = append(ms, m)
			}
			return ms
		}
		for round := range 6 {
			var batch []CodedArticle
			for range 10 {
				a := fmt.Sprint("i", r.IntN(arts))
				batch = append(batch, CodedArticle{ArticleID: a, CoderVersion: fmt.Sprint(round), Mentions: gen(a)})
			}
			if err := s.PutCoded(ctx, batch); err != nil {
				t.Fatal(err)
			}
			a := fmt.Sprint("i", r.IntN(arts))
			if err := s.PutMentions(ctx, a, gen(a)); err != nil {
				t.Fatal(err)
			}
		}
		checkConsistent(t, s)
		incremental := eventMentionIDs(t, s)
		if err := s.Recluster(ctx, cluster.DefaultOptions()); err != nil {
			t.Fatal(err)
		}
		if full := eventMentionIDs(t, s); !reflect.DeepEqual(incremental, full) {
			t.Errorf("seed %d: incremental events differ from a full recluster:\n%v\n%v", seed, incremental, full)
		}
	}
}

// TestEachEventWithMentions: the paged loader gives every event the same
// mentions, in the same order, as reading the events one by one.
func TestEachEventWithMentions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var coded []CodedArticle
	const n = 300 // more than one page
	for i := range n {
		id := fmt.Sprintf("w%03d", i)
		putArticle(t, s, id, "2023-01-01", "")
		d := day("2023-01-01").AddDays(i % 4).String()
		// Every third article repeats the previous dyad, so some events
		// gather mentions from several articles.
		dyad := fmt.Sprintf("A%03d", i-i%3)
		coded = append(coded, CodedArticle{ArticleID: id, Mentions: []chronicle.Mention{
			mk(id, 0, d, dyad, "TGT", "042", "CONSULT", 1, 1, chronicle.Asserted, "", "met"),
			mk(id, 1, d, dyad, "OTH", "190", "ASSAULT", 4, -10, chronicle.Asserted, "", "attacked"),
		}})
	}
	if err := s.PutCoded(ctx, coded); err != nil {
		t.Fatal(err)
	}
	events, mentions := 0, 0
	for e, err := range s.EachEventWithMentions(ctx, chronicle.EventFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		one, err := s.Event(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Mentions) != len(one.Mentions) || len(e.Mentions) != e.NumMentions {
			t.Fatalf("event %s: %d mentions paged, %d alone, NumMentions %d", e.ID, len(e.Mentions), len(one.Mentions), e.NumMentions)
		}
		for i := range e.Mentions {
			if e.Mentions[i].ID != one.Mentions[i].ID {
				t.Fatalf("event %s mention %d: %s paged, %s alone", e.ID, i, e.Mentions[i].ID, one.Mentions[i].ID)
			}
		}
		events++
		mentions += len(e.Mentions)
	}
	if mentions != 2*n || events == 0 {
		t.Errorf("%d events with %d mentions, want %d mentions", events, mentions, 2*n)
	}
}
