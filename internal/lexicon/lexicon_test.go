package lexicon

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
)

func day(y int, m time.Month, d int) chronicle.Date { return chronicle.Date{Year: y, Month: m, Day: d} }

func loadMini(t *testing.T) *Dictionary {
	t.Helper()
	d, err := LoadDirWith(context.Background(), "testdata/mini", quiet())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// parseOne parses one fixture string of kind k.
func parseOne(t *testing.T, k Kind, src string) *Dictionary {
	t.Helper()
	d := &Dictionary{}
	if err := d.ParseWith(context.Background(), k, "fixture", []byte(src), quiet()); err != nil {
		t.Fatal(err)
	}
	d.Compile()
	return d
}

func TestSplitPhrase(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"UNITED_STATES", []string{"united", "states"}},
		{"U.S._EMBASSY", []string{"u.s.", "embassy"}},
		{"IRAN'S_LEADER", []string{"iran", "'s", "leader"}},
		{"DON'T", []string{"do", "n't"}},
		{"DID N'T", []string{"did", "n't"}},
		{"CA N'T", []string{"ca", "n't"}},
		{"BARAD-DUR", []string{"barad-dur"}},
		{"  spaced   out_ ", []string{"spaced", "out"}},
		{"PARENTS'", []string{"parents", "'"}},
		{"THEY'RE", []string{"they", "'re"}},
		{"Côte_d’Ivoire", []string{"côte", "d'ivoire"}},
		{"WAR—TIME", []string{"war-time"}},
		{"", nil},
		{"___", nil},
	}
	for _, tt := range tests {
		got := SplitPhrase(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("SplitPhrase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInflections(t *testing.T) {
	plurals := []struct{ in, want string }{
		{"minister", "ministers"}, {"agency", "agencies"}, {"day", "days"},
		{"bus", "buses"}, {"church", "churches"}, {"box", "boxes"},
	}
	for _, tt := range plurals {
		if got := pluralOf(tt.in); got != tt.want {
			t.Errorf("pluralOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	verbs := []struct{ in, s, ed, ing string }{
		{"attack", "attacks", "attacked", "attacking"},
		{"accuse", "accuses", "accused", "accusing"},
		{"deny", "denies", "denied", "denying"},
		{"stop", "stops", "stopped", "stopping"},
		{"ban", "bans", "banned", "banning"},
		{"agree", "agrees", "agreed", "agreeing"},
		{"push", "pushes", "pushed", "pushing"},
		{"veto", "vetoes", "vetoed", "vetoing"},
		{"parley", "parleys", "parleyed", "parleying"},
		{"tie", "ties", "tied", "tying"},
	}
	for _, tt := range verbs {
		s, ed, ing := verbForms(tt.in)
		if s != tt.s || ed != tt.ed || ing != tt.ing {
			t.Errorf("verbForms(%q) = %q %q %q, want %q %q %q", tt.in, s, ed, ing, tt.s, tt.ed, tt.ing)
		}
	}
}

func TestParseDictDate(t *testing.T) {
	tests := []struct {
		in   string
		want chronicle.Date
		ok   bool
	}{
		{"20210126", day(2021, 1, 26), true},
		{"090120", day(2009, 1, 20), true},
		{"300101", day(2030, 1, 1), true},
		{"310101", day(1931, 1, 1), true},
		{"20120229", day(2012, 2, 29), true},
		{"20100229", chronicle.Date{}, false},
		{"20100931", chronicle.Date{}, false},
		{"2004017", chronicle.Date{}, false},
		{"9008223", chronicle.Date{}, false},
		{"abc", chronicle.Date{}, false},
	}
	for _, tt := range tests {
		got, err := parseDictDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDictDate(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestSplitLinesComments(t *testing.T) {
	src := "A [X] # tail\n<!-- one -->\n<!-- open\nstill comment\nclose --> B\n# whole\n\n\t[C <900101] ; tab\nD <!-- mid --> E\n<! -- odd -->\n"
	lines := splitLines([]byte(src))
	want := []struct {
		no   int
		text string
		cmt  string
	}{
		{1, "A [X]", "tail"},
		{5, " B", ""},
		{8, "\t[C <900101]", "tab"},
		{9, "D  E", ""},
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines %+v, want %d", len(lines), lines, len(want))
	}
	for i, w := range want {
		if lines[i].no != w.no || lines[i].text != w.text || lines[i].comment != w.cmt {
			t.Errorf("line %d = %+v, want %+v", i, lines[i], w)
		}
	}
}

func TestActors(t *testing.T) {
	d := loadMini(t)
	if len(d.Actors) != 6 {
		t.Fatalf("got %d actors, want 6 (---STOP--- must end the file)", len(d.Actors))
	}
	tests := []struct {
		tokens []string
		at     int
		want   string // primary phrase text, "" for no match
		n      int
	}{
		{[]string{"arnor"}, 0, "ARNOR", 1},
		{[]string{"the", "north", "kingdom", "said"}, 1, "ARNOR", 2},
		{[]string{"the", "north", "wind"}, 1, "", 0},
		{[]string{"the", "u.s.", "embassy", "said"}, 1, "U.S._EMBASSY", 2},
		{[]string{"the", "king", "'s", "guard"}, 0, "THE_KING'S_GUARD", 4},
		{[]string{"high", "king", "elendil", "spoke"}, 0, "ELENDIL_THE_TALL", 3},
		{[]string{"never", "read"}, 0, "", 0},
		{[]string{"arnor"}, 5, "", 0},
	}
	for _, tt := range tests {
		a, n := d.LongestActor(tt.tokens, tt.at)
		got := ""
		if a != nil {
			got = a.Primary.Text
		}
		if got != tt.want || n != tt.n {
			t.Errorf("LongestActor(%q, %d) = %q, %d; want %q, %d", tt.tokens, tt.at, got, n, tt.want, tt.n)
		}
	}
}

func TestActorCodeAt(t *testing.T) {
	d := loadMini(t)
	byName := map[string]*Actor{}
	for i := range d.Actors {
		byName[d.Actors[i].Primary.Text] = &d.Actors[i]
	}
	tests := []struct {
		actor string
		date  chronicle.Date
		want  string
	}{
		{"ARNOR", day(2000, 1, 1), "ARN"},
		{"ARNOR", chronicle.Date{}, "ARN"},
		{"ELENDIL_THE_TALL", day(1955, 5, 5), "ARNELI"},
		{"ELENDIL_THE_TALL", day(1960, 1, 1), "ARNELI"}, // "<" is inclusive
		{"ELENDIL_THE_TALL", day(1960, 1, 2), "ARNGOV"},
		{"ELENDIL_THE_TALL", day(1969, 12, 31), "ARNGOV"},
		{"ELENDIL_THE_TALL", day(1972, 6, 1), "GONGOV"}, // YYMMDD dates
		{"ELENDIL_THE_TALL", day(1980, 1, 1), "ARNELI"}, // default
		{"ELENDIL_THE_TALL", chronicle.Date{}, "ARNELI"},
		{"OLD_STEWARD", day(1958, 1, 1), "GONELI"}, // in-line restriction
		{"OLD_STEWARD", day(1970, 1, 1), "GON"},
		{"LOSSOTH", day(1970, 1, 1), "LSS/FRO"},
	}
	for _, tt := range tests {
		a := byName[tt.actor]
		if a == nil {
			t.Fatalf("actor %s missing", tt.actor)
		}
		if got := a.CodeAt(tt.date); got != tt.want {
			t.Errorf("%s.CodeAt(%v) = %q, want %q", tt.actor, tt.date, got, tt.want)
		}
	}
	e := byName["ELENDIL_THE_TALL"]
	if e.Comment != "entry without a code on its line" || len(e.Synonyms) != 1 || len(e.Codes) != 4 {
		t.Errorf("ELENDIL entry = %+v", e)
	}
	if got := e.Entity(); got != "Elendil The Tall" {
		t.Errorf("Entity() = %q", got)
	}
	if got := byName["U.S._EMBASSY"].Entity(); got != "U.S. Embassy" {
		t.Errorf("Entity() = %q", got)
	}
	c, _ := byName["LOSSOTH"].CodeEntryAt(chronicle.Date{})
	if !slices.Equal(c.Codes(), []string{"LSS", "FRO"}) {
		t.Errorf("Codes() = %q", c.Codes())
	}
	if e.Pos.Line != 9 || !strings.HasSuffix(e.Pos.File, "mini.actors.txt") {
		t.Errorf("Pos = %v", e.Pos)
	}
}

func TestActorDateErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		codes     int
		warnings  int
		firstCode string
	}{
		{"bad date", "X\n\t[AAA 20100931-20101010]\n\t[BBB]\n", 1, 1, "BBB"},
		{"reversed", "X\n\t[AAA 20101010-20100101]\n", 0, 1, ""},
		{"no bound", "X\n\t[AAA 20101010]\n", 0, 1, ""},
		{"before actor", "\t[AAA]\nX [BBB]\n", 1, 1, "BBB"},
		{"greater", "X\n\t[AAA > 20101010]\n", 1, 0, "AAA"},
	}
	for _, tt := range tests {
		d := parseOne(t, KindActors, tt.src)
		if len(d.Actors) != 1 || len(d.Actors[0].Codes) != tt.codes || d.Warnings != tt.warnings {
			t.Errorf("%s: actors %+v warnings %d", tt.name, d.Actors, d.Warnings)
			continue
		}
		if tt.codes > 0 && d.Actors[0].Codes[0].Code != tt.firstCode {
			t.Errorf("%s: first code %q", tt.name, d.Actors[0].Codes[0].Code)
		}
	}
}

func TestAgents(t *testing.T) {
	d := loadMini(t)
	if len(d.Agents) != 9 {
		for _, g := range d.Agents {
			t.Log(g.Phrase.Text)
		}
		t.Fatalf("got %d agents, want 9", len(d.Agents))
	}
	tests := []struct {
		tokens  []string
		want    string
		n       int
		country string
		code    string
	}{
		{[]string{"minister"}, "MINISTER", 1, "GON", "GONGOV"},
		{[]string{"ministers"}, "MINISTER", 1, "", "---GOV"},
		{[]string{"city", "guard"}, "CITY_GUARD", 2, "ARN", "ARNCOP"},
		{[]string{"city", "guards"}, "", 0, "", ""},
		{[]string{"chiefs", "of", "staff"}, "CHIEF_OF_STAFF", 3, "ROH", "ROHMIL"},
		{[]string{"chief", "of", "staffs"}, "", 0, "", ""},
		{[]string{"relief", "agencies"}, "RELIEF_AGENCY", 2, "GON", "NGOGON"},
		{[]string{"relief", "agency"}, "RELIEF_AGENCY", 2, "---", "NGO"},
		{[]string{"elf", "societies"}, "ELF_SOCIETY", 2, "", "NGO"},
		{[]string{"borderwardress"}, "BORDERWARDRESS", 1, "ARN", "ARNMIL"},
		{[]string{"borderwardens"}, "BORDERWARDENS", 1, "ARN", "ARNMIL"},
		{[]string{"messenger"}, "MESSENGER", 1, "ARN", "ARNGOV"},
	}
	for _, tt := range tests {
		g, n := d.LongestAgent(tt.tokens, 0)
		got := ""
		if g != nil {
			got = g.Phrase.Text
		}
		if got != tt.want || n != tt.n {
			t.Errorf("LongestAgent(%q) = %q, %d; want %q, %d", tt.tokens, got, n, tt.want, tt.n)
			continue
		}
		if g != nil {
			if c := g.Apply(tt.country); c != tt.code {
				t.Errorf("%s.Apply(%q) = %q, want %q", got, tt.country, c, tt.code)
			}
		}
	}
}

func TestVerbsParse(t *testing.T) {
	d := loadMini(t)
	if len(d.Verbs.Families) != 2 {
		t.Fatalf("families = %d", len(d.Verbs.Families))
	}
	parley, strike := &d.Verbs.Families[0], &d.Verbs.Families[1]
	if parley.Label != "PARLEY" || parley.Code != "040" || parley.Paired != "" {
		t.Errorf("parley header = %q %q %q", parley.Label, parley.Code, parley.Paired)
	}
	if strike.Label != "STRIKE" || strike.Code != "190" || strike.Paired != "190" {
		t.Errorf("strike header = %q %q %q", strike.Label, strike.Code, strike.Paired)
	}
	if len(parley.Verbs) != 4 || len(strike.Verbs) != 3 {
		t.Fatalf("verbs = %d, %d", len(parley.Verbs), len(strike.Verbs))
	}
	formsOf := func(v *Verb) []string {
		var out []string
		for _, f := range v.Forms {
			out = append(out, strings.Join(f, " "))
		}
		return out
	}
	verbs := []struct {
		v     *Verb
		head  int
		code  string
		forms []string
	}{
		{&parley.Verbs[0], 0, "", []string{"parley", "parleys", "parleyed", "parleying"}},
		{&parley.Verbs[1], 0, "", []string{"meet", "meets", "met", "meeting"}},
		{&parley.Verbs[2], 0, "", []string{"sit down", "sat down", "sits down", "sitting down"}},
		{&parley.Verbs[3], 1, "043", []string{"hold council", "hold councils", "hold counciled", "hold counciling"}},
		{&strike.Verbs[0], 0, "", []string{"strike", "strikes", "struck", "striking"}},
		{&strike.Verbs[1], 1, "", []string{"border raid", "border raids", "border raided", "border raiding"}},
		{&strike.Verbs[2], 0, "", []string{"stop", "stops", "stopped", "stopping", "stoped", "stoping"}},
	}
	for _, tt := range verbs {
		if tt.v.Head != tt.head || tt.v.Code != tt.code || !slices.Equal(formsOf(tt.v), tt.forms) {
			t.Errorf("verb %q: head %d code %q forms %q; want %d %q %q", tt.v.Phrase.Text, tt.v.Head, tt.v.Code, formsOf(tt.v), tt.head, tt.code, tt.forms)
		}
	}
	if len(parley.Patterns) != 6 || len(strike.Patterns) != 2 {
		t.Fatalf("patterns = %d, %d", len(parley.Patterns), len(strike.Patterns))
	}
	pats := []struct {
		p      *Pattern
		canon  string
		code   string
		paired string
	}{
		{&parley.Patterns[0], "% * [040:040]", "040", "040"},
		{&parley.Patterns[1], "$ * WITH + [042]", "042", ""},
		{&parley.Patterns[2], "WILL_NOT_* [---]", "---", ""},
		{&parley.Patterns[3], "* &COIN FROM $ [071]", "071", ""},
		{&parley.Patterns[4], "$ ^ * ON_BEHALF OF + [045]", "045", ""},
		{&parley.Patterns[5], "* TRADE_+ [061]", "061", ""},
		{&strike.Patterns[0], "DID N'T * [120]", "120", ""},
		{&strike.Patterns[1], "* ( AT THE GATE ) [191]", "191", ""},
	}
	for _, tt := range pats {
		if got := PatternString(tt.p); got != tt.canon || tt.p.Code != tt.code || tt.p.Paired != tt.paired {
			t.Errorf("pattern %q: canonical %q code %q:%q; want %q %q:%q", tt.p.Line, got, tt.p.Code, tt.p.Paired, tt.canon, tt.code, tt.paired)
		}
	}
	p := &parley.Patterns[4]
	wantPre := []Elem{{Kind: ElemSource}, {Kind: ElemSkip}}
	wantPost := []Elem{{Kind: ElemWord, Text: "on"}, {Kind: ElemWord, Text: "behalf", Tight: true}, {Kind: ElemWord, Text: "of"}, {Kind: ElemTarget}}
	if !slices.EqualFunc(p.Pre, wantPre, elemEqual) || !slices.EqualFunc(p.Post, wantPost, elemEqual) {
		t.Errorf("elements = %+v | %+v", p.Pre, p.Post)
	}
	prep := strike.Patterns[1].Post[0]
	if prep.Kind != ElemPrep || prep.Text != "at" || len(prep.Elems) != 2 || prep.Elems[1].Text != "gate" {
		t.Errorf("prep element = %+v", prep)
	}
	if parley.Patterns[1].Comment != "source meets with target" || parley.Patterns[1].Pos.Line != 20 || parley.Patterns[1].Family != 0 {
		t.Errorf("pattern meta = %+v", parley.Patterns[1])
	}
	if d.Warnings != 4 {
		t.Errorf("warnings = %d, want 4 (unclosed agent code, '--' pattern, codeless pattern, codeless issue)", d.Warnings)
	}
}

func elemEqual(a, b Elem) bool {
	return a.Kind == b.Kind && a.Text == b.Text && a.Tight == b.Tight && len(a.Elems) == len(b.Elems)
}

func TestSynsets(t *testing.T) {
	d := loadMini(t)
	tests := []struct {
		name   string
		tokens []string
		at, n  int
	}{
		{"&COIN", []string{"gold", "piece"}, 0, 2},
		{"COIN", []string{"gold", "pieces"}, 0, 0}, // "&COIN_" blocks plurals
		{"COIN", []string{"some", "silver"}, 1, 1},
		{"STEED", []string{"ponies"}, 0, 1},
		{"&ANIMAL", []string{"two", "horses"}, 1, 1}, // nested synset
		{"ANIMAL", []string{"eagles"}, 0, 1},
		{"ANIMAL", []string{"wolf"}, 0, 0},
		{"UNDEFINED", []string{"wolf"}, 0, 0},
	}
	for _, tt := range tests {
		if n := d.SynsetMatch(tt.name, tt.tokens, tt.at); n != tt.n {
			t.Errorf("SynsetMatch(%s, %q) = %d, want %d", tt.name, tt.tokens, n, tt.n)
		}
	}
}

func TestVerbsAt(t *testing.T) {
	d := loadMini(t)
	tests := []struct {
		tokens     []string
		at         int
		label      string
		start, end int
		code       string
	}{
		{[]string{"they", "met", "here"}, 1, "PARLEY", 1, 2, "040"},
		{[]string{"they", "sat", "down"}, 1, "PARLEY", 1, 3, "040"},
		{[]string{"they", "sat", "up"}, 1, "", 0, 0, ""},
		{[]string{"we", "hold", "councils"}, 2, "PARLEY", 1, 3, "043"},
		{[]string{"the", "border", "raided"}, 2, "STRIKE", 1, 3, "190"},
		{[]string{"orcs", "raided"}, 1, "", 0, 0, ""},
		{[]string{"orcs", "struck"}, 1, "STRIKE", 1, 2, "190"},
		{[]string{"orcs", "struck"}, 7, "", 0, 0, ""},
	}
	for _, tt := range tests {
		ms := d.VerbsAt(tt.tokens, tt.at)
		if tt.label == "" {
			if len(ms) != 0 {
				t.Errorf("VerbsAt(%q, %d) = %+v, want none", tt.tokens, tt.at, ms)
			}
			continue
		}
		if len(ms) == 0 {
			t.Errorf("VerbsAt(%q, %d) = none, want %s", tt.tokens, tt.at, tt.label)
			continue
		}
		m := ms[0]
		code, _ := d.VerbCode(m)
		if f := d.VerbFamily(m); f.Label != tt.label || m.Start != tt.start || m.End != tt.end || m.Head != tt.at || code != tt.code {
			t.Errorf("VerbsAt(%q, %d) = %s %+v code %s; want %s [%d,%d) %s", tt.tokens, tt.at, f.Label, m, code, tt.label, tt.start, tt.end, tt.code)
		}
	}
}

func TestDiscards(t *testing.T) {
	d := loadMini(t)
	tests := []struct {
		tokens []string
		want   string
		at     int
		story  bool
	}{
		{[]string{"a", "harvest", "festival", "began"}, "HARVEST_FESTIVAL", 1, true},
		{[]string{"the", "ballgames", "ended"}, "BALLGAME", 1, false},
		{[]string{"sports", "result", "."}, "SPORTS_RESULT", 0, false},
		{[]string{"sports", "results"}, "", -1, false},
		{[]string{"harvest", "moon"}, "", -1, false},
	}
	for _, tt := range tests {
		x, at := d.DiscardIn(tt.tokens)
		got := ""
		if x != nil {
			got = x.Phrase.Text
		}
		if got != tt.want || at != tt.at || (x != nil && x.Story != tt.story) {
			t.Errorf("DiscardIn(%q) = %q at %d; want %q at %d story=%v", tt.tokens, got, at, tt.want, tt.at, tt.story)
		}
	}
}

func TestIssues(t *testing.T) {
	d := loadMini(t)
	if len(d.Issues) != 6 {
		t.Fatalf("issues = %d, want 6", len(d.Issues))
	}
	tests := []struct {
		sentence string
		want     []string // code@start
	}{
		{"the harvests failed", []string{"FOOD_SUPPLY@1"}},
		{"they rationed breads during the siege", []string{"FOOD_SUPPLY@1", "SIEGE@5"}},
		{"a second-breakfast and a second breakfast", []string{"MEALS@1", "MEALS@4"}},
		{"the harvest moon rose over a second breakfast", nil},
		{"the siege of gondor and the harvest", []string{"FOOD_SUPPLY@6"}},
		{"nothing here", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range d.IssuesIn(strings.Fields(tt.sentence)) {
			got = append(got, m.Issue.Code+"@"+strconv.Itoa(m.Start))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("IssuesIn(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
	var siege *Issue
	for i := range d.Issues {
		if d.Issues[i].Ignore && d.Issues[i].Story {
			siege = &d.Issues[i]
		}
	}
	if siege == nil || siege.Category != "WAR" {
		t.Errorf("story ignore line = %+v", siege)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		ok   bool
	}{
		{"Phoenix.Countries.actors.txt", KindActors, true},
		{"Phoenix.agents.txt", KindAgents, true},
		{"CAMEO.verbpatterns.150430.txt", KindVerbs, true},
		{"PETR.Validate.verbs.txt", KindVerbs, true},
		{"Phoenix.discards.txt", KindDiscards, true},
		{"Phoenix.IssueCoding.txt", KindIssues, true},
		{"dir/x.ISSUES.txt", KindIssues, true},
		{"CAMEO.2.0.txt", "", false},
		{"README.md", "", false},
	}
	for _, tt := range tests {
		k, ok := KindOf(tt.name)
		if k != tt.kind || ok != tt.ok {
			t.Errorf("KindOf(%q) = %q, %v", tt.name, k, ok)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := LoadDir(ctx, "testdata/does-not-exist"); err == nil {
		t.Error("LoadDir on a missing directory: want an error")
	}
	if _, err := Load(ctx, Files{Actors: []string{"testdata/none.actors.txt"}}); err == nil {
		t.Error("Load of a missing file: want an error")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := LoadDir(cctx, "testdata/mini"); err == nil {
		t.Error("LoadDir with a cancelled context: want an error")
	}
	d := &Dictionary{}
	if err := d.Parse(ctx, Kind("bogus"), "x", nil); err == nil {
		t.Error("Parse of an unknown kind: want an error")
	}
}

func TestMerge(t *testing.T) {
	base := loadMini(t)
	extra := parseOne(t, KindActors, "ARNOR [XXX]\nFORNOST [ARNFOR]\n")
	if err := extra.ParseWith(context.Background(), KindVerbs, "extra.verbs", []byte("&STEED\n+WARG\n--- RIDE [042] ---\nRIDE {RIDES RODE RIDDEN RIDING}\n- * &STEED [043]\n"), quiet()); err != nil {
		t.Fatal(err)
	}
	nActors, nFam := len(base.Actors), len(base.Verbs.Families)
	base.Merge(extra)
	if len(base.Actors) != nActors+2 || len(base.Verbs.Families) != nFam+1 {
		t.Fatalf("after merge: %d actors, %d families", len(base.Actors), len(base.Verbs.Families))
	}
	if a, _ := base.LongestActor([]string{"arnor"}, 0); a == nil || a.CodeAt(chronicle.Date{}) != "ARN" {
		t.Errorf("arnor = %+v, want the first dictionary's entry", a)
	}
	if a, _ := base.LongestActor([]string{"fornost"}, 0); a == nil || a.CodeAt(chronicle.Date{}) != "ARNFOR" {
		t.Errorf("fornost = %+v", a)
	}
	ms := base.VerbsAt([]string{"they", "rode"}, 1)
	if len(ms) != 1 || base.VerbFamily(ms[0]).Label != "RIDE" {
		t.Fatalf("VerbsAt(rode) = %+v", ms)
	}
	p := base.VerbFamily(ms[0]).Patterns[0]
	if p.Family != ms[0].Family || base.Verbs.Families[p.Family].Label != "RIDE" {
		t.Errorf("merged pattern family = %d", p.Family)
	}
	// Synsets of the same name are combined.
	if base.SynsetMatch("STEED", []string{"wargs"}, 0) != 1 || base.SynsetMatch("STEED", []string{"pony"}, 0) != 1 {
		t.Error("merged synset STEED lacks members of one side")
	}
	if extra.Verbs.Families[0].Patterns[0].Family != 0 {
		t.Error("Merge modified its argument")
	}
}

func TestLoadFS(t *testing.T) {
	fsys := os.DirFS("testdata/mini")
	d, err := LoadFSWith(context.Background(), fsys, quiet())
	if err != nil {
		t.Fatal(err)
	}
	dir := loadMini(t)
	if len(d.Actors) != len(dir.Actors) || len(d.Agents) != len(dir.Agents) || len(d.Issues) != len(dir.Issues) || d.Warnings != dir.Warnings {
		t.Errorf("LoadFS and LoadDir differ: %d/%d actors, %d/%d warnings", len(d.Actors), len(dir.Actors), d.Warnings, dir.Warnings)
	}
	// Positions name files by their path inside the FS.
	if got := d.Actors[0].Pos.String(); got != "mini.actors.txt:5" {
		t.Errorf("Pos = %q, want mini.actors.txt:5", got)
	}
	if _, err := LoadFS(context.Background(), os.DirFS("testdata/does-not-exist")); err == nil {
		t.Error("LoadFS on a missing directory: want an error")
	}
}

func TestSmallHelpers(t *testing.T) {
	d := loadMini(t)
	a := &d.Actors[0]
	var got []string
	for _, p := range a.Phrases() {
		got = append(got, p.Text)
	}
	if !slices.Equal(got, []string{"ARNOR", "NORTH_KINGDOM", "ARNORIAN"}) {
		t.Errorf("Phrases() = %q", got)
	}
	pats := d.Verbs.Families[0].Patterns
	if pats[0].Specificity() != 1 || pats[4].Specificity() != 6 {
		t.Errorf("Specificity = %d, %d; want 1, 6", pats[0].Specificity(), pats[4].Specificity())
	}
	kinds := []struct {
		k    ElemKind
		want string
	}{{ElemWord, "word"}, {ElemSynset, "synset"}, {ElemSource, "source"}, {ElemTarget, "target"},
		{ElemCompound, "compound"}, {ElemSkip, "skip"}, {ElemVerb, "verb"}, {ElemPhrase, "phrase"},
		{ElemPrep, "prep"}, {ElemKind(42), "ElemKind(42)"}}
	for _, tt := range kinds {
		if tt.k.String() != tt.want {
			t.Errorf("ElemKind(%d).String() = %q", tt.k, tt.k.String())
		}
	}
	covers := []struct {
		c    DatedCode
		d    chronicle.Date
		want bool
	}{
		{DatedCode{Code: "A"}, chronicle.Date{}, true},
		{DatedCode{Code: "A", From: day(2000, 1, 1)}, chronicle.Date{}, false},
		{DatedCode{Code: "A", From: day(2000, 1, 1)}, day(1999, 12, 31), false},
		{DatedCode{Code: "A", From: day(2000, 1, 1)}, day(2000, 1, 1), true},
		{DatedCode{Code: "A", To: day(2000, 1, 1)}, day(2000, 1, 2), false},
	}
	for _, tt := range covers {
		if got := tt.c.Covers(tt.d); got != tt.want {
			t.Errorf("%+v.Covers(%v) = %v", tt.c, tt.d, got)
		}
	}
}
