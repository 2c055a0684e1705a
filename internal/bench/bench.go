// Package bench measures Chronicle end to end on this machine: articles
// stored per second with the full-text index (and peak memory), sentences
// and articles coded per second on one core and on all, query latency on a
// synthetic store of a million events served over the HTTP API, and what
// many concurrent clients see. `chronicle bench` prints its report; the
// API's load test uses the same parts.
//
// Every figure is printed with the load average at the time it was
// taken: on a shared machine a figure without it means little.
package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle/internal/pipeline"
)

// Config says what to measure.
type Config struct {
	Corpus   string // file or folder to ingest and code; "" for the demo
	DemoDir  string // the demo folder, used when Corpus is ""
	DemoSize int    // articles the demo is repeated to
	DictDir  string // PETRARCH dictionaries; "" for the built-in ones
	Events   int    // synthetic events for the query and load stages
	Clients  int    // concurrent clients of the load stage
	Duration time.Duration
	Requests int // sequential requests per query
	// Budget bounds the time spent on one query's sequential requests.
	Budget   time.Duration
	Stages   string // comma-separated: ingest, code, query, load
	CacheDir string // where the synthetic store is kept
	TempDir  string // scratch space ("" for the system's)
	Log      *slog.Logger
}

// DefaultConfig returns the measurements issue 7 asks for.
func DefaultConfig() Config {
	return Config{DemoDir: "testdata/demo", DemoSize: 3000, Events: 1_000_000, Clients: 200,
		Duration: 30 * time.Second, Requests: 200, Budget: time.Minute, Stages: "ingest,code,query,load"}
}

// Run measures the stages cfg names and writes the report to w as each
// stage finishes. It stops at the first failing stage.
func Run(ctx context.Context, cfg Config, w io.Writer) error {
	stages, err := ParseStages(cfg.Stages)
	if err != nil {
		return err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	fmt.Fprintf(w, "chronicle bench: %d CPUs (GOMAXPROCS %d), %s, %s at start\n", runtime.NumCPU(), runtime.GOMAXPROCS(0),
		runtime.Version(), ReadLoadAvg())
	fmt.Fprintln(w, "The load average (1, 5, 15 min) is printed next to every figure: figures taken on a busy shared machine are lower bounds.")

	var corpus Corpus
	if stages["ingest"] || stages["code"] {
		if cfg.Corpus != "" {
			corpus = Corpus{Name: cfg.Corpus, Inputs: []string{cfg.Corpus}}
		} else if corpus, err = DemoCorpus(ctx, cfg.DemoDir, cfg.DemoSize); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nCorpus: %s\n", corpus.Name)
		if corpus.Repeated {
			fmt.Fprintln(w, "  (no --corpus given: the demo articles are repeated, so the copies are near-duplicates of each other)")
		}
	}
	if stages["ingest"] {
		scratch, done, err := tempDir(cfg.TempDir)
		if err != nil {
			return err
		}
		r, err := MeasureIngest(ctx, corpus, scratch)
		done()
		if err != nil {
			return err
		}
		WriteIngest(w, r)
	}
	if stages["code"] {
		if err := runCoding(ctx, cfg, corpus, w); err != nil {
			return err
		}
	}
	if stages["query"] || stages["load"] {
		if err := runServing(ctx, cfg, stages, log, w); err != nil {
			return err
		}
	}
	return nil
}

func runCoding(ctx context.Context, cfg Config, corpus Corpus, w io.Writer) error {
	start := time.Now()
	c, err := pipeline.Load(ctx, pipeline.Config{DictDir: cfg.DictDir})
	if err != nil {
		return err
	}
	dict := "built-in dictionaries"
	if cfg.DictDir != "" {
		dict = cfg.DictDir
	}
	fmt.Fprintf(w, "\nCoding (%s, coder %s): loaded in %v (%s)\n", dict, c.Version, time.Since(start).Round(time.Millisecond), ReadLoadAvg())
	as, rejected, err := corpus.Load(ctx)
	if err != nil {
		return err
	}
	if rejected > 0 {
		fmt.Fprintf(w, "  %d records of the corpus were rejected by the reader and are not coded\n", rejected)
	}
	for _, n := range []int{1, runtime.NumCPU()} {
		r, err := MeasureCoding(ctx, c, as, n)
		if err != nil {
			return err
		}
		WriteCoding(w, r)
		if runtime.NumCPU() == 1 {
			break
		}
	}
	return nil
}

func runServing(ctx context.Context, cfg Config, stages map[string]bool, log *slog.Logger, w io.Writer) error {
	st, info, err := SyntheticStore(ctx, cfg.CacheDir, cfg.Events, log)
	if err != nil {
		return err
	}
	defer st.Close()
	how := "reused"
	if info.Built {
		how = fmt.Sprintf("built in %v", info.Took.Round(time.Second))
	}
	fmt.Fprintf(w, "\nSynthetic store: %d events, %.0f MB, %s: %s (%s)\n", info.Events, float64(info.Bytes)/(1<<20), how, info.Path, ReadLoadAvg())
	srv, err := Serve(st)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(w, "Serving the API at %s\n", srv.URL)
	if stages["query"] {
		// First the dashboard's repeated queries, answered from the
		// API's response cache after the first request; then each
		// request new to the cache, which measures the store.
		writeLatencyHeader(w)
		for _, qs := range [][]Query{Queries(), Uncached(Queries())} {
			lat, err := Sequential(ctx, NewClient(1), srv.URL, qs, cfg.Requests, cfg.Budget, func(l Latency) { writeLatencyRow(w, l) })
			if err != nil {
				return err
			}
			writeLatencySummary(w, lat)
		}
	}
	if stages["load"] {
		r := Load(ctx, NewClient(cfg.Clients), srv.URL, Queries(), cfg.Clients, cfg.Duration)
		if err := ctx.Err(); err != nil {
			return err
		}
		WriteLoad(w, r)
	}
	return nil
}

// WriteIngest prints the ingest figures.
func WriteIngest(w io.Writer, r IngestResult) {
	rep := r.Report
	fmt.Fprintf(w, "\nIngest into a new store with its full-text index:\n")
	fmt.Fprintf(w, "  %d read (%d new, %d duplicate, %d near-duplicate, %d rejected) in %v\n",
		rep.Read, rep.New, rep.Duplicate, rep.NearDuplicate, rep.Rejected, r.Took.Round(time.Millisecond))
	fmt.Fprintf(w, "  %.0f articles/s, database %.1f MB, peak RSS %.0f MB (%s)\n",
		r.PerSecond, float64(r.DBBytes)/(1<<20), float64(r.PeakRSS)/(1<<20), r.Load)
}

// WriteCoding prints one coding measurement.
func WriteCoding(w io.Writer, r CodeResult) {
	what := fmt.Sprintf("%d workers", r.Workers)
	if r.Workers == 1 {
		what = "1 core"
	}
	fmt.Fprintf(w, "  %-10s %6d articles, %7d sentences, %6d mentions in %8v: %8.0f sentences/s, %6.0f articles/s (%s)\n",
		what, r.Articles, r.Sentences, r.Mentions, r.Took.Round(time.Millisecond), r.SentencesPerSec, r.ArticlesPerS, r.Load)
}

// WriteLatency prints the sequential latency table.
func WriteLatency(w io.Writer, lat []Latency) {
	writeLatencyHeader(w)
	for _, l := range lat {
		writeLatencyRow(w, l)
	}
	writeLatencySummary(w, lat)
}

func writeLatencyHeader(w io.Writer) {
	fmt.Fprintf(w, "\nQuery latency over HTTP, sequential requests (target: p99 under 100 ms):\n")
	fmt.Fprintf(w, "  %-39s %5s %8s %8s %8s %8s %9s  %s\n", "query", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes", "load avg")
}

func writeLatencyRow(w io.Writer, l Latency) {
	mark := ""
	if l.P99 >= 100*time.Millisecond {
		mark = " over target"
	}
	fmt.Fprintf(w, "  %-39s %5d %8.2f %8.2f %8.2f %8.2f %9d  %s%s\n", l.Query.Name, l.N, msf(l.P50), msf(l.P95), msf(l.P99), msf(l.Max), l.Bytes, l.Load, mark)
}

func writeLatencySummary(w io.Writer, lat []Latency) {
	over := 0
	for _, l := range lat {
		if l.P99 >= 100*time.Millisecond {
			over++
		}
	}
	fmt.Fprintf(w, "  %d of %d queries over the target\n", over, len(lat))
}

// WriteLoad prints the concurrent-load figures.
func WriteLoad(w io.Writer, r LoadResult) {
	fmt.Fprintf(w, "\nConcurrent load: %d clients on loopback for %v, the same query mix:\n", r.Clients, r.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "  %d requests, %d errors, %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms (%s)\n",
		r.Requests, r.Errors, r.PerSecond, msf(r.P50), msf(r.P99), msf(r.Max), r.Load)
	if r.Errors > 0 {
		fmt.Fprintf(w, "  first error: %s\n", r.FirstError)
	}
}

func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func splitComma(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(strings.ToLower(f)); f != "" {
			out = append(out, f)
		}
	}
	return out
}
