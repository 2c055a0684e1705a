package coder_test

import (
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
)

// FuzzCode codes arbitrary text with the invented-world dictionaries:
// the coder must not panic, and every span it reports must point at the
// text it quotes.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Arnor attacked Gondor.",
		"Soldiers from Arnor and Gondor attacked Mordor, a Rohan official said.",
		"Gondor was attacked by Mordor. Arnor did not condemn Gondor's foreign minister.",
		"If Mordor attacks, , and Gondor will -- condemn Mordor",
		"Dol_Amroth ' s _ and , Arnor",
		"King Theoden urged Gondor to stop. He said Arnor would not push for talks, whom Mordor had met the day before.",
		"Rohan accused Gondor of the \u201cbrutal siege by Mordor\u201d on 3 May 2020. The troops attacked.",
	} {
		f.Add(s)
	}
	d := chronicle.Date{Year: 2020, Month: 5, Day: 1}
	f.Fuzz(func(t *testing.T, text string) {
		opts := coder.Options{RequireDyad: len(text)%2 == 0, NewActorLength: len(text) % 4, TailMin: len(text) % 3}
		cd := coder.New(worldDict(t), newTable(t), opts)
		art := chronicle.Article{ID: "f", Date: d, Text: text}
		for _, m := range cd.Code(newAnalyzer(t).Analyze(text, d), art) {
			spans := []chronicle.Span{m.Evidence, m.Verb, {Text: m.Source.Text, Start: m.Source.Start, End: m.Source.End}, {Text: m.Target.Text, Start: m.Target.Start, End: m.Target.End}}
			for _, p := range []*chronicle.Span{m.DateSpan, m.Source.Resolved, m.Target.Resolved} {
				if p != nil {
					spans = append(spans, *p)
				}
			}
			if d.Before(m.Date) {
				t.Fatalf("event dated %s, after the article", m.Date)
			}
			for _, sp := range spans {
				if sp.Text == "" {
					continue
				}
				if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || text[sp.Start:sp.End] != sp.Text {
					t.Fatalf("span %+v does not match the text %q", sp, text)
				}
			}
			if m.Code == "" || m.Source.Code == m.Target.Code {
				t.Fatalf("bad mention %+v", m)
			}
		}
	})
}
