package bench

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// Corpus is the articles a run measures ingest and coding on.
type Corpus struct {
	Name     string // what the report calls it
	Inputs   []string
	Articles []chronicle.Article // set for a generated corpus
	// Repeated is set when the corpus is the demo repeated.
	Repeated bool
}

// Records streams the corpus as ingest records.
func (c Corpus) Records(ctx context.Context) iter.Seq[ingest.Record] {
	if c.Articles != nil {
		return func(yield func(ingest.Record) bool) {
			for _, a := range c.Articles {
				if !yield(ingest.Record{Article: a}) {
					return
				}
			}
		}
	}
	return pipeline.Records(ctx, c.Inputs, ingest.Options{})
}

// Load reads the whole corpus into memory, for coding; rejected records
// are counted and skipped.
func (c Corpus) Load(ctx context.Context) (as []chronicle.Article, rejected int, err error) {
	if c.Articles != nil {
		return c.Articles, 0, nil
	}
	for rec := range c.Records(ctx) {
		if rec.Err != nil {
			rejected++
			continue
		}
		as = append(as, rec.Article)
	}
	return as, rejected, ctx.Err()
}

// DemoCorpus reads the demo folder and repeats its articles until there
// are at least n, each copy with its own id, date and a closing line, so
// the store keeps them all (as near-duplicates of the originals).
func DemoCorpus(ctx context.Context, dir string, n int) (Corpus, error) {
	var base []chronicle.Article
	for rec := range pipeline.Records(ctx, []string{dir}, ingest.Options{}) {
		if rec.Err == nil {
			base = append(base, rec.Article)
		}
	}
	if err := ctx.Err(); err != nil {
		return Corpus{}, err
	}
	if len(base) == 0 {
		return Corpus{}, fmt.Errorf("demo corpus %s: no articles (run from the repository, or pass --corpus)", dir)
	}
	c := Corpus{Name: fmt.Sprintf("%s (%d articles repeated to %d)", dir, len(base), max(n, len(base))), Repeated: true}
	for k := 0; len(c.Articles) < n || k == 0; k++ {
		for _, a := range base {
			if k > 0 {
				a.ID = fmt.Sprintf("%s~%d", a.ID, k)
				if !a.Date.IsZero() {
					a.Date = a.Date.AddDays(k)
				}
				a.Text += fmt.Sprintf("\n\nBenchmark copy %d of this report.", k)
				a.Hash, a.Sketch = "", 0
			}
			c.Articles = append(c.Articles, a)
		}
	}
	return c, nil
}

// IngestResult is what storing a corpus took.
type IngestResult struct {
	Report    pipeline.Report
	Took      time.Duration
	PerSecond float64 // articles read per second
	PeakRSS   int64   // process peak resident set after the ingest
	DBBytes   int64
	Load      LoadAvg
}

// MeasureIngest stores the corpus into a new store (with its full-text
// index) in dir, as `chronicle ingest` does.
func MeasureIngest(ctx context.Context, c Corpus, dir string) (IngestResult, error) {
	p := filepath.Join(dir, "ingest.db")
	removeDB(p)
	st, err := store.Open(ctx, p)
	if err != nil {
		return IngestResult{}, err
	}
	var res IngestResult
	start := time.Now()
	err = pipeline.Ingest(ctx, st, c.Records(ctx), pipeline.Options{}, &res.Report)
	res.Took = time.Since(start)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, fmt.Errorf("ingest %s: %w", c.Name, err)
	}
	res.PerSecond = float64(res.Report.Read) / res.Took.Seconds()
	res.PeakRSS = PeakRSS()
	res.DBBytes = fileSize(p)
	res.Load = ReadLoadAvg()
	removeDB(p)
	return res, nil
}

// CodeResult is what coding a corpus took on some number of workers.
type CodeResult struct {
	Workers                       int
	Articles, Sentences, Mentions int
	Took                          time.Duration
	SentencesPerSec, ArticlesPerS float64
	Load                          LoadAvg
}

// MeasureCoding analyses and codes every article with workers goroutines
// (pipeline.Coding.Code, as `chronicle code` does, without storing).
// With one worker it also sets GOMAXPROCS to 1 for the run, so the figure
// is one core's, garbage collector included.
func MeasureCoding(ctx context.Context, c *pipeline.Coding, as []chronicle.Article, workers int) (CodeResult, error) {
	if workers < 1 {
		workers = 1
	}
	if workers == 1 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	}
	res := CodeResult{Workers: workers}
	jobs := make(chan chronicle.Article)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var a, s, m int
			for art := range jobs {
				r := c.Code(art)
				a++
				s += len(r.Doc.Sentences)
				m += len(r.Coded.Mentions)
			}
			mu.Lock()
			res.Articles += a
			res.Sentences += s
			res.Mentions += m
			mu.Unlock()
		}()
	}
	for _, a := range as {
		if ctx.Err() != nil {
			break
		}
		jobs <- a
	}
	close(jobs)
	wg.Wait()
	res.Took = time.Since(start)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.SentencesPerSec = float64(res.Sentences) / res.Took.Seconds()
	res.ArticlesPerS = float64(res.Articles) / res.Took.Seconds()
	res.Load = ReadLoadAvg()
	return res, nil
}

// tempDir makes a scratch directory under dir ("" for the system's).
func tempDir(dir string) (string, func(), error) {
	d, err := os.MkdirTemp(dir, "chronicle-bench-")
	if err != nil {
		return "", nil, fmt.Errorf("scratch directory: %w", err)
	}
	return d, func() { os.RemoveAll(d) }, nil
}

// ParseStages reads a comma-separated list of stages: ingest, code,
// query, load.
func ParseStages(s string) (map[string]bool, error) {
	all := []string{"ingest", "code", "query", "load"}
	out := map[string]bool{}
	for _, f := range splitComma(s) {
		if !slices.Contains(all, f) {
			return nil, fmt.Errorf("stage %q: want some of ingest, code, query, load", f)
		}
		out[f] = true
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no stage: want some of ingest, code, query, load")
	}
	return out, nil
}
