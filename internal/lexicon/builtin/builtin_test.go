package builtin

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

func TestFilesAreWellFormed(t *testing.T) {
	want := []string{
		"agents.txt", "countries.actors.txt", "discards.txt", "issues.txt",
		"organizations.actors.txt", "people.actors.txt", "verbs.txt",
	}
	for _, name := range want {
		b, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(bytes.TrimSpace(b)) == 0 {
			t.Errorf("%s is empty", name)
		}
		if !utf8.Valid(b) {
			t.Errorf("%s is not valid UTF-8", name)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasSuffix(line, "\r") {
				t.Errorf("%s:%d has a CR line ending", name, i+1)
				break
			}
		}
		if _, ok := lexicon.KindOf(name); !ok {
			t.Errorf("%s: lexicon does not recognise the file kind", name)
		}
	}
}

func load(t testing.TB) *lexicon.Dictionary {
	t.Helper()
	d, err := lexicon.LoadFS(context.Background(), FS)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLoadsWithoutWarnings(t *testing.T) {
	d := load(t)
	if d.Warnings != 0 {
		t.Errorf("loading the builtin dictionaries gave %d warnings", d.Warnings)
	}
}

func day(s string) chronicle.Date {
	d, err := chronicle.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestActorCodes(t *testing.T) {
	d := load(t)
	tests := []struct {
		phrase, date, want string
	}{
		{"U.S.", "2023-11-08", "USA"},
		{"United States", "2023-11-08", "USA"},
		{"Palestinian", "2023-11-08", "PSE"},
		{"Palestinians", "2023-11-08", "PSE"},
		{"West Bank", "2023-11-08", "PSE"},
		{"Gaza Strip", "2023-11-08", "PSE"},
		{"Israeli", "2023-11-08", "ISR"},
		{"the Kremlin", "2023-11-08", "RUSGOV"},
		{"White House", "2023-11-08", "USAGOV"},
		{"Downing Street", "2023-11-08", "GBRGOV"},
		{"South Sudan", "2023-11-08", "SSD"},
		{"Sudan", "2023-11-08", "SDN"},
		{"Middle East", "2023-11-08", "MEA"},
		{"Arab", "2023-11-08", "ARB"},
		{"Latin American", "2023-11-08", "LAM"},
		{"DPRK", "2023-11-08", "PRK"},
		{"UAE", "2023-11-08", "ARE"},
		{"Türkiye", "2023-11-08", "TUR"},
	}
	for _, tt := range tests {
		toks := lexicon.SplitPhrase(tt.phrase)
		a, n := d.LongestActor(toks, 0)
		if a == nil || n != len(toks) {
			t.Errorf("%q: no actor covers the phrase (n=%d)", tt.phrase, n)
			continue
		}
		if got := a.CodeAt(day(tt.date)); got != tt.want {
			t.Errorf("%q on %s = %s, want %s (%s)", tt.phrase, tt.date, got, tt.want, a.Pos)
		}
	}
}
