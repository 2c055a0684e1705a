package coder

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/ontology"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// TestDebugSentence prints the coder's view of CODER_DEBUG (a sentence)
// with the dictionaries in CODER_DICT; it is skipped unless both are set.
func TestDebugSentence(t *testing.T) {
	sent, dir := os.Getenv("CODER_DEBUG"), os.Getenv("CODER_DICT")
	if sent == "" || dir == "" {
		t.Skip("set CODER_DEBUG and CODER_DICT")
	}
	dict, err := lexicon.LoadDir(context.Background(), filepath.Clean(dir))
	if err != nil {
		t.Fatal(err)
	}
	an, err := text.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ontology.New()
	if err != nil {
		t.Fatal(err)
	}
	c := New(dict, tab, DefaultOptions())
	doc := an.Analyze(sent, dateOf(t, os.Getenv("CODER_DATE")))
	sc := new(scratch)
	sc.links = c.coref.Resolve(doc, doc.Date)
	for _, l := range sc.links {
		t.Logf("link %s %q → %s %q", l.Kind, doc.Text[doc.Tokens[l.From[0]].Start:doc.Tokens[l.From[1]-1].End], l.Code, l.Entity)
	}
	for si := range doc.Sentences {
		s := c.analyse(sc, doc, si, doc.Date)
		if s == nil {
			t.Logf("sentence %d discarded", si)
			continue
		}
		for i, w := range s.words {
			t.Logf("%2d %-14s %-5s piece=%d group=%d verb=%v", i, w.norm, w.tag, s.pieceAt[i], s.groupAt[i], s.isVerb[i])
		}
		for _, g := range s.groups {
			t.Logf("group [%d,%d) %+v", g.start, g.end, g.members)
		}
		for _, v := range s.verbs {
			t.Logf("verb %q fam=%s grp=%d neg=%d mod=%s passive=%v coord=%v", s.norms[v.m.Head], dict.Verbs.Families[v.m.Family].Label, v.grpStart, v.neg, v.modality, v.passive, v.coord)
		}
		t.Logf("tail=%d inserts=%v", s.tail, s.inserts)
	}
	for _, m := range c.Code(doc, articleFor(sent, doc.Date)) {
		t.Logf("%s → %s %s %s [%s]", m.Source.Code, m.Target.Code, m.Code, m.Modality, m.Pattern)
	}
}
