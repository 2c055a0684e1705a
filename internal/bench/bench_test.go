package bench

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseLoadAvg(t *testing.T) {
	tests := []struct {
		in      string
		want    LoadAvg
		wantErr bool
	}{
		{"0.52 1.03 2.50 1/123 4567\n", LoadAvg{0.52, 1.03, 2.5, true}, false},
		{"13.81 14.61 13.92 9/175 30170", LoadAvg{13.81, 14.61, 13.92, true}, false},
		{"1.0 2.0", LoadAvg{}, true},
		{"a b c", LoadAvg{}, true},
		{"-1 0 0", LoadAvg{}, true},
		{"", LoadAvg{}, true},
	}
	for _, tt := range tests {
		got, err := ParseLoadAvg(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLoadAvg(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if s := (LoadAvg{1.5, 2, 3, true}).String(); s != "load 1.50 2.00 3.00" {
		t.Errorf("String() = %q", s)
	}
	if s := (LoadAvg{}).String(); s != "load n/a" {
		t.Errorf("zero String() = %q", s)
	}
}

func TestParseVmHWM(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"Name:\tchronicle\nVmPeak:\t  900 kB\nVmHWM:\t   51200 kB\nVmRSS:\t 40000 kB\n", 51200 << 10, false},
		{"VmHWM: 0 kB", 0, false},
		{"VmRSS:\t 40000 kB\n", 0, true},
		{"VmHWM:\t 12 MB\n", 0, true},
		{"VmHWM:\t x kB\n", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseVmHWM([]byte(tt.in))
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseVmHWM(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if _, err := os.Stat("/proc/self/status"); err == nil && PeakRSS() <= 0 {
		t.Errorf("PeakRSS() = %d on a system with /proc", PeakRSS())
	}
}

func FuzzParseLoadAvg(f *testing.F) {
	f.Add("0.52 1.03 2.50 1/123 4567\n")
	f.Add("NaN Inf 1")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLoadAvg(s)
		if err == nil && (!l.OK || l.One < 0 || l.Five < 0 || l.Fifteen < 0) {
			t.Errorf("ParseLoadAvg(%q) = %+v without error", s, l)
		}
	})
}

func FuzzParseVmHWM(f *testing.F) {
	f.Add([]byte("VmHWM:\t   51200 kB\n"))
	f.Add([]byte("VmHWM: 99999999999999999999 kB"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := ParseVmHWM(b)
		if err == nil && n < 0 {
			t.Errorf("ParseVmHWM(%q) = %d", b, n)
		}
	})
}

func TestPercentile(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		var ds []time.Duration
		for _, x := range xs {
			ds = append(ds, time.Duration(x)*time.Millisecond)
		}
		return ds
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		ds   []time.Duration
		p    float64
		want time.Duration
	}{
		{nil, 0.5, 0},
		{ms(7), 0.99, 7 * time.Millisecond},
		{ms(hundred...), 0.50, 50 * time.Millisecond},
		{ms(hundred...), 0.95, 95 * time.Millisecond},
		{ms(hundred...), 0.99, 99 * time.Millisecond},
		{ms(hundred...), 1, 100 * time.Millisecond},
		{ms(1, 2, 3, 4), 0.5, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 0.99, 4 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := Percentile(tt.ds, tt.p); got != tt.want {
			t.Errorf("Percentile(%d values, %v) = %v, want %v", len(tt.ds), tt.p, got, tt.want)
		}
	}
}

func TestParseStages(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"ingest,code,query,load", []string{"code", "ingest", "load", "query"}, false},
		{" Query , load ", []string{"load", "query"}, false},
		{"code,,code", []string{"code"}, false},
		{"", nil, true},
		{"ingest,train", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseStages(tt.in)
		var keys []string
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if (err != nil) != tt.wantErr || !slices.Equal(keys, tt.want) {
			t.Errorf("ParseStages(%q) = %v, %v; want %v, error %v", tt.in, keys, err, tt.want, tt.wantErr)
		}
	}
}

// TestGeneratorDistribution checks the synthetic events look like a news
// store: about two hundred countries, skewed dyads, every CAMEO root, ten
// years of dates and six in ten located.
func TestGeneratorDistribution(t *testing.T) {
	g, err := NewGenerator()
	if err != nil {
		t.Fatal(err)
	}
	if g.Countries() < 190 {
		t.Errorf("%d countries, want about 200", g.Countries())
	}
	r := rand.New(rand.NewPCG(1, 2))
	const n = 50_000
	roots := map[string]int{}
	countries := map[string]int{}
	dyads := map[string]int{}
	located := 0
	last := firstDay().AddDays(spanDays - 1)
	first, latest := last, firstDay()
	for i := range n {
		s := g.Event(r, i)
		e := s.Event
		roots[e.Root]++
		countries[e.Source.Country()]++
		countries[e.Target.Country()]++
		dyads[e.Source.Country()+">"+e.Target.Country()]++
		if e.Location != nil {
			located++
			if !strings.Contains(s.Evidence, " in "+e.Location.Name) {
				t.Fatalf("evidence %q does not name the place %q", s.Evidence, e.Location.Name)
			}
		}
		if e.Date.Before(first) {
			first = e.Date
		}
		if latest.Before(e.Date) {
			latest = e.Date
		}
		if e.Code[:2] != e.Root || e.QuadClass < 1 || e.QuadClass > 4 || e.NumSources > e.NumArticles || e.NumArticles > e.NumMentions {
			t.Fatalf("inconsistent event %+v", e)
		}
	}
	if len(roots) != 20 {
		t.Errorf("%d roots drawn, want all 20: %v", len(roots), roots)
	}
	if len(countries) < 150 {
		t.Errorf("%d countries drawn, want most of %d", len(countries), g.Countries())
	}
	if frac := float64(located) / n; frac < 0.57 || frac > 0.63 {
		t.Errorf("%.2f located, want about 0.60", frac)
	}
	if first.Compare(firstDay().AddDays(30)) > 0 || latest.Compare(last.AddDays(-30)) < 0 || last.Before(latest) {
		t.Errorf("dates %s to %s, want 2015-01-01 to %s", first, latest, last)
	}
	// Zipf-like: the top dyad far above the median dyad.
	counts := make([]int, 0, len(dyads))
	for _, c := range dyads {
		counts = append(counts, c)
	}
	slices.Sort(counts)
	if top, med := counts[len(counts)-1], counts[len(counts)/2]; top < 50*med {
		t.Errorf("top dyad %d events, median %d: want a skewed distribution", top, med)
	}
	if countries["USA"] < 10*countries["NRU"] {
		t.Errorf("USA %d, NRU %d: want the first-ranked country far more frequent", countries["USA"], countries["NRU"])
	}
}

func TestGeneratorDeterministic(t *testing.T) {
	g, err := NewGenerator()
	if err != nil {
		t.Fatal(err)
	}
	a := g.Event(rand.New(rand.NewPCG(3, 4)), 9)
	b := g.Event(rand.New(rand.NewPCG(3, 4)), 9)
	if a.Evidence != b.Evidence || a.Event.ID != "ev_syn00000009" || a.Event.Source != b.Event.Source || a.Event.Date != b.Event.Date {
		t.Errorf("same seed, different events: %+v / %+v", a, b)
	}
}

func TestDemoCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "demo")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no demo corpus")
	}
	c, err := DemoCorpus(context.Background(), dir, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Repeated || len(c.Articles) < 100 {
		t.Fatalf("%d articles, repeated %v", len(c.Articles), c.Repeated)
	}
	ids := map[string]bool{}
	for _, a := range c.Articles {
		if ids[a.ID] {
			t.Errorf("id %s twice", a.ID)
		}
		ids[a.ID] = true
	}
	res, err := MeasureIngest(context.Background(), c, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Read != len(c.Articles) || res.Report.New+res.Report.NearDuplicate != len(c.Articles) || res.PerSecond <= 0 {
		t.Errorf("ingest report %+v for %d articles", res.Report, len(c.Articles))
	}
	if _, err := DemoCorpus(context.Background(), t.TempDir(), 10); err == nil {
		t.Errorf("an empty folder made a demo corpus")
	}
}

func testStore(tb testing.TB, n int) *Server {
	tb.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, _, err := SyntheticStore(context.Background(), tb.TempDir(), n, log)
	if err != nil {
		tb.Fatal(err)
	}
	srv, err := Serve(st)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return srv
}

func BenchmarkGeneratorEvent(b *testing.B) {
	g, err := NewGenerator()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Event(r, i)
		i++
	}
}

// BenchmarkSyntheticStore builds a store of 20,000 synthetic events with
// their mentions and full-text rows and reports events per second.
func BenchmarkSyntheticStore(b *testing.B) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	const n = 20_000
	b.ReportAllocs()
	for b.Loop() {
		st, _, err := SyntheticStore(context.Background(), b.TempDir(), n, log)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkQueryMix sends the serving mix over loopback HTTP to a store
// of 20,000 synthetic events, one request per iteration.
func BenchmarkQueryMix(b *testing.B) {
	srv := testStore(b, 20_000)
	c := NewClient(1)
	qs := Queries()
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Get(ctx, c, srv.URL, qs[i%len(qs)], false); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func TestWriteReport(t *testing.T) {
	load := LoadAvg{1, 2, 3, true}
	var b strings.Builder
	WriteLatency(&b, []Latency{
		{Query: Query{Name: "fast"}, N: 200, P50: time.Millisecond, P95: 2 * time.Millisecond, P99: 3 * time.Millisecond, Max: 4 * time.Millisecond, Bytes: 10, Load: load},
		{Query: Query{Name: "slow"}, N: 12, P50: 90 * time.Millisecond, P95: 99 * time.Millisecond, P99: 100 * time.Millisecond, Max: time.Second, Bytes: 20, Load: load},
	})
	WriteLoad(&b, LoadResult{Clients: 200, Duration: 30 * time.Second, Requests: 9000, Errors: 2, FirstError: "timeline/day: status 500",
		PerSecond: 300, P50: 5 * time.Millisecond, P99: 80 * time.Millisecond, Max: 90 * time.Millisecond, Load: load})
	WriteCoding(&b, CodeResult{Workers: 1, Articles: 10, Sentences: 100, Took: time.Second, SentencesPerSec: 100, ArticlesPerS: 10, Load: load})
	out := b.String()
	for _, want := range []string{
		"fast                                      200     1.00     2.00     3.00     4.00        10  load 1.00 2.00 3.00\n",
		"slow                                       12    90.00    99.00   100.00  1000.00        20  load 1.00 2.00 3.00 over target\n",
		"1 of 2 queries over the target",
		"200 clients on loopback for 30s",
		"9000 requests, 2 errors, 300 requests/s, p50 5.0 ms, p99 80.0 ms, max 90.0 ms (load 1.00 2.00 3.00)",
		"first error: timeline/day: status 500",
		"1 core ", "100 sentences/s",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
