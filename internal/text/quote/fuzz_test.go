package quote

import (
	"strings"
	"testing"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"“We will not stop,” Abbas said. “This is a war.”",
		"Abbas said: \"We will not stop.\"\n\n\"Second,\" he said.",
		"“First.\n\n“Second,” said the ministry’s spokesman, Ashraf al-Qudra.",
		"”“\"\"“ ” \" a\" \"b ,” , said",
		"\xff“\xfe”\u2019 U.S. Gen. said, “",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, q := range Find(text) {
			if q.Start < prev || q.Start > q.Inner[0] || q.Inner[0] > q.Inner[1] || q.Inner[1] > q.End || q.End > len(text) {
				t.Fatalf("bad offsets %+v after %d in %d bytes", q, prev, len(text))
			}
			prev = q.End
			if q.Speaker == "" {
				if q.SpeakerAt != [2]int{-1, -1} {
					t.Fatalf("no speaker but SpeakerAt %v", q.SpeakerAt)
				}
				continue
			}
			if a := q.SpeakerAt; a[0] < 0 || a[0] >= a[1] || a[1] > len(text) || text[a[0]:a[1]] != q.Speaker || q.Cue == "" {
				t.Fatalf("speaker %q at %v, cue %q", q.Speaker, a, q.Cue)
			}
		}
		if at, cue, ok := Attribution(text); ok {
			if at[0] < 0 || at[0] >= at[1] || at[1] > len(text) || cue == "" {
				t.Fatalf("Attribution: %v %q", at, cue)
			}
		} else if at != [2]int{-1, -1} || cue != "" {
			t.Fatalf("failed Attribution returned %v %q", at, cue)
		}
	})
}

// newsText is about 64 KB of news-like English with quotations.
func newsText() string {
	paras := []string{
		"“We will not stop until the assault ends,” Mahmoud Abbas, the Palestinian president, said after the meeting. “This is a war against all Palestinians.”",
		"The foreign minister told reporters that humanitarian pauses were under discussion, adding: “We are working on it hour by hour.”",
		"Air strikes hit a refugee camp in the north of the territory on Tuesday, the health ministry said, and more than 120 people were wounded according to doctors at the hospital.",
		"“The first priority is aid.\n\n“The second is the hostages, and the third is the day after,” a senior official said on condition of anonymity.",
		"Protesters in London carried banners reading \"Ceasefire now\" as police made 14 arrests, the Metropolitan Police said in a statement.",
	}
	var b strings.Builder
	for b.Len() < 64<<10 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	text := newsText()
	Find(text) // load the lexicon outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(Find(text)) == 0 {
			b.Fatal("no quotes")
		}
	}
}

func BenchmarkAttribution(b *testing.B) {
	sentences := []string{
		"Israel will respond, a senior official said on Tuesday.",
		"The army killed three people, according to the health ministry.",
		"Blinken said the U.S. would not push for a ceasefire at this time.",
		"Troops withdrew from the town after two days of fighting.",
	}
	n := 0
	for _, s := range sentences {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sentences {
			Attribution(s)
		}
	}
}
