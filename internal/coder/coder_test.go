package coder_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

var (
	worldOnce sync.Once
	world     *lexicon.Dictionary
	worldErr  error
)

func worldDict(t testing.TB) *lexicon.Dictionary {
	t.Helper()
	worldOnce.Do(func() { world, worldErr = lexicon.LoadDir(context.Background(), "testdata/world") })
	if worldErr != nil {
		t.Fatal(worldErr)
	}
	return world
}

// codeText codes one article of text and renders each mention as
// "SOURCE TARGET CODE MODALITY", sorted.
func codeText(t *testing.T, cd *coder.Coder, text, date string) []string {
	t.Helper()
	d, err := chronicle.ParseDate(date)
	if err != nil {
		t.Fatal(err)
	}
	art := chronicle.Article{ID: "a1", Date: d, Text: text}
	var got []string
	for _, m := range cd.Code(newAnalyzer(t).Analyze(text, d), art) {
		got = append(got, fmt.Sprintf("%s %s %s %s", orDash(m.Source.Code), orDash(m.Target.Code), m.Code, m.Modality))
	}
	slices.Sort(got)
	return got
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func TestCodeConstructs(t *testing.T) {
	tests := []struct {
		name, text string
		date       string
		opts       *coder.Options
		want       []string
	}{
		{"subject verb object", "Arnor attacked Gondor on Tuesday.", "", nil,
			[]string{"ARN GON 190 asserted"}},
		{"country before agent", "The Gondor minister condemned Mordor.", "", nil,
			[]string{"GONGOV MOR 111 asserted"}},
		{"agent of country", "The foreign minister of Gondor condemned Mordor.", "", nil,
			[]string{"GONGOVFRM MOR 111 asserted"}},
		{"possessive country", "Gondor's foreign minister condemned Mordor.", "", nil,
			[]string{"GONGOVFRM MOR 111 asserted"}},
		{"nationality adjective", "Gondorian troops attacked Mordorian rebels.", "", nil,
			[]string{"GONMIL MORREB 190 asserted"}},
		{"agent takes the sentence's one country", "Police attacked Mordor.", "", nil,
			[]string{"MORCOP MOR 190 asserted"}},
		{"agent without country among several", "Police attacked Mordor and Gondor.", "", nil,
			[]string{"---COP GON 190 asserted", "---COP MOR 190 asserted"}},
		{"armed forces do not take the country", "Troops attacked Mordor.", "", nil,
			[]string{"---MIL MOR 190 asserted"}},
		{"prefix agent", "An Arnor charity condemned Mordor.", "", nil,
			[]string{"NGOARN MOR 111 asserted"}},
		{"date restriction before", "Theoden condemned Mordor.", "1999-06-01", nil,
			[]string{"ROHELI MOR 111 asserted"}},
		{"date restriction during", "Theoden condemned Mordor.", "2005-06-01", nil,
			[]string{"ROHGOV MOR 111 asserted"}},
		{"date restriction after", "Theoden condemned Mordor.", "2015-06-01", nil,
			[]string{"ROHELI MOR 111 asserted"}},
		{"compound source", "Arnor and Gondor condemned Mordor.", "", nil,
			[]string{"ARN MOR 111 asserted", "GON MOR 111 asserted"}},
		{"compound subject meets, the place is not a party", "Arnor and Gondor met in Rohan.", "", nil,
			[]string{"ARN GON 040 asserted", "GON ARN 040 asserted"}},
		{"compound subject with a real target", "Arnor and Gondor met Rohan.", "", nil,
			[]string{"ARN ROH 040 asserted", "GON ROH 040 asserted", "ROH ARN 040 asserted", "ROH GON 040 asserted"}},
		{"compound target list", "Mordor attacked Arnor, Rohan and Gondor.", "", nil,
			[]string{"MOR ARN 190 asserted", "MOR GON 190 asserted", "MOR ROH 190 asserted"}},
		{"agent and noun before the country", "Rebel groups in Gondor attacked Mordor.", "", nil,
			[]string{"GONREB MOR 190 asserted"}},
		{"ethnic group is not its namesake country", "Gondorian troops attacked ethnic Rohirrim.", "", nil,
			[]string{"GONMIL GONCVL 190 asserted"}},
		{"ethnic group takes the country it lives in", "Gondorian troops attacked ethnic Rohirrim in Mordor.", "", nil,
			[]string{"GONMIL MORCVL 190 asserted"}},
		{"agent over compound", "Soldiers from Arnor and Gondor attacked Mordor.", "", nil,
			[]string{"ARNMIL MOR 190 asserted", "GONMIL MOR 190 asserted"}},
		{"paired code", "Arnor visited Gondor.", "", nil,
			[]string{"ARN GON 042 asserted", "GON ARN 043 asserted"}},
		{"pattern with source and target", "Gondor received aid from Arnor.", "", nil,
			[]string{"ARN GON 070 asserted"}},
		{"synset in pattern", "Gondor received silver coins from Arnor.", "", nil,
			[]string{"ARN GON 071 asserted"}},
		{"pattern target after words", "Arnor imposed sanctions on Mordor.", "", nil,
			[]string{"ARN MOR 163 asserted"}},
		{"multi-word verb", "Gondor cordoned off the roads into Mordor.", "", nil,
			[]string{"GON MOR 191 asserted"}},
		{"passive with by", "Gondor was attacked by Mordor.", "", nil,
			[]string{"MOR GON 190 asserted"}},
		{"passive without by has no source", "Gondor was attacked.", "", nil, nil},
		{"negation with dictionary pattern", "Arnor did not attack Gondor.", "", nil,
			[]string{"ARN GON 191 asserted"}},
		{"negation without pattern", "Arnor did not condemn Gondor.", "", nil,
			[]string{"ARN GON 111 negated"}},
		{"refused to without a dictionary verb for it", "Arnor refused to condemn Gondor.", "", nil,
			[]string{"ARN GON 111 negated"}},
		{"declined to", "Arnor declined to attack Gondor.", "", nil,
			[]string{"ARN GON 190 negated"}},
		{"future", "Arnor will meet Gondor.", "", nil,
			[]string{"ARN GON 040 future", "GON ARN 040 future"}},
		{"hypothetical if", "If Mordor attacks, Gondor will condemn Mordor.", "", nil,
			[]string{"GON MOR 111 future"}},
		{"attribution tail speaker is not the source", "Arnor accused Gondor, a Rohan official said.", "", nil,
			[]string{"ARN GON 112 reported"}},
		{"statement does not hide the reported event", "Rohan said Arnor attacked Gondor.", "", nil,
			[]string{"ARN GON 190 reported"}},
		{"according to", "According to Rohan, Arnor attacked Gondor.", "", nil,
			[]string{"ARN GON 190 reported"}},
		{"inside a quotation", "\"Arnor attacked Gondor,\" a Rohan official told reporters.", "", nil,
			[]string{"ARN GON 190 reported"}},
		{"quoted condemnation", "Rohan accused Gondor of ignoring the \u201cbrutal siege by Mordor\u201d of Fornost.", "", nil,
			[]string{"ROH GON 112 asserted", "ROH MOR 111 asserted"}},
		{"quotation without condemnation", "Rohan accused Gondor of ignoring the \u201clong siege by Mordor\u201d of Fornost.", "", nil,
			[]string{"ROH GON 112 asserted"}},
		{"denied act", "Rohan denied that its troops attacked Gondor.", "", nil,
			[]string{"ROHMIL GON 190 negated"}},
		{"statement to an addressee", "Rohan told Gondor that Arnor attacked Mordor.", "", nil,
			[]string{"ARN MOR 190 reported", "ROH GON 010 asserted"}},
		{"title replaces the elite code", "King Theoden condemned Mordor.", "2015-06-01", nil,
			[]string{"ROHGOV MOR 111 asserted"}},
		{"a former title keeps the elite code", "Former King Theoden condemned Mordor.", "2015-06-01", nil,
			[]string{"ROHELI MOR 111 asserted"}},
		{"an ousted title keeps the elite code", "The ousted king of Rohan condemned Mordor.", "2015-06-01", nil,
			[]string{"ROHELI MOR 111 asserted"}},
		{"two-letter abbreviation in capitals", "The AR condemned Mordor.", "", nil,
			[]string{"ARN MOR 111 asserted"}},
		{"two-letter pronoun is not an abbreviation", "Mordor condemned ar.", "", nil, nil},
		{"no code, no event", "Arnor watched Gondor.", "", nil, nil},
		{"require dyad drops monads", "Arnor protested.", "", nil, nil},
		{"monads kept without require dyad", "Arnor protested.", "", &coder.Options{}, []string{"ARN - 140 asserted"}},
		{"sentence discard", "Arnor attacked Gondor after the football match.", "", nil, nil},
		{"story discard", "Arnor attacked Gondor. The dragon race was cancelled.", "", nil, nil},
		{"object relative clause", "Arnor, whom Gondor had attacked the day before, condemned Mordor.", "", nil,
			[]string{"ARN MOR 111 asserted", "GON ARN 190 asserted"}},
		{"subject relative clause", "Arnor, who attacked Gondor, condemned Mordor.", "", nil,
			[]string{"ARN GON 190 asserted", "ARN MOR 111 asserted"}},
		{"coordinated verbs share the subject", "Arnor condemned Mordor and attacked Gondor.", "", nil,
			[]string{"ARN GON 190 asserted", "ARN MOR 111 asserted"}},
		{"coordinated inside an owned clause", "Arnor condemned Mordor over plans to build walls and attack Gondor.", "", nil,
			[]string{"ARN MOR 111 asserted"}},
		{"a participle is not the conjunct", "Arnor condemned Mordor for increased raids and attacked Gondor.", "", nil,
			[]string{"ARN GON 190 asserted", "ARN MOR 111 asserted"}},
		{"a negated appeal keeps the party of the appeal before it", "Arnor urged Gondor to stop. Arnor would not push for talks.", "", nil,
			[]string{"ARN GON 020 asserted", "ARN GON 020 negated"}},
		{"a negated appeal with no party before it", "Arnor would not push for talks.", "", nil, nil},
		{"a positive appeal never borrows a party", "Arnor urged Gondor to stop. Arnor will push for talks.", "", nil,
			[]string{"ARN GON 020 asserted"}},
		{"coordinated after a verb the dictionary lacks", "Arnor mobilized quickly and attacked Gondor.", "", nil,
			[]string{"ARN GON 190 asserted"}},
		{"pronoun subject is not the object of the first verb", "He condemned Mordor and attacked Gondor.", "", nil, nil},
		{"own troops are not the target", "Mordor withdrew its troops from Gondor.", "", nil,
			[]string{"MOR GON 0874 asserted"}},
		{"agent word as a modifier is not the target", "Arnor pledged military aid to Gondor.", "", nil,
			[]string{"ARN GON 070 asserted"}},
		{"agent adjective before a noun is not the target", "Arnor condemned the official statement of Gondor.", "", nil,
			[]string{"ARN GON 111 asserted"}},
		{"agent before what it holds is the target", "Gondorian troops attacked rebel camps.", "", nil,
			[]string{"GONMIL GONREB 190 asserted"}},
		{"the tail's speaker does not make the sentence's country", "Police attacked Mordor, a Rohan official said.", "", nil,
			[]string{"MORCOP MOR 190 reported"}},
		{"company name is not a country", "The Gondor Trading Co condemned Mordor.", "", nil, nil},
		{"noun use of a verb", "The attack on Gondor angered Arnor.", "", nil, nil},
		{"new actor length", "The Ents attacked Mordor.", "", &coder.Options{RequireDyad: true, NewActorLength: 2},
			[]string{`"The Ents" MOR 190 asserted`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := coder.DefaultOptions()
			if tt.opts != nil {
				opts = *tt.opts
			}
			date := tt.date
			if date == "" {
				date = "2020-05-01"
			}
			cd := coder.New(worldDict(t), newTable(t), opts)
			got := codeText(t, cd, tt.text, date)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestMentionFields(t *testing.T) {
	text := "Tuesday news. Gondor's foreign minister condemned Mordor over the ceasefire."
	d := chronicle.Date{Year: 2020, Month: 5, Day: 1}
	cd := coder.New(worldDict(t), newTable(t), coder.DefaultOptions())
	ms := cd.Code(newAnalyzer(t).Analyze(text, d), chronicle.Article{ID: "a1", Date: d, Text: text})
	if len(ms) != 1 {
		t.Fatalf("got %d mentions, want 1: %+v", len(ms), ms)
	}
	m := ms[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"article", m.ArticleID, "a1"},
		{"sentence", m.Sentence, 1},
		{"code", m.Code, "111"},
		{"root", m.Root, "11"},
		{"quad", m.QuadClass, 3},
		{"plover", m.PLOVER.Type, "ACCUSE"},
		{"source text", m.Source.Text, "Gondor's foreign minister"},
		{"source offsets", text[m.Source.Start:m.Source.End], m.Source.Text},
		{"target text", m.Target.Text, "Mordor"},
		{"target entity", m.Target.Entity, "Mordor"},
		{"verb", m.Verb.Text, "condemned"},
		{"verb offsets", text[m.Verb.Start:m.Verb.End], "condemned"},
		{"evidence", m.Evidence.Text, text[14:]},
		{"evidence offsets", text[m.Evidence.Start:m.Evidence.End], m.Evidence.Text},
		{"date", m.Date, d},
		{"issues", strings.Join(m.Issues, ","), "PEACE"},
		{"version", m.CoderVersion, coder.Version},
		{"pattern", strings.HasPrefix(m.Pattern, "CONDEMN"), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if m.Goldstein >= 0 {
		t.Errorf("goldstein %v for a condemnation, want negative", m.Goldstein)
	}
}
