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
		"countries.actors.txt", "organizations.actors.txt", "people.actors.txt",
	}
	for _, name := range want {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("%s missing: %v", name, err)
		}
	}
	all, err := fs.Glob(FS, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range all {
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

// TestTenures checks that no actor has two overlapping periods in office:
// each date must resolve to one code.
func TestTenures(t *testing.T) {
	d := load(t)
	people := 0
	for _, a := range d.Actors {
		if a.Pos.File != "people.actors.txt" {
			continue
		}
		people++
		var office []lexicon.DatedCode
		for _, c := range a.Codes {
			if !c.Restricted() {
				t.Errorf("%s: %s has an undated code %s", c.Pos, a.Primary.Text, c.Code)
			}
			if !strings.HasSuffix(c.Code, "ELI") {
				office = append(office, c)
			}
		}
		if len(office) == 0 {
			t.Errorf("%s: %s has no period in office", a.Pos, a.Primary.Text)
		}
		for i := 1; i < len(office); i++ {
			prev, cur := office[i-1], office[i]
			if prev.To.IsZero() || cur.From.Before(prev.To) {
				t.Errorf("%s: %s has overlapping periods %v and %v", cur.Pos, a.Primary.Text, prev, cur)
			}
		}
	}
	if people < 700 {
		t.Errorf("only %d people", people)
	}
}

// TestNoPhraseTwice checks that no actor phrase is defined twice across the
// actor files (the first definition would silently win).
func TestNoPhraseTwice(t *testing.T) {
	d := load(t)
	seen := map[string]lexicon.Pos{}
	for _, a := range d.Actors {
		for _, p := range a.Phrases() {
			key := strings.Join(p.Words, " ")
			if prev, ok := seen[key]; ok {
				t.Errorf("%q at %s was already defined at %s", key, a.Pos, prev)
				continue
			}
			seen[key] = a.Pos
		}
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
		{"Antony Blinken", "2023-11-08", "USAGOV"},
		{"Blinken", "2021-01-26", "USAGOV"},
		{"Blinken", "2025-01-20", "USAGOV"},
		{"Blinken", "2025-06-01", "USAELI"},
		{"Blinken", "2019-03-01", "USAELI"},
		{"Mahmoud Abbas", "2023-11-08", "PSEGOV"},
		{"Abbas", "2004-06-01", "PSEELI"},
		{"Abbas Araghchi", "2025-01-10", "IRNGOV"},
		{"Guterres", "2024-01-10", "IGOUNO"},
		{"Guterres", "2010-01-10", "IGOUNOREFHCR"},
		{"Hamas", "2023-11-08", "PSEREB"},
		{"Taliban", "2020-02-29", "AFGREB"},
		{"the Taliban", "2022-05-01", "AFGGOV"},
		{"Rapid Support Forces", "2021-01-01", "SDNMIL"},
		{"RSF", "2024-01-01", "SDNREB"},
		{"Hemedti", "2024-01-01", "SDNREB"},
		{"United Nations", "2023-11-08", "IGOUNO"},
		{"UNRWA", "2023-11-08", "IGOUNOREFRWA"},
		{"Islamic State", "2015-01-01", "IMGMOSISL"},
		{"Houthis", "2024-01-01", "YEMREB"},
		{"Zelenskyy", "2023-01-01", "UKRGOV"},
		{"Putin", "2009-01-01", "RUSGOV"},
		{"Trump", "2022-01-01", "USAELI"},
		{"Trump", "2026-01-01", "USAGOV"},
		{"Ahmed al-Sharaa", "2023-01-01", "SYRREB"},
		{"Jolani", "2025-03-01", "SYRGOV"},
		{"Mark Rutte", "2025-03-01", "IGOWSTNAT"},
		{"Mark Rutte", "2020-03-01", "NLDGOV"},
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
