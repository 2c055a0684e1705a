package coref

import (
	"testing"

	"github.com/chronicle-dev/chronicle"
)

func FuzzResolve(f *testing.F) {
	f.Add(seedText)
	f.Add(`"I reject this," he said. "We will not leave," they said. It was not clear.`)
	f.Add("The president. The president's office said it. Her. his")
	f.Add("Mr. Mr. Mr. Secretary of of State , , , the the minister of")
	f.Add("\"We\" \"I\" she him them their its the general, the general")
	an, dict := loadStack(f)
	r, err := New(dict)
	if err != nil {
		f.Fatal(err)
	}
	date := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	f.Fuzz(func(t *testing.T, s string) {
		d := an.Analyze(s, date)
		links := r.Resolve(d, date)
		for i, l := range links {
			if l.Sentence < 0 || l.Sentence >= len(d.Sentences) {
				t.Fatalf("link %d: sentence %d of %d", i, l.Sentence, len(d.Sentences))
			}
			sn := d.Sentences[l.Sentence]
			if l.From[0] < sn.FirstTok || l.From[1] > sn.LastTok || l.From[0] >= l.From[1] {
				t.Fatalf("link %d: anaphor %v outside sentence [%d,%d)", i, l.From, sn.FirstTok, sn.LastTok)
			}
			if l.To[0] < 0 || l.To[1] > len(d.Tokens) || l.To[0] >= l.To[1] {
				t.Fatalf("link %d: antecedent %v outside %d tokens", i, l.To, len(d.Tokens))
			}
			if i > 0 && links[i-1].From[0] > l.From[0] {
				t.Fatalf("links out of order")
			}
			switch l.Kind {
			case KindPronoun, KindTitle, KindSurname, KindAlias:
			default:
				t.Fatalf("link %d: kind %q", i, l.Kind)
			}
			_ = l.Span(d)
			if got, ok := Lookup(links, l.From[0], l.From[1]); !ok || got.From != l.From {
				t.Fatalf("Lookup misses link %d", i)
			}
		}
	})
}
