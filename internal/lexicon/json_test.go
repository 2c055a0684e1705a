package lexicon

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
)

// writeParts writes every file of d into a new directory, as JSON or as
// PETRARCH text, under the file's own base name.
func writeParts(t *testing.T, d *Dictionary, asJSON bool) string {
	t.Helper()
	dir := t.TempDir()
	for _, part := range d.ByFile() {
		name := strings.TrimSuffix(part.Name, filepath.Ext(part.Name))
		var buf bytes.Buffer
		var err error
		if asJSON {
			err = WriteJSON(&buf, part.Dict, part.Kind)
			name += ".json"
		} else {
			err = Write(&buf, part.Dict, part.Kind)
			name += ".txt"
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := KindOf(name); !ok {
			name = string(part.Kind) + "." + name
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeAll(t *testing.T, d *Dictionary) string {
	t.Helper()
	var b strings.Builder
	for _, k := range Kinds() {
		if err := Write(&b, d, k); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestJSONRoundTrip converts PETRARCH → JSON → PETRARCH and checks that
// every step loads the same model and that the final text is what the
// original model writes.
func TestJSONRoundTrip(t *testing.T) {
	sets := []struct {
		name     string
		load     func(t *testing.T) *Dictionary
		warnings int // dangling synset references survive conversion
	}{
		{"mini", loadMini, 0},
		{"builtin", func(t *testing.T) *Dictionary {
			d, err := LoadFSWith(context.Background(), builtin.FS, quiet())
			if err != nil {
				t.Fatal(err)
			}
			return d
		}, 0},
		{"phoenix", func(t *testing.T) *Dictionary {
			d, err := LoadDirWith(context.Background(), sharedDir(t, "phoenix"), quiet())
			if err != nil {
				t.Fatal(err)
			}
			return d
		}, 0},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			d := set.load(t)
			ctx := context.Background()
			js, err := LoadDirWith(ctx, writeParts(t, d, true), quiet())
			if err != nil {
				t.Fatal(err)
			}
			if js.Warnings != set.warnings {
				t.Errorf("reading the JSON gave %d warnings, want %d", js.Warnings, set.warnings)
			}
			compareDicts(t, d, js)
			back, err := LoadDirWith(ctx, writeParts(t, js, false), quiet())
			if err != nil {
				t.Fatal(err)
			}
			compareDicts(t, d, back)
			if a, b := writeAll(t, d), writeAll(t, back); a != b {
				t.Errorf("PETRARCH text differs after the JSON round trip (%d and %d bytes)", len(a), len(b))
			}
			if len(js.Actors) != len(d.Actors) || len(js.Verbs.Families) != len(d.Verbs.Families) {
				t.Errorf("JSON: %d actors, %d families; want %d, %d", len(js.Actors), len(js.Verbs.Families), len(d.Actors), len(d.Verbs.Families))
			}
		})
	}
}

// TestJSONPositions checks that JSON entries carry the line they are on.
func TestJSONPositions(t *testing.T) {
	src := `{"format": "chronicle-dictionary/1", "kind": "verbs", "synsets": [
{"name": "GOODS", "members": [{"phrase": "GRAIN"}, {"phrase": "OIL", "no_plural": true}]}
], "families": [
{"label": "MEET", "code": "040", "verbs": [
{"verb": "MEET", "irregular": ["MET", "MEETING"]},
{"verb": "+SIT_DOWN", "code": "043"}
], "patterns": [
{"pattern": "$ * + &GOODS", "code": "042", "comment": "trade talks"}
]}
], "transforms": []}
`
	d := &Dictionary{}
	if err := d.ParseJSON(context.Background(), KindVerbs, "v.json", []byte(src), quiet()); err != nil {
		t.Fatal(err)
	}
	d.Compile()
	f := d.Verbs.Families[0]
	checks := []struct {
		what string
		got  int
		want int
	}{
		{"synset", d.Verbs.Synsets["GOODS"].Pos.Line, 2},
		{"family", f.Pos.Line, 4},
		{"verb MEET", f.Verbs[0].Pos.Line, 5},
		{"verb SIT_DOWN", f.Verbs[1].Pos.Line, 6},
		{"pattern", f.Patterns[0].Pos.Line, 8},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s on line %d, want %d", c.what, c.got, c.want)
		}
	}
	if got := PatternString(&f.Patterns[0]); got != "$ * + &GOODS [042]" {
		t.Errorf("pattern = %q", got)
	}
	if len(f.Verbs[0].Forms) != 3 {
		t.Errorf("MEET forms = %v, want meet met meeting only", f.Verbs[0].Forms)
	}
	if f.Verbs[1].Head != 0 || f.Verbs[1].Code != "043" {
		t.Errorf("SIT_DOWN head %d code %q", f.Verbs[1].Head, f.Verbs[1].Code)
	}
	if n := d.SynsetMatch("GOODS", []string{"oils"}, 0); n != 0 {
		t.Errorf("no_plural member matched a plural")
	}
}

func TestJSONErrors(t *testing.T) {
	head := `{"format": "chronicle-dictionary/1", "kind": "actors", `
	tests := []struct {
		name     string
		kind     Kind
		src      string
		err      string // "" when the file loads
		warnings int
	}{
		{"ok", KindActors, head + `"actors": [{"phrase": "GONDOR", "codes": [{"code": "GON"}]}]}`, "", 0},
		{"wrong format", KindActors, `{"format": "x", "kind": "actors"}`, "format", 0},
		{"kind mismatch", KindAgents, head + `"actors": []}`, "read as agents", 0},
		{"unknown kind", "", `{"format": "chronicle-dictionary/1", "kind": "people"}`, "unknown dictionary kind", 0},
		{"field before kind", KindActors, `{"actors": []}`, "before", 0},
		{"no kind", KindActors, `{"format": "chronicle-dictionary/1"}`, "no \"kind\"", 0},
		{"unknown entry field", KindActors, head + `"actors": [{"phrase": "X", "code": "GON"}]}`, "unknown field", 0},
		{"field of other kind", KindActors, head + `"agents": []}`, "unknown field", 0},
		{"trailing data", KindActors, head + `"actors": []} {}`, "after", 0},
		{"not json", KindActors, `GONDOR [GON]`, "invalid", 0},
		{"reversed dates", KindActors, head + `"actors": [{"phrase": "X", "codes": [{"code": "GON", "from": "2020-01-02", "to": "2020-01-01"}]}]}`, "", 1},
		{"bad date", KindActors, head + `"actors": [{"phrase": "X", "codes": [{"code": "GON", "from": "2020-13-02"}]}]}`, "real day", 0},
		{"empty phrase", KindActors, head + `"actors": [{"phrase": "_"}]}`, "", 1},
		{"bad agent code", KindAgents, `{"format": "chronicle-dictionary/1", "kind": "agents", "agents": [{"phrase": "KING", "code": "~GOV"}]}`, "", 1},
		{"bad pattern", KindVerbs, `{"format": "chronicle-dictionary/1", "kind": "verbs", "families": [{"label": "X", "patterns": [{"pattern": "$ + ", "code": "040"}]}]}`, "", 1},
		{"issue without code", KindIssues, `{"format": "chronicle-dictionary/1", "kind": "issues", "issues": [{"phrase": "CEASEFIRE"}]}`, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dictionary{}
			err := d.ParseJSON(context.Background(), tt.kind, "x.json", []byte(tt.src), quiet())
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			case tt.err != "" && !errors.Is(err, ErrSyntax):
				t.Errorf("error %v does not wrap ErrSyntax", err)
			}
			if d.Warnings != tt.warnings {
				t.Errorf("%d warnings, want %d", d.Warnings, tt.warnings)
			}
		})
	}
}

func TestIsJSONName(t *testing.T) {
	for name, want := range map[string]bool{"a.actors.json": true, "A.VERBS.JSON": true, "x/y.agents.txt": false, "json.actors.txt": false} {
		if got := IsJSONName(name); got != want {
			t.Errorf("IsJSONName(%q) = %v", name, got)
		}
	}
}

func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"format": "chronicle-dictionary/1", "kind": "actors", "actors": [{"phrase": "GONDOR", "synonyms": ["GONDORIAN"], "codes": [{"code": "GONGOV", "from": "2001-02-03"}]}]}`))
	f.Add([]byte(`{"format": "chronicle-dictionary/1", "kind": "verbs", "synsets": [{"name": "X", "members": [{"phrase": "&Y"}]}], "families": [{"label": "MEET", "code": "040", "verbs": [{"verb": "+SIT_DOWN", "irregular": ["SAT_+DOWN"]}], "patterns": [{"pattern": "$ * {TO +}", "code": "043:044"}]}], "transforms": [{"left": ["a"], "right": ["b"]}]}`))
	f.Add([]byte(`{"format": "chronicle-dictionary/1", "kind": "issues", "issues": [{"phrase": "n:truce", "code": "PEACE", "category": "C"}, {"phrase": "x", "ignore": true}]}`))
	f.Add([]byte(`{"format": "chronicle-dictionary/1", "kind": "agents", "agents": [{"phrase": "AID_GROUP", "code": "NGO", "prefix": true, "plural": "AID_GROUPS"}]}`))
	book, err := NewCodeBook(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &Dictionary{}
		if err := d.ParseJSON(context.Background(), "", "f.json", data, quiet()); err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v does not wrap ErrSyntax", err)
			}
			return
		}
		d.Compile()
		// What loads must write back and load again to the same model.
		for _, k := range Kinds() {
			var buf bytes.Buffer
			if err := WriteJSON(&buf, d, k); err != nil {
				t.Fatal(err)
			}
			again := &Dictionary{}
			if err := again.ParseJSON(context.Background(), k, "g.json", buf.Bytes(), quiet()); err != nil {
				t.Fatalf("written %s JSON does not load: %v\n%s", k, err, buf.Bytes())
			}
		}
		Lint(d, book)
	})
}
