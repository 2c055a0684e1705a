package coref

import (
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

const seedText = `U.S. Secretary of State Antony Blinken had a tense meeting with Palestinian President Mahmoud Abbas in Ramallah on Sunday. President Abbas demanded an immediate end to the assault on Gaza. He emphasized the importance of preventing the forced displacement of Palestinians. Blinken reaffirmed American support for humanitarian pauses. He emphasized that aid must reach civilians. His government called for restraint.`

func TestAntecedent(t *testing.T) {
	an, dict := loadStack(t)
	r, err := New(dict)
	if err != nil {
		t.Fatal(err)
	}
	date := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	d := an.Analyze(seedText, date)
	// token finds the token starting at the n-th occurrence of w.
	token := func(w string, n int) int {
		at := occurrence(seedText, w, n)
		for i, tk := range d.Tokens {
			if tk.Start == at {
				return i
			}
		}
		t.Fatalf("no token at %q#%d", w, n)
		return -1
	}
	sentenceOf := func(tok int) int {
		for i, s := range d.Sentences {
			if s.FirstTok <= tok && tok < s.LastTok {
				return i
			}
		}
		return -1
	}
	tests := []struct {
		name        string
		word        string
		nth, length int
		wantOK      bool
		wantEntity  string
		wantCode    string
		wantPoss    bool
		wantSpan    string
	}{
		{"pronoun after Abbas", "He", 1, 1, true, "Mahmoud Abbas", "PSEGOV", false, "Palestinian President Mahmoud Abbas"},
		{"pronoun after Blinken", "He", 2, 1, true, "Antony Blinken", "USAGOV", false, "U.S. Secretary of State Antony Blinken"},
		{"possessive inside a longer phrase", "His", 1, 2, true, "Antony Blinken", "USAGOV", true, "U.S. Secretary of State Antony Blinken"},
		{"title and surname", "President", 2, 2, true, "Mahmoud Abbas", "PSEGOV", false, "Palestinian President Mahmoud Abbas"},
		{"not an anaphor", "Gaza", 1, 1, false, "", "", false, ""},
		{"full name is no anaphor", "Antony", 1, 2, false, "", "", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first := token(tc.word, tc.nth)
			l, ok := r.Antecedent(d, sentenceOf(first), first, first+tc.length)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tc.wantOK, l)
			}
			if !ok {
				return
			}
			if l.Entity != tc.wantEntity || l.Code != tc.wantCode || l.Possessive != tc.wantPoss {
				t.Errorf("got %q %q poss=%v, want %q %q poss=%v", l.Entity, l.Code, l.Possessive, tc.wantEntity, tc.wantCode, tc.wantPoss)
			}
			if sp := l.Span(d); sp.Text != tc.wantSpan || seedText[sp.Start:sp.End] != tc.wantSpan {
				t.Errorf("span %+v, want %q", sp, tc.wantSpan)
			}
			// The wrong sentence finds nothing.
			if _, ok := r.Antecedent(d, sentenceOf(first)+1, first, first+tc.length); ok {
				t.Errorf("found in the wrong sentence")
			}
		})
	}
	// Another document replaces the cached one.
	d2 := an.Analyze("Blinken arrived in Cairo. He met officials.", date)
	if l, ok := r.Antecedent(d2, 1, 5, 6); !ok || l.Entity != "Antony Blinken" {
		t.Errorf("second document: %+v %v", l, ok)
	}
}

func TestLookup(t *testing.T) {
	links := []Link{
		{From: [2]int{3, 4}, Kind: KindPronoun},
		{From: [2]int{10, 12}, Kind: KindTitle},
		{From: [2]int{20, 21}, Kind: KindPronoun, Possessive: true},
	}
	tests := []struct {
		first, last int
		want        int // index into links, -1 for none
	}{
		{3, 4, 0},
		{10, 12, 1},
		{10, 11, -1}, // the phrase asked about is shorter than the anaphor
		{20, 23, 2},  // "his government"
		{19, 23, -1}, // the anaphor does not open the phrase
		{0, 1, -1},
		{30, 31, -1},
	}
	for _, tc := range tests {
		l, ok := Lookup(links, tc.first, tc.last)
		if tc.want < 0 {
			if ok {
				t.Errorf("Lookup(%d,%d) = %+v, want none", tc.first, tc.last, l)
			}
			continue
		}
		if !ok || l.From != links[tc.want].From {
			t.Errorf("Lookup(%d,%d) = %+v %v, want %+v", tc.first, tc.last, l, ok, links[tc.want])
		}
	}
}

func TestTables(t *testing.T) {
	tab, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		phrase   string
		wantKey  string
		wantHead string
		wantLen  int
	}{
		{"secretary of state antony blinken", "secretary of state", "secretary", 3},
		{"foreign minister", "foreign minister", "minister", 2},
		{"minister of foreign affairs", "foreign minister", "minister", 4},
		{"secretary general", "secretary-general", "secretary-general", 2},
		{"president", "president", "president", 1},
		{"lt. gen. herzi halevi", "general", "general", 2},
	}
	for _, tc := range tests {
		ti, n := tab.titleAt(strings.Fields(tc.phrase), 0)
		if ti < 0 || n != tc.wantLen || tab.titles[ti].key != tc.wantKey || tab.titles[ti].head != tc.wantHead {
			t.Errorf("%q: title %d len %d, want %q/%q len %d", tc.phrase, ti, n, tc.wantKey, tc.wantHead, tc.wantLen)
		}
	}
	if ti, _ := tab.titleAt([]string{"meeting"}, 0); ti >= 0 {
		t.Errorf("meeting is a title")
	}
	for name, want := range map[string]byte{"annalena": 'f', "mahmoud": 'm', "kamala": 'f'} {
		if tab.names[name] != want {
			t.Errorf("gender of %s = %c, want %c", name, tab.names[name], want)
		}
	}
}

func TestPronounOf(t *testing.T) {
	tests := []struct {
		norm, tag string
		ok        bool
		want      pronoun
	}{
		{"he", "PRP", true, pronoun{person: 3, gender: 'm'}},
		{"her", "PRP$", true, pronoun{person: 3, gender: 'f', poss: true}},
		{"her", "PRP", true, pronoun{person: 3, gender: 'f', object: true}},
		{"them", "PRP", true, pronoun{person: 3, plural: true, object: true}},
		{"us", "NNP", false, pronoun{}}, // "US", the country
		{"us", "PRP", true, pronoun{person: 1, plural: true, object: true}},
		{"president", "NN", false, pronoun{}},
	}
	for _, tc := range tests {
		got, ok := pronounOf(tc.norm, tc.tag)
		if ok != tc.ok || got != tc.want {
			t.Errorf("pronounOf(%q, %q) = %+v %v, want %+v %v", tc.norm, tc.tag, got, ok, tc.want, tc.ok)
		}
	}
}

func TestResolveWithoutDictionary(t *testing.T) {
	an, _ := loadStack(t)
	text := "Foreign Minister Ayman Safadi met Kamala Harris in Amman. She praised his efforts. Safadi said he was hopeful."
	d := an.Analyze(text, chronicle.Date{Year: 2024, Month: 3, Day: 1})
	links := Resolve(d, nil, d.Date)
	want := map[string]string{
		"She":    "Kamala Harris",
		"Safadi": "Foreign Minister Ayman Safadi",
		"he":     "Foreign Minister Ayman Safadi",
	}
	got := make(map[string]string)
	for _, l := range links {
		got[anaphorText(d, l)] = l.Span(d).Text
		if l.Code != "" {
			t.Errorf("code %q without a dictionary", l.Code)
		}
	}
	for a, w := range want {
		if got[a] != w {
			t.Errorf("%s → %q, want %q (all: %v)", a, got[a], w, got)
		}
	}
	if Resolve(nil, nil, chronicle.Date{}) != nil {
		t.Errorf("nil doc gave links")
	}
}
