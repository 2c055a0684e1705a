package cli

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/chronicle-dev/chronicle/internal/bench"
)

func runBench(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "bench", "[--corpus FILE.jsonl] [--dict DIR] [--events N] [--clients N] [--duration D] [--what ingest,code,query,load]")
	def := bench.DefaultConfig()
	corpus := fs.String("corpus", "", "articles to ingest and code (any readable input; default: "+def.DemoDir+" repeated to a few thousand articles)")
	dict := fs.String("dict", "", "PETRARCH dictionaries directory for coding (default: the built-in dictionaries)")
	events := fs.Int("events", def.Events, "synthetic events to query (built once into the cache directory and reused)")
	clients := fs.Int("clients", def.Clients, "concurrent clients of the load stage")
	duration := fs.Duration("duration", def.Duration, "how long the load stage runs")
	requests := fs.Int("requests", def.Requests, "sequential requests per query of the query stage")
	budget := fs.Duration("budget", def.Budget, "at most this long on one query's sequential requests (fewer requests on a slow machine)")
	what := fs.String("what", def.Stages, "stages to run: ingest, code, query, load")
	cache := fs.String("cache", "", "where synthetic stores are kept (default $CHRONICLE_BENCH_DIR, else the user cache directory)")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) > 0 || *events <= 0 || *clients <= 0 || *duration <= 0 || *requests <= 0 || *budget <= 0 {
		fs.Usage()
		return ExitUsage
	}
	if _, err := bench.ParseStages(*what); err != nil {
		fmt.Fprintf(env.Stderr, "chronicle bench: --what: %v\n", err)
		return ExitUsage
	}
	cfg := def
	cfg.Corpus, cfg.DictDir, cfg.Events, cfg.Clients, cfg.Duration, cfg.Requests, cfg.Stages =
		*corpus, *dict, *events, *clients, *duration, *requests, *what
	cfg.CacheDir, cfg.Budget = *cache, *budget
	if cfg.CacheDir == "" {
		cfg.CacheDir = bench.CacheDir(env.Getenv("CHRONICLE_BENCH_DIR"))
	}
	cfg.Log = slog.Default()
	if err := bench.Run(ctx, cfg, env.Stdout); err != nil {
		fmt.Fprintf(env.Stderr, "chronicle bench: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}
