package coder_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/cputime"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// reuters reads up to n articles of the shared Reuters corpus.
func reuters(tb testing.TB, n int) []chronicle.Article {
	tb.Helper()
	path := shared(tb, "corpus", "reuters21578.jsonl")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var arts []chronicle.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && (n <= 0 || len(arts) < n) {
		var a chronicle.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

func phoenix(tb testing.TB) *coder.Coder {
	tb.Helper()
	dict, err := lexicon.LoadDir(context.Background(), shared(tb, "dictionaries", "phoenix"))
	if err != nil {
		tb.Fatal(err)
	}
	return coder.New(dict, newTable(tb), coder.DefaultOptions())
}

// BenchmarkCode codes Reuters articles end to end from raw text (language
// layer and coder) with the full Phoenix dictionaries on one goroutine.
func BenchmarkCode(b *testing.B) {
	arts := reuters(b, 2000)
	cd := phoenix(b)
	an := newAnalyzer(b)
	b.ResetTimer()
	b.ReportAllocs()
	sents, n := 0, 0
	cpu0 := cputime.Process()
	for i := 0; b.Loop(); i++ {
		a := arts[i%len(arts)]
		doc := an.Analyze(a.Text, a.Date)
		cd.Code(doc, a)
		sents += len(doc.Sentences)
		n++
	}
	reportRates(b, sents, n, cputime.Process()-cpu0)
}

// reportRates reports sentences and articles per wall-clock second and,
// where the platform gives CPU time, per CPU-second (the figure that
// stays meaningful on a shared machine; run with -cpu 1).
func reportRates(b *testing.B, sents, n int, cpu time.Duration) {
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(sents)/cpu.Seconds(), "sentences/cpu-s")
	}
}

// BenchmarkCoder measures the coder alone on analysed articles.
func BenchmarkCoder(b *testing.B) {
	arts := reuters(b, 2000)
	cd := phoenix(b)
	an := newAnalyzer(b)
	docs := make([]*text.Doc, len(arts))
	for i, a := range arts {
		docs[i] = an.Analyze(a.Text, a.Date)
	}
	b.ResetTimer()
	b.ReportAllocs()
	sents, n := 0, 0
	cpu0 := cputime.Process()
	for i := 0; b.Loop(); i++ {
		k := i % len(arts)
		cd.Code(docs[k], arts[k])
		sents += len(docs[k].Sentences)
		n++
	}
	reportRates(b, sents, n, cputime.Process()-cpu0)
}

// TestReutersCodes codes every Reuters article with the Phoenix
// dictionaries: none may panic, and every mention must point into its
// article.
func TestReutersCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	arts := reuters(t, 0)
	cd := phoenix(t)
	an := newAnalyzer(t)
	events := 0
	for _, a := range arts {
		for _, m := range cd.Code(an.Analyze(a.Text, a.Date), a) {
			events++
			if m.Evidence.End > len(a.Text) || a.Text[m.Evidence.Start:m.Evidence.End] != m.Evidence.Text {
				t.Fatalf("%s: evidence offsets do not match the text", a.ID)
			}
			if m.Code == "" || m.Root == "" {
				t.Fatalf("%s: mention without a code: %+v", a.ID, m)
			}
		}
	}
	t.Logf("%d articles, %d events", len(arts), events)
}
