package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/store"
)

var (
	sharedCodingOnce sync.Once
	sharedCoding     *Coding
	sharedCodingErr  error
)

// testCoding loads the full stack once for the tests of this file.
func testCoding(t *testing.T) *Coding {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	sharedCodingOnce.Do(func() {
		sharedCoding, sharedCodingErr = Load(context.Background(), Config{Options: coder.DefaultOptions()})
	})
	if sharedCodingErr != nil {
		t.Fatal(sharedCodingErr)
	}
	return sharedCoding
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "run.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var demo = filepath.Join("..", "..", "testdata", "demo")

// TestRunIsIdempotent runs the demo corpus twice: the second run stores
// and codes nothing new, and the stored events are the same.
func TestRunIsIdempotent(t *testing.T) {
	c := testCoding(t)
	st := openStore(t)
	ctx := context.Background()
	first, err := Run(ctx, st, c, []string{demo}, Options{Workers: 2, Batch: 4})
	if err != nil {
		t.Fatal(err)
	}
	if first.New == 0 || first.Coded != first.New+first.NearDuplicate || first.Mentions == 0 || first.Rejected != 0 {
		t.Fatalf("first run: %s", first)
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Run(ctx, st, c, []string{demo}, Options{Workers: 2, Batch: 4})
	if err != nil {
		t.Fatal(err)
	}
	if second.New != 0 || second.Coded != 0 || second.Duplicate != first.New+first.NearDuplicate {
		t.Errorf("second run did work again: %s", second)
	}
	after, _ := st.Stats(ctx)
	if after.Articles != before.Articles || after.Mentions != before.Mentions || after.Events != before.Events {
		t.Errorf("stats changed on a re-run: %+v → %+v", before, after)
	}
	if before.Mentions != first.Mentions {
		t.Errorf("store holds %d mentions, the run coded %d", before.Mentions, first.Mentions)
	}
}

// TestRunResumesAfterInterruption stops a run after its first write and
// checks that running again codes exactly the rest.
func TestRunResumesAfterInterruption(t *testing.T) {
	c := testCoding(t)
	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	var rep Report
	if err := Ingest(ctx, st, Records(ctx, []string{demo}, Options{}.Ingest), Options{}, &rep); err != nil {
		t.Fatal(err)
	}
	stored := rep.New + rep.NearDuplicate
	opt := Options{Workers: 1, Batch: 3, Coded: func(done, total int) { cancel() }}
	err := CodePending(ctx, st, c, opt, &rep)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err = %v", err)
	}
	if rep.Coded == 0 || rep.Coded >= stored {
		t.Fatalf("interrupted after %d of %d articles; want a partial run", rep.Coded, stored)
	}
	left, _ := st.CountToCode(context.Background(), c.Version, false)
	if left != stored-rep.Coded {
		t.Errorf("%d articles left to code, want %d", left, stored-rep.Coded)
	}
	var rest Report
	if err := CodePending(context.Background(), st, c, Options{Workers: 2}, &rest); err != nil {
		t.Fatal(err)
	}
	if rep.Coded+rest.Coded != stored {
		t.Errorf("coded %d + %d articles, stored %d", rep.Coded, rest.Coded, stored)
	}
	if n, _ := st.CountToCode(context.Background(), c.Version, false); n != 0 {
		t.Errorf("%d articles still uncoded", n)
	}
}

// TestRecodeOnNewVersion codes again everything a changed coder version
// has not coded, and only that; the events stay the same.
func TestRecodeOnNewVersion(t *testing.T) {
	c := testCoding(t)
	st := openStore(t)
	ctx := context.Background()
	first, err := Run(ctx, st, c, []string{demo}, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := st.Stats(ctx)
	changed := *c
	changed.Version = c.Version + "-changed"
	var rep Report
	if err := CodePending(ctx, st, &changed, Options{Workers: 2}, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Coded != first.Coded || rep.Mentions != first.Mentions {
		t.Errorf("recode: %s; first run: %s", rep, first)
	}
	after, _ := st.Stats(ctx)
	if after.Mentions != before.Mentions || after.Events != before.Events {
		t.Errorf("recoding the same way changed the data: %+v → %+v", before, after)
	}
	evs, _, err := st.Events(ctx, chronicleFilterAll())
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		full, err := st.Event(ctx, ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Mentions {
			if m.CoderVersion != changed.Version {
				t.Fatalf("mention %s keeps coder version %q after the recode", m.ID, m.CoderVersion)
			}
		}
	}
}

// TestIngestJSON is the path of the API's POST /api/articles.
func TestIngestJSON(t *testing.T) {
	c := testCoding(t)
	st := openStore(t)
	body := `{
  "id": "posted-1", "date": "2024-03-02",
  "text": "Ukrainian President Volodymyr Zelensky met NATO Secretary-General Jens Stoltenberg in Kyiv on Friday."
}`
	var rejected []string
	rep, err := IngestJSON(context.Background(), st, c, strings.NewReader(body), Options{Reject: func(err error) { rejected = append(rejected, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 1 || rep.Coded != 1 || rep.Mentions == 0 {
		t.Errorf("one pretty-printed article: %s (rejected %v)", rep, rejected)
	}
	rep, err = IngestJSON(context.Background(), st, c, strings.NewReader("{\"id\": \"x\"}\nnot json\n"), Options{Reject: func(err error) { rejected = append(rejected, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rejected != 2 || rep.New != 0 || len(rejected) != 2 {
		t.Errorf("two bad lines: %s, messages %q", rep, rejected)
	}
}

func chronicleFilterAll() chronicle.EventFilter { return chronicle.EventFilter{Limit: 500} }
