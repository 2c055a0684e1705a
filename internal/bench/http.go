package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chronicle-dev/chronicle/internal/api"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// errNoResults marks a query that answered but found nothing where the
// synthetic data guarantees matches.
var errNoResults = errors.New("no results")

// Query is one API request of the benchmark mix.
type Query struct {
	Name string
	Path string // path and query string
	// Key is the JSON field holding the results ("items", "edges",
	// "features"); the synthetic store guarantees it is not empty.
	Key string
}

// Queries is the serving mix measured on the synthetic store: timelines
// at every interval with and without an actor filter, a year's network,
// filtered event lists (actor and dates, root, PLOVER type, country, full
// text) and a month's map of one country.
func Queries() []Query {
	return []Query{
		{"timeline/day", "/api/timeline?interval=day", "items"},
		{"timeline/week", "/api/timeline?interval=week", "items"},
		{"timeline/month", "/api/timeline?interval=month", "items"},
		{"timeline/day actor=SYR", "/api/timeline?interval=day&actor=SYR", "items"},
		{"timeline/week actor=USA", "/api/timeline?interval=week&actor=USA", "items"},
		{"timeline/month actor=NGA", "/api/timeline?interval=month&actor=NGA", "items"},
		{"network year min=2", "/api/network?from=2020-01-01&to=2020-12-31&min=2", "edges"},
		{"events actor=RUS 2022Q1", "/api/events?actor=RUS&from=2022-01-01&to=2022-03-31", "items"},
		{"events root=19", "/api/events?root=19", "items"},
		{"events plover=PROTEST", "/api/events?plover=PROTEST", "items"},
		{"events country=KEN", "/api/events?country=KEN", "items"},
		{"events q=massacre", "/api/events?q=massacre", "items"},
		{"events q=talks+Kyiv", "/api/events?q=talks%20Kyiv", "items"},
		{"map country=UKR 2022-03", "/api/map?country=UKR&from=2022-03-01&to=2022-03-31", "features"},
	}
}

// Uncached returns qs with a request counter added to each query string
// ("_req={n}", which Sequential and Load fill in), so that every request
// is new to the API's response cache and measures the query itself.
func Uncached(qs []Query) []Query {
	out := make([]Query, len(qs))
	for i, q := range qs {
		sep := "?"
		if strings.Contains(q.Path, "?") {
			sep = "&"
		}
		q.Name += " (uncached)"
		q.Path += sep + "_req={n}"
		out[i] = q
	}
	return out
}

// numbered fills in a query's request counter, if it has one.
func numbered(q Query, n int64) Query {
	q.Path = strings.ReplaceAll(q.Path, "{n}", strconv.FormatInt(n, 10))
	return q
}

// Server is the API serving a store on a free loopback port.
type Server struct {
	URL  string
	srv  *http.Server
	done chan error
}

// Serve serves st's API on 127.0.0.1 at a free port.
func Serve(st *store.Store) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	h := (&api.Server{Store: st}).Handler()
	s := &Server{URL: "http://" + ln.Addr().String(), srv: api.NewHTTPServer(ln.Addr().String(), h), done: make(chan error, 1)}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Close shuts the server down.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	<-s.done
	return err
}

// NewClient returns an HTTP client with enough idle connections for n
// concurrent clients on loopback.
func NewClient(n int) *http.Client {
	return &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        n,
			MaxIdleConnsPerHost: n,
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

// Get fetches base+q.Path and checks the answer: status 200, JSON, and a
// non-empty q.Key array when check is set. It returns the body size.
func Get(ctx context.Context, c *http.Client, base string, q Query, check bool) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+q.Path, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", q.Name, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, fmt.Errorf("%s: read body: %w", q.Name, err)
	}
	if resp.StatusCode != http.StatusOK {
		return len(body), fmt.Errorf("%s: status %d: %s", q.Name, resp.StatusCode, bytes.TrimSpace(body))
	}
	if check {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return len(body), fmt.Errorf("%s: %w", q.Name, err)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(m[q.Key], &items); err != nil {
			return len(body), fmt.Errorf("%s: field %q: %w", q.Name, q.Key, err)
		}
		if len(items) == 0 {
			return len(body), fmt.Errorf("%s: %w in %q", q.Name, errNoResults, q.Key)
		}
	}
	return len(body), nil
}

// Latency is the sequential latency of one query.
type Latency struct {
	Query         Query
	N             int
	Bytes         int // response size
	P50, P95, P99 time.Duration
	Max           time.Duration
	Load          LoadAvg // when the measurement ended
}

// Percentile returns the p-th percentile (0 < p <= 1) of sorted ds by
// the nearest-rank method.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(p*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}

// Sequential sends each query n times, one at a time, after one checked
// warm-up request, and returns the latency percentiles of each. A query
// stops early, after fewer requests, once budget has passed (0 means no
// limit): on a slow or busy machine the run stays bounded, and Latency.N
// says how many requests the figures rest on. each, when not nil, is
// told about every query as soon as it is measured.
func Sequential(ctx context.Context, c *http.Client, base string, qs []Query, n int, budget time.Duration, each func(Latency)) ([]Latency, error) {
	var out []Latency
	for _, q := range qs {
		size, err := Get(ctx, c, base, numbered(q, 0), true)
		if err != nil {
			return out, err
		}
		ds := make([]time.Duration, 0, n)
		start := time.Now()
		for i := range n {
			t := time.Now()
			if _, err := Get(ctx, c, base, numbered(q, int64(i+1)), false); err != nil {
				return out, err
			}
			ds = append(ds, time.Since(t))
			if budget > 0 && time.Since(start) > budget {
				break
			}
		}
		slices.Sort(ds)
		l := Latency{Query: q, N: len(ds), Bytes: size, P50: Percentile(ds, 0.50), P95: Percentile(ds, 0.95),
			P99: Percentile(ds, 0.99), Max: ds[len(ds)-1], Load: ReadLoadAvg()}
		out = append(out, l)
		if each != nil {
			each(l)
		}
	}
	return out, nil
}

// LoadResult is what concurrent clients saw.
type LoadResult struct {
	Clients       int
	Duration      time.Duration
	Requests      int64
	Errors        int64
	FirstError    string
	PerSecond     float64
	P50, P99, Max time.Duration
	Load          LoadAvg
}

// Load runs clients goroutines for d, each sending the queries of qs in
// turn (starting at a different one) until the time is up, and counts
// requests, errors and latency. A request cut short by the end of the
// run is not counted.
func Load(ctx context.Context, c *http.Client, base string, qs []Query, clients int, d time.Duration) LoadResult {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		reqs, errs atomic.Int64
		sent       atomic.Int64 // numbers requests for Uncached queries
		mu         sync.Mutex
		all        []time.Duration
		firstErr   string
		wg         sync.WaitGroup
	)
	start := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ds []time.Duration
			for i := w; ; i++ {
				t := time.Now()
				_, err := Get(ctx, c, base, numbered(qs[i%len(qs)], sent.Add(1)), false)
				if ctx.Err() != nil {
					break
				}
				reqs.Add(1)
				if err != nil {
					if errs.Add(1) == 1 {
						mu.Lock()
						firstErr = err.Error()
						mu.Unlock()
					}
					continue
				}
				ds = append(ds, time.Since(t))
			}
			mu.Lock()
			all = append(all, ds...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	el := time.Since(start)
	slices.Sort(all)
	r := LoadResult{Clients: clients, Duration: el, Requests: reqs.Load(), Errors: errs.Load(), FirstError: firstErr,
		PerSecond: float64(reqs.Load()) / el.Seconds(), Load: ReadLoadAvg()}
	if len(all) > 0 {
		r.P50, r.P99, r.Max = Percentile(all, 0.50), Percentile(all, 0.99), all[len(all)-1]
	}
	return r
}
