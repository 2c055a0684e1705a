package timex

import (
	"strings"
	"testing"
)

func TestParseLexicon(t *testing.T) {
	if _, err := parseLexicon(lexiconText); err != nil {
		t.Fatalf("embedded lexicon: %v", err)
	}
	tests := []struct {
		src, wantErr string
	}{
		{"month 13 smarch", "line 1: month 13 out of range"},
		{"# comment\nweekday 0 funday", "line 2: weekday 0 out of range"},
		{"number x three", `number value "x"`},
		{"rel fortnight 1 : next fortnight", `unknown unit "fortnight"`},
		{"rel day 1 next day", "want ':'"},
		{"block sideways weekday good", "block wants before or after"},
		{"cue sideways will", `unknown cue kind "sideways"`},
		{"frobnicate a b", `unknown entry kind "frobnicate"`},
		{"month 1", "needs at least 3 fields"},
	}
	for _, tc := range tests {
		_, err := parseLexicon(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("parseLexicon(%q) = %v, want error containing %q", tc.src, err, tc.wantErr)
		}
	}
	lx, err := parseLexicon("rel day -1 : the day before\nrel day -2 : the day before yesterday\nref day 1 : the next day")
	if err != nil {
		t.Fatal(err)
	}
	ps := lx.words["the"].phrases
	if len(ps) != 3 || len(ps[0].words) != 4 || len(ps[2].words) != 3 || ps[0].ref || !ps[2].ref {
		t.Errorf("phrases not longest first: %+v", ps)
	}
}
