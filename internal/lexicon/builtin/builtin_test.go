package builtin

import (
	"bytes"
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/ontology"
)

func TestFilesAreWellFormed(t *testing.T) {
	want := []string{
		"agents.txt", "countries.actors.txt", "discards.txt", "issues.txt",
		"organizations.actors.txt", "people.actors.txt", "verbs.txt",
	}
	for _, name := range want {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("%s missing: %v", name, err)
		}
	}
	all, err := fs.Glob(FS, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range all {
		b, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(bytes.TrimSpace(b)) == 0 {
			t.Errorf("%s is empty", name)
		}
		if !utf8.Valid(b) {
			t.Errorf("%s is not valid UTF-8", name)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasSuffix(line, "\r") {
				t.Errorf("%s:%d has a CR line ending", name, i+1)
				break
			}
		}
		if _, ok := lexicon.KindOf(name); !ok {
			t.Errorf("%s: lexicon does not recognise the file kind", name)
		}
	}
}

func load(t testing.TB) *lexicon.Dictionary {
	t.Helper()
	d, err := lexicon.LoadFS(context.Background(), FS)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLoadsWithoutWarnings(t *testing.T) {
	d := load(t)
	if d.Warnings != 0 {
		t.Errorf("loading the builtin dictionaries gave %d warnings", d.Warnings)
	}
}

// TestTenures checks that no actor has two overlapping periods in office:
// each date must resolve to one code.
func TestTenures(t *testing.T) {
	d := load(t)
	people := 0
	for _, a := range d.Actors {
		if a.Pos.File != "people.actors.txt" {
			continue
		}
		people++
		var office []lexicon.DatedCode
		for _, c := range a.Codes {
			if !c.Restricted() {
				t.Errorf("%s: %s has an undated code %s", c.Pos, a.Primary.Text, c.Code)
			}
			if !strings.HasSuffix(c.Code, "ELI") {
				office = append(office, c)
			}
		}
		if len(office) == 0 {
			t.Errorf("%s: %s has no period in office", a.Pos, a.Primary.Text)
		}
		for i := 1; i < len(office); i++ {
			prev, cur := office[i-1], office[i]
			if prev.To.IsZero() || cur.From.Before(prev.To) {
				t.Errorf("%s: %s has overlapping periods %v and %v", cur.Pos, a.Primary.Text, prev, cur)
			}
		}
	}
	if people < 700 {
		t.Errorf("only %d people", people)
	}
}

// TestNoPhraseTwice checks that no actor phrase is defined twice across the
// actor files (the first definition would silently win).
func TestNoPhraseTwice(t *testing.T) {
	d := load(t)
	seen := map[string]lexicon.Pos{}
	for _, a := range d.Actors {
		for _, p := range a.Phrases() {
			key := strings.Join(p.Words, " ")
			if prev, ok := seen[key]; ok {
				t.Errorf("%q at %s was already defined at %s", key, a.Pos, prev)
				continue
			}
			seen[key] = a.Pos
		}
	}
}

func day(s string) chronicle.Date {
	d, err := chronicle.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestActorCodes(t *testing.T) {
	d := load(t)
	tests := []struct {
		phrase, date, want string
	}{
		{"U.S.", "2023-11-08", "USA"},
		{"United States", "2023-11-08", "USA"},
		{"Palestinian", "2023-11-08", "PSE"},
		{"Palestinians", "2023-11-08", "PSE"},
		{"West Bank", "2023-11-08", "PSE"},
		{"Gaza Strip", "2023-11-08", "PSE"},
		{"Israeli", "2023-11-08", "ISR"},
		{"the Kremlin", "2023-11-08", "RUSGOV"},
		{"White House", "2023-11-08", "USAGOV"},
		{"Downing Street", "2023-11-08", "GBRGOV"},
		{"South Sudan", "2023-11-08", "SSD"},
		{"Sudan", "2023-11-08", "SDN"},
		{"Middle East", "2023-11-08", "MEA"},
		{"Arab", "2023-11-08", "ARB"},
		{"Latin American", "2023-11-08", "LAM"},
		{"DPRK", "2023-11-08", "PRK"},
		{"UAE", "2023-11-08", "ARE"},
		{"Türkiye", "2023-11-08", "TUR"},
		{"Antony Blinken", "2023-11-08", "USAGOV"},
		{"Blinken", "2021-01-26", "USAGOV"},
		{"Blinken", "2025-01-20", "USAGOV"},
		{"Blinken", "2025-06-01", "USAELI"},
		{"Blinken", "2019-03-01", "USAELI"},
		{"Mahmoud Abbas", "2023-11-08", "PSEGOV"},
		{"Abbas", "2004-06-01", "PSEELI"},
		{"Abbas Araghchi", "2025-01-10", "IRNGOV"},
		{"Guterres", "2024-01-10", "IGOUNO"},
		{"Guterres", "2010-01-10", "IGOUNOREFHCR"},
		{"Hamas", "2023-11-08", "PSEREB"},
		{"Taliban", "2020-02-29", "AFGREB"},
		{"the Taliban", "2022-05-01", "AFGGOV"},
		{"Rapid Support Forces", "2021-01-01", "SDNMIL"},
		{"RSF", "2024-01-01", "SDNREB"},
		{"Hemedti", "2024-01-01", "SDNREB"},
		{"United Nations", "2023-11-08", "IGOUNO"},
		{"UNRWA", "2023-11-08", "IGOUNOREFRWA"},
		{"Islamic State", "2015-01-01", "IMGMOSISL"},
		{"Houthis", "2024-01-01", "YEMREB"},
		{"Zelenskyy", "2023-01-01", "UKRGOV"},
		{"Putin", "2009-01-01", "RUSGOV"},
		{"Trump", "2022-01-01", "USAELI"},
		{"Trump", "2026-01-01", "USAGOV"},
		{"Ahmed al-Sharaa", "2023-01-01", "SYRREB"},
		{"Jolani", "2025-03-01", "SYRGOV"},
		{"Mark Rutte", "2025-03-01", "IGOWSTNAT"},
		{"Mark Rutte", "2020-03-01", "NLDGOV"},
		{"Pope Francis", "2020-01-01", "VATGOV"},
		{"Pope Francis", "2025-06-01", "VATELI"},
		{"the Pope", "2025-06-01", "VATGOV"},
		{"Kremlin", "2012-06-01", "RUSGOV"},
		{"European Community", "1990-06-01", "IGOEUREEC"},
	}
	for _, tt := range tests {
		toks := lexicon.SplitPhrase(tt.phrase)
		a, n := d.LongestActor(toks, 0)
		if a == nil || n != len(toks) {
			t.Errorf("%q: no actor covers the phrase (n=%d)", tt.phrase, n)
			continue
		}
		if got := a.CodeAt(day(tt.date)); got != tt.want {
			t.Errorf("%q on %s = %s, want %s (%s)", tt.phrase, tt.date, got, tt.want, a.Pos)
		}
	}
}

// TestCodesAreKnown checks every code in the dictionaries against the
// ontology: actor codes are built from ISO countries (those the countries
// file defines), CAMEO regions, types, roles, attributes and organisation
// tags; verb codes are CAMEO event codes listed in the table (no fallback).
func TestCodesAreKnown(t *testing.T) {
	d := load(t)
	tab, err := ontology.New()
	if err != nil {
		t.Fatal(err)
	}
	iso := map[string]bool{}
	for _, a := range d.Actors {
		if a.Pos.File != "countries.actors.txt" {
			continue
		}
		for _, c := range a.Codes {
			if len(c.Code) == 3 && !tab.IsRegion(c.Code) {
				iso[c.Code] = true
			}
		}
	}
	if len(iso) < 249 {
		t.Errorf("countries file defines %d country codes, want every ISO-3166 country (249)", len(iso))
	}
	known := func(part string, first bool) bool {
		if first && (part == "---" || iso[part]) {
			return true
		}
		p, ok := tab.ActorPart(part)
		if !ok {
			return iso[part]
		}
		if first {
			return p.Kind == "region" || p.Kind == "type"
		}
		return true
	}
	checkActor := func(code string, pos lexicon.Pos) {
		if len(code) == 0 || len(code)%3 != 0 {
			t.Errorf("%s: actor code %q is not a run of 3-letter parts", pos, code)
			return
		}
		for i := 0; i < len(code); i += 3 {
			if !known(code[i:i+3], i == 0) {
				t.Errorf("%s: actor code %s has unknown part %s", pos, code, code[i:i+3])
			}
		}
	}
	for _, a := range d.Actors {
		if len(a.Codes) == 0 {
			t.Errorf("%s: %s has no code", a.Pos, a.Primary.Text)
		}
		for _, c := range a.Codes {
			checkActor(c.Code, c.Pos)
		}
	}
	for _, g := range d.Agents {
		for i := 0; i+3 <= len(g.Code); i += 3 {
			p, ok := tab.ActorPart(g.Code[i : i+3])
			if !ok || p.Kind == "region" || p.Kind == "org" {
				t.Errorf("%s: agent code %s has part %s that is not a role, attribute or type", g.Pos, g.Code, g.Code[i:i+3])
			}
		}
	}
	checkEvent := func(code string, pos lexicon.Pos) {
		if code == "" || code == "---" {
			return
		}
		c, ok := tab.Lookup(code)
		if !ok || c.Code != code {
			t.Errorf("%s: %q is not a CAMEO event code in the table", pos, code)
		}
	}
	families, patterns := 0, 0
	for _, f := range d.Verbs.Families {
		families++
		checkEvent(f.Code, f.Pos)
		checkEvent(f.Paired, f.Pos)
		for _, v := range f.Verbs {
			checkEvent(v.Code, v.Pos)
			checkEvent(v.Paired, v.Pos)
		}
		for _, p := range f.Patterns {
			patterns++
			checkEvent(p.Code, p.Pos)
			checkEvent(p.Paired, p.Pos)
		}
	}
	if families < 100 || patterns < 800 {
		t.Errorf("verbs: %d families and %d patterns, want at least 100 and 800", families, patterns)
	}
	roots := map[string]bool{}
	for _, f := range d.Verbs.Families {
		for _, code := range append([]string{f.Code}, patternCodes(f)...) {
			if len(code) >= 2 && code != "---" {
				roots[code[:2]] = true
			}
		}
	}
	for _, r := range tab.Roots() {
		if !roots[r.Code] {
			t.Errorf("no verb family or pattern codes root %s (%s)", r.Code, r.Name)
		}
	}
}

func patternCodes(f lexicon.VerbFamily) []string {
	var out []string
	for _, p := range f.Patterns {
		out = append(out, p.Code)
	}
	return out
}

func TestAgents(t *testing.T) {
	d := load(t)
	tests := []struct {
		phrase, country, want string
	}{
		{"soldiers", "ISR", "ISRMIL"},
		{"troops", "RUS", "RUSMIL"},
		{"secretary of state", "USA", "USAGOV"},
		{"secretaries of state", "USA", "USAGOV"},
		{"foreign minister", "FRA", "FRAGOV"},
		{"officials", "ARB", "ARBGOV"},
		{"police", "", "---COP"},
		{"gunmen", "NGA", "NGAUAF"},
		{"settlers", "ISR", "ISRCVL"},
		{"protesters", "IRN", "IRNCVL"},
		{"journalists", "PSE", "PSEMED"},
		{"aid group", "PSE", "NGOPSE"},
		{"spokeswomen", "DEU", "DEUGOV"},
	}
	for _, tt := range tests {
		toks := lexicon.SplitPhrase(tt.phrase)
		g, n := d.LongestAgent(toks, 0)
		if g == nil || n != len(toks) {
			t.Errorf("%q: no agent covers the phrase", tt.phrase)
			continue
		}
		if got := g.Apply(tt.country); got != tt.want {
			t.Errorf("%q with %q = %s, want %s", tt.phrase, tt.country, got, tt.want)
		}
	}
}

func TestIssuesAndDiscards(t *testing.T) {
	d := load(t)
	issues := func(s string) []string {
		var out []string
		for _, m := range d.IssuesIn(lexicon.SplitPhrase(s)) {
			out = append(out, m.Issue.Code)
		}
		return out
	}
	tests := []struct {
		sentence, want string
	}{
		{"Egypt called for an immediate ceasefire in Gaza", "PEACE"},
		{"The convoy brought humanitarian aid to Rafah", "AID"},
		{"The agency said refugees crossed the border", "REFUGEES"},
		{"Iran expanded its uranium enrichment", "NUCLEAR"},
	}
	for _, tt := range tests {
		if got := issues(tt.sentence); !slices.Contains(got, tt.want) {
			t.Errorf("%q: issues %v, want %s", tt.sentence, got, tt.want)
		}
	}
	if got := issues("She wears a hearing aid"); slices.Contains(got, "AID") {
		t.Errorf("hearing aid tagged AID")
	}
	if x, _ := d.DiscardIn(lexicon.SplitPhrase("the film topped the box office this weekend")); x == nil || !x.Story {
		t.Errorf("box office: discard %v, want a story discard", x)
	}
	if x, _ := d.DiscardIn(lexicon.SplitPhrase("Israeli troops raided the camp")); x != nil {
		t.Errorf("a conflict sentence was discarded by %s", x.Pos)
	}
}

// BenchmarkLoad measures loading and compiling the whole built-in set, which
// every `chronicle code` run does at start.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, err := lexicon.LoadFS(context.Background(), FS)
		if err != nil {
			b.Fatal(err)
		}
		d.Compile()
	}
}
