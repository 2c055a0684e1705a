package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// explainDB builds a database with pipeline.Run over three of the event
// reports of testdata/reports and two more articles of my own that report
// two of the same happenings (one a day later), and returns its path and
// events.
func explainDB(t *testing.T) (string, []chronicle.Event) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	f, err := os.Open(filepath.Join(repoRoot(t), "testdata", "reports", "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		for _, id := range []string{`"REP-119"`, `"REP-023"`, `"REP-086"`} {
			if strings.Contains(sc.Text(), `"id":`+id) {
				lines = append(lines, sc.Text())
			}
		}
	}
	if len(lines) != 3 {
		t.Fatalf("found %d of 3 reports", len(lines))
	}
	lines = append(lines,
		`{"id":"wafa-1","date":"2023-11-06","source":"WAFA","text":"President Mahmoud Abbas demanded an end to Israel's assault on Gaza on Sunday, the official news agency reported."}`,
		`{"id":"kyiv-1","date":"2022-03-07","source":"Kyiv Independent","text":"Russian forces besieged the port city of Mariupol on Sunday, the city council said."}`)
	in := filepath.Join(dir, "reports.jsonl")
	writeFiles(t, dir, map[string]string{"reports.jsonl": strings.Join(lines, "\n") + "\n"})
	db := filepath.Join(dir, "e.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pipeline.Load(ctx, pipeline.Config{Options: coder.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(ctx, st, c, []string{in}, pipeline.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Coded != 5 {
		t.Fatalf("coded %d articles, want 5: %s", rep.Coded, rep)
	}
	evs, _, err := st.Events(ctx, chronicle.EventFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return db, evs
}

func TestExplain(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	db, evs := explainDB(t)
	find := func(plover, src string) chronicle.Event {
		for _, e := range evs {
			if e.PLOVER.Type == plover && strings.HasPrefix(e.Source.Code, src) {
				return e
			}
		}
		t.Fatalf("no %s event from %s among %+v", plover, src, evs)
		return chronicle.Event{}
	}
	demand := find("REQUEST", "PSE")
	siege := find("COERCE", "RUS")
	if demand.NumMentions != 2 || siege.NumMentions != 2 {
		t.Fatalf("mentions: demand %d, siege %d; want 2 and 2", demand.NumMentions, siege.NumMentions)
	}

	status, out, errs := cliRun(t, "", "explain", demand.ID, "--db", db)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, errs)
	}
	for _, want := range []string{
		"event " + demand.ID,
		"PLOVER REQUEST",
		"source    PSEGOV",
		`date      2023-11-05 (day) from the text: "Sunday"`,
		"[[S: Palestinian President Mahmoud Abbas]] <<demanded>> an end to",
		"[[S: President Mahmoud Abbas]] <<demanded>>",
		"pattern - * END TO",
		`claim: PSEGOV "Palestinian President Mahmoud Abbas" (Mahmoud Abbas) demanded "an end to Israel's assault on Gaza", stance support`,
		"why these mentions are one event:",
		"shared: source PSEGOV",
		"the rule's parameters: date window 1 day(s)",
		"With a date window of 0 day(s) (--window) these mentions would form 1 event(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}

	// The siege was reported a day apart: one event under the store's
	// window of one day, two under a window of none.
	status, out, errs = cliRun(t, "", "explain", siege.ID, "--db", db, "--window", "0")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, errs)
	}
	for _, want := range []string{
		"1 day(s) from",
		"these mentions would form 2 event(s)",
		"place     Mariupol",
		"<<besieged>>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain --window 0 output lacks %q:\n%s", want, out)
		}
	}

	status, out, errs = cliRun(t, "", "explain", "--json", siege.ID, "--db", db)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, errs)
	}
	var x explanation
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if x.Event.ID != siege.ID || len(x.Event.Mentions) != 2 || len(x.Marked) != 2 || x.Rule.Window != 1 || len(x.UndoEvents) != 2 {
		t.Errorf("JSON explanation %+v", x)
	}

	if status, _, errs := cliRun(t, "", "explain", "ev_nope", "--db", db); status != ExitUsage || !strings.Contains(errs, "not found") {
		t.Errorf("unknown event: status %d, stderr %q", status, errs)
	}
	if status, _, _ := cliRun(t, "", "explain", "--db", db); status != ExitUsage {
		t.Errorf("no event id: status %d", status)
	}
	if status, _, _ := cliRun(t, "", "explain", "x", "--db", filepath.Join(t.TempDir(), "none.db")); status != ExitFailure {
		t.Errorf("no database: status %d", status)
	}
}

func TestMarkEvidence(t *testing.T) {
	s := "Earlier text. Russia attacked Ukraine on Monday."
	ev := chronicle.Span{Text: s[14:], Start: 14, End: len(s)}
	at := func(w string) (int, int) {
		i := strings.Index(s, w)
		return i, i + len(w)
	}
	rs, re := at("Russia")
	vs, ve := at("attacked")
	us, ue := at("Ukraine")
	for _, tc := range []struct {
		name string
		m    chronicle.Mention
		want string
	}{
		{"all three", chronicle.Mention{Evidence: ev,
			Source: chronicle.Actor{Start: rs, End: re}, Verb: chronicle.Span{Start: vs, End: ve}, Target: chronicle.Actor{Start: us, End: ue}},
			"[[S: Russia]] <<attacked>> [[T: Ukraine]] on Monday."},
		{"source in another sentence", chronicle.Mention{Evidence: ev,
			Source: chronicle.Actor{Start: 0, End: 7}, Verb: chronicle.Span{Start: vs, End: ve}},
			"Russia <<attacked>> Ukraine on Monday."},
		{"overlap keeps the verb", chronicle.Mention{Evidence: ev,
			Verb: chronicle.Span{Start: vs, End: ve}, Target: chronicle.Actor{Start: vs, End: ue}},
			"Russia <<attacked>> Ukraine on Monday."},
		{"nothing", chronicle.Mention{Evidence: ev}, "Russia attacked Ukraine on Monday."},
		{"beyond the text", chronicle.Mention{Evidence: ev, Target: chronicle.Actor{Start: us, End: len(s) + 5}},
			"Russia attacked Ukraine on Monday."},
	} {
		if got := markEvidence(tc.m); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
