package timex

import (
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"On 9 May 2020, protesters marched.",
		"Arab officials, whom Blinken had met the day before, echoed them.",
		"Talks were held between May 1 and May 3, 2021, and again 1-3 June.",
		"GAZA CITY, Nov 8 (Reuters) - three days ago, early Tuesday morning, last week",
		"2023-02-29 Feb. 29 mid-2019 from 2019 to 2021 Wed., Nov. 8",
		"\xff\xfeMay 9\u00a0Nov.\u2013 31st of",
	} {
		f.Add(s, 2023, 11, 8)
	}
	f.Fuzz(func(t *testing.T, text string, y, m, d int) {
		anchor, ok := makeDate(y, m, d)
		if !ok || y > 9999 {
			anchor = chronicle.Date{}
		}
		prev := 0
		for _, e := range Find(text, anchor) {
			if e.Start < prev || e.End <= e.Start || e.End > len(text) {
				t.Fatalf("bad offsets %d:%d after %d in %d bytes", e.Start, e.End, prev, len(text))
			}
			prev = e.End
			if e.Text != text[e.Start:e.End] {
				t.Fatalf("Text %q is not text[%d:%d]", e.Text, e.Start, e.End)
			}
			switch e.Precision {
			case chronicle.PrecisionDay, chronicle.PrecisionWeek, chronicle.PrecisionMonth, chronicle.PrecisionYear:
			default:
				t.Fatalf("%q: precision %q", e.Text, e.Precision)
			}
			if !e.Value.IsZero() {
				if _, ok := makeDate(e.Value.Year, int(e.Value.Month), e.Value.Day); !ok {
					t.Fatalf("%q: impossible value %+v", e.Text, e.Value)
				}
			}
			if !e.Until.IsZero() && !e.Value.Before(e.Until) {
				t.Fatalf("%q: range ends %s before it starts %s", e.Text, e.Until, e.Value)
			}
			if e.Past && (anchor.IsZero() || !e.Value.Before(anchor)) {
				t.Fatalf("%q: Past with value %s and anchor %s", e.Text, e.Value, anchor)
			}
			if !e.Relative && e.Value.IsZero() {
				t.Fatalf("%q: absolute expression without a value", e.Text)
			}
		}
	})
}

// newsText is a few kilobytes of news-like English, mostly without dates,
// the way temporal expressions are spread through real articles.
func newsText() string {
	paras := []string{
		"RAMALLAH, Nov 8 (Chronicle) - The foreign minister met the Palestinian president on Wednesday in the occupied West Bank, a day after talks in Amman with Arab ministers who, officials said, had pressed for an immediate ceasefire.",
		"Three days ago, air strikes hit a refugee camp in the north of the territory; the health ministry said 47 people were killed and more than 120 wounded. The army said it had targeted a commander who planned the 7 October attack.",
		"Protesters gathered again over the weekend in several capitals, and organisers said a larger march would be held next week. Police in London arrested 14 people, the Metropolitan Police said in a statement late Sunday.",
		"The agency has warned since early last month that fuel would run out; on 3 November 2023 it said generators at two hospitals had stopped. Aid trucks crossed from Egypt earlier this week, but far fewer than the 500 a day that entered before the war.",
		"In 1948, hundreds of thousands of Palestinians fled or were expelled, a history that, analysts say, shapes how Arab governments respond today. The minister is expected to travel to Ankara tomorrow before returning to Washington.",
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
	anchor := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	Find(text, anchor) // load the lexicon outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(Find(text, anchor)) == 0 {
			b.Fatal("no expressions")
		}
	}
}
