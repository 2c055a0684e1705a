// Package api serves Chronicle's HTTP JSON API: article search, event
// filters, event detail with evidence, timeline, actor network, a GeoJSON
// map, authenticated ingest and the OpenAPI document that describes them.
//
// List endpoints take limit and cursor and answer {"items": [...],
// "next": "cursor or empty"}. Errors are JSON {"error": "message"} with a
// fitting status. Every query is parameterised by the store; request
// bodies and query strings are capped; the server has timeouts on every
// connection so slow clients cannot exhaust it.
//
// Article search and the event endpoints (list, timeline, network, map)
// answer from a bounded in-memory cache while the store's data version
// (see Versioner) is unchanged, with an ETag that If-None-Match turns into
// 304 Not Modified; identical concurrent requests share one query, and at
// most one query per core runs at once, the rest queueing (503 with
// Retry-After only after QueueWait).
package api

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/export"
)

//go:embed openapi.json
var openAPIDoc []byte

// Limits on what a client may ask for.
const (
	DefaultLimit   = 50
	MaxLimit       = 500
	MaxMapFeatures = 20000
	MaxQueryBytes  = 4 << 10  // the whole query string
	MaxBodyBytes   = 32 << 20 // POST /api/articles
)

// IngestReport says what happened to posted articles.
type IngestReport struct {
	Read          int      `json:"read"`
	New           int      `json:"new"`
	Duplicates    int      `json:"duplicates"`
	NearDuplicate int      `json:"near_duplicates"`
	Rejected      int      `json:"rejected"`
	Events        int      `json:"events"`
	Errors        []string `json:"errors,omitempty"`
}

// Ingester stores and codes posted articles. The records are read from
// the request body: one JSON article, or JSON Lines.
type Ingester interface {
	IngestJSON(ctx context.Context, body io.Reader) (IngestReport, error)
}

// Server is the HTTP API.
type Server struct {
	Store    chronicle.EventReader
	Ingester Ingester // nil disables POST /api/articles
	Token    string   // bearer token for ingest; empty disables ingest
	UI       http.Handler
	Log      *slog.Logger

	heavy *heavy // set by Handler
}

// Handler returns the API's routes (and the UI's, when set).
//
// Article search and the event endpoints (list, timeline, network, map)
// are cached, coalesced and bounded to one query per core; see cached.
func (s *Server) Handler() http.Handler {
	s.heavy = newHeavy(runtime.GOMAXPROCS(0))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.health)
	mux.HandleFunc("GET /api/openapi.json", s.openAPI)
	mux.HandleFunc("GET /api/articles", s.cached(s.articles))
	mux.HandleFunc("GET /api/articles/{id}", s.article)
	mux.HandleFunc("POST /api/articles", s.ingest)
	mux.HandleFunc("GET /api/events", s.cached(s.events))
	mux.HandleFunc("GET /api/events/{id}", s.event)
	mux.HandleFunc("GET /api/timeline", s.cached(s.timeline))
	mux.HandleFunc("GET /api/network", s.cached(s.network))
	mux.HandleFunc("GET /api/map", s.cached(s.mapHandler))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path)
	})
	if s.UI != nil {
		mux.Handle("/", s.UI)
	}
	return s.guard(mux)
}

// NewHTTPServer wraps h with the timeouts every connection gets.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// guard caps query strings, sets safe headers and recovers from panics.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'")
		if len(r.URL.RawQuery) > MaxQueryBytes {
			writeError(w, http.StatusRequestURITooLong, "query string longer than %d bytes", MaxQueryBytes)
			return
		}
		defer func() {
			if v := recover(); v != nil {
				s.logger().Error("panic serving request", "path", r.URL.Path, "panic", v)
				writeError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": chronicle.Version})
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}

// page is a list response.
type page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := chronicle.ArticleFilter{Query: q.Get("q"), Cursor: q.Get("cursor")}
	var err error
	if f.From, f.To, err = dateRange(q.Get("from"), q.Get("to")); err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if f.Limit, err = limit(q.Get("limit")); err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	hits, next, err := s.Store.SearchArticles(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if hits == nil {
		hits = []chronicle.ArticleHit{}
	}
	writeJSON(w, http.StatusOK, page[chronicle.ArticleHit]{hits, next})
}

// articleDetail is an article with the events coded from it.
type articleDetail struct {
	chronicle.Article
	Events []chronicle.Event `json:"events"`
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	a, err := s.Store.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := articleDetail{Article: a, Events: []chronicle.Event{}}
	for ev, err := range s.Store.EachEvent(r.Context(), chronicle.EventFilter{Article: id}) {
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Events = append(d.Events, ev)
		if len(d.Events) >= MaxLimit {
			break
		}
	}
	writeJSON(w, http.StatusOK, d)
}

// eventFilter reads the event filters every event endpoint shares.
func eventFilter(r *http.Request) (chronicle.EventFilter, error) {
	q := r.URL.Query()
	f := chronicle.EventFilter{
		Actor:    strings.ToUpper(q.Get("actor")),
		Source:   strings.ToUpper(q.Get("source")),
		Target:   strings.ToUpper(q.Get("target")),
		Code:     q.Get("code"),
		Root:     q.Get("root"),
		PLOVER:   strings.ToUpper(q.Get("plover")),
		Country:  strings.ToUpper(q.Get("country")),
		Modality: chronicle.Modality(strings.ToLower(q.Get("modality"))),
		Query:    q.Get("q"),
		Article:  q.Get("article"),
		Cursor:   q.Get("cursor"),
	}
	for name, v := range map[string]string{"actor": f.Actor, "source": f.Source, "target": f.Target, "country": f.Country} {
		if !isCode(v) {
			return f, fmt.Errorf("%s %q: want letters, digits or '-' only", name, v)
		}
	}
	for name, v := range map[string]string{"code": f.Code, "root": f.Root} {
		if !isDigits(v) {
			return f, fmt.Errorf("%s %q: want a CAMEO code (digits)", name, v)
		}
	}
	switch f.Modality {
	case "", chronicle.Asserted, chronicle.Negated, chronicle.Future, chronicle.Hypothetical, chronicle.Reported, chronicle.Historical:
	default:
		return f, fmt.Errorf("modality %q: want asserted, negated, future, hypothetical, reported or historical", f.Modality)
	}
	var err error
	if f.From, f.To, err = dateRange(q.Get("from"), q.Get("to")); err != nil {
		return f, err
	}
	if f.Limit, err = limit(q.Get("limit")); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	f, err := eventFilter(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	evs, next, err := s.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if evs == nil {
		evs = []chronicle.Event{}
	}
	writeJSON(w, http.StatusOK, page[chronicle.Event]{evs, next})
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Store.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ev)
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	f, err := eventFilter(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	iv := chronicle.Interval(r.URL.Query().Get("interval"))
	switch iv {
	case "":
		iv = chronicle.Day
	case chronicle.Day, chronicle.Week, chronicle.Month:
	default:
		writeError(w, http.StatusBadRequest, "interval %q: want day, week or month", iv)
		return
	}
	buckets, err := s.Store.Timeline(r.Context(), f, iv)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if buckets == nil {
		buckets = []chronicle.TimelineBucket{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"interval": iv, "items": buckets})
}

func (s *Server) network(w http.ResponseWriter, r *http.Request) {
	f, err := eventFilter(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	min := 1
	if v := r.URL.Query().Get("min"); v != "" {
		if min, err = strconv.Atoi(v); err != nil || min < 1 || min > 1_000_000 {
			writeError(w, http.StatusBadRequest, "min %q: want a whole number from 1", v)
			return
		}
	}
	n, err := s.Store.Network(r.Context(), f, min)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if n.Nodes == nil {
		n.Nodes = []chronicle.NetworkNode{}
	}
	if n.Edges == nil {
		n.Edges = []chronicle.NetworkEdge{}
	}
	writeJSON(w, http.StatusOK, n)
}

// mapHandler answers a GeoJSON FeatureCollection of located events,
// at most MaxMapFeatures of them (truncated is then true).
func (s *Server) mapHandler(w http.ResponseWriter, r *http.Request) {
	f, err := eventFilter(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	features := []export.Feature{}
	truncated := false
	for ev, err := range s.Store.EachEvent(r.Context(), f) {
		if err != nil {
			s.fail(w, r, err)
			return
		}
		feat, ok := export.EventFeature(&ev)
		if !ok {
			continue
		}
		if len(features) == MaxMapFeatures {
			truncated = true
			break
		}
		features = append(features, feat)
	}
	w.Header().Set("Content-Type", "application/geo+json")
	writeJSON(w, http.StatusOK, map[string]any{"type": "FeatureCollection", "features": features, "truncated": truncated})
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) {
	if s.Ingester == nil || s.Token == "" {
		writeError(w, http.StatusForbidden, "ingest is disabled: start the server with CHRONICLE_TOKEN set")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="chronicle"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	body := http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	rep, err := s.Ingester.IngestJSON(r.Context(), body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "body larger than %d bytes", MaxBodyBytes)
			return
		}
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if rep.Rejected > 0 && rep.New+rep.Duplicates+rep.NearDuplicate == 0 {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, rep)
}

func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.Token)) == 1
}

// fail maps store errors to statuses.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, chronicle.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "request cancelled")
	case isBadRequest(err):
		writeError(w, http.StatusBadRequest, "%v", err)
	default:
		s.logger().Error("request failed", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// BadRequest marks an error caused by the request (a bad cursor, an
// unparsable query); stores wrap such errors with it.
type BadRequest struct{ Err error }

func (e BadRequest) Error() string { return e.Err.Error() }
func (e BadRequest) Unwrap() error { return e.Err }

func isBadRequest(err error) bool {
	var br BadRequest
	if errors.As(err, &br) {
		return true
	}
	// Stores outside this package report bad cursors in their own words.
	return strings.Contains(err.Error(), "cursor")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	writeJSON(w, status, map[string]string{"error": fmt.Sprintf(format, args...)})
}

func dateRange(from, to string) (f, t chronicle.Date, err error) {
	if from != "" {
		if f, err = chronicle.ParseDate(from); err != nil {
			return f, t, fmt.Errorf("from: %w", err)
		}
	}
	if to != "" {
		if t, err = chronicle.ParseDate(to); err != nil {
			return f, t, fmt.Errorf("to: %w", err)
		}
	}
	if !f.IsZero() && !t.IsZero() && t.Before(f) {
		return f, t, fmt.Errorf("to %s is before from %s", t, f)
	}
	return f, t, nil
}

func limit(v string) (int, error) {
	if v == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxLimit {
		return 0, fmt.Errorf("limit %q: want 1 to %d", v, MaxLimit)
	}
	return n, nil
}

func isCode(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return len(s) <= 64
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(s) <= 4
}
