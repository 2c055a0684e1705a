package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBenchCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a synthetic store")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	lines := `{"id":"a1","date":"2024-03-01","text":"Russian forces shelled Kharkiv on Friday. Ukraine condemned the attack."}
{"id":"a2","date":"2024-03-02","text":"The Egyptian foreign minister met his Israeli counterpart in Cairo."}
{"id":"a3","date":"2024-03-03","text":"Protesters marched in Tbilisi against the new law."}
not json
`
	if err := os.WriteFile(corpus, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"ingest and code a file", []string{"--corpus", corpus, "--what", "ingest,code"}, ExitOK,
			[]string{"Corpus: " + corpus, "4 read (3 new, 0 duplicate, 0 near-duplicate, 1 rejected)", "articles/s", "peak RSS",
				"1 records of the corpus were rejected", "1 core          3 articles,", "2 workers       3 articles,", "sentences/s", "load "}},
		{"query and load a small store", []string{"--what", "query,load", "--events", "3000", "--requests", "3", "--clients", "4", "--duration", "500ms",
			"--cache", filepath.Join(dir, "cache")}, ExitOK,
			[]string{"Synthetic store: 3000 events", "timeline/week actor=USA", "events q=massacre", "map country=UKR 2022-03",
				"Concurrent load: 4 clients", " 0 errors"}},
		{"unknown stage", []string{"--what", "ingest,train"}, ExitUsage, nil},
		{"stray argument", []string{"corpus.jsonl"}, ExitUsage, nil},
		{"no events", []string{"--events", "0"}, ExitUsage, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cliRun(t, "", append([]string{"bench"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
