package api

import (
	"context"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/store"
)

func fetch(t *testing.T, url, inm string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if inm != "" {
		req.Header.Set("If-None-Match", inm)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("ETag"), string(b)
}

// TestCacheInvalidatedByWrites: a cached timeline answers 304 to its ETag
// until a write changes the data, then answers the new data.
func TestCacheInvalidatedByWrites(t *testing.T) {
	ts, st := fixture(t)
	for _, path := range []string{"/api/timeline?interval=month", "/api/network", "/api/events?actor=KENCOP", "/api/map", "/api/articles?q=police"} {
		code, etag, body := fetch(t, ts.URL+path, "")
		if code != 200 || etag == "" {
			t.Fatalf("%s: status %d etag %q", path, code, etag)
		}
		if code, _, b := fetch(t, ts.URL+path, etag); code != http.StatusNotModified || b != "" {
			t.Errorf("%s with its ETag: status %d body %q, want 304 and no body", path, code, b)
		}
		if code, _, b := fetch(t, ts.URL+path, `"other"`); code != 200 || b != body {
			t.Errorf("%s with another ETag: status %d, body changed %v", path, code, b != body)
		}
	}
	// The same query written with its parameters in another order is
	// the same cache entry.
	_, etagA, _ := fetch(t, ts.URL+"/api/events?actor=KENCOP&limit=5", "")
	if code, _, _ := fetch(t, ts.URL+"/api/events?limit=5&actor=KENCOP", etagA); code != http.StatusNotModified {
		t.Errorf("reordered query: %d, want 304", code)
	}
	path := "/api/timeline?interval=month"
	_, etag, before := fetch(t, ts.URL+path, "")
	ctx := context.Background()
	text := "Police arrested ten protesters again."
	if _, err := st.PutArticles(ctx, []chronicle.Article{{ID: "a3", Date: day("2024-07-02"), Text: text, Hash: "a3"}}); err != nil {
		t.Fatal(err)
	}
	err := st.PutCoded(ctx, []store.CodedArticle{{ArticleID: "a3", CoderVersion: "test", Mentions: []chronicle.Mention{{
		ArticleID: "a3", Date: day("2024-07-02"), DateFrom: "article",
		Source: chronicle.Actor{Code: "KENCOP", Text: "Police", Start: 0, End: 6},
		Target: chronicle.Actor{Code: "KENCVL", Text: "protesters", Start: 20, End: 30},
		Code:   "173", Root: "17", QuadClass: 4, PLOVER: chronicle.PLOVER{Type: "COERCE"}, Modality: chronicle.Asserted,
		Evidence: chronicle.Span{Text: text, Start: 0, End: len(text)}, Verb: chronicle.Span{Text: "arrested", Start: 7, End: 15},
	}}}})
	if err != nil {
		t.Fatal(err)
	}
	code, etag2, after := fetch(t, ts.URL+path, etag)
	if code != 200 || etag2 == etag || after == before || !strings.Contains(after, "2024-07") {
		t.Errorf("after a write: status %d, etag changed %v, body changed %v: %s", code, etag2 != etag, after != before, after)
	}
}

// slowReader is an EventReader whose Timeline takes a while and counts
// its calls; it has no DataVersion, so nothing is cached.
type slowReader struct {
	chronicle.EventReader
	calls   atomic.Int32
	running atomic.Int32
	most    atomic.Int32
	delay   time.Duration
}

func (s *slowReader) Timeline(ctx context.Context, f chronicle.EventFilter, iv chronicle.Interval) ([]chronicle.TimelineBucket, error) {
	s.calls.Add(1)
	n := s.running.Add(1)
	defer s.running.Add(-1)
	for {
		m := s.most.Load()
		if n <= m || s.most.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(s.delay)
	return []chronicle.TimelineBucket{{Count: 1}}, nil
}

func (s *slowReader) EachEvent(ctx context.Context, f chronicle.EventFilter) iter.Seq2[chronicle.Event, error] {
	return func(func(chronicle.Event, error) bool) {}
}

// TestCoalesceAndBound: identical concurrent requests share one query,
// and distinct ones run at most one per slot at a time.
func TestCoalesceAndBound(t *testing.T) {
	sr := &slowReader{delay: 100 * time.Millisecond}
	srv := &Server{Store: sr}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	slots := cap(srv.heavy.slots)

	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, _, _ := fetch(t, ts.URL+"/api/timeline?interval=week", ""); code != 200 {
				t.Errorf("status %d", code)
			}
		}()
	}
	wg.Wait()
	if n := sr.calls.Load(); n > 3 {
		t.Errorf("20 identical concurrent requests ran %d queries, want them shared", n)
	}

	sr.calls.Store(0)
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, _, _ := fetch(t, ts.URL+"/api/timeline?interval=week&actor=A"+string(rune('A'+i)), ""); code != 200 {
				t.Errorf("status %d", code)
			}
		}()
	}
	wg.Wait()
	if n := sr.calls.Load(); n != 12 {
		t.Errorf("12 distinct requests ran %d queries", n)
	}
	if m := int(sr.most.Load()); m > slots {
		t.Errorf("%d queries ran at once, want at most %d", m, slots)
	}
}

// TestCacheBounded: the LRU keeps at most CacheEntries entries and drops
// the least recently used first.
func TestCacheBounded(t *testing.T) {
	var c responseCache
	r := &response{status: 200, body: []byte("x")}
	for i := range CacheEntries + 10 {
		c.put(strings.Repeat("k", i+1), 1, r)
		if i == 0 {
			continue
		}
		c.get("k", 1) // keep the first one in use
	}
	if n := c.ll.Len(); n != CacheEntries {
		t.Errorf("%d entries, want %d", n, CacheEntries)
	}
	if c.get("k", 1) == nil {
		t.Error("the most recently used entry was evicted")
	}
	if c.get("kk", 1) != nil {
		t.Error("the least recently used entry was kept")
	}
	if c.get("k", 2) != nil {
		t.Error("an entry of another data version was served")
	}
	c.put("big", 1, &response{body: make([]byte, MaxCachedResponse+1)})
	if c.get("big", 1) != nil {
		t.Error("a response over MaxCachedResponse was cached")
	}
}
