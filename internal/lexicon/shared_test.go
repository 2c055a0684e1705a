package lexicon

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// sharedDir returns ../shared/dictionaries/<name> relative to the
// repository root, skipping the test when it is absent.
func sharedDir(tb testing.TB, name string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "dictionaries", name)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared dictionaries absent: %v", err)
	}
	return dir
}

// quiet is an Options that discards log output.
func quiet() Options {
	return Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func BenchmarkLoadPhoenix(b *testing.B) {
	dir := sharedDir(b, "phoenix")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadDirWith(ctx, dir, quiet()); err != nil {
			b.Fatal(err)
		}
	}
}
