package coder_test

import (
	"slices"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
)

func TestCoreference(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "SOURCE TARGET CODE SOURCE-RESOLVED-FROM"
	}{
		{"pronoun subject", "King Theoden visited Gondor on Monday. He condemned Mordor.",
			[]string{"ROHGOV GON 042 -", "GON ROHGOV 043 -", "ROHGOV MOR 111 King Theoden"}},
		{"no antecedent, no actor", "He condemned Mordor.", nil},
		{"a company is not the country in its name", "Trading Co of Gondor said it condemned Mordor.", nil},
		{"definite agent takes the country of its last mention", "Gondorian troops massed on Monday. The troops attacked Mordor.",
			[]string{"GONMIL MOR 190 -"}},
		{"possessive agent takes its owner's country", "Gondor said its troops attacked Mordor.",
			[]string{"GONMIL MOR 190 -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := chronicle.Date{Year: 2005, Month: 6, Day: 1}
			cd := coder.New(worldDict(t), newTable(t), coder.DefaultOptions())
			var got []string
			for _, m := range cd.Code(newAnalyzer(t).Analyze(tt.text, d), chronicle.Article{ID: "a", Date: d, Text: tt.text}) {
				from := "-"
				if m.Source.Resolved != nil {
					from = m.Source.Resolved.Text
					if tt.text[m.Source.Resolved.Start:m.Source.Resolved.End] != from {
						t.Errorf("resolved offsets do not match %q", from)
					}
				}
				got = append(got, m.Source.Code+" "+m.Target.Code+" "+m.Code+" "+from)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}
