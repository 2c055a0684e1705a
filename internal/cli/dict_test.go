package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

// lintFixture writes a small dictionary set with one error of each
// main kind and a duplicate warning.
func lintFixture(t *testing.T) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.actors.txt": "NORWAY [NOR]\n+NORWEGIAN\n\nOSLO [SWE]\n+NORWEGIAN\n\nANNA_LIND\n\t[NORGOV 20200101-20201231]\n\t[NORELI >20200601]\n\nBAD [NORXYZ]\n",
		"b.agents.txt": "KING [~GOV]\nKING [~GOV]\n",
		"c.verbs.txt":  "--- MEET [040] ---\nMEET\n- $ * + [999]\n\t[NOR 2020-01-01]\n",
	})
	return dir
}

func TestDictLint(t *testing.T) {
	fix := lintFixture(t)
	tests := []struct {
		name   string
		args   []string
		status int
		want   []string
	}{
		{"fixture", []string{"--dict", fix}, ExitRejected, []string{
			"a.actors.txt:4: error: phrase NORWEGIAN codes SWE here but NOR in NORWAY",
			"a.actors.txt:9: error: ANNA_LIND: ELI period overlaps the office period NORGOV (line 8)",
			"a.actors.txt:11: error: actor code NORXYZ has XYZ",
			"b.agents.txt:2: warning: agent phrase KING is already defined alike",
			"c.verbs.txt:3: error: event code 999 is not a CAMEO code",
			"c.verbs.txt:4: warning: verb",
			"dictionaries: 4 errors, 3 warnings (code 2, conflict 1, duplicate 2, loader 1, tenure 1)",
		}},
		{"built-in has no errors", nil, ExitOK, []string{"built-in dictionaries: 0 errors"}},
		{"missing dir", []string{"--dict", filepath.Join(fix, "nope")}, ExitFailure, nil},
		{"stray argument", []string{"x"}, ExitUsage, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errs := cliRun(t, "", append([]string{"dict", "lint"}, tt.args...)...)
			if status != tt.status {
				t.Fatalf("status %d, want %d; stderr %s\n%s", status, tt.status, errs, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestDictLintJSON(t *testing.T) {
	status, out, errs := cliRun(t, "", "dict", "lint", "--json", "--dict", lintFixture(t))
	if status != ExitRejected {
		t.Fatalf("status %d; %s", status, errs)
	}
	var rep struct {
		Findings []lintFinding
		Summary  lintSummary
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if rep.Summary.Errors != 4 || rep.Summary.Warnings != 3 || len(rep.Findings) != 7 {
		t.Errorf("summary %+v with %d findings", rep.Summary, len(rep.Findings))
	}
	f := rep.Findings[0]
	if filepath.Base(f.File) != "a.actors.txt" || f.Line != 4 || f.Severity != lexicon.SevError || f.Check != lexicon.CheckConflict {
		t.Errorf("first finding %+v", f)
	}
}

func TestDictExplain(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
		not  []string
	}{
		{"in office", []string{"Antony Blinken", "--date", "2023-11-08"},
			[]string{"actor \"Antony Blinken\" = ANTONY_BLINKEN", "-> USAGOV (tenure 2021-01-26..2025-01-20)"}, []string{"coded as a sentence"}},
		{"after office", []string{"Antony Blinken", "--date", "2025-06-01"},
			[]string{"-> USAELI (out of office 2025-01-20..now)", "2025-06-01 is outside 2021-01-26..2025-01-20"}, nil},
		{"no date", []string{"Antony Blinken"},
			[]string{"no --date", "only default codes apply", "-> no code applies"}, nil},
		{"agent placement", []string{"Gondor's foreign minister", "--dict", worldDict(t)},
			[]string{"agent \"foreign minister\" = FOREIGN_MINISTER", "alone: ---GOVFRM", "with GON from the actor before it: GONGOVFRM"}, nil},
		{"sentence", []string{"Arnor attacked Gondor.", "--dict", worldDict(t), "--date", "2020-05-01"},
			[]string{"verb \"attacked\" = ATTACK in family ATTACK [190]", "coded as a sentence: 1 event",
				"event 1: ARN -> GON  190 (root 19, ASSAULT)  asserted  2020-05-01", "source NP: \"Arnor\"", "pattern: ATTACK default (", "world.verbs.txt:7)"}, nil},
		{"never code", []string{"Arnor attacked Gondor.", "--dict", worldDict(t), "--code", "never"},
			[]string{"verb \"attacked\""}, []string{"coded as a sentence"}},
		{"nothing matches", []string{"zzyzx qqq", "--dict", worldDict(t)}, []string{"no actor, agent or verb entry matches"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errs := cliRun(t, "", append([]string{"dict", "explain"}, tt.args...)...)
			if status != ExitOK {
				t.Fatalf("status %d; %s", status, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
	for _, args := range [][]string{{}, {"x", "--date", "2020-13-01"}, {"x", "--code", "maybe"}} {
		if status, _, _ := cliRun(t, "", append([]string{"dict", "explain"}, args...)...); status != ExitUsage {
			t.Errorf("explain %q: status %d, want %d", args, status, ExitUsage)
		}
	}
}

// TestDictConvert converts the built-in set to JSON and back through the
// command and checks the result loads to the same dictionaries.
func TestDictConvert(t *testing.T) {
	tmp := t.TempDir()
	js, txt := filepath.Join(tmp, "json"), filepath.Join(tmp, "txt")
	for _, args := range [][]string{
		{"dict", "convert", "--to", "json", "-o", js},
		{"dict", "convert", "--to", "petrarch", "--dict", js, "-o", txt},
	} {
		if status, _, errs := cliRun(t, "", args...); status != ExitOK || !strings.Contains(errs, "wrote 7 ") {
			t.Fatalf("%q: status %d; %s", args, status, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(js, "people.actors.json")); err != nil {
		t.Error(err)
	}
	ctx := context.Background()
	orig, err := loadDictWith(ctx, "", lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{js, txt} {
		back, err := loadDictWith(ctx, dir, lexicon.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if back.Warnings != 0 {
			t.Errorf("%s: %d warnings", dir, back.Warnings)
		}
		for _, k := range lexicon.Kinds() {
			var a, b strings.Builder
			if err := lexicon.Write(&a, orig, k); err != nil {
				t.Fatal(err)
			}
			if err := lexicon.Write(&b, back, k); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Errorf("%s: %s differ after conversion", dir, k)
			}
		}
	}
	status, out, _ := cliRun(t, "", "dict", "convert", "--to", "petrarch", "--dict", worldDict(t))
	if status != ExitOK || !strings.Contains(out, "==> world.verbs.txt <==") || !strings.Contains(out, "--- ATTACK [190] ---") {
		t.Errorf("convert to stdout: status %d\n%s", status, out)
	}
	for _, args := range [][]string{{"dict", "convert"}, {"dict", "convert", "--to", "xml"}, {"dict"}, {"dict", "frobnicate"}} {
		if status, _, _ := cliRun(t, "", args...); status != ExitUsage {
			t.Errorf("%q: status %d, want %d", args, status, ExitUsage)
		}
	}
}
