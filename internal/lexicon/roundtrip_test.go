package lexicon

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// canonical returns a copy of d's entries with what Write does not keep
// (positions, original line texts, verbs' spelling of separators) cleared.
func canonical(d *Dictionary) *Dictionary {
	c := &Dictionary{
		Actors:   append([]Actor(nil), d.Actors...),
		Agents:   append([]Agent(nil), d.Agents...),
		Discards: append([]Discard(nil), d.Discards...),
		Issues:   append([]Issue(nil), d.Issues...),
		Verbs:    Verbs{Synsets: map[string]*Synset{}},
	}
	for i := range c.Actors {
		a := &c.Actors[i]
		a.Pos = Pos{}
		codes := append([]DatedCode(nil), a.Codes...)
		for k := range codes {
			codes[k].Pos = Pos{}
		}
		a.Codes = codes
	}
	for i := range c.Agents {
		c.Agents[i].Pos, c.Agents[i].Line = Pos{}, ""
	}
	for i := range c.Discards {
		c.Discards[i].Pos = Pos{}
	}
	for i := range c.Issues {
		c.Issues[i].Pos = Pos{}
	}
	for _, x := range d.Verbs.Transforms {
		x.Pos, x.Line = Pos{}, ""
		c.Verbs.Transforms = append(c.Verbs.Transforms, x)
	}
	for name, s := range d.Verbs.Synsets {
		cs := *s
		cs.Pos = Pos{}
		c.Verbs.Synsets[name] = &cs
	}
	for _, f := range d.Verbs.Families {
		f.Pos, f.Line = Pos{}, ""
		verbs := append([]Verb(nil), f.Verbs...)
		for k := range verbs {
			v := &verbs[k]
			v.Pos, v.Line, v.Phrase.Text = Pos{}, "", ""
			irr := append([]Phrase(nil), v.Irregular...)
			for j := range irr {
				irr[j].Text = ""
			}
			v.Irregular = irr
		}
		f.Verbs = verbs
		pats := append([]Pattern(nil), f.Patterns...)
		for k := range pats {
			pats[k].Pos, pats[k].Line = Pos{}, ""
		}
		f.Patterns = pats
		c.Verbs.Families = append(c.Verbs.Families, f)
	}
	return c
}

// roundTrip writes every kind of d to a directory and loads it back.
// wantWarnings is how many warnings reading the written files should give
// (only dangling synset references survive a write).
func roundTrip(t *testing.T, d *Dictionary, wantWarnings int) *Dictionary {
	t.Helper()
	dir := t.TempDir()
	for _, k := range Kinds() {
		var buf bytes.Buffer
		if err := Write(&buf, d, k); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("rt.%s.txt", k))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	back, err := LoadDirWith(context.Background(), dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	if back.Warnings != wantWarnings {
		t.Errorf("reading the written dictionaries gave %d warnings, want %d", back.Warnings, wantWarnings)
	}
	return back
}

func compareDicts(t *testing.T, a, b *Dictionary) {
	t.Helper()
	ca, cb := canonical(a), canonical(b)
	check := func(kind string, x, y any, n int) {
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differ after write and read (%d entries)", kind, n)
		}
	}
	check("actors", ca.Actors, cb.Actors, len(ca.Actors))
	check("agents", ca.Agents, cb.Agents, len(ca.Agents))
	check("synsets", ca.Verbs.Synsets, cb.Verbs.Synsets, len(ca.Verbs.Synsets))
	check("verb families", ca.Verbs.Families, cb.Verbs.Families, len(ca.Verbs.Families))
	check("transforms", ca.Verbs.Transforms, cb.Verbs.Transforms, len(ca.Verbs.Transforms))
	check("discards", ca.Discards, cb.Discards, len(ca.Discards))
	check("issues", ca.Issues, cb.Issues, len(ca.Issues))
	if t.Failed() {
		// Point at the first differing entry to make failures readable.
		for i := range min(len(ca.Actors), len(cb.Actors)) {
			if !reflect.DeepEqual(ca.Actors[i], cb.Actors[i]) {
				t.Logf("first actor difference:\n%+v\n%+v", ca.Actors[i], cb.Actors[i])
				break
			}
		}
		for i := range min(len(ca.Verbs.Families), len(cb.Verbs.Families)) {
			fa, fb := ca.Verbs.Families[i], cb.Verbs.Families[i]
			for j := range min(len(fa.Verbs), len(fb.Verbs)) {
				if !reflect.DeepEqual(fa.Verbs[j], fb.Verbs[j]) {
					t.Logf("first verb difference:\n%+v\n%+v", fa.Verbs[j], fb.Verbs[j])
					return
				}
			}
			for j := range min(len(fa.Patterns), len(fb.Patterns)) {
				if !reflect.DeepEqual(fa.Patterns[j], fb.Patterns[j]) {
					t.Logf("first pattern difference:\n%+v\n%+v", fa.Patterns[j], fb.Patterns[j])
					return
				}
			}
		}
		for i := range min(len(ca.Agents), len(cb.Agents)) {
			if !reflect.DeepEqual(ca.Agents[i], cb.Agents[i]) {
				t.Logf("first agent difference:\n%+v\n%+v", ca.Agents[i], cb.Agents[i])
				break
			}
		}
		for i := range min(len(ca.Issues), len(cb.Issues)) {
			if !reflect.DeepEqual(ca.Issues[i], cb.Issues[i]) {
				t.Logf("first issue difference:\n%+v\n%+v", ca.Issues[i], cb.Issues[i])
				break
			}
		}
	}
}

func TestRoundTripMini(t *testing.T) {
	d := loadMini(t)
	compareDicts(t, d, roundTrip(t, d, 0))
}

func TestRoundTripShared(t *testing.T) {
	for _, name := range []string{"petrarch-validate", "phoenix"} {
		t.Run(name, func(t *testing.T) {
			d, err := LoadDirWith(context.Background(), sharedDir(t, name), quiet())
			if err != nil {
				t.Fatal(err)
			}
			compareDicts(t, d, roundTrip(t, d, 0))
		})
	}
}

// TestCAMEO2 reads PETRARCH-2's CAMEO.2.0.txt, which LoadDir skips by
// name but Load takes as a verbs file: grouped "{...}" and "(PREP ...)"
// pattern elements and "~" transformation lines.
func TestCAMEO2(t *testing.T) {
	name := filepath.Join(sharedDir(t, "phoenix"), "CAMEO.2.0.txt")
	d, err := LoadWith(context.Background(), Files{Verbs: []string{name}}, quiet())
	if err != nil {
		t.Fatal(err)
	}
	verbs, patterns := verbPatternCount(d)
	if len(d.Verbs.Families) < 300 || verbs < 1000 || patterns < 4000 || len(d.Verbs.Transforms) != 8 {
		t.Errorf("CAMEO.2.0: %d families, %d verbs, %d patterns, %d transforms", len(d.Verbs.Families), verbs, patterns, len(d.Verbs.Transforms))
	}
	x := d.Verbs.Transforms[0]
	if strings.Join(x.Left, " ") != "a (a b ATTACK) SAY" || strings.Join(x.Right, " ") != "a b 015" {
		t.Errorf("first transform = %q = %q", x.Left, x.Right)
	}
	groups := 0
	for _, f := range d.Verbs.Families {
		for _, p := range f.Patterns {
			for _, e := range append(p.Pre, p.Post...) {
				if e.Kind == ElemPhrase || e.Kind == ElemPrep {
					groups++
				}
			}
		}
	}
	if groups < 1000 {
		t.Errorf("only %d grouped elements in CAMEO.2.0 patterns", groups)
	}
	t.Logf("CAMEO.2.0: %d families, %d verbs, %d patterns, %d grouped elements, %d warnings", len(d.Verbs.Families), verbs, patterns, groups, d.Warnings)
	compareDicts(t, d, roundTrip(t, d, 2)) // &WEATHER and &DEMONSTRATION are used but never defined
}

func TestWriteUnknownKind(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &Dictionary{}, Kind("x")); err == nil {
		t.Error("Write of an unknown kind: want an error")
	}
}
