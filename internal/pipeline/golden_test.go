package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/ingest"
)

// goldenFloor is the recall and precision measured over testdata/golden
// with the built-in dictionaries when this test was last tightened. They
// may only go up.
var goldenFloor = struct{ recall, precision float64 }{recall: 0.531, precision: 0.730}

// goldenEvent is one event an analyst expects in an article, as written by
// hand in NAME.expected.jsonl. Fields holding alternatives separate them
// with "|" ("03|07").
type goldenEvent struct {
	// In is a piece of the sentence that states the event; a mention
	// matches only when its evidence contains it.
	In string `json:"in"`
	// Source is a CAMEO actor code: the country (or IGO, NGO, region) and
	// optionally roles, each of which the coded source must carry.
	Source string `json:"source"`
	// Target is compared on its first three letters only.
	Target string `json:"target"`
	Root   string `json:"root,omitempty"`
	// Reject stands for "negated or rejecting": root 12, or any code
	// marked negated. Root is then left empty.
	Reject bool `json:"reject,omitempty"`
	// Modality, when given, must match.
	Modality chronicle.Modality `json:"modality,omitempty"`
	// Date, when given, must match: YYYY-MM-DD, or YYYY-MM for an event
	// the text dates to a month.
	Date string `json:"date,omitempty"`
	// Code, PLOVER and Place are scored on matched events but do not
	// decide the match.
	Code   string `json:"code,omitempty"`
	PLOVER string `json:"plover,omitempty"`
	Place  string `json:"place,omitempty"`
	Note   string `json:"note,omitempty"`
}

// parseGolden reads an expected-events file, one JSON object a line;
// blank lines are skipped.
func parseGolden(r io.Reader, name string) ([]goldenEvent, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("golden %s: %w", name, err)
	}
	var out []goldenEvent
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var e goldenEvent
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("golden %s line %d: %w", name, i+1, err)
		}
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("golden %s line %d: %w", name, i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func (e goldenEvent) check() error {
	switch {
	case strings.TrimSpace(e.In) == "":
		return errors.New(`"in" is required`)
	case e.Source == "":
		return errors.New(`"source" is required`)
	case e.Reject == (e.Root != ""):
		return errors.New(`give exactly one of "root" and "reject"`)
	}
	for _, c := range alternatives(e.Source) {
		if len(c) < 3 || len(c)%3 != 0 {
			return fmt.Errorf("source %q: want a country and 3-letter roles", c)
		}
	}
	for _, r := range alternatives(e.Root) {
		if len(r) != 2 || r < "01" || r > "20" {
			return fmt.Errorf("root %q: want 01 to 20", r)
		}
	}
	for _, m := range alternatives(string(e.Modality)) {
		switch chronicle.Modality(m) {
		case chronicle.Asserted, chronicle.Negated, chronicle.Future, chronicle.Hypothetical,
			chronicle.Reported, chronicle.Historical:
		default:
			return fmt.Errorf("modality %q unknown", m)
		}
	}
	if e.Date != "" {
		if _, err := chronicle.ParseDate(e.Date); err != nil {
			if _, err := chronicle.ParseDate(e.Date + "-01"); err != nil || len(e.Date) != 7 {
				return fmt.Errorf("date %q: want YYYY-MM-DD or YYYY-MM", e.Date)
			}
		}
	}
	return nil
}

func alternatives(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// actorMatches reports whether got carries want's first three letters and
// every 3-letter role of want.
func actorMatches(want, got string) bool {
	if len(got) < 3 || got[:3] != want[:3] {
		return false
	}
	var roles []string
	for i := 3; i+3 <= len(got); i += 3 {
		roles = append(roles, got[i:i+3])
	}
	for i := 3; i+3 <= len(want); i += 3 {
		if !slices.Contains(roles, want[i:i+3]) {
			return false
		}
	}
	return true
}

func (e goldenEvent) matches(m chronicle.Mention) bool {
	if !strings.Contains(m.Evidence.Text, e.In) {
		return false
	}
	if !slices.ContainsFunc(alternatives(e.Source), func(w string) bool { return actorMatches(w, m.Source.Code) }) {
		return false
	}
	if e.Target != "" && !slices.ContainsFunc(alternatives(e.Target), func(w string) bool {
		return len(w) >= 3 && w[:3] == m.Target.Country()
	}) {
		return false
	}
	if e.Reject {
		if m.Root != "12" && m.Modality != chronicle.Negated {
			return false
		}
	} else if !slices.Contains(alternatives(e.Root), m.Root) {
		return false
	}
	if e.Modality != "" && !slices.Contains(alternatives(string(e.Modality)), string(m.Modality)) {
		return false
	}
	if e.Date != "" && !strings.HasPrefix(m.Date.String(), e.Date) {
		return false
	}
	return true
}

// matchGolden pairs expected events with mentions, one to one, maximising
// the pairs (augmenting paths; articles are small). It returns for each
// expected event the index of its mention or -1.
func matchGolden(want []goldenEvent, got []chronicle.Mention) []int {
	owner := make([]int, len(got)) // mention → expected event, -1 when free
	for i := range owner {
		owner[i] = -1
	}
	var try func(e int, seen []bool) bool
	try = func(e int, seen []bool) bool {
		for j, m := range got {
			if seen[j] || !want[e].matches(m) {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = e
				return true
			}
		}
		return false
	}
	for e := range want {
		try(e, make([]bool, len(got)))
	}
	pair := make([]int, len(want))
	for i := range pair {
		pair[i] = -1
	}
	for j, e := range owner {
		if e >= 0 {
			pair[e] = j
		}
	}
	return pair
}

// goldenScore counts one article's outcome.
type goldenScore struct {
	name                      string
	expected, found, mentions int
	codeRight, codeGiven      int
	ploverRight, ploverGiven  int
	placeRight, placeGiven    int
	missed, extra             []string
}

func (s *goldenScore) add(o goldenScore) {
	s.expected += o.expected
	s.found += o.found
	s.mentions += o.mentions
	s.codeRight += o.codeRight
	s.codeGiven += o.codeGiven
	s.ploverRight += o.ploverRight
	s.ploverGiven += o.ploverGiven
	s.placeRight += o.placeRight
	s.placeGiven += o.placeGiven
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func describe(m chronicle.Mention) string {
	place := ""
	if m.Location != nil {
		place = " @" + m.Location.Name
	}
	return fmt.Sprintf("s%d %s→%s %s %s %s %s%s verb=%q", m.Sentence, m.Source.Code, m.Target.Code,
		m.Code, m.PLOVER.Type, m.Modality, m.Date, place, m.Verb.Text)
}

func scoreGolden(name string, want []goldenEvent, got []chronicle.Mention) goldenScore {
	s := goldenScore{name: name, expected: len(want), mentions: len(got)}
	pair := matchGolden(want, got)
	used := make([]bool, len(got))
	for i, e := range want {
		j := pair[i]
		if j < 0 {
			s.missed = append(s.missed, fmt.Sprintf("%q %s→%s root %s%s %s %s", e.In, e.Source, e.Target,
				e.Root, map[bool]string{true: "reject"}[e.Reject], e.Modality, e.Date))
			continue
		}
		used[j] = true
		s.found++
		m := got[j]
		if e.Code != "" {
			s.codeGiven++
			if m.Code == e.Code {
				s.codeRight++
			}
		}
		if e.PLOVER != "" {
			s.ploverGiven++
			if m.PLOVER.Type == e.PLOVER {
				s.ploverRight++
			}
		}
		if e.Place != "" {
			s.placeGiven++
			if m.Location != nil && strings.EqualFold(m.Location.Name, e.Place) {
				s.placeRight++
			}
		}
	}
	for j, m := range got {
		if !used[j] {
			s.extra = append(s.extra, describe(m))
		}
	}
	return s
}

// repoRoot is the module root, two levels above this package.
func repoRoot() string { return filepath.Join("..", "..") }

func readArticle(ctx context.Context, path string) (chronicle.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return chronicle.Article{}, err
	}
	defer f.Close()
	for rec := range (ingest.Plain{}).Read(ctx, path, f) {
		if rec.Err != nil {
			return chronicle.Article{}, rec.Err
		}
		return rec.Article, nil
	}
	return chronicle.Article{}, fmt.Errorf("%s: no article", path)
}

// TestGolden codes every hand-annotated article under testdata/golden
// with the built-in dictionaries and compares the mentions with the
// events an analyst expects: per-article found, missed and extra, then
// recall and precision over the set.
func TestGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	ctx := context.Background()
	dir := filepath.Join(repoRoot(), "testdata", "golden")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 12 {
		t.Fatalf("want at least 12 golden articles in %s, have %d", dir, len(paths))
	}
	c, err := Load(ctx, Config{Options: coder.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	var total goldenScore
	var report strings.Builder
	tw := tabwriter.NewWriter(&report, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "article\texpected\tfound\tmissed\textra\trecall\tprecision\t")
	var details strings.Builder
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		a, err := readArticle(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(filepath.Join(dir, name+".expected.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := parseGolden(f, name)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("%s: no expected events", name)
		}
		for _, e := range want {
			if !strings.Contains(a.Text, e.In) {
				t.Fatalf("%s: %q is not in the article", name, e.In)
			}
		}
		s := scoreGolden(name, want, c.Code(a).Coded.Mentions)
		total.add(s)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t\n", name, s.expected, s.found,
			s.expected-s.found, len(s.extra), ratio(s.found, s.expected), ratio(s.found, s.mentions))
		for _, m := range s.missed {
			fmt.Fprintf(&details, "%s missed: %s\n", name, m)
		}
		for _, m := range s.extra {
			fmt.Fprintf(&details, "%s extra:  %s\n", name, m)
		}
	}
	recall, precision := ratio(total.found, total.expected), ratio(total.found, total.mentions)
	fmt.Fprintf(tw, "all\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t\n", total.expected, total.found,
		total.expected-total.found, total.mentions-total.found, recall, precision)
	tw.Flush()
	t.Logf("\n%s\nof the matched events: code right %d/%d, PLOVER type right %d/%d, place right %d/%d\n\n%s",
		report.String(), total.codeRight, total.codeGiven, total.ploverRight, total.ploverGiven,
		total.placeRight, total.placeGiven, details.String())
	if recall < goldenFloor.recall {
		t.Errorf("recall %.3f, below the measured %.3f", recall, goldenFloor.recall)
	}
	if precision < goldenFloor.precision {
		t.Errorf("precision %.3f, below the measured %.3f", precision, goldenFloor.precision)
	}
}

// seedCheck is one event issue 5 requires in the seed article.
type seedCheck struct {
	name string
	ok   func(ms []chronicle.Mention) bool
}

func anyMention(ms []chronicle.Mention, f func(m chronicle.Mention) bool) bool {
	return slices.ContainsFunc(ms, f)
}

func seedChecks() []seedCheck {
	nov7, nov8 := chronicle.Date{Year: 2023, Month: 11, Day: 7}, chronicle.Date{Year: 2023, Month: 11, Day: 8}
	isCeasefirePush := func(m chronicle.Mention) bool {
		return m.Source.Country() == "USA" && strings.Contains(strings.ToLower(m.Evidence.Text), "not push")
	}
	return []seedCheck{
		{"USAGOV→PSEGOV root 04 on 2023-11-08", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return actorMatches("USAGOV", m.Source.Code) && actorMatches("PSEGOV", m.Target.Code) &&
					m.Root == "04" && m.Date == nov8
			})
		}},
		{"the meeting located in the West Bank", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return actorMatches("USAGOV", m.Source.Code) && actorMatches("PSEGOV", m.Target.Code) &&
					m.Root == "04" && m.Location != nil && strings.EqualFold(m.Location.Name, "West Bank")
			})
		}},
		{"Abbas's demand: PSE source, root 10", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool { return m.Source.Country() == "PSE" && m.Root == "10" })
		}},
		{"criticism of Israel: PSE→ISR, root 10 or 11", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return m.Source.Country() == "PSE" && m.Target.Country() == "ISR" && (m.Root == "10" || m.Root == "11")
			})
		}},
		{"appeal to the US: PSE→USA root 02", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return m.Source.Country() == "PSE" && m.Target.Country() == "USA" && m.Root == "02"
			})
		}},
		{"US commitment to humanitarian aid: USA source, root 03 or 07", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return m.Source.Country() == "USA" && (m.Root == "03" || m.Root == "07")
			})
		}},
		{"meeting with Arab officials: USA–ARB root 04 on 2023-11-07", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				s, t := m.Source.Country(), m.Target.Country()
				return ((s == "USA" && t == "ARB") || (s == "ARB" && t == "USA")) && m.Root == "04" && m.Date == nov7
			})
		}},
		{"Arab outrage at Israel: ARB→ISR root 11", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return m.Source.Country() == "ARB" && m.Target.Country() == "ISR" && m.Root == "11"
			})
		}},
		{"US declining to push for a ceasefire: negated or rejecting", func(ms []chronicle.Mention) bool {
			return anyMention(ms, func(m chronicle.Mention) bool {
				return isCeasefirePush(m) && (m.Root == "12" || m.Modality == chronicle.Negated)
			})
		}},
		{"US declining to push for a ceasefire: never an asserted appeal", func(ms []chronicle.Mention) bool {
			return !anyMention(ms, func(m chronicle.Mention) bool {
				return isCeasefirePush(m) && m.Root == "02" && m.Modality != chronicle.Negated
			})
		}},
		{"every event dated 2023-11-07 or 2023-11-08", func(ms []chronicle.Mention) bool {
			return !anyMention(ms, func(m chronicle.Mention) bool { return m.Date != nov7 && m.Date != nov8 })
		}},
	}
}

// seedPending names the checks of seedChecks that the coder does not meet
// yet. They are reported, not asserted; a pending check that passes is
// reported too, so that it can be moved to the asserted ones. Everything
// else is asserted.
var seedPending = map[string]bool{}

// TestSeed codes the seed article of issue 5 (read from ../shared, never
// copied into the repository) and checks the events the issue requires.
func TestSeed(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	ctx := context.Background()
	paths, _ := filepath.Glob(filepath.Join(repoRoot(), "..", "shared", "seed", "*.txt"))
	if len(paths) == 0 {
		t.Skip("no seed article in ../shared/seed")
	}
	c, err := Load(ctx, Config{Options: coder.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	a, err := readArticle(ctx, paths[0])
	if err != nil {
		t.Fatal(err)
	}
	ms := c.Code(a).Coded.Mentions
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintln(&b, describe(m))
	}
	t.Logf("seed mentions:\n%s", b.String())
	for _, ck := range seedChecks() {
		switch ok := ck.ok(ms); {
		case seedPending[ck.name] && ok:
			t.Logf("seed: pending check now passes, assert it: %s", ck.name)
		case seedPending[ck.name]:
			t.Logf("seed: pending: %s", ck.name)
		case !ok:
			t.Errorf("seed: missing %s", ck.name)
		}
	}
}

func TestGoldenMatching(t *testing.T) {
	m := chronicle.Mention{
		Evidence: chronicle.Span{Text: "Blinken met Abbas in Ramallah on Tuesday."},
		Source:   chronicle.Actor{Code: "USAGOV"},
		Target:   chronicle.Actor{Code: "PSEGOV"},
		Root:     "04", Code: "040", Modality: chronicle.Asserted,
		Date: chronicle.Date{Year: 2023, Month: 11, Day: 7},
	}
	neg := m
	neg.Root, neg.Modality = "02", chronicle.Negated
	rej := m
	rej.Root = "12"
	appeal := m
	appeal.Root = "02"
	for _, tc := range []struct {
		name string
		e    goldenEvent
		m    chronicle.Mention
		want bool
	}{
		{"all given", goldenEvent{In: "met Abbas", Source: "USAGOV", Target: "PSEGOV", Root: "04", Modality: "asserted", Date: "2023-11-07"}, m, true},
		{"country only", goldenEvent{In: "met", Source: "USA", Target: "PSE", Root: "04"}, m, true},
		{"target compared on country", goldenEvent{In: "met", Source: "USA", Target: "PSEREB", Root: "04"}, m, true},
		{"role missing", goldenEvent{In: "met", Source: "USAMIL", Target: "PSE", Root: "04"}, m, false},
		{"other country", goldenEvent{In: "met", Source: "GBR", Target: "PSE", Root: "04"}, m, false},
		{"alternatives", goldenEvent{In: "met", Source: "GBR|USA", Target: "ISR|PSE", Root: "03|04"}, m, true},
		{"wrong root", goldenEvent{In: "met", Source: "USA", Target: "PSE", Root: "05"}, m, false},
		{"wrong sentence", goldenEvent{In: "visited", Source: "USA", Target: "PSE", Root: "04"}, m, false},
		{"wrong date", goldenEvent{In: "met", Source: "USA", Target: "PSE", Root: "04", Date: "2023-11-08"}, m, false},
		{"month date", goldenEvent{In: "met", Source: "USA", Target: "PSE", Root: "04", Date: "2023-11"}, m, true},
		{"wrong modality", goldenEvent{In: "met", Source: "USA", Target: "PSE", Root: "04", Modality: "negated"}, m, false},
		{"reject takes negated", goldenEvent{In: "met", Source: "USA", Target: "PSE", Reject: true}, neg, true},
		{"reject takes root 12", goldenEvent{In: "met", Source: "USA", Target: "PSE", Reject: true}, rej, true},
		{"reject refuses an appeal", goldenEvent{In: "met", Source: "USA", Target: "PSE", Reject: true}, appeal, false},
	} {
		if got := tc.e.matches(tc.m); got != tc.want {
			t.Errorf("%s: matches = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMatchGoldenOneToOne(t *testing.T) {
	mk := func(src, root string) chronicle.Mention {
		return chronicle.Mention{Evidence: chronicle.Span{Text: "x"}, Source: chronicle.Actor{Code: src},
			Target: chronicle.Actor{Code: "ISR"}, Root: root}
	}
	// The first expected event could take either mention; the matching
	// must leave the second mention for the second event.
	want := []goldenEvent{
		{In: "x", Source: "USA", Target: "ISR", Root: "04|11"},
		{In: "x", Source: "USA", Target: "ISR", Root: "04"},
		{In: "x", Source: "USA", Target: "ISR", Root: "04"},
	}
	got := []chronicle.Mention{mk("USAGOV", "04"), mk("USA", "11")}
	pair := matchGolden(want, got)
	if pair[0] != 1 || pair[1] != 0 || pair[2] != -1 {
		t.Errorf("pairs = %v, want [1 0 -1]", pair)
	}
	s := scoreGolden("t", want, got)
	if s.found != 2 || len(s.missed) != 1 || len(s.extra) != 0 {
		t.Errorf("found %d missed %d extra %d, want 2 1 0", s.found, len(s.missed), len(s.extra))
	}
}

func TestParseGolden(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		n        int
		wantErr  bool
	}{
		{"two lines and a blank", `{"in":"a","source":"USA","target":"ISR","root":"04"}

{"in":"b","source":"USAGOV","reject":true,"date":"2024-09"}`, 2, false},
		{"unknown field", `{"in":"a","source":"USA","root":"04","sorce":"X"}`, 0, true},
		{"no in", `{"source":"USA","root":"04"}`, 0, true},
		{"root and reject", `{"in":"a","source":"USA","root":"04","reject":true}`, 0, true},
		{"neither root nor reject", `{"in":"a","source":"USA"}`, 0, true},
		{"bad root", `{"in":"a","source":"USA","root":"21"}`, 0, true},
		{"bad source", `{"in":"a","source":"US","root":"04"}`, 0, true},
		{"bad modality", `{"in":"a","source":"USA","root":"04","modality":"likely"}`, 0, true},
		{"bad date", `{"in":"a","source":"USA","root":"04","date":"2023-13-01"}`, 0, true},
		{"not json", `in a`, 0, true},
	} {
		got, err := parseGolden(strings.NewReader(tc.in), tc.name)
		if (err != nil) != tc.wantErr || len(got) != tc.n {
			t.Errorf("%s: %d events, err %v; want %d, error %v", tc.name, len(got), err, tc.n, tc.wantErr)
		}
	}
}

func FuzzParseGolden(f *testing.F) {
	f.Add(`{"in":"a","source":"USAGOV","target":"ISR","root":"04|11","modality":"negated|reported","date":"2024-09"}`)
	f.Add(`{"in":"b","source":"IGO","reject":true}` + "\n\n" + `{"in":"c","source":"X"}`)
	f.Fuzz(func(t *testing.T, s string) {
		evs, err := parseGolden(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, e := range evs {
			if e.check() != nil {
				t.Fatalf("accepted an invalid event %+v", e)
			}
			// A valid event never panics on matching.
			e.matches(chronicle.Mention{Source: chronicle.Actor{Code: "US"}, Evidence: chronicle.Span{Text: e.In}})
		}
	})
}
