package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle/internal/export"
	"github.com/chronicle-dev/chronicle/internal/geo"
)

func runExport(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "export", "--format "+strings.Join(export.FormatNames(), "|")+" [--db FILE] [filters] [-o FILE|-]")
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	format := fs.String("format", "", "output format: "+strings.Join(export.FormatNames(), ", "))
	out := fs.String("o", "-", "output file, - for standard output")
	quiet := fs.Bool("quiet", false, "no progress")
	ef := addEventFlags(fs)
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	f, err := ef.filter()
	if err == nil && len(pos) > 0 {
		err = fmt.Errorf("unexpected arguments %q", pos)
	}
	if err == nil {
		if _, known := export.Formats()[export.Format(*format)]; !known {
			err = fmt.Errorf("--format %q: want one of %s", *format, strings.Join(export.FormatNames(), ", "))
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle export: %v\n", err)
		return ExitUsage
	}
	st, code := openExisting(ctx, env, "export", *db)
	if st == nil {
		return code
	}
	defer st.Close()
	gaz, err := geo.Load()
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle export: %v\n", err)
		return ExitFailure
	}

	var w io.Writer = env.Stdout
	var file *os.File
	if *out != "-" {
		// Write to a temporary file beside the target and rename it into
		// place, so a failed export never leaves a truncated file.
		file, err = os.CreateTemp(dirOf(*out), ".chronicle-export-*")
		if err != nil {
			fmt.Fprintf(env.Stderr, "chronicle export: %v\n", err)
			return ExitFailure
		}
		defer os.Remove(file.Name())
		w = file
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	events := st.EachEvent(ctx, f)
	if export.NeedsMentions(export.Format(*format)) {
		events = st.EachEventWithMentions(ctx, f)
	}
	prog := newCounter(env, "events", *quiet)
	start := time.Now()
	n, err := export.Write(ctx, bw, export.Format(*format), events, export.Options{Codes: gaz, Progress: prog.set})
	prog.finish()
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && file != nil {
		if err = file.Close(); err == nil {
			err = os.Rename(file.Name(), *out)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle export: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stderr, "exported %d events as %s in %.1fs\n", n, *format, time.Since(start).Seconds())
	return ExitOK
}

func dirOf(path string) string {
	if i := strings.LastIndexByte(path, os.PathSeparator); i >= 0 {
		return path[:i+1]
	}
	return "."
}
