package bench

import (
	"context"
	"io"
	"log/slog"
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
	lat, err := Sequential(ctx, NewClient(1), srv.URL, Queries(), 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lat {
		t.Logf("%-28s %v %v", l.Query.Name, l.P50, l.P99)
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
