// Package cli implements the chronicle command line: one file per command,
// each a function from parsed flags to an exit status. It wires the stages
// together and holds no pipeline logic of its own.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
)

// Exit statuses shared by every command.
const (
	ExitOK       = 0 // everything went in
	ExitFailure  = 1 // the command could not do its job
	ExitUsage    = 2 // bad flags or arguments
	ExitRejected = 3 // the command ran, but some records were rejected
)

// Env is the process environment a command sees; tests pass their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) int
}

// commands lists every subcommand. Add a new one here.
func commands() []command {
	return []command{
		{"version", "print the version", runVersion},
		{"run", "ingest, code and store in one pass (resumable); --serve to serve afterwards", runRun},
		{"recode", "code every stored article again after a dictionary or coder change", runRecode},
		{"serve", "serve the HTTP API and web UI", runServe},
		{"export", "write events as GDELT, Phoenix, PLOVER, CSV, GeoJSON, GraphML, edge list or Parquet", runExport},
		{"code", "code articles into events without storing them", runCode},
		{"eval", "score the coder against a gold file", runEval},
		{"ingest", "read articles from files, folders, globs, URLs or - into the database", runIngest},
		{"search", "full-text search of the stored articles", runSearch},
		{"stats", "count what the database holds", runStats},
		{"explain", "show an event's mentions, evidence, patterns and why they were clustered", runExplain},
		{"dict", "lint, explain or convert the dictionaries", runDict},
		{"bench", "measure ingest, coding, query latency and concurrent load on this machine", runBench},
	}
}

// Main runs the command named by args[0] and returns the exit status.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: logLevel(env)})))
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "chronicle: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return ExitUsage
}

func logLevel(env Env) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(env.Getenv("CHRONICLE_LOG"))); err != nil {
		return slog.LevelWarn
	}
	return l
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: chronicle COMMAND [flags] [args]\n\ncommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'chronicle COMMAND -h' for a command's flags.")
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: chronicle %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args allowing flags after positional arguments
// ("chronicle code seed.txt --format jsonl"); "--" ends flag parsing.
// It returns the positional arguments, or ok=false with the exit status.
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, status int, ok bool) {
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		rest = fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), 0, true
		}
		// The first positional argument; keep it and parse what follows.
		pos = append(pos, rest[0])
		rest = rest[1:]
		if len(rest) == 0 {
			return pos, 0, true
		}
		if !strings.HasPrefix(rest[0], "-") || rest[0] == "-" {
			// Collect positionals until the next flag.
			for len(rest) > 0 && (!strings.HasPrefix(rest[0], "-") || rest[0] == "-") {
				pos = append(pos, rest[0])
				rest = rest[1:]
			}
			if len(rest) == 0 {
				return pos, 0, true
			}
		}
	}
}

// dbPath resolves --db: the flag, else CHRONICLE_DB, else ./chronicle.db.
func dbPath(env Env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := env.Getenv("CHRONICLE_DB"); v != "" {
		return v
	}
	return "chronicle.db"
}
