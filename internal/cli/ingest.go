package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/store"
)

func runIngest(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "ingest", "[--db FILE] PATH|URL|- ...")
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	batch := fs.Int("batch", 500, "articles per transaction")
	maxBytes := fs.Int64("max-article-bytes", ingest.DefaultMaxArticleBytes, "reject articles longer than this")
	timeout := fs.Duration("timeout", ingest.DefaultTimeout, "time limit for fetching one URL")
	every := fs.Duration("progress-every", 5*time.Second, "interval of the progress counts when stderr is not a terminal (0: none)")
	quiet := fs.Bool("quiet", false, "print no progress, only rejections and the summary")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) == 0 || *batch < 1 {
		fs.Usage()
		return ExitUsage
	}
	st, err := store.Open(ctx, dbPath(env, *db))
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle ingest: %v\n", err)
		return ExitFailure
	}
	defer func() {
		if err := st.Close(); err != nil {
			fmt.Fprintf(env.Stderr, "chronicle ingest: %v\n", err)
		}
	}()

	prog := newProgress(env, pos, *every, *quiet)
	opts := ingest.Options{
		MaxArticleBytes: *maxBytes,
		Timeout:         *timeout,
		Stdin:           env.Stdin,
		Progress:        prog.bytes,
	}
	start := time.Now()
	tally, err := ingestAll(ctx, st, pos, opts, *batch, prog)
	prog.finish()
	elapsed := time.Since(start)
	rate := float64(tally.Read) / max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(env.Stdout, "%s (%.1fs, %.0f articles/s)\n", tally.IngestSummary(), elapsed.Seconds(), rate)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "chronicle ingest: %v; everything before it was committed\n", err)
		return ExitFailure
	case tally.Rejected > 0 || tally.Conflict > 0:
		return ExitRejected
	}
	return ExitOK
}

// ingestAll stores every argument's articles through pipeline.Ingest,
// reporting rejections and progress as it goes.
func ingestAll(ctx context.Context, st *store.Store, args []string, opts ingest.Options, size int, prog *progress) (pipeline.Report, error) {
	var rep pipeline.Report
	err := pipeline.Ingest(ctx, st, pipeline.Records(ctx, args, opts), pipeline.Options{
		Batch:  size,
		Reject: func(err error) { prog.printf("chronicle ingest: rejected %v\n", err) },
		Stored: func(r pipeline.Report) { prog.articles(r.New+r.Duplicate+r.NearDuplicate+r.Conflict, r) },
	}, &rep)
	return rep, err
}

// progress shows how an ingest is going: a bar with articles/s and an ETA
// (by bytes of local files) on a terminal, plain periodic counts otherwise.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	bar    *progressbar.ProgressBar // nil when not on a terminal
	start  time.Time
	stored int
	tally  pipeline.Report
	stop   chan struct{}
	done   sync.WaitGroup
}

func newProgress(env Env, args []string, every time.Duration, quiet bool) *progress {
	p := &progress{w: env.Stderr, start: time.Now(), stop: make(chan struct{})}
	if quiet {
		return p
	}
	if f, ok := env.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(totalBytes(args),
			progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
		)
		return p
	}
	if every > 0 {
		p.done.Add(1)
		go p.tick(every)
	}
	return p
}

// totalBytes sums the sizes of the local files the arguments name; -1
// when a URL or standard input makes the total unknown.
func totalBytes(args []string) int64 {
	var n int64
	for _, a := range args {
		ins, err := ingest.Expand(a)
		if err != nil {
			continue
		}
		for _, in := range ins {
			fi, err := os.Stat(in)
			if err != nil {
				return -1
			}
			n += fi.Size()
		}
	}
	return n
}

func (p *progress) tick(every time.Duration) {
	defer p.done.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			fmt.Fprintf(p.w, "chronicle ingest: %d stored, %d rejected so far (%.0f articles/s)\n",
				p.stored, p.tally.Rejected, float64(p.stored)/time.Since(p.start).Seconds())
			p.mu.Unlock()
		}
	}
}

// bytes advances the bar by n bytes read.
func (p *progress) bytes(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

// articles records the counts after a batch was stored.
func (p *progress) articles(stored int, t pipeline.Report) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stored, p.tally = stored, t
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("ingest: %d articles, %.0f/s", stored, float64(stored)/time.Since(p.start).Seconds()))
	}
}

// printf writes a message line without breaking the bar.
func (p *progress) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	fmt.Fprintf(p.w, format, args...)
}

func (p *progress) finish() {
	close(p.stop)
	p.done.Wait()
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
