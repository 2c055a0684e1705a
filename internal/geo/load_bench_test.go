package geo

import (
	"runtime"
	"testing"
)

// BenchmarkLoad measures parsing the embedded tables; heap-MB is the live
// heap the loaded gazetteer keeps.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	for b.Loop() {
		var err error
		if g, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
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
