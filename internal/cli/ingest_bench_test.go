package cli

import (
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkIngestReuters ingests the shared Reuters corpus (19,043
// articles) into a fresh database with its full-text index, through the
// command, and reports articles/s and the peak Go heap.
func BenchmarkIngestReuters(b *testing.B) {
	corpus := filepath.Join(repoRoot(b), "..", "shared", "corpus", "reuters21578.jsonl")
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("shared corpus not present:", err)
	}
	stop := make(chan struct{})
	var (
		wg   sync.WaitGroup
		peak uint64
	)
	wg.Go(func() { peak = samplePeakHeap(stop) })
	articles := 0
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "bench.db")
		code, out, errs := cliRun(b, "", "ingest", "--quiet", "--db", db, corpus)
		if code != ExitOK || !strings.HasPrefix(out, "read 19043:") {
			b.Fatalf("exit %d: %s%s", code, out, errs)
		}
		articles += 19043
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// samplePeakHeap polls the live heap until stop closes and returns the
// largest value seen.
func samplePeakHeap(stop <-chan struct{}) uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		metrics.Read(s)
		peak = max(peak, s[0].Value.Uint64())
		select {
		case <-stop:
			return peak
		case <-t.C:
		}
	}
}
