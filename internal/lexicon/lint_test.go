package lexicon

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
)

// lintDir loads dir collecting loader warnings and lints it.
func lintDir(tb testing.TB, load func(Options) (*Dictionary, error)) []Finding {
	tb.Helper()
	var c WarningCollector
	d, err := load(Options{Logger: c.Logger()})
	if err != nil {
		tb.Fatal(err)
	}
	book, err := NewCodeBook(nil)
	if err != nil {
		tb.Fatal(err)
	}
	fs := append(c.Findings(), Lint(d, book)...)
	SortFindings(fs)
	return fs
}

func countFindings(fs []Finding) map[string]int {
	n := map[string]int{}
	for _, f := range fs {
		n[string(f.Severity)+" "+f.Check]++
	}
	return n
}

// TestLintFixture runs lint on testdata/lint, which has one entry for
// each kind of problem and a few clean ones (EVA_FORS: GOV and ELI
// periods sharing only their handover days, GOV first).
func TestLintFixture(t *testing.T) {
	fs := lintDir(t, func(o Options) (*Dictionary, error) {
		return LoadDirWith(context.Background(), "testdata/lint", o)
	})
	want := []struct {
		file  string
		line  int
		sev   Severity
		check string
		msg   string // a substring of the message
	}{
		{"lint.actors.txt", 5, SevWarning, CheckDuplicate, "SWEDISH is listed twice"},
		{"lint.actors.txt", 9, SevWarning, CheckDuplicate, "NORWEGIAN is already defined with the same codes by NORWAY"},
		{"lint.actors.txt", 15, SevError, CheckConflict, "COPENHAGEN codes NOR here but DNK in DENMARK"},
		{"lint.actors.txt", 19, SevWarning, CheckTenure, "two NORGOV periods overlap on 2021-06-01..2021-12-31 (214 days)"},
		{"lint.actors.txt", 25, SevError, CheckTenure, "ELI period overlaps the office period NORGOV (line 24) on 2020-01-01..2020-01-15 (15 days)"},
		{"lint.actors.txt", 30, SevError, CheckTenure, "CARL_DAHL: ELI period overlaps"},
		{"lint.actors.txt", 34, SevError, CheckTenure, "NORGOV period overlaps the NORMIL period"},
		{"lint.actors.txt", 43, SevWarning, CheckTenure, "handover day 2020-01-01 the NORELI code at line 42 wins"},
		{"lint.actors.txt", 45, SevWarning, CheckCode, "FRODE_GRAN has no code"},
		{"lint.actors.txt", 46, SevError, CheckDate, "ends before it starts"},
		{"lint.actors.txt", 47, SevError, CheckDate, "want a real day"},
		{"lint.actors.txt", 51, SevError, CheckCode, "GOVSWE starts with the role GOV"},
		{"lint.actors.txt", 52, SevError, CheckCode, "SWEGOVXYZ has XYZ"},
		{"lint.actors.txt", 53, SevWarning, CheckCode, "IGOQQQ has QQQ, no organisation tag"},
		{"lint.actors.txt", 54, SevError, CheckCode, "SWEGO is not a run of 3-letter parts"},
		{"lint.actors.txt", 55, SevError, CheckCode, "SWE--- has the null part"},
		{"lint.agents.txt", 2, SevWarning, CheckDuplicate, "agent phrase KING is already defined alike"},
		{"lint.agents.txt", 2, SevWarning, CheckDuplicate, "agent plural KINGS"},
		{"lint.agents.txt", 4, SevError, CheckConflict, "TROOPERS codes [~REB] here but [~MIL]"},
		{"lint.agents.txt", 6, SevError, CheckCode, "agent code XYZ has XYZ"},
		{"lint.agents.txt", 7, SevError, CheckCode, "has the country USA"},
		{"lint.discards.txt", 2, SevWarning, CheckDuplicate, "discard FOOTBALL repeats"},
		{"lint.verbs.txt", 9, SevError, CheckConflict, "pattern $ * WITH + codes [043] here but [040] at line 8"},
		{"lint.verbs.txt", 10, SevWarning, CheckDuplicate, "pattern $ * + repeats line 7 of MEET"},
		{"lint.verbs.txt", 13, SevError, CheckConflict, "verb CONFER is in TALK [041] and, first, in MEET [040]"},
		{"lint.verbs.txt", 18, SevError, CheckConflict, "verb MEET is in DISCUSS [041] and, first, in MEET [040]"},
		{"lint.verbs.txt", 19, SevError, CheckCode, "event code 999 is not a CAMEO code"},
		{"lint.verbs.txt", 20, SevWarning, CheckCode, "event code 0415 is not in the CAMEO table; a coder reads it as 041"},
	}
	if len(fs) != len(want) {
		for _, f := range fs {
			t.Log(f)
		}
		t.Fatalf("%d findings, want %d", len(fs), len(want))
	}
	for i, w := range want {
		f := fs[i]
		if filepath.Base(f.Pos.File) != w.file || f.Pos.Line != w.line || f.Severity != w.sev || f.Check != w.check || !strings.Contains(f.Message, w.msg) {
			t.Errorf("finding %d = %s [%s], want %s:%d: %s: ...%s... [%s]", i, f, f.Check, w.file, w.line, w.sev, w.msg, w.check)
		}
	}
}

// TestLintClean checks entries lint must accept.
func TestLintClean(t *testing.T) {
	const actors = `NORWAY [NOR]
+NORWEGIAN
ANNA_LIND  # handover days shared, office listed first
	[NORGOV 20150109-20170120]
	[NORGOV 20210126-20250120]
	[NORELI <20150109]
	[NORELI 20170120-20210126]
	[NORELI >20250120]
OLAF [NORGOV 20000101-20051231] [NORELI]
NATO_OFFICE [IGOWSTNAT]
PALESTINIAN_AID [NGOPSE]
OLD_STATE [USR/DDR]
THE_WEST [WST]
`
	const verbs = `&GOODS
+GRAIN
--- MEET [040:040] ---
MEET {MET MEETING}
- $ * + [040]
- $ * WITH + [040]
- * &GOODS [0211]
--- OTHER [---] ---
CONFER [043]
`
	d := &Dictionary{}
	ctx := context.Background()
	for _, f := range []struct {
		k   Kind
		src string
	}{{KindActors, actors}, {KindVerbs, verbs}, {KindAgents, "KING [~GOV]\nAID_GROUP [NGO~]\nTROOPS {} [~MIL]\n"}} {
		if err := d.ParseWith(ctx, f.k, string(f.k), []byte(f.src), quiet()); err != nil {
			t.Fatal(err)
		}
	}
	d.Compile()
	book, err := NewCodeBook(nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Warnings != 0 {
		t.Errorf("%d loader warnings", d.Warnings)
	}
	for _, f := range Lint(d, book) {
		t.Errorf("unexpected finding %s", f)
	}
}

func TestCodeBook(t *testing.T) {
	book, err := NewCodeBook(nil)
	if err != nil {
		t.Fatal(err)
	}
	actor := []struct {
		code         string
		errs, warns  int
		firstMessage string
	}{
		{"USAGOV", 0, 0, ""},
		{"---GOV", 0, 0, ""},
		{"XKX", 0, 0, ""},
		{"SUN", 0, 0, ""}, // the Soviet Union, a former ISO code
		{"IGOUNO", 0, 0, ""},
		{"IGOWSTNAT", 0, 0, ""},
		{"NGOPSE", 0, 0, ""},
		{"PSEREBMOS", 0, 0, ""},
		{"ELR/GAL", 2, 0, "ELR"},
		{"QQQ", 1, 0, "starts with QQQ"},
		{"GOV", 1, 0, "starts with the role GOV"},
		{"USAQQQ", 1, 0, "has QQQ"},
		{"IMGQQQ", 0, 1, "organisation tag"},
		{"USAG", 1, 0, "3-letter"},
		{"", 1, 0, "empty"},
	}
	for _, tt := range actor {
		errs, warns := book.ActorCodeProblems(tt.code)
		if len(errs) != tt.errs || len(warns) != tt.warns {
			t.Errorf("ActorCodeProblems(%q) = %q, %q; want %d errors, %d warnings", tt.code, errs, warns, tt.errs, tt.warns)
			continue
		}
		if all := append(errs, warns...); len(all) > 0 && !strings.Contains(all[0], tt.firstMessage) {
			t.Errorf("ActorCodeProblems(%q) = %q, want %q", tt.code, all[0], tt.firstMessage)
		}
	}
	event := []struct {
		code string
		sev  Severity
	}{{"040", ""}, {"---", ""}, {"", ""}, {"1823", ""}, {"0415", SevWarning}, {"0233a", SevWarning}, {"999", SevError}, {"080!", SevError}, {"ABC", SevError}}
	for _, tt := range event {
		if sev, msg := book.EventCodeProblem(tt.code); sev != tt.sev {
			t.Errorf("EventCodeProblem(%q) = %s %q, want %q", tt.code, sev, msg, tt.sev)
		}
	}
	for code, n := range map[string]int{"GOV": 0, "GOVMOD": 0, "NGO": 0, "XYZ": 1, "USA": 1, "MEA": 1, "GO": 1} {
		if got := book.AgentCodeProblems(code); len(got) != n {
			t.Errorf("AgentCodeProblems(%q) = %q, want %d", code, got, n)
		}
	}
	if !book.IsCountry("PSE") || book.IsCountry("GOV") || book.IsCountry("MEA") {
		t.Error("IsCountry: PSE is a country; GOV and MEA are not")
	}
}

// TestLintBuiltin documents what lint finds in the built-in dictionaries.
// It must find no errors; the warnings listed are known (TROOPS is both
// TROOP's generated plural and an entry of its own). Update the count
// when the data changes.
func TestLintBuiltin(t *testing.T) {
	fs := lintDir(t, func(o Options) (*Dictionary, error) {
		return LoadFSWith(context.Background(), builtin.FS, o)
	})
	n := countFindings(fs)
	t.Logf("built-in: %v", n)
	for _, f := range fs {
		if f.Severity == SevError {
			t.Errorf("built-in dictionaries: %s", f)
		}
	}
	if got := n["warning duplicate"]; got != 1 {
		for _, f := range fs {
			t.Log(f)
		}
		t.Errorf("built-in: %d duplicate warnings, documented 1", got)
	}
}

// TestLintPhoenix reports (and pins) the counts on the Phoenix set.
func TestLintPhoenix(t *testing.T) {
	dir := sharedDir(t, "phoenix")
	fs := lintDir(t, func(o Options) (*Dictionary, error) {
		return LoadDirWith(context.Background(), dir, o)
	})
	n := countFindings(fs)
	t.Logf("Phoenix: %d findings: %v", len(fs), n)
	want := map[string]int{
		"error code": 302, "error conflict": 103, "error date": 5, "error tenure": 456,
		"warning code": 388, "warning duplicate": 1276, "warning loader": 22, "warning tenure": 2625,
	}
	if fmt.Sprint(n) != fmt.Sprint(want) {
		t.Errorf("Phoenix counts %v, want %v", n, want)
	}
}

func TestExplain(t *testing.T) {
	d, err := LoadDirWith(context.Background(), "testdata/lint", quiet())
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) chronicle.Date {
		if s == "" {
			return chronicle.Date{}
		}
		dd, err := chronicle.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return dd
	}
	tests := []struct {
		phrase, date string
		want         string // actor matches "phrase=code" and agent "phrase>code"
		why          string // substring of the applying code's reason
	}{
		{"eva fors", "2020-06-01", "EVA_FORS=NORGOV", "within 2020-01-01..2020-12-31"},
		{"eva fors", "2019-06-01", "EVA_FORS=NORELI", "within always..2020-01-01"},
		{"eva fors", "2020-12-31", "EVA_FORS=NORGOV", "first restriction covering"},
		{"eva fors", "2023-01-01", "EVA_FORS=NORELI", "within 2020-12-31..now"},
		{"eva fors", "", "EVA_FORS=", ""},
		{"greta holm", "", "GRETA_HOLM=SWE", "default code (no date given)"},
		{"greta holm", "2020-01-01", "GRETA_HOLM=SWE", "no restriction covers"},
		{"copenhagen", "", "COPENHAGEN=DNK shadows COPENHAGEN", "default"},
		{"the norwegian troopers met", "", "NORWEGIAN=NOR shadows KINGDOM_OF_NORWAY TROOPERS>NORMIL met:MEET[040]", "default"},
		{"king", "", "KING>---GOV", ""},
		{"aid workers", "", "AID_WORKERS>NGO", ""},
	}
	for _, tt := range tests {
		t.Run(tt.phrase+" "+tt.date, func(t *testing.T) {
			e := d.Explain(SplitPhrase(tt.phrase), day(tt.date))
			var got []string
			why := ""
			for _, a := range e.Actors {
				s := JoinWords(e.Tokens[a.Start:a.End]) + "=" + a.Code
				for _, o := range a.Shadowed {
					s += " shadows " + o.Primary.Text
				}
				got = append(got, s)
				for _, c := range a.Codes {
					if c.Applies {
						why = c.Why
					}
				}
			}
			for _, g := range e.Agents {
				code := g.Alone
				if g.Combined != "" {
					code = g.Combined
				}
				got = append(got, JoinWords(e.Tokens[g.Start:g.End])+">"+code)
			}
			for _, v := range e.Verbs {
				got = append(got, fmt.Sprintf("%s:%s[%s]", strings.Join(v.Form, " "), v.Family.Label, v.Code))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tt.want)
			}
			if !strings.Contains(why, tt.why) {
				t.Errorf("reason %q, want %q", why, tt.why)
			}
		})
	}
}

func BenchmarkLintPhoenix(b *testing.B) {
	d, err := LoadDirWith(context.Background(), sharedDir(b, "phoenix"), quiet())
	if err != nil {
		b.Fatal(err)
	}
	book, err := NewCodeBook(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Lint(d, book)
	}
}

// FuzzLint lints whatever the PETRARCH parsers accept: no input may make
// lint panic, and every finding must name a line.
func FuzzLint(f *testing.F) {
	for _, name := range []string{"lint.actors.txt", "lint.agents.txt", "lint.verbs.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "lint", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, b)
	}
	book, err := NewCodeBook(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		k, ok := KindOf(name)
		if !ok {
			return
		}
		d := &Dictionary{}
		if err := d.ParseWith(context.Background(), k, name, data, quiet()); err != nil {
			return
		}
		d.Compile()
		for _, fd := range Lint(d, book) {
			if fd.Pos.Line < 1 || fd.Message == "" {
				t.Fatalf("finding without a line or message: %+v", fd)
			}
		}
		if len(data) > 0 {
			d.Explain(SplitPhrase(string(data[:min(len(data), 64)])), chronicle.Date{Year: 2020, Month: 1, Day: 1})
		}
	})
}
