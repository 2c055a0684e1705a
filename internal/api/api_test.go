package api

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/store"
)

func day(s string) chronicle.Date {
	d, err := chronicle.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fakeIngester stores posted JSON Lines articles, for the auth tests.
type fakeIngester struct {
	st *store.Store
}

func (f fakeIngester) IngestJSON(ctx context.Context, body io.Reader) (IngestReport, error) {
	var rep IngestReport
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 1<<20), MaxBodyBytes)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		rep.Read++
		var a chronicle.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.ID == "" {
			rep.Rejected++
			rep.Errors = append(rep.Errors, fmt.Sprintf("record %d: not an article", rep.Read))
			continue
		}
		res, err := f.st.PutArticles(ctx, []chronicle.Article{a})
		if err != nil {
			return rep, err
		}
		if res[0].Status == store.New {
			rep.New++
		}
	}
	return rep, sc.Err()
}

// fixture opens a real store with a few articles and coded events and
// serves the API on a free loopback port.
func fixture(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/api.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	texts := map[string]string{
		"a1": "Blinken met Abbas in Ramallah. Abbas demanded an end to the assault.",
		"a2": "Protesters clashed with police in Nairobi. <script>alert(1)</script> Police arrested ten protesters.",
	}
	var arts []chronicle.Article
	for _, id := range []string{"a1", "a2"} {
		arts = append(arts, chronicle.Article{ID: id, Date: day(map[string]string{"a1": "2023-11-08", "a2": "2024-06-25"}[id]),
			Title: "Story " + id, Text: texts[id], Hash: id, URL: "https://example.org/" + id, Source: "Example"})
	}
	if _, err := st.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	mention := func(art, text string, sent int, src, tgt, code, root string, quad int, plover string, date string, loc *chronicle.Location) chronicle.Mention {
		full := texts[art]
		start := strings.Index(full, text)
		return chronicle.Mention{ArticleID: art, Sentence: sent, Date: day(date), DateFrom: "article",
			Source: chronicle.Actor{Code: src, Text: src, Start: start, End: start + 3},
			Target: chronicle.Actor{Code: tgt, Text: tgt, Start: start, End: start + 3},
			Code:   code, Root: root, QuadClass: quad, Goldstein: 1, PLOVER: chronicle.PLOVER{Type: plover},
			Modality: chronicle.Asserted, Location: loc,
			Evidence: chronicle.Span{Text: text, Start: start, End: start + len(text)},
			Verb:     chronicle.Span{Text: "met", Start: start + 8, End: start + 11}}
	}
	ramallah := &chronicle.Location{Name: "Ramallah", Country: "PSE", Lat: 31.9, Lon: 35.2, Precision: chronicle.PrecisionCity}
	nairobi := &chronicle.Location{Name: "Nairobi", Country: "KEN", Lat: -1.28, Lon: 36.82, Precision: chronicle.PrecisionCity}
	err = st.PutCoded(ctx, []store.CodedArticle{
		{ArticleID: "a1", CoderVersion: "test", Mentions: []chronicle.Mention{
			mention("a1", "Blinken met Abbas in Ramallah.", 0, "USAGOV", "PSEGOV", "040", "04", 1, "CONSULT", "2023-11-08", ramallah),
			mention("a1", "Abbas demanded an end to the assault.", 1, "PSEGOV", "ISR", "1011", "10", 3, "REQUEST", "2023-11-08", nil),
		}},
		{ArticleID: "a2", CoderVersion: "test", Mentions: []chronicle.Mention{
			mention("a2", "Protesters clashed with police in Nairobi.", 0, "KENCVL", "KENCOP", "145", "14", 4, "PROTEST", "2024-06-25", nairobi),
			mention("a2", "Police arrested ten protesters.", 2, "KENCOP", "KENCVL", "173", "17", 4, "COERCE", "2024-06-25", nairobi),
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := &Server{Store: st, Ingester: fakeIngester{st}, Token: "s3cret"}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	if host, _, _ := net.SplitHostPort(ts.Listener.Addr().String()); !net.ParseIP(host).IsLoopback() {
		t.Fatalf("test server not on loopback: %s", host)
	}
	return ts, st
}

func get(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/") {
		t.Errorf("%s: content type %q", path, resp.Header.Get("Content-Type"))
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %v in %s", path, err, body)
		}
	}
	return resp.StatusCode
}

type eventPage struct {
	Items []chronicle.Event `json:"items"`
	Next  string            `json:"next"`
}

func TestEventsFilters(t *testing.T) {
	ts, _ := fixture(t)
	tests := []struct {
		query string
		want  int
	}{
		{"", 4},
		{"actor=USA", 1},
		{"actor=KEN", 2},
		{"source=KENCOP", 1},
		{"target=PSE", 1},
		{"root=14", 1},
		{"code=17", 1},
		{"plover=consult", 1},
		{"country=KEN", 2},
		{"country=PSE", 2},
		{"from=2024-01-01", 2},
		{"to=2023-12-31", 2},
		{"from=2023-11-08&to=2023-11-08", 2},
		{"modality=asserted", 4},
		{"modality=negated", 0},
		{"q=protesters", 2},
		{"article=a1", 2},
	}
	for _, tc := range tests {
		var p eventPage
		if code := get(t, ts, "/api/events?"+tc.query, &p); code != 200 {
			t.Errorf("%s: status %d", tc.query, code)
			continue
		}
		if len(p.Items) != tc.want {
			t.Errorf("events?%s = %d events, want %d", tc.query, len(p.Items), tc.want)
		}
	}
}

func TestPagination(t *testing.T) {
	ts, _ := fixture(t)
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; pages < 10; pages++ {
		var p eventPage
		get(t, ts, "/api/events?limit=1&cursor="+url.QueryEscape(cursor), &p)
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen[e.ID] = true
		}
		if cursor = p.Next; cursor == "" {
			break
		}
	}
	if len(seen) != 4 {
		t.Errorf("paged through %d events, want 4", len(seen))
	}
}

func TestBadRequests(t *testing.T) {
	ts, _ := fixture(t)
	for _, q := range []string{
		"/api/events?from=2023-13-45",
		"/api/events?limit=0",
		"/api/events?limit=100000",
		"/api/events?modality=maybe",
		"/api/events?actor=USA%27%3B+DROP+TABLE+events",
		"/api/events?code=abc",
		"/api/events?from=2024-01-02&to=2024-01-01",
		"/api/timeline?interval=hour",
		"/api/network?min=-1",
		"/api/events?q=" + strings.Repeat("x", MaxQueryBytes+1),
	} {
		var e struct{ Error string }
		code := get(t, ts, q, &e)
		if code < 400 || code >= 500 || e.Error == "" {
			t.Errorf("%.60s: status %d error %q, want a 4xx with a message", q, code, e.Error)
		}
	}
	var e struct{ Error string }
	if code := get(t, ts, "/api/events/nope", &e); code != 404 {
		t.Errorf("missing event: %d", code)
	}
	if code := get(t, ts, "/api/articles/nope", &e); code != 404 {
		t.Errorf("missing article: %d", code)
	}
	if code := get(t, ts, "/api/nothing", &e); code != 404 {
		t.Errorf("unknown endpoint: %d", code)
	}
}

func TestEventDetailAndArticle(t *testing.T) {
	ts, _ := fixture(t)
	var p eventPage
	get(t, ts, "/api/events?root=04", &p)
	if len(p.Items) != 1 {
		t.Fatalf("got %d events", len(p.Items))
	}
	var ev chronicle.Event
	if code := get(t, ts, "/api/events/"+p.Items[0].ID, &ev); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(ev.Mentions) != 1 || ev.Mentions[0].ArticleID != "a1" || ev.Mentions[0].Evidence.Text != "Blinken met Abbas in Ramallah." {
		t.Fatalf("mentions = %+v", ev.Mentions)
	}
	var art struct {
		chronicle.Article
		Events []chronicle.Event `json:"events"`
	}
	get(t, ts, "/api/articles/a2", &art)
	if len(art.Events) != 2 {
		t.Errorf("article a2 has %d events, want 2", len(art.Events))
	}
	m := ev.Mentions[0]
	if got := "Blinken met Abbas in Ramallah. Abbas demanded an end to the assault."[m.Evidence.Start:m.Evidence.End]; got != m.Evidence.Text {
		t.Errorf("offsets point at %q", got)
	}
	// Article text goes out as JSON string data, with markup escaped.
	resp, _ := http.Get(ts.URL + "/api/articles/a2")
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(raw), "<script>") {
		t.Errorf("article JSON carries a raw <script> tag: %s", raw)
	}
}

func TestArticlesSearch(t *testing.T) {
	ts, _ := fixture(t)
	var p struct {
		Items []chronicle.ArticleHit `json:"items"`
	}
	get(t, ts, "/api/articles?q=protesters", &p)
	if len(p.Items) != 1 || p.Items[0].Article.ID != "a2" || !strings.Contains(p.Items[0].Snippet, "«") {
		t.Errorf("search = %+v", p.Items)
	}
	get(t, ts, "/api/articles?from=2024-01-01", &p)
	if len(p.Items) != 1 {
		t.Errorf("date filter: %d hits", len(p.Items))
	}
}

func TestTimelineNetworkMap(t *testing.T) {
	ts, _ := fixture(t)
	var tl struct {
		Items []chronicle.TimelineBucket `json:"items"`
	}
	get(t, ts, "/api/timeline?interval=month", &tl)
	total, nonEmpty := 0, 0
	for _, b := range tl.Items {
		total += b.Count
		if b.Count > 0 {
			nonEmpty++
		}
	}
	// Empty months in between are present (with zero counts) so charts
	// show gaps as gaps.
	if len(tl.Items) != 8 || nonEmpty != 2 || total != 4 || tl.Items[0].Period != "2023-11-01" {
		t.Errorf("timeline = %+v", tl.Items)
	}
	var n chronicle.Network
	get(t, ts, "/api/network", &n)
	if len(n.Edges) != 4 || len(n.Nodes) != 5 {
		t.Errorf("network: %d nodes %d edges", len(n.Nodes), len(n.Edges))
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	get(t, ts, "/api/map", &fc)
	if fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Errorf("map = %s with %d features, want 3 located", fc.Type, len(fc.Features))
	}
}

func TestIngestNeedsToken(t *testing.T) {
	ts, st := fixture(t)
	body := `{"id":"new1","date":"2024-01-01","text":"Leaders met in Geneva."}`
	post := func(auth string) int {
		req, _ := http.NewRequest("POST", ts.URL+"/api/articles", strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, auth := range []string{"", "Bearer wrong", "Basic czNjcmV0", "Bearer s3cret2"} {
		if code := post(auth); code != 401 {
			t.Errorf("auth %q: status %d, want 401", auth, code)
		}
	}
	if _, err := st.Article(context.Background(), "new1"); err == nil {
		t.Fatal("an unauthorised post stored the article")
	}
	if code := post("Bearer s3cret"); code != 200 {
		t.Fatalf("authorised post: %d", code)
	}
	if _, err := st.Article(context.Background(), "new1"); err != nil {
		t.Fatalf("authorised post did not store: %v", err)
	}
}

func TestOpenAPIDocument(t *testing.T) {
	ts, _ := fixture(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	get(t, ts, "/api/openapi.json", &doc)
	for _, p := range []string{"/api/articles", "/api/articles/{id}", "/api/events", "/api/events/{id}", "/api/timeline", "/api/network", "/api/map"} {
		if doc.Paths[p] == nil {
			t.Errorf("OpenAPI document lacks %s", p)
		}
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
}

// TestSlowClientTimesOut opens a connection that never finishes its
// request headers; the server must close it by itself.
func TestSlowClientTimesOut(t *testing.T) {
	_, st := fixture(t)
	srv := NewHTTPServer("127.0.0.1:0", (&Server{Store: st}).Handler())
	srv.ReadHeaderTimeout = 200 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // never ends the headers
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Fatal("server kept a stalled connection open for 5s")
			}
			return // closed by the server
		}
	}
}

func TestConcurrentClients(t *testing.T) {
	ts, _ := fixture(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for _, p := range []string{"/api/events?actor=KEN", "/api/timeline", "/api/network", "/api/map"} {
				resp, err := http.Get(ts.URL + p)
				if err != nil {
					errs <- err
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- fmt.Errorf("%s: %d", p, resp.StatusCode)
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
