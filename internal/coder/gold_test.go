package coder_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/eval"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/ontology"
	"github.com/chronicle-dev/chronicle/internal/sharedtest"
	"github.com/chronicle-dev/chronicle/internal/text"
)

func shared(t testing.TB, parts ...string) string {
	t.Helper()
	return sharedtest.Path(t, parts...)
}

var (
	analyzerOnce sync.Once
	analyzer     *text.Analyzer
	analyzerErr  error
)

func newAnalyzer(t testing.TB) *text.Analyzer {
	t.Helper()
	analyzerOnce.Do(func() { analyzer, analyzerErr = text.NewAnalyzer() })
	if analyzerErr != nil {
		t.Fatal(analyzerErr)
	}
	return analyzer
}

func newTable(t testing.TB) *ontology.Table {
	t.Helper()
	tab, err := ontology.New()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// codeFunc codes gold records with the record's options.
func codeFunc(an *text.Analyzer, base *coder.Coder) eval.CodeFunc {
	return func(_ context.Context, rec eval.Record) ([]chronicle.Mention, error) {
		art, err := rec.Article()
		if err != nil {
			return nil, err
		}
		cd := base.WithOptions(coder.Options{
			RequireDyad:    rec.RequireDyad(),
			NewActorLength: rec.NewActorLength(),
			TailMin:        rec.ConfigInt("comma_emin", 0),
			TailMax:        rec.ConfigInt("comma_emax", 0),
		})
		return cd.Code(an.Analyze(art.Text, art.Date), art), nil
	}
}

// minPetrarchCorrect is the number of the 132 evaluated PETRARCH unit-test
// records (dev half) the coder gets exactly right from raw text, as
// measured (126, 95.5%); never lower it.
const minPetrarchCorrect = 126

func TestPetrarchUnitGold(t *testing.T) {
	gold := shared(t, "gold", "petrarch-unit.dev.jsonl")
	dir := shared(t, "dictionaries", "petrarch-validate")
	ctx := context.Background()
	dict, err := lexicon.LoadDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := eval.ReadGold(f, gold)
	if err != nil {
		t.Fatal(err)
	}
	cd := coder.New(dict, newTable(t), coder.DefaultOptions()).PETRARCH()
	rep, err := eval.Run(ctx, recs, codeFunc(newAnalyzer(t), cd))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	t.Log(b.String())
	if rep.Correct < minPetrarchCorrect {
		t.Errorf("%d records right (%.1f%%), want at least %d", rep.Correct, 100*rep.Accuracy, minPetrarchCorrect)
	}
}
