package bench

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
)

func TestSyntheticStoreServesEveryQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a store")
	}
	ctx := context.Background()
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	const n = 20_000
	start := time.Now()
	st, info, err := SyntheticStore(ctx, dir, n, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %d events in %v", n, time.Since(start))
	if !info.Built {
		t.Errorf("first open did not build")
	}
	es, _, err := st.Events(ctx, chronicle.EventFilter{Limit: 1})
	if err != nil || len(es) != 1 {
		t.Fatalf("events: %v %v", es, err)
	}
	srv, err := Serve(st)
	if err != nil {
		t.Fatal(err)
	}
	lat, err := Sequential(ctx, NewClient(1), srv.URL, Queries(), 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lat {
		t.Logf("%-28s %v %v", l.Query.Name, l.P50, l.P99)
		if l.N != 3 || l.Bytes == 0 || l.P50 > l.P99 || l.P99 > l.Max {
			t.Errorf("%s: %+v", l.Query.Name, l)
		}
	}
	if len(lat) != len(Queries()) {
		t.Errorf("%d latencies for %d queries", len(lat), len(Queries()))
	}
	// A budget spent after the first request stops each query there.
	lat, err = Sequential(ctx, NewClient(1), srv.URL, Queries()[:2], 50, time.Nanosecond, nil)
	if err != nil || len(lat) != 2 || lat[0].N != 1 || lat[1].N != 1 {
		t.Errorf("budgeted run: %+v, %v", lat, err)
	}
	// A query the data cannot answer is an error, not a figure.
	if _, err := Sequential(ctx, NewClient(1), srv.URL, []Query{{"none", "/api/events?actor=ZZZ", "items"}}, 1, 0, nil); err == nil {
		t.Errorf("an empty answer was measured")
	}
	if _, err := Sequential(ctx, NewClient(1), srv.URL, []Query{{"bad", "/api/events?root=x", "items"}}, 1, 0, nil); err == nil {
		t.Errorf("a 400 answer was measured")
	}
	r := Load(ctx, NewClient(8), srv.URL, Queries(), 8, 300*time.Millisecond)
	if r.Errors != 0 || r.Requests == 0 || r.PerSecond <= 0 || r.P99 < r.P50 {
		t.Errorf("load: %+v", r)
	}
	bad := Load(ctx, NewClient(2), srv.URL, []Query{{"bad", "/api/nothing", "items"}}, 2, 200*time.Millisecond)
	if bad.Errors == 0 || bad.Errors != bad.Requests || !strings.Contains(bad.FirstError, "404") {
		t.Errorf("load of a missing endpoint: %+v", bad)
	}
	srv.Close()
	st.Close()
	st, info, err = SyntheticStore(ctx, dir, n, log)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if info.Built {
		t.Errorf("second open rebuilt the cached store")
	}
}

func TestUncachedNumbersRequests(t *testing.T) {
	qs := Uncached([]Query{{"a", "/api/timeline", "items"}, {"b", "/api/events?root=19", "items"}})
	for _, c := range []struct {
		q    Query
		n    int64
		want string
	}{
		{qs[0], 1, "/api/timeline?_req=1"},
		{qs[1], 42, "/api/events?root=19&_req=42"},
		{Query{"plain", "/api/map", "features"}, 7, "/api/map"},
	} {
		if got := numbered(c.q, c.n).Path; got != c.want {
			t.Errorf("numbered(%q, %d) = %q, want %q", c.q.Path, c.n, got, c.want)
		}
	}
	if qs[0].Name != "a (uncached)" {
		t.Errorf("name %q", qs[0].Name)
	}
}
