package store

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cputime"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func day(s string) chronicle.Date {
	d, err := chronicle.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// simhash is a small SimHash over word 3-shingles, for test fixtures.
func simhash(text string) uint64 {
	ws := strings.Fields(strings.ToLower(text))
	var acc [64]int
	for i := 0; i+3 <= len(ws); i++ {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(ws[i:i+3], " ")))
		v := h.Sum64()
		for b := range 64 {
			if v>>b&1 == 1 {
				acc[b]++
			} else {
				acc[b]--
			}
		}
	}
	var out uint64
	for b := range 64 {
		if acc[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}

func TestPutArticlesStatuses(t *testing.T) {
	ctx := context.Background()
	const base = uint64(0x0123456789abcdef)
	art := func(id, text string, sketch uint64) chronicle.Article {
		return chronicle.Article{ID: id, Date: day("2023-11-08"), Text: text, Source: "wire", Sketch: sketch}
	}
	steps := []struct {
		name  string
		in    chronicle.Article
		want  PutStatus
		dupOf string
	}{
		{"first", art("a1", "Ministers met in Arnor on Tuesday.", base), New, ""},
		{"same id and text", art("a1", "Ministers met in Arnor on Tuesday.", base), Duplicate, "a1"},
		{"same text under another id", art("a2", "Ministers met in Arnor on Tuesday.", base), Duplicate, "a1"},
		{"whitespace only differs", art("a3", "Ministers  met in\nArnor on Tuesday. ", base), Duplicate, "a1"},
		{"same id other text", art("a1", "Something else entirely.", 0x1111), Conflict, ""},
		{"three bits off", art("a4", "Ministers met in Arnor on Tuesday, officials said.", base^0b10101), NearDuplicate, "a1"},
		{"near a near-duplicate links to the original", art("a5", "Ministers met in Arnor on Tuesday, they said.", base^0b10101^1<<40), NearDuplicate, "a1"},
		{"four bits off in one band", art("a6", "Unrelated story one.", base^0xf000), New, ""},
		{"bits spread over bands", art("a7", "Unrelated story two.", base^(1|1<<17|1<<33|1<<49)), New, ""},
		{"no sketch", art("a8", "Unrelated story three.", 0), New, ""},
	}
	s := openTest(t)
	for _, st := range steps {
		res, err := s.PutArticles(ctx, []chronicle.Article{st.in})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if res[0].Status != st.want || res[0].DuplicateOf != st.dupOf || res[0].ID != st.in.ID {
			t.Errorf("%s: got %+v, want %v dup of %q", st.name, res[0], st.want, st.dupOf)
		}
	}
	// What is stored: the first text of a1 unchanged, a4/a5 linked.
	a1, err := s.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if a1.Text != "Ministers met in Arnor on Tuesday." || a1.Date != day("2023-11-08") || a1.Source != "wire" || a1.Hash == "" || a1.Sketch != base || a1.Added.IsZero() {
		t.Errorf("a1 round trip: %+v", a1)
	}
	for id, want := range map[string]string{"a4": "a1", "a5": "a1", "a6": ""} {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.DuplicateOf != want {
			t.Errorf("%s duplicate_of = %q, want %q", id, a.DuplicateOf, want)
		}
	}
	for _, id := range []string{"a2", "a3", "nope"} {
		if _, err := s.Article(ctx, id); !errors.Is(err, chronicle.ErrNotFound) {
			t.Errorf("Article(%s) error = %v, want ErrNotFound", id, err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 6 || st.NearDuplicates != 2 || st.Sources["wire"] != 6 || st.FirstDate != day("2023-11-08") || st.Bytes == 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestPutArticlesRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	in := []chronicle.Article{
		{ID: "x", Date: day("2020-05-09"), Title: "T “quoted”", Text: "  Leading space, curly “quotes” kept.\n\nSecond paragraph.", URL: "https://example.org/x",
			Source: "Example", Origin: "demo.jsonl:3", Hash: "h-x", Sketch: 1<<63 | 7, Notes: []string{"decoded from Windows-1252", "title from metadata"}},
		{ID: "y", Text: "No date, no title."},
	}
	res, err := s.PutArticles(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Status != New {
			t.Fatalf("article %d: %+v", i, r)
		}
	}
	for _, want := range in {
		got, err := s.Article(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want.Hash == "" {
			want.Hash = ContentHash(want.Text)
		}
		got.Added = want.Added
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
		}
	}
}

func TestPutArticlesRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	_, err := s.PutArticles(ctx, []chronicle.Article{{ID: "ok", Text: "fine"}, {ID: "", Text: "no id"}})
	if err == nil {
		t.Fatal("want an error for an empty id")
	}
	if _, err := s.Article(ctx, "ok"); !errors.Is(err, chronicle.ErrNotFound) {
		t.Errorf("batch was partly stored: %v", err)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "m.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		s, err := Open(ctx, p)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if v != ms[len(ms)-1].version || n != len(ms) {
			t.Errorf("open %d: version %d with %d rows, want %d with %d", i, v, n, ms[len(ms)-1].version, len(ms))
		}
		if _, err := s.PutArticles(ctx, []chronicle.Article{{ID: fmt.Sprint(i), Text: fmt.Sprint("text ", i)}}); err != nil {
			t.Fatal(err)
		}
		var mode string
		if err := s.r.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v", mode, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func searchFixture(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	arts := []chronicle.Article{
		{ID: "s1", Date: day("2023-01-02"), Title: "Arnor and Gondor sign a treaty", Text: "The two kingdoms signed a treaty on trade."},
		{ID: "s2", Date: day("2023-01-05"), Title: "Storm", Text: "A storm hit the coast. Arnor sent aid to the coast."},
		{ID: "s3", Date: day("2023-02-01"), Title: "Markets", Text: "Markets rose. Traders in Gondor bought bonds."},
		{ID: "s4", Date: day("2023-03-01"), Title: "U.S. talks", Text: "U.S. envoys held talks with Arnor about the treaty."},
		{ID: "s5", Title: "Undated", Text: "An undated note about Arnor."},
	}
	if _, err := s.PutArticles(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSearchArticles(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	tests := []struct {
		name string
		f    chronicle.ArticleFilter
		want []string
	}{
		{"title beats text", chronicle.ArticleFilter{Query: "treaty"}, []string{"s1", "s4"}},
		{"stemming", chronicle.ArticleFilter{Query: "signing"}, []string{"s1"}},
		{"AND of terms", chronicle.ArticleFilter{Query: "arnor coast"}, []string{"s2"}},
		{"OR", chronicle.ArticleFilter{Query: "storm OR bonds"}, []string{"s2", "s3"}},
		{"phrase with punctuation", chronicle.ArticleFilter{Query: "U.S."}, []string{"s4"}},
		{"prefix", chronicle.ArticleFilter{Query: "gond*"}, []string{"s1", "s3"}},
		{"date range", chronicle.ArticleFilter{Query: "arnor", From: day("2023-01-03"), To: day("2023-02-28")}, []string{"s2"}},
		{"no match", chronicle.ArticleFilter{Query: "mordor"}, nil},
		{"only punctuation", chronicle.ArticleFilter{Query: "()*:-"}, nil},
		{"list newest first, undated last", chronicle.ArticleFilter{}, []string{"s4", "s3", "s2", "s1", "s5"}},
		{"list with date bound", chronicle.ArticleFilter{To: day("2023-01-05")}, []string{"s2", "s1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, next, err := s.SearchArticles(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Article.ID)
				if h.Snippet == "" {
					t.Errorf("%s: empty snippet", h.Article.ID)
				}
				if tt.f.Query != "" && !strings.Contains(h.Snippet, "«") {
					t.Errorf("%s: snippet %q has no highlight", h.Article.ID, h.Snippet)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || next != "" {
				t.Errorf("got %v next %q, want %v", got, next, tt.want)
			}
		})
	}
	hits, _, err := s.SearchArticles(ctx, chronicle.ArticleFilter{Query: "treaty"})
	if err != nil {
		t.Fatal(err)
	}
	if !(hits[0].Score > hits[1].Score) || !strings.Contains(hits[0].Snippet, "«treaty»") {
		t.Errorf("scores %v, %v; snippet %q", hits[0].Score, hits[1].Score, hits[0].Snippet)
	}
	if _, _, err := s.SearchArticles(ctx, chronicle.ArticleFilter{Query: "x", Cursor: "garbage!"}); err == nil {
		t.Error("want an error for a bad cursor")
	}
}

func TestSearchArticlesPagination(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var arts []chronicle.Article
	for i := range 53 {
		arts = append(arts, chronicle.Article{
			ID:   fmt.Sprintf("p%02d", i),
			Date: day("2022-01-01").AddDays(i % 7), // many equal dates
			Text: fmt.Sprintf("Report %d about the harbour %s.", i, strings.Repeat("harbour ", i%5)),
		})
	}
	if _, err := s.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "harbour"} {
		for _, limit := range []int{1, 7, 10, 53, 100} {
			seen := map[string]bool{}
			cur := ""
			pages := 0
			for {
				hits, next, err := s.SearchArticles(ctx, chronicle.ArticleFilter{Query: q, Limit: limit, Cursor: cur})
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(hits) > limit {
					t.Fatalf("page of %d > limit %d", len(hits), limit)
				}
				for _, h := range hits {
					if seen[h.Article.ID] {
						t.Fatalf("q=%q limit=%d: %s on two pages", q, limit, h.Article.ID)
					}
					seen[h.Article.ID] = true
				}
				if next == "" {
					break
				}
				cur = next
			}
			if len(seen) != 53 {
				t.Errorf("q=%q limit=%d: saw %d articles in %d pages, want 53", q, limit, len(seen), pages)
			}
		}
	}
}

func TestFTSConsistentAfterDelete(t *testing.T) {
	ctx := context.Background()
	s := searchFixture(t)
	if _, err := s.w.ExecContext(ctx, "DELETE FROM articles WHERE id = 's1'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE articles SET text = 'Rewritten about quokkas.' WHERE id = 's3'"); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"treaty": "[s4]", "markets": "[s3]", "quokkas": "[s3]", "bonds": "[]"} {
		hits, _, err := s.SearchArticles(ctx, chronicle.ArticleFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Article.ID)
		}
		if fmt.Sprint(ids) != want && !(want == "[]" && ids == nil) {
			t.Errorf("%s: %v, want %s", q, ids, want)
		}
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"treaty", `"treaty"`},
		{"Arnor Gondor", `"Arnor" "Gondor"`},
		{`"rolling pauses" Gaza`, `"rolling pauses" "Gaza"`},
		{"U.S. talks", `"U S" "talks"`},
		{"gond*", `"gond"*`},
		{"storm OR flood", `"storm" OR "flood"`},
		{"OR storm NOT", `"storm"`},
		{"a NOT b", `"a" NOT "b"`},
		{`he said "unterminated`, `"he" "said" "unterminated"`},
		{`col:umn (x) ^y -z`, `"col umn" "x" "y" "z"`},
		{"  ", ""},
		{"Zürich", `"Zürich"`},
	}
	for _, tt := range tests {
		if got := FTSQuery(tt.in); got != tt.want {
			t.Errorf("FTSQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"treaty", `"a b" OR c*`, "NOT", "U.S.", `"`, "*", "a OR OR b", "x NEAR(y)", "\x00\xff"} {
		f.Add(s)
	}
	s := openTest(f)
	ctx := context.Background()
	if _, err := s.PutArticles(ctx, []chronicle.Article{{ID: "f", Title: "Fuzz", Text: "A treaty was signed by the U.S. and Gondor."}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, _, err := s.SearchArticles(ctx, chronicle.ArticleFilter{Query: q}); err != nil {
			t.Fatalf("query %q (FTS %s): %v", q, FTSQuery(q), err)
		}
	})
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(cursor{Kind: cursorOffset, Offset: 20}.encode())
	f.Add(cursor{Kind: cursorKeyset, Date: "2020-01-01", ID: "e1"}.encode())
	f.Add("!!")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			return
		}
		if s == "" {
			if c != (cursor{}) {
				t.Fatalf("empty cursor decoded as %+v", c)
			}
			return
		}
		if c.Kind != cursorOffset && c.Kind != cursorKeyset {
			t.Fatalf("accepted cursor %q of kind %q", s, c.Kind)
		}
		if c.Kind == cursorOffset && c.Offset < 0 {
			t.Fatalf("accepted negative offset %d", c.Offset)
		}
	})
}

// repoRoot is the module root, two levels above this package.
func repoRoot() string { return filepath.Join("..", "..") }

// benchArticles returns the Reuters corpus when the shared folder holds
// it, else synthetic articles of about the same length.
func benchArticles(b *testing.B) []chronicle.Article {
	p := filepath.Join(repoRoot(), "..", "shared", "corpus", "reuters21578.jsonl")
	f, err := os.Open(p)
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	var arts []chronicle.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var a chronicle.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatalf("%s line %d: %v", p, len(arts)+1, err)
		}
		a.Hash = ContentHash(a.Text)
		a.Sketch = simhash(a.Text)
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return arts
}

// BenchmarkPutArticles stores the Reuters-21578 corpus (19,043 articles,
// about 840 bytes each) in batches of 500 into a fresh store with its
// full-text index, and reports articles per second.
func BenchmarkPutArticles(b *testing.B) {
	arts := benchArticles(b)
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	ctx := context.Background()
	b.SetBytes(bytes)
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprint(i, ".db")))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c := cputime.Process()
		for j := 0; j < len(arts); j += 500 {
			if _, err := s.PutArticles(ctx, arts[j:min(j+500, len(arts))]); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cputime.Process() - c
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// On a shared machine wall time includes waiting for a core: the
	// rate per CPU-second is what the store itself costs.
	b.ReportMetric(float64(len(arts))*float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}
