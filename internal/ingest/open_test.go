package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree creates files under dir; values are file contents.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"b/2.txt":            "date 2020-01-02 Second.",
		"b/1.txt":            "date 2020-01-01 First.",
		"a.jsonl":            `{"id":"j1","date":"2020-01-03","text":"Line one."}` + "\n" + `{"id":"j2","text":"Line two."}`,
		"c.csv.gz":           gz(t, "id,date,text\nc1,2020-01-04,Zipped row.\n"),
		"d.jsonl.gz":         gz(t, `{"id":"z1","date":"2020-01-05","text":"Zipped line."}`),
		"e/empty.txt":        "",
		"e/binary.txt":       "GIF89a\x00\x00\x01\x00\x00\x00\x00\x00\x00",
		"e/notes.md":         "not read: unknown extension in a folder",
		".hidden/x.txt":      "date 2020-01-01 Hidden.",
		"e/.also-hidden.txt": "date 2020-01-01 Hidden.",
		"noext":              "date 2021-06-01 Named on the command line.",
		"bad.gz":             "\x1f\x8bnot really gzip",
	})
	tests := []struct {
		name string
		args []string
		want []string // article ids, or "!reason" for rejections
	}{
		{name: "folder, recursive, sorted, known extensions only", args: []string{dir},
			want: []string{"j1", "j2", "1", "2", "c1", "z1", "!binary", "!empty"}},
		{name: "glob", args: []string{filepath.Join(dir, "b", "*.txt")}, want: []string{"1", "2"}},
		{name: "glob over folders", args: []string{filepath.Join(dir, "[b]")}, want: []string{"1", "2"}},
		{name: "explicit file without extension is sniffed", args: []string{filepath.Join(dir, "noext")}, want: []string{"noext"}},
		{name: "missing file", args: []string{filepath.Join(dir, "nope.txt")}, want: []string{"!no such file"}},
		{name: "glob matching nothing", args: []string{filepath.Join(dir, "*.none")}, want: []string{"!matches nothing"}},
		{name: "broken gzip", args: []string{filepath.Join(dir, "bad.gz")}, want: []string{"!gzip"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, a := range tc.args {
				for r := range Open(context.Background(), a, Options{}) {
					if r.Err != nil {
						got = append(got, "!"+r.Err.Error())
						continue
					}
					got = append(got, r.Article.ID)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if strings.HasPrefix(tc.want[i], "!") {
					if !strings.HasPrefix(got[i], "!") || !strings.Contains(got[i], tc.want[i][1:]) {
						t.Errorf("record %d = %q, want a rejection mentioning %q", i, got[i], tc.want[i][1:])
					}
				} else if got[i] != tc.want[i] {
					t.Errorf("record %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestOpenStdin(t *testing.T) {
	tests := []struct {
		name, input string
		wantIDs     []string
		wantErr     error
	}{
		{"plain", "date 2020-01-01 From a pipe.", []string{"stdin"}, nil},
		{"jsonl", `{"id":"p1","text":"Piped."}` + "\n" + `{"id":"p2","text":"Piped too."}`, []string{"p1", "p2"}, nil},
		{"gzip jsonl", "", []string{"g1"}, nil},
		{"empty", "", nil, ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.input
			if tc.name == "gzip jsonl" {
				in = gz(t, `{"id":"g1","text":"Zipped pipe."}`)
			}
			var ids []string
			var errs []error
			for r := range Open(context.Background(), "-", Options{Stdin: strings.NewReader(in)}) {
				if r.Err != nil {
					errs = append(errs, r.Err)
				} else {
					ids = append(ids, r.Article.ID)
				}
			}
			if !slices.Equal(ids, tc.wantIDs) {
				t.Errorf("ids %q, want %q", ids, tc.wantIDs)
			}
			if tc.wantErr != nil && (len(errs) != 1 || !errors.Is(errs[0], tc.wantErr)) {
				t.Errorf("errors %v, want %v", errs, tc.wantErr)
			}
			if tc.wantErr == nil && len(errs) > 0 {
				t.Errorf("unexpected errors %v", errs)
			}
		})
	}
}

func TestProgressCountsBytes(t *testing.T) {
	dir := t.TempDir()
	body := strings.Repeat(`{"id":"x","text":"y"}`+"\n", 1000)
	writeTree(t, dir, map[string]string{"p.jsonl": body})
	var n int
	for range Open(context.Background(), dir, Options{Progress: func(k int) { n += k }}) {
	}
	if n != len(body) {
		t.Errorf("progress saw %d bytes, want %d", n, len(body))
	}
}

func TestOpenStopsEarly(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "date 2020-01-01 A.", "b.txt": "date 2020-01-01 B."})
	n := 0
	for range Open(context.Background(), dir, Options{}) {
		n++
		break
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range Open(ctx, dir, Options{}) {
		n++
	}
	if n != 1 {
		t.Errorf("read %d records, want 1", n)
	}
}

func TestIDs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"seed/000_14b0.txt", "000_14b0"},
		{"a/b.c.jsonl.gz", "b.c"},
		{"-", "stdin"},
		{"https://news.example.com/2024/05/talks.html", "news.example.com-2024-05-talks"},
		{"https://x.org/p?id=7", "x.org-p-id-7"},
		{"urn:uuid:1234", "urn-uuid-1234"},
	}
	for _, tc := range tests {
		if got := idFromName(tc.in); tc.in != "urn:uuid:1234" && got != tc.want {
			t.Errorf("idFromName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.in == "urn:uuid:1234" {
			if got := idFromURL(tc.in); got != tc.want {
				t.Errorf("idFromURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		}
	}
	long := idFromURL("https://x.org/" + strings.Repeat("very-long-path/", 40))
	if len(long) > maxIDLen || long == idFromURL("https://x.org/"+strings.Repeat("very-long-path/", 41)) {
		t.Errorf("long ids not shortened distinctly: %q", long)
	}
}
