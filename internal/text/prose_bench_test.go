package text

import (
	"testing"

	"github.com/chronicle-dev/chronicle/internal/cputime"
	"github.com/jdkato/prose/v2"
)

// BenchmarkProseTagger times github.com/jdkato/prose/v2 tokenizing and
// tagging the same texts as BenchmarkAnalyze, its model loaded once, for
// comparison.
func BenchmarkProseTagger(b *testing.B) {
	texts := newsTexts(b)
	m := prose.ModelFromData("bench")
	opts := []prose.DocOpt{prose.UsingModel(m), prose.WithSegmentation(false), prose.WithExtraction(false)}
	tokens := 0
	for _, t := range texts {
		d, err := prose.NewDocument(t.text, opts...)
		if err != nil {
			b.Fatal(err)
		}
		tokens += len(d.Tokens())
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Process()
	for b.Loop() {
		for _, t := range texts {
			if _, err := prose.NewDocument(t.text, opts...); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportThroughput(b, tokens, cputime.Process()-cpu0)
}
