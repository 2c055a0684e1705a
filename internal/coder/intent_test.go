package coder_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
)

// TestIntent checks announced acts, and the conventions PETRARCH mode
// (literal) keeps.
func TestIntent(t *testing.T) {
	tests := []struct {
		name, text string
		literal    bool
		want       []string
	}{
		{"future aid is an intent to provide aid", "Arnor will send aid to Gondor.", false,
			[]string{"ARN GON 033 future"}},
		{"PETRARCH keeps the act", "Arnor will send aid to Gondor.", true,
			[]string{"ARN GON 070 future"}},
		{"PETRARCH leaves an agent without a country", "Police attacked Mordor.", true,
			[]string{"---COP MOR 190 asserted"}},
		{"planned attack is a threat", "Arnor plans to attack Gondor.", false,
			[]string{"ARN GON 1384 future"}},
		{"ready to is future", "Arnor is ready to attack Gondor.", false,
			[]string{"ARN GON 1384 future"}},
		{"conditional sanctions are a threat", "Arnor could impose sanctions on Mordor.", false,
			[]string{"ARN MOR 1312 hypothetical"}},
		{"future withdrawal is an intent to de-escalate", "Mordor will withdraw its troops from Gondor.", false,
			[]string{"MOR GON 0356 future"}},
		{"a future visit stays a visit", "Arnor is to visit Gondor.", false,
			[]string{"ARN GON 042 future", "GON ARN 043 future"}},
		{"a reporting verb's pattern takes the reported clause's modality", "Rohan said it would impose sanctions on Mordor.", false,
			[]string{"ROH MOR 1312 hypothetical"}},
		{"a past act is not an intent", "Arnor sent aid to Gondor.", false,
			[]string{"ARN GON 070 asserted"}},
		{"negated future keeps the act", "Arnor will not condemn Gondor.", false,
			[]string{"ARN GON 111 negated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cd := coder.New(worldDict(t), newTable(t), coder.DefaultOptions())
			if tt.literal {
				cd = cd.PETRARCH()
			}
			got := codeText(t, cd, tt.text, "2020-05-01")
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestEventDates(t *testing.T) {
	tests := []struct {
		name, text, date string
		// want lists "SOURCE TARGET CODE DATE PRECISION FROM EVIDENCE MODALITY"
		// for each mention, in order.
		want []string
	}{
		{"article date without a date in the text", "Arnor attacked Gondor.", "2020-05-10",
			[]string{"ARN GON 190 2020-05-10 day article - asserted"}},
		{"explicit date", "Arnor attacked Gondor on 3 May 2020.", "2020-05-10",
			[]string{"ARN GON 190 2020-05-03 day text 3 May 2020 asserted"}},
		{"the day before counts from the article date", "Arnor, whom Gondor had attacked the day before, condemned Mordor.", "2020-05-10",
			[]string{"GON ARN 190 2020-05-09 day text the day before asserted", "ARN MOR 111 2020-05-10 day article - asserted"}},
		{"the day before counts from the last date mentioned", "Arnor attacked Gondor on 3 May 2020. Mordor, whom Gondor had attacked the day before, condemned Arnor.", "2020-05-10",
			[]string{"ARN GON 190 2020-05-03 day text 3 May 2020 asserted", "GON MOR 190 2020-05-02 day text the day before asserted", "MOR ARN 111 2020-05-10 day article - asserted"}},
		{"a sentence without a date resets the anchor", "Arnor attacked Gondor on 3 May 2020. Rohan condemned Arnor. Mordor, whom Gondor had attacked the day before, condemned Arnor.", "2020-05-10",
			[]string{"ARN GON 190 2020-05-03 day text 3 May 2020 asserted", "ROH ARN 111 2020-05-10 day article - asserted", "GON MOR 190 2020-05-09 day text the day before asserted", "MOR ARN 111 2020-05-10 day article - asserted"}},
		{"never after the article date", "Arnor will condemn Gondor on 20 May 2020.", "2020-05-10",
			[]string{"ARN GON 111 2020-05-10 day article - future"}},
		{"historical", "Arnor attacked Gondor in 1990.", "2020-05-10",
			[]string{"ARN GON 190 1990-01-01 year text 1990 historical"}},
		{"a present-tense act is not historical", "Arnor condemns Gondor over the war of 1990.", "2020-05-10",
			[]string{"ARN GON 111 2020-05-10 day article - asserted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := chronicle.ParseDate(tt.date)
			if err != nil {
				t.Fatal(err)
			}
			cd := coder.New(worldDict(t), newTable(t), coder.DefaultOptions())
			var got []string
			for _, m := range cd.Code(newAnalyzer(t).Analyze(tt.text, d), chronicle.Article{ID: "a", Date: d, Text: tt.text}) {
				ev := "-"
				if m.DateSpan != nil {
					ev = m.DateSpan.Text
					if tt.text[m.DateSpan.Start:m.DateSpan.End] != ev {
						t.Errorf("date evidence offsets do not match %q", ev)
					}
				}
				got = append(got, fmt.Sprintf("%s %s %s %s %s %s %s %s", m.Source.Code, m.Target.Code, m.Code, m.Date, m.DatePrecision, m.DateFrom, ev, m.Modality))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}
