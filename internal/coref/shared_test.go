package coref

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// TestSharedSeed reads the seed article from ../shared (skipped when it
// is absent) and checks the links the issue asks for: "He" after the
// Abbas sentence is Abbas, "He" after a Blinken sentence is Blinken.
func TestSharedSeed(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seed")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/seed is absent")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimSpace(string(data))
	date := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	if rest, ok := strings.CutPrefix(body, "date "); ok && len(rest) >= 10 {
		if d, err := chronicle.ParseDate(rest[:10]); err == nil {
			date, body = d, strings.TrimSpace(rest[10:])
		}
	}
	an, dict := loadStack(t)
	r, err := New(dict)
	if err != nil {
		t.Fatal(err)
	}
	d := an.Analyze(body, date)
	links := r.Resolve(d, date)
	tests := []struct {
		sentence   string // the start of the anaphor's sentence
		anaphor    string
		wantEntity string
		wantCode   string
	}{
		{"President Abbas demanded", "President Abbas", "Mahmoud Abbas", "PSEGOV"},
		{"He emphasized that this", "He", "Mahmoud Abbas", "PSEGOV"},
		{"He emphasized the importance", "He", "Antony Blinken", "USAGOV"},
		{"He called for increased", "He", "Antony Blinken", "USAGOV"},
	}
	for _, tc := range tests {
		found := false
		for _, l := range links {
			s := d.Sentences[l.Sentence]
			if !strings.HasPrefix(d.Text[s.Start:s.End], tc.sentence) || anaphorText(d, l) != tc.anaphor {
				continue
			}
			found = true
			if l.Entity != tc.wantEntity || l.Code != tc.wantCode {
				t.Errorf("%q in %q: %s %s, want %s %s", tc.anaphor, tc.sentence, l.Entity, l.Code, tc.wantEntity, tc.wantCode)
			}
		}
		if !found {
			t.Errorf("%q in %q: not linked", tc.anaphor, tc.sentence)
		}
	}
}
