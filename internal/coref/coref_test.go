package coref

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// fixture is one article of testdata/articles.txt with its expectations.
type fixture struct {
	name   string
	date   chronicle.Date
	text   string
	expect []expectation
}

type expectation struct {
	anaphor string
	nth     int
	to      string // "-" for "not linked"
	kind    string
	code    string
	line    int
}

func readFixtures(t testing.TB, path string) []fixture {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixture
	var cur *fixture
	inText := false
	sc := bufio.NewScanner(f)
	for no := 1; sc.Scan(); no++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			out = append(out, fixture{name: strings.TrimPrefix(line, "=== ")})
			cur, inText = &out[len(out)-1], false
		case cur == nil || strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "date: "):
			d, err := chronicle.ParseDate(strings.TrimPrefix(line, "date: "))
			if err != nil {
				t.Fatalf("%s:%d: %v", path, no, err)
			}
			cur.date, inText = d, true
		case line == "---":
			inText = false
		case inText:
			if cur.text != "" {
				cur.text += "\n"
			}
			cur.text += line
		default:
			ana, rest, ok := strings.Cut(line, " => ")
			if !ok {
				t.Fatalf("%s:%d: want ANAPHOR => ANTECEDENT", path, no)
			}
			e := expectation{anaphor: ana, nth: 1, line: no}
			if a, n, ok := strings.Cut(ana, "#"); ok {
				e.anaphor = a
				if e.nth, err = strconv.Atoi(n); err != nil {
					t.Fatalf("%s:%d: %v", path, no, err)
				}
			}
			parts := strings.Split(rest, " | ")
			e.to = parts[0]
			if len(parts) > 1 {
				e.kind = parts[1]
			}
			if len(parts) > 2 {
				e.code = parts[2]
			}
			cur.expect = append(cur.expect, e)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// occurrence returns the byte offset of the n-th whole-word occurrence
// of w in s, or -1.
func occurrence(s, w string, n int) int {
	off := 0
	for {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(w) == len(s) || !isWordByte(s[i+len(w)])
		if before && after {
			n--
			if n == 0 {
				return i
			}
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// loadStack loads the language layer and the built-in dictionaries.
func loadStack(t testing.TB) (*text.Analyzer, *lexicon.Dictionary) {
	t.Helper()
	an, err := text.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	dict, err := lexicon.LoadFS(context.Background(), builtin.FS)
	if err != nil {
		t.Fatal(err)
	}
	return an, dict
}

func anaphorText(d *text.Doc, l Link) string {
	return d.Text[d.Tokens[l.From[0]].Start:d.Tokens[l.From[1]-1].End]
}

func TestArticles(t *testing.T) {
	an, dict := loadStack(t)
	r, err := New(dict)
	if err != nil {
		t.Fatal(err)
	}
	fixtures := readFixtures(t, "testdata/articles.txt")
	total, right := 0, 0
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			d := an.Analyze(fx.text, fx.date)
			links := r.Resolve(d, fx.date)
			byStart := make(map[int]Link, len(links))
			for _, l := range links {
				byStart[d.Tokens[l.From[0]].Start] = l
			}
			used := make(map[int]bool)
			for _, e := range fx.expect {
				total++
				at := occurrence(fx.text, e.anaphor, e.nth)
				if at < 0 {
					t.Fatalf("line %d: %q#%d not in the text", e.line, e.anaphor, e.nth)
				}
				used[at] = true
				l, ok := byStart[at]
				if e.to == "-" {
					if ok {
						t.Errorf("line %d: %q#%d linked to %q (%s), want no link", e.line, e.anaphor, e.nth, l.Span(d).Text, l.Kind)
						continue
					}
					right++
					continue
				}
				if !ok {
					t.Errorf("line %d: %q#%d not linked, want %q", e.line, e.anaphor, e.nth, e.to)
					continue
				}
				got := l.Span(d).Text
				switch {
				case anaphorText(d, l) != e.anaphor:
					t.Errorf("line %d: anaphor %q, want %q", e.line, anaphorText(d, l), e.anaphor)
				case got != e.to:
					t.Errorf("line %d: %q#%d → %q, want %q", e.line, e.anaphor, e.nth, got, e.to)
				case e.kind != "" && l.Kind != e.kind:
					t.Errorf("line %d: %q#%d kind %s, want %s", e.line, e.anaphor, e.nth, l.Kind, e.kind)
				case e.code != "" && l.Code != e.code:
					t.Errorf("line %d: %q#%d code %q, want %q", e.line, e.anaphor, e.nth, l.Code, e.code)
				case l.Sentence < 0 || l.Sentence >= len(d.Sentences) ||
					l.From[0] < d.Sentences[l.Sentence].FirstTok || l.From[1] > d.Sentences[l.Sentence].LastTok:
					t.Errorf("line %d: link outside its sentence %d", e.line, l.Sentence)
				default:
					right++
				}
			}
			for _, l := range links {
				if at := d.Tokens[l.From[0]].Start; !used[at] {
					t.Errorf("unexpected link %q (byte %d) → %q (%s, %s)", anaphorText(d, l), at, l.Span(d).Text, l.Kind, l.Code)
				}
			}
		})
	}
	t.Logf("%d/%d expectations met", right, total)
	if total < 40 {
		t.Errorf("only %d expectations; the suite needs at least 40", total)
	}
}
