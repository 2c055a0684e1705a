// Package sharedtest finds the read-only data that sits beside the
// repository in ../shared (corpora, gold suites, dictionaries, training
// data) for tests and benchmarks, which skip cleanly when it is absent.
package sharedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Path returns ../shared/parts... next to the repository root, skipping
// the test or benchmark when it does not exist.
func Path(tb testing.TB, parts ...string) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Skip("cannot locate the repository")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	p := filepath.Join(append([]string{root, "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data absent: %v", err)
	}
	return p
}
