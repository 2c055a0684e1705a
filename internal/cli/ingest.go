package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// ingestTally counts what an ingest did.
type ingestTally struct {
	read, added, duplicate, near, conflict, rejected int
}

func (t ingestTally) String() string {
	return fmt.Sprintf("read %d: %d new, %d duplicate, %d near-duplicate, %d conflict, %d rejected",
		t.read, t.added, t.duplicate, t.near, t.conflict, t.rejected)
}

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
	rate := float64(tally.read) / max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(env.Stdout, "%s (%.1fs, %.0f articles/s)\n", tally, elapsed.Seconds(), rate)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "chronicle ingest: %v; everything before it was committed\n", err)
		return ExitFailure
	case tally.rejected > 0 || tally.conflict > 0:
		return ExitRejected
	}
	return ExitOK
}

// ingestAll reads every argument on one goroutine and stores batches on
// the calling one, so parsing and fingerprinting overlap with the
// database writes. Each batch is one transaction.
func ingestAll(ctx context.Context, st *store.Store, args []string, opts ingest.Options, size int, prog *progress) (ingestTally, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []chronicle.Article, 2)
	var (
		mu    sync.Mutex // guards tally between the two goroutines
		tally ingestTally
	)
	go func() {
		defer close(batches)
		cur := make([]chronicle.Article, 0, size)
		send := func() bool {
			if len(cur) == 0 {
				return true
			}
			select {
			case batches <- cur:
				cur = make([]chronicle.Article, 0, size)
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, arg := range args {
			for rec := range ingest.Open(ctx, arg, opts) {
				mu.Lock()
				tally.read++
				if rec.Err != nil {
					tally.rejected++
				}
				mu.Unlock()
				if rec.Err != nil {
					prog.printf("chronicle ingest: rejected %v\n", rec.Err)
					continue
				}
				ingest.Fingerprint(&rec.Article)
				cur = append(cur, rec.Article)
				if len(cur) == size && !send() {
					return
				}
			}
		}
		send()
	}()

	var failed error
	for b := range batches {
		if failed != nil {
			continue // drain so the reader can finish
		}
		res, err := st.PutArticles(ctx, b)
		if err != nil {
			failed = fmt.Errorf("store %d articles: %w", len(b), err)
			cancel()
			continue
		}
		mu.Lock()
		for _, r := range res {
			switch r.Status {
			case store.New:
				tally.added++
			case store.Duplicate:
				tally.duplicate++
			case store.NearDuplicate:
				tally.near++
				slog.Debug("near-duplicate", "id", r.ID, "of", r.DuplicateOf)
			case store.Conflict:
				tally.conflict++
				prog.printf("chronicle ingest: conflict: %s is already stored with a different text; not stored\n", r.ID)
			}
		}
		stored := tally.added + tally.duplicate + tally.near + tally.conflict
		t := tally
		mu.Unlock()
		prog.articles(stored, t)
	}
	mu.Lock()
	defer mu.Unlock()
	if parent.Err() != nil {
		// A store error while interrupted is the interruption itself.
		failed = fmt.Errorf("interrupted: %w", context.Cause(parent))
	}
	return tally, failed
}

// progress shows how an ingest is going: a bar with articles/s and an ETA
// (by bytes of local files) on a terminal, plain periodic counts otherwise.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	bar    *progressbar.ProgressBar // nil when not on a terminal
	start  time.Time
	stored int
	tally  ingestTally
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
				p.stored, p.tally.rejected, float64(p.stored)/time.Since(p.start).Seconds())
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
func (p *progress) articles(stored int, t ingestTally) {
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
