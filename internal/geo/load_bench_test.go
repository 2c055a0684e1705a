package geo

import (
	"runtime"
	"testing"

	"github.com/chronicle-dev/chronicle/internal/cputime"
)

// BenchmarkLoad measures parsing the embedded tables. heap-MB is the live
// heap the loaded gazetteer keeps; cpu-ms/op the CPU time of one Load on
// all cores, which a busy machine does not inflate the way it does ns/op.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	cpu0 := cputime.Process()
	for b.Loop() {
		var err error
		if g, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((cputime.Process()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	runtime.KeepAlive(g)
	g = nil
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "heap-MB")
}
