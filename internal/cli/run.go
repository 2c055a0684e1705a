package cli

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// runRun is `chronicle run`: ingest, code and store in one pass, then
// optionally serve.
func runRun(ctx context.Context, env Env, args []string) int {
	return runPipeline(ctx, env, "run", args)
}

// runRecode is `chronicle recode`: code every stored article again.
func runRecode(ctx context.Context, env Env, args []string) int {
	return runPipeline(ctx, env, "recode", args)
}

func runPipeline(ctx context.Context, env Env, cmd string, args []string) int {
	synopsis := "[--db FILE] [--dict DIR] [--workers N] [--serve ADDR] PATH|URL|- ..."
	if cmd == "recode" {
		synopsis = "[--db FILE] [--dict DIR] [--workers N] [--all]"
	}
	fs := newFlagSet(env, cmd, synopsis)
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	dict := fs.String("dict", "", "code with the PETRARCH-format dictionaries in `DIR` instead of the built-in ones")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded at once")
	quiet := fs.Bool("quiet", false, "print no progress, only rejections and the summary")
	dyad := fs.Bool("require-dyad", false, "drop events without both a source and a target (PETRARCH's default; Chronicle keeps one-sided events)")
	all := false
	serve := ""
	if cmd == "recode" {
		fs.BoolVar(&all, "all", true, "code every article again, even those the current coder version already coded")
	} else {
		fs.StringVar(&serve, "serve", "", "after coding, serve the API and UI on `ADDR` (e.g. 127.0.0.1:8080)")
	}
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if (cmd == "run" && len(pos) == 0) || (cmd == "recode" && len(pos) > 0) || *workers < 1 {
		fs.Usage()
		return ExitUsage
	}
	st, err := store.Open(ctx, dbPath(env, *db))
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle %s: %v\n", cmd, err)
		return ExitFailure
	}
	defer st.Close()
	loadStart := time.Now()
	opts := pipeline.EventDataOptions()
	opts.RequireDyad = *dyad
	coding, err := pipeline.Load(ctx, pipeline.Config{DictDir: *dict, Options: opts})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle %s: %v\n", cmd, err)
		return ExitFailure
	}
	if !*quiet {
		fmt.Fprintf(env.Stderr, "chronicle %s: coder %s loaded in %.1fs\n", cmd, coding.Version, time.Since(loadStart).Seconds())
	}
	stored := newCounter(env, "articles stored", *quiet)
	var coded *counter
	opt := pipeline.Options{
		Workers: *workers,
		Recode:  all,
		Ingest:  ingest.Options{Stdin: env.Stdin},
		Reject: func(err error) {
			fmt.Fprintf(env.Stderr, "chronicle %s: rejected %v\n", cmd, err)
		},
		Stored: func(r pipeline.Report) { stored.set(r.New + r.Duplicate + r.NearDuplicate) },
		Coded: func(done, total int) {
			if coded == nil {
				stored.finish()
				coded = newCounter(env, fmt.Sprintf("articles coded of %d", total), *quiet)
			}
			coded.set(done)
		},
	}
	start := time.Now()
	var rep pipeline.Report
	if cmd == "recode" {
		err = pipeline.CodePending(ctx, st, coding, opt, &rep)
	} else {
		rep, err = pipeline.Run(ctx, st, coding, pos, opt)
	}
	stored.finish()
	if coded != nil {
		coded.finish()
	}
	el := time.Since(start).Seconds()
	fmt.Fprintf(env.Stdout, "%s (%.1fs, %.0f articles/s coded)\n", rep, el, float64(rep.Coded)/max(el, 1e-9))
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle %s: %v; everything before it was committed, run again to resume\n", cmd, err)
		return ExitFailure
	}
	if serve != "" {
		if code := serveStore(ctx, env, st, coding, serve); code != ExitOK {
			return code
		}
	}
	if rep.Rejected > 0 || rep.Conflict > 0 {
		return ExitRejected
	}
	return ExitOK
}
