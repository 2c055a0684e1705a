package coref

import (
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cputime"
)

// BenchmarkResolve resolves the test articles as one long article; the
// target is under 5 µs a sentence, negligible next to tagging.
func BenchmarkResolve(b *testing.B) {
	an, dict := loadStack(b)
	r, err := New(dict)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, fx := range readFixtures(b, "testdata/articles.txt") {
		sb.WriteString(fx.text)
		sb.WriteString("\n\n")
	}
	date := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	d := an.Analyze(sb.String(), date)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		n += len(r.Resolve(d, date))
	}
	if n == 0 {
		b.Fatal("no links")
	}
	cpu := cputime.Process() - cpu0
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(d.Sentences)), "ns/sentence")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(d.Sentences)), "cpu-ns/sentence")
	}
}
