package cli

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/store"
)

const crashChildEnv = "CHRONICLE_TEST_CRASH_CHILD"

// crashText is the text of generated article i: sixty pseudo-words drawn
// by a generator seeded with i (so unrelated articles are not
// near-duplicates of each other) and a marker word unique to i, so the
// full-text index can be probed for each article.
func crashText(i int) string {
	rng := rand.New(rand.NewPCG(uint64(i), 99))
	var b strings.Builder
	fmt.Fprintf(&b, "Report tok%dx.", i)
	for range 60 {
		b.WriteByte(' ')
		n := rng.IntN(5000)
		for k := 0; k < 2+n%5; k++ {
			b.WriteByte("bdfgklmnprstvz"[(n>>k)%14])
			b.WriteByte("aeiou"[(n/(k+1))%5])
		}
	}
	b.WriteString(".")
	return b.String()
}

// TestCrashChild is the child process of TestIngestKill9: it only runs
// when re-executed with crashChildEnv set, and ingests until killed.
func TestCrashChild(t *testing.T) {
	if os.Getenv(crashChildEnv) == "" {
		t.Skip("child process of TestIngestKill9")
	}
	code, _, errs := cliRun(t, "", "ingest", "--quiet", "--db", os.Getenv(crashChildEnv+"_DB"), os.Getenv(crashChildEnv+"_IN"))
	t.Fatalf("ingest finished before it was killed (exit %d): %s", code, errs)
}

// TestIngestKill9 kills an ingest with SIGKILL mid-way, reopens the
// database and checks it is consistent and holds exactly the batches
// committed before the kill, intact; then finishes the ingest.
func TestIngestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: generates and ingests a large corpus")
	}
	dir := t.TempDir()
	db, in := filepath.Join(dir, "crash.db"), filepath.Join(dir, "big.jsonl")
	const n = 30_000
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, `{"id":"a%06d","date":"2024-01-%02d","title":"Talks %d","text":%q}`+"\n", i, i%28+1, i, crashText(i))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"=1", crashChildEnv+"_DB="+db, crashChildEnv+"_IN="+in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until a few batches are committed, then kill -9.
	committedBefore := 0
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if committedBefore = countArticles(db); committedBefore >= 2000 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if committedBefore < 2000 {
		t.Fatalf("child committed only %d articles in 60s", committedBefore)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after kill: %v", err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := stats.Articles
	t.Logf("killed after %d articles were seen committed; %d stored", committedBefore, got)
	if got < committedBefore || got >= n {
		t.Fatalf("%d articles stored, want between %d and %d", got, committedBefore, n)
	}
	if got%500 != 0 {
		t.Errorf("%d articles stored: not whole batches of 500", got)
	}
	if fts := countFTS(t, db); fts != got {
		t.Errorf("full-text index has %d rows, articles %d", fts, got)
	}
	// Exactly the first got articles are stored, each intact, each found
	// by its own marker word.
	for _, i := range []int{0, 1, got / 2, got - 1, got} {
		id := fmt.Sprintf("a%06d", i)
		a, err := st.Article(ctx, id)
		if i == got {
			if err == nil {
				t.Errorf("article %s stored beyond the committed prefix", id)
			}
			continue
		}
		if err != nil || a.Text != crashText(i) || a.Date.Day != i%28+1 {
			t.Fatalf("article %s after the kill: %v %q", id, err, a.Text)
		}
		hits, _, err := st.SearchArticles(ctx, chronicle.ArticleFilter{Query: "tok" + strconv.Itoa(i) + "x"})
		if err != nil || len(hits) != 1 || hits[0].Article.ID != id {
			t.Errorf("search for %s's marker: %v, %d hits", id, err, len(hits))
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// Finishing the ingest stores the rest and skips what is there.
	code, out, errs := cliRun(t, "", "ingest", "--quiet", "--db", db, in)
	want := fmt.Sprintf("read %d: %d new, %d duplicate, 0 near-duplicate, 0 conflict, 0 rejected", n, n-got, got)
	if code != ExitOK || !strings.Contains(out, want) {
		t.Errorf("resume: exit %d\n%s%s\nwant %s", code, out, errs, want)
	}
}

// countArticles reads the article count straight from the file while
// another process writes it; 0 until the table exists.
func countArticles(path string) int {
	d, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return 0
	}
	defer d.Close()
	var c int
	if err := d.QueryRow("SELECT count(*) FROM articles").Scan(&c); err != nil {
		return 0
	}
	return c
}

// countFTS counts the rows of the full-text index's own doc-size table,
// which the index writes itself (a count over articles_fts would read
// the content table instead).
func countFTS(t *testing.T, path string) int {
	t.Helper()
	d, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var c int
	if err := d.QueryRow("SELECT count(*) FROM articles_fts_docsize").Scan(&c); err != nil {
		t.Fatal(err)
	}
	return c
}
