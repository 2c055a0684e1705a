package api_test

import (
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle/internal/bench"
)

// loadEvents is the size of the synthetic store the load test serves.
const loadEvents = 1_000_000

// TestLoadMillionEvents serves one million synthetic events on a free
// loopback port and measures what issue 7 asks: the sequential latency
// of the timeline, network, filtered-event and map queries (200 requests
// each, p99 under 100 ms), then 200 concurrent clients for 30 s with no
// error. The store is built once into CHRONICLE_BENCH_DIR (default: the
// user cache directory) and reused. Set CHRONICLE_LOAD=1 to run it;
// CHRONICLE_LOAD_EVENTS and CHRONICLE_LOAD_SECONDS shrink it, and
// CHRONICLE_LOAD_BUDGET (seconds, default 30) bounds the time spent on one
// query's sequential requests, so a slow query on a busy machine is
// measured on fewer requests (the table says how many) instead of hours.
func TestLoadMillionEvents(t *testing.T) {
	if os.Getenv("CHRONICLE_LOAD") != "1" {
		t.Skip("set CHRONICLE_LOAD=1 to build a million-event store and load-test the API")
	}
	if testing.Short() {
		t.Skip("load test skipped under -short")
	}
	n := envInt(t, "CHRONICLE_LOAD_EVENTS", loadEvents)
	secs := envInt(t, "CHRONICLE_LOAD_SECONDS", 30)
	budget := envInt(t, "CHRONICLE_LOAD_BUDGET", 30) // seconds at most per query's sequential requests
	ctx := t.Context()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	st, info, err := bench.SyntheticStore(ctx, bench.CacheDir(os.Getenv("CHRONICLE_BENCH_DIR")), n, log)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if info.Built {
		t.Logf("built %d events in %v, %.0f MB (%s)", n, info.Took.Round(time.Second), float64(info.Bytes)/(1<<20), bench.ReadLoadAvg())
	} else {
		t.Logf("reused %s, %.0f MB", info.Path, float64(info.Bytes)/(1<<20))
	}
	srv, err := bench.Serve(st)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	// (a) Sequential latency: the dashboard's repeated queries (answered
	// from the response cache after the first), then every query made
	// new to the cache by a request counter, which measures the store.
	slow := 0
	for _, pass := range []struct {
		name string
		qs   []bench.Query
	}{{"sequential", bench.Queries()}, {"sequential, uncached", bench.Uncached(bench.Queries())}} {
		lat, err := bench.Sequential(ctx, bench.NewClient(1), srv.URL, pass.qs, 200, time.Duration(budget)*time.Second, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-38s %5s %9s %9s %9s %9s %9s  %s", "query ("+pass.name+")", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes", "load avg")
		for _, l := range lat {
			t.Logf("%-38s %5d %9.2f %9.2f %9.2f %9.2f %9d  %s", l.Query.Name, l.N, ms(l.P50), ms(l.P95), ms(l.P99), ms(l.Max), l.Bytes, l.Load)
			if l.P99 >= 100*time.Millisecond {
				slow++
			}
		}
	}
	// The 100 ms target is reported, not asserted: the machine is shared
	// and a timed assertion would measure the neighbours.
	t.Logf("%d of %d measurements over the 100 ms p99 target", slow, 2*len(bench.Queries()))

	// (b) 200 concurrent clients.
	const clients = 200
	r := bench.Load(ctx, bench.NewClient(clients), srv.URL, bench.Queries(), clients, time.Duration(secs)*time.Second)
	t.Logf("load: %d clients for %v: %d requests, %d errors, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms (%s)",
		r.Clients, r.Duration.Round(time.Millisecond), r.Requests, r.Errors, r.PerSecond, ms(r.P50), ms(r.P99), ms(r.Max), r.Load)
	if r.Errors > 0 {
		t.Errorf("%d of %d requests failed under load; first: %s", r.Errors, r.Requests, r.FirstError)
	}
	if r.Requests == 0 {
		t.Errorf("no request completed by %d clients in %v", clients, r.Duration)
	}
	if err := ctx.Err(); err != nil {
		t.Fatal(err)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive whole number", name, v)
	}
	return n
}
