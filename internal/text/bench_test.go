package text

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cputime"
)

type benchText struct {
	text string
	date chronicle.Date
}

// newsTexts returns realistic news for benchmarks: the first 500 articles
// of ../shared/corpus when it is there, else the texts of
// testdata/sentences.txt.
func newsTexts(b *testing.B) []benchText {
	b.Helper()
	var out []benchText
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "corpus", "reuters21578.jsonl"))
	if err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() && len(out) < 500 {
			var rec struct {
				Date chronicle.Date `json:"date"`
				Text string         `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				b.Fatal(err)
			}
			out = append(out, benchText{rec.Text, rec.Date})
		}
		return out
	}
	for _, c := range readSentenceCases(b) {
		out = append(out, benchText{c.text, c.date})
	}
	return out
}

func benchAnalyze(b *testing.B, raw bool) {
	a := newTestAnalyzer(b)
	texts := newsTexts(b)
	tokens := 0
	for _, t := range texts {
		tokens += len(a.analyze(t.text, t.date, false).Tokens)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Process()
	for b.Loop() {
		for _, t := range texts {
			a.analyze(t.text, t.date, raw)
		}
	}
	reportThroughput(b, tokens, cputime.Process()-cpu0)
	b.ReportMetric(float64(tokens), "tokens/op")
}

// reportThroughput reports tokens per wall-clock second and, where the
// platform tells, per CPU-second of the whole process (GC included).
func reportThroughput(b *testing.B, tokensPerOp int, cpu time.Duration) {
	b.ReportMetric(float64(tokensPerOp)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokensPerOp)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkAnalyze is the whole layer: split, tokenize, tag, lemmatize,
// chunk, clauses, names, dates and quotations.
func BenchmarkAnalyze(b *testing.B) { benchAnalyze(b, true) }

// BenchmarkAnalyzeNoRaw leaves out the raw-text finders (timex, quote).
func BenchmarkAnalyzeNoRaw(b *testing.B) { benchAnalyze(b, false) }

// BenchmarkTokenizeSplit is the tokenizer and sentence splitter alone.
func BenchmarkTokenizeSplit(b *testing.B) {
	a := newTestAnalyzer(b)
	texts := newsTexts(b)
	tokens := 0
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		tokens = 0
		for _, t := range texts {
			toks, gaps := a.lx.tokenize(t.text, nil, nil)
			normalize(toks)
			a.lx.split(toks, gaps, nil)
			tokens += len(toks)
		}
	}
	reportThroughput(b, tokens, cputime.Process()-cpu0)
}
