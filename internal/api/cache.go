package api

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Versioner is implemented by stores that can say when their data
// changed. DataVersion must return a different number after any write
// committed since the last call returned; a result computed after reading
// version v is at least as new as v. Responses of the aggregate endpoints
// are cached only for stores that implement it.
type Versioner interface {
	DataVersion(ctx context.Context) (uint64, error)
}

// Limits of the response cache and of the heavy-query queue.
const (
	// CacheEntries and CacheBytes bound the response cache.
	CacheEntries = 512
	CacheBytes   = 64 << 20
	// MaxCachedResponse is the largest response body kept.
	MaxCachedResponse = 8 << 20
	// QueueWait is how long a request waits for a free query slot
	// before it is answered 503 with Retry-After.
	QueueWait = 45 * time.Second
	// HeavyTimeout bounds one heavy query, which runs on after its first
	// client leaves when others wait for the same answer.
	HeavyTimeout = 2 * time.Minute
)

// response is a buffered answer: what a heavy handler wrote.
type response struct {
	status int
	header http.Header
	body   []byte
	etag   string
}

// bufferWriter records a handler's response.
type bufferWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}
func (b *bufferWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

// cacheEntry is one cached response and the data version it was
// computed at.
type cacheEntry struct {
	key     string
	version uint64
	resp    *response
}

// responseCache is a bounded LRU of responses keyed by normalised
// request, each valid for one data version.
type responseCache struct {
	mu    sync.Mutex
	ll    *list.List // front: most recently used
	items map[string]*list.Element
	bytes int
}

func (c *responseCache) get(key string, version uint64) *response {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil
	}
	e := el.Value.(*cacheEntry)
	if e.version != version {
		return nil
	}
	c.ll.MoveToFront(el)
	return e.resp
}

func (c *responseCache) put(key string, version uint64, r *response) {
	if len(r.body) > MaxCachedResponse {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		c.items = map[string]*list.Element{}
		c.ll = list.New()
	}
	if el, ok := c.items[key]; ok {
		e := el.Value.(*cacheEntry)
		c.bytes += len(r.body) - len(e.resp.body)
		e.version, e.resp = version, r
		c.ll.MoveToFront(el)
	} else {
		c.items[key] = c.ll.PushFront(&cacheEntry{key: key, version: version, resp: r})
		c.bytes += len(r.body)
	}
	for c.ll.Len() > CacheEntries || c.bytes > CacheBytes {
		el := c.ll.Back()
		e := el.Value.(*cacheEntry)
		c.ll.Remove(el)
		delete(c.items, e.key)
		c.bytes -= len(e.resp.body)
	}
}

// flight is one computation others with the same key wait for.
type flight struct {
	done chan struct{}
	resp *response
}

// flights coalesces identical concurrent requests: the first computes,
// the rest wait for its response.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

// do runs fn once for all concurrent callers with the same key.
func (g *flights) do(ctx context.Context, key string, fn func() *response) (*response, error) {
	g.mu.Lock()
	if f, ok := g.m[key]; ok {
		g.mu.Unlock()
		select {
		case <-f.done:
			return f.resp, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if g.m == nil {
		g.m = map[string]*flight{}
	}
	f := &flight{done: make(chan struct{})}
	g.m[key] = f
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.m, key)
		g.mu.Unlock()
		close(f.done)
	}()
	f.resp = fn()
	return f.resp, nil
}

// heavy holds what the heavy endpoints share: the cache, the coalescing
// of identical requests and the slots that bound concurrent queries.
type heavy struct {
	cache   responseCache
	flights flights
	slots   chan struct{}
}

func newHeavy(n int) *heavy {
	return &heavy{slots: make(chan struct{}, max(1, n))}
}

// cached wraps a heavy read endpoint. A request is keyed by its path and
// its sorted query; its response is served from the cache while the
// store's data version is unchanged, with an ETag (If-None-Match → 304).
// Identical concurrent requests share one computation, and at most
// cap(slots) computations run at once; the rest queue, and a request that
// waited QueueWait is answered 503 with Retry-After.
func (s *Server) cached(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := s.heavy
		key := r.URL.Path + "?" + r.URL.Query().Encode()
		var version uint64
		cacheable := false
		if v, ok := s.Store.(Versioner); ok {
			var err error
			if version, err = v.DataVersion(r.Context()); err == nil {
				cacheable = true
				if resp := h.cache.get(key, version); resp != nil {
					writeResponse(w, r, resp)
					return
				}
			} else if r.Context().Err() == nil {
				s.logger().Warn("data version unavailable; not caching", "err", err)
			}
		}
		fkey := key
		if cacheable {
			fkey = strconv.FormatUint(version, 10) + " " + key
		} else {
			// Without a version, only requests that overlap share.
			fkey = "nov " + key
		}
		resp, err := h.flights.do(r.Context(), fkey, func() *response {
			return h.compute(r, next)
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if resp.status == 0 {
			// The computation never got a slot.
			w.Header().Set("Retry-After", "5")
			writeError(w, http.StatusServiceUnavailable, "server busy: try again shortly")
			return
		}
		if cacheable && resp.status == http.StatusOK {
			h.cache.put(key, version, resp)
		}
		writeResponse(w, r, resp)
	}
}

// compute runs next into a buffer once a query slot is free. The query
// runs under a context detached from the first client's, so the others
// waiting for the same answer still get it if that client leaves.
func (h *heavy) compute(r *http.Request, next http.HandlerFunc) *response {
	timer := time.NewTimer(QueueWait)
	defer timer.Stop()
	select {
	case h.slots <- struct{}{}:
	case <-timer.C:
		return &response{}
	}
	defer func() { <-h.slots }()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), HeavyTimeout)
	defer cancel()
	bw := &bufferWriter{header: http.Header{}}
	next(bw, r.WithContext(ctx))
	if bw.status == 0 {
		bw.status = http.StatusOK
	}
	sum := sha256.Sum256(bw.buf.Bytes())
	return &response{status: bw.status, header: bw.header, body: bw.buf.Bytes(),
		etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// writeResponse sends a buffered response, or 304 when the client holds
// the same ETag.
func writeResponse(w http.ResponseWriter, r *http.Request, resp *response) {
	h := w.Header()
	for k, v := range resp.header {
		h[k] = append([]string(nil), v...)
	}
	if resp.status == http.StatusOK {
		h.Set("ETag", resp.etag)
		h.Set("Cache-Control", "no-cache")
		if etagMatch(r.Header.Get("If-None-Match"), resp.etag) {
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(resp.status)
	w.Write(resp.body)
}

// etagMatch reports whether an If-None-Match header names etag.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
