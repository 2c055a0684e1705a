package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cliRun runs chronicle with args and returns the exit status, stdout and
// stderr.
func cliRun(t testing.TB, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func repoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, "..", "..")
}

func TestIngestSearchStats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	writeFiles(t, dir, map[string]string{
		"in/a.txt": " date 2021-03-01 Envoys from Egypt and Qatar met Hamas leaders in Cairo to discuss a truce.",
		"in/b.jsonl": `{"id":"j1","date":"2022-05-10","title":"Strike on depot","text":"An air strike hit a fuel depot near Aden, officials said."}` + "\n" +
			`{"id":"j2","date":"2023-13-45","text":"Impossible day."}` + "\n" +
			`{"id":"j3","date":"2023-07-01","text":"broken` + "\n",
		"in/c.csv":    "id,date,title,text\nc1,2024-09-09,Arrests,\"Police in Nairobi arrested twelve protesters outside parliament.\"\nc2,2024-09-10\n",
		"clean/d.txt": "date 2020-02-02 Ministers of Chile and Peru met in Lima to discuss a border truce.",
	})
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  []string
		wantErr  []string
	}{
		{
			name: "mixed folder with bad records", args: []string{"ingest", "--db", db, filepath.Join(dir, "in")},
			wantCode: ExitRejected,
			wantOut:  []string{"read 6: 3 new, 0 duplicate, 0 near-duplicate, 0 conflict, 3 rejected"},
			wantErr:  []string{"b.jsonl line 2", "impossible date", "b.jsonl line 3", "broken JSON", "c.csv record 2 (line 3)", "2 columns, the header has 4"},
		},
		{
			name: "again: everything is a duplicate", args: []string{"ingest", filepath.Join(dir, "in", "a.txt"), "--db", db},
			wantCode: ExitOK, wantOut: []string{"read 1: 0 new, 1 duplicate"},
		},
		{
			name: "stdin", stdin: `{"id":"s1","date":"2025-01-01","text":"Troops crossed the river at dawn, the army said."}`,
			args: []string{"ingest", "--db", db, "-"}, wantCode: ExitOK, wantOut: []string{"read 1: 1 new"},
		},
		{
			name: "same id, other text: conflict", stdin: `{"id":"j1","date":"2022-05-10","text":"A different story entirely."}`,
			args: []string{"ingest", "--db", db, "-"}, wantCode: ExitRejected,
			wantOut: []string{"1 conflict"}, wantErr: []string{"conflict: j1"},
		},
		{
			name: "missing path is rejected, the rest goes in", args: []string{"ingest", "--db", db, filepath.Join(dir, "nope.txt"), filepath.Join(dir, "clean")},
			wantCode: ExitRejected, wantOut: []string{"read 2: 1 new", "1 rejected"}, wantErr: []string{"nope.txt"},
		},
		{
			name: "search jsonl", args: []string{"search", "--db", db, "--format", "jsonl", "truce"},
			wantCode: ExitOK, wantOut: []string{`"id":"a"`, `"id":"d"`, `"snippet":`, `«truce»`},
		},
		{
			name: "search date filter", args: []string{"search", "--db", db, "--from", "2021-01-01", "--to", "2021-12-31", "truce"},
			wantCode: ExitOK, wantOut: []string{"2021-03-01  a"},
		},
		{name: "search no match", args: []string{"search", "--db", db, "zeppelin"}, wantCode: ExitOK, wantErr: []string{"no articles match"}},
		{name: "search bad date", args: []string{"search", "--db", db, "--from", "2021-02-30", "x"}, wantCode: ExitUsage, wantErr: []string{"--from"}},
		{name: "search bad format", args: []string{"search", "--db", db, "--format", "xml", "x"}, wantCode: ExitUsage},
		{name: "search missing db", args: []string{"search", "--db", filepath.Join(dir, "none.db"), "x"}, wantCode: ExitFailure, wantErr: []string{"no database"}},
		{
			name: "stats", args: []string{"stats", "--db", db},
			wantCode: ExitOK, wantOut: []string{"articles        5", "dates           2020-02-02 to 2025-01-01"},
		},
		{
			name: "stats json", args: []string{"stats", "--db", db, "--format", "json"},
			wantCode: ExitOK, wantOut: []string{`"articles": 5`, `"first_date": "2020-02-02"`, `"near_duplicates": 0`},
		},
		{name: "ingest without arguments", args: []string{"ingest", "--db", db}, wantCode: ExitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := cliRun(t, tc.stdin, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errs)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
	// The jsonl lines are well-formed objects with the documented fields.
	_, out, _ := cliRun(t, "", "search", "--db", db, "--format", "jsonl", "truce")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("bad json line %q: %v", line, err)
		}
		for _, k := range []string{"id", "date", "title", "snippet", "score"} {
			if _, ok := v[k]; !ok {
				t.Errorf("line %q lacks %q", line, k)
			}
		}
	}
}

// TestIngestDemo ingests the demo corpus the README runs: everything goes
// in, the re-published Khartoum story is linked as a near-duplicate.
func TestIngestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := cliRun(t, "", "ingest", "--db", db, filepath.Join(repoRoot(t), "testdata", "demo"))
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	var read, added, near int
	if _, err := fmt.Sscanf(out, "read %d: %d new, 0 duplicate, %d near-duplicate, 0 conflict, 0 rejected", &read, &added, &near); err != nil ||
		read < 17 || near < 1 || added+near != read {
		t.Errorf("summary %q: want at least 17 read, all new or near-duplicate, one near-duplicate (%v)", out, err)
	}
	code, out, _ = cliRun(t, "", "search", "--db", db, "--format", "jsonl", "--limit", "50", "ceasefire")
	if code != ExitOK || strings.Count(out, "\n") < 5 || !strings.Contains(out, `"id":"colombia-eln-ceasefire"`) {
		t.Errorf("search ceasefire: exit %d\n%s", code, out)
	}
}

// TestIngestProgressCounts checks the plain periodic counts printed when
// stderr is not a terminal, and that --quiet silences them.
func TestIngestProgressCounts(t *testing.T) {
	demo := filepath.Join(repoRoot(t), "testdata", "demo")
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"--progress-every", "1ms"}, true},
		{[]string{"--progress-every", "1ms", "--quiet"}, false},
	}
	for _, tc := range tests {
		db := filepath.Join(t.TempDir(), "p.db")
		args := append([]string{"ingest", "--db", db, "--batch", "2"}, tc.args...)
		code, _, errs := cliRun(t, "", append(args, demo)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs)
		}
		if got := strings.Contains(errs, "stored,") && strings.Contains(errs, "articles/s"); got != tc.want {
			t.Errorf("%v: progress printed = %v, want %v:\n%s", tc.args, got, tc.want, errs)
		}
	}
}

// cancelAfter is standard input that cancels the command's context once
// n bytes have been read, like Ctrl-C in the middle of an ingest.
type cancelAfter struct {
	r      *strings.Reader
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.r.Size()-int64(c.r.Len()) >= int64(c.n) {
		c.cancel()
	}
	return c.r.Read(p[:min(len(p), 4096)])
}

func TestIngestInterrupted(t *testing.T) {
	var in strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&in, `{"id":"i%d","text":%q}`+"\n", i, crashText(i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "i.db")
	var out, errb bytes.Buffer
	env := Env{Stdin: &cancelAfter{r: strings.NewReader(in.String()), n: in.Len() / 2, cancel: cancel}, Stdout: &out, Stderr: &errb}
	code := Main(ctx, []string{"ingest", "--quiet", "--batch", "100", "--db", db, "-"}, env)
	if code != ExitFailure || !strings.Contains(errb.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q; want %d and an interruption message", code, errb.String(), ExitFailure)
	}
	// What was committed stays, in whole batches, and the ingest resumes.
	var read, added int
	if _, err := fmt.Sscanf(out.String(), "read %d: %d new", &read, &added); err != nil || added == 0 || added >= 5000 || added%100 != 0 {
		t.Fatalf("summary %q (%v): want some whole batches stored", out.String(), err)
	}
	code, sum, errs := cliRun(t, in.String(), "ingest", "--quiet", "--db", db, "-")
	want := fmt.Sprintf("read 5000: %d new, %d duplicate", 5000-added, added)
	if code != ExitOK || !strings.Contains(sum, want) {
		t.Errorf("resume: exit %d %q %s; want %q", code, sum, errs, want)
	}
}
