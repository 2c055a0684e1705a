package quote

import (
	"fmt"
	"strings"
	"testing"
)

// describe renders a quote as "quoted text | speaker | cue", with "-" for
// a missing speaker or cue.
func describe(text string, q Quote) string {
	speaker, cue := q.Speaker, q.Cue
	if speaker == "" {
		speaker = "-"
	}
	if cue == "" {
		cue = "-"
	}
	return fmt.Sprintf("%s | %s | %s", text[q.Start:q.End], speaker, cue)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly after", "“We will not stop,” Abbas said.",
			[]string{"“We will not stop,” | Abbas | said"}},
		{"curly inverted", "“We will not stop,” said Abbas.",
			[]string{"“We will not stop,” | Abbas | said"}},
		{"inverted with adjunct", "“We will not stop,” said Abbas on Tuesday.",
			[]string{"“We will not stop,” | Abbas | said"}},
		{"inverted long subject", "“The crossing is closed,” said the ministry’s spokesman, Ashraf al-Qudra.",
			[]string{"“The crossing is closed,” | the ministry’s spokesman | said"}},
		{"statement", "“It is over,” the ministry said in a statement.",
			[]string{"“It is over,” | the ministry | said"}},
		{"colon before", "Abbas said: “We will not stop.”",
			[]string{"“We will not stop.” | Abbas | said"}},
		{"comma before", "Abbas said, “We will not stop.”",
			[]string{"“We will not stop.” | Abbas | said"}},
		{"told reporters before", "Blinken told reporters “we are working on pauses.”",
			[]string{"“we are working on pauses.” | Blinken | told reporters"}},
		{"told reporters after", "“We are working on pauses,” Blinken told reporters.",
			[]string{"“We are working on pauses,” | Blinken | told reporters"}},
		{"told a news conference", "“No,” the minister told a news conference in Amman.",
			[]string{"“No,” | the minister | told a news conference"}},
		{"told addressee", "“Stop the strikes,” Abbas told Blinken.",
			[]string{"“Stop the strikes,” | Abbas | told"}},
		{"pronoun", "“It is a war against all Palestinians,” he said.",
			[]string{"“It is a war against all Palestinians,” | he | said"}},
		{"official on Tuesday", "“Go home,” a senior official said on Tuesday.",
			[]string{"“Go home,” | a senior official | said"}},
		{"relative clause", "\"Go home,\" a senior official, who asked not to be named, said on Tuesday.",
			[]string{"\"Go home,\" | a senior official | said"}},
		{"apposition", "“We need a ceasefire,” Mahmoud Abbas, the Palestinian president, said.",
			[]string{"“We need a ceasefire,” | Mahmoud Abbas, the Palestinian president | said"}},
		{"also said", "“We need a ceasefire,” Abbas also said.",
			[]string{"“We need a ceasefire,” | Abbas | said"}},
		{"question", "“Where is the aid?” asked a doctor in Khan Younis.",
			[]string{"“Where is the aid?” | a doctor | asked"}},
		{"exclamation", "“Free Palestine!” the crowd shouted.",
			[]string{"“Free Palestine!” | the crowd | shouted"}},
		{"weak verb", "“Civilians must be protected,” Blinken stressed.",
			[]string{"“Civilians must be protected,” | Blinken | stressed"}},
		{"tweeted", "“A dark day,” the senator tweeted.",
			[]string{"“A dark day,” | the senator | tweeted"}},
		{"straight quotes", "\"We condemn the attack,\" the ministry said.",
			[]string{"\"We condemn the attack,\" | the ministry | said"}},
		{"straight before", "The ministry said in a statement: \"We condemn it.\"",
			[]string{"\"We condemn it.\" | The ministry | said"}},
		{"U.S. speaker", "“Aid must flow,” U.S. officials said.",
			[]string{"“Aid must flow,” | U.S. officials | said"}},
		{"coordinated speaker", "“The talks failed,” Britain and France said.",
			[]string{"“The talks failed,” | Britain and France | said"}},
		{"no speaker", "Abbas demanded an end to the “atrocious, murderous assault by Israel” on the Palestinian people.",
			[]string{"“atrocious, murderous assault by Israel” | - | -"}},
		{"scare quotes", "The so-called “security zone” was expanded.",
			[]string{"“security zone” | - | -"}},
		{"full stop closes", "“The war is over.” Abbas left the room.",
			[]string{"“The war is over.” | - | -"}},
		{"direct verb before", "Abbas demanded “an end to the assault.”",
			[]string{"“an end to the assault.” | Abbas | demanded"}},
		{"kept speaker", "“We will not stop,” Abbas said. “This is a war against all Palestinians.”",
			[]string{"“We will not stop,” | Abbas | said", "“This is a war against all Palestinians.” | Abbas | said"}},
		{"speaker not kept across text", "“We will not stop,” Abbas said. Then Blinken spoke. “We hear you.”",
			[]string{"“We will not stop,” | Abbas | said", "“We hear you.” | - | -"}},
		{"nested single", "“They called it ‘a humanitarian pause,’ not a ceasefire,” the diplomat said.",
			[]string{"“They called it ‘a humanitarian pause,’ not a ceasefire,” | the diplomat | said"}},
		{"nested straight in curly", "“They called it \"a pause\" and left,” the diplomat said.",
			[]string{"“They called it \"a pause\" and left,” | the diplomat | said"}},
		{"multi sentence", "“We will not stop. We will never stop. Never,” Abbas said.",
			[]string{"“We will not stop. We will never stop. Never,” | Abbas | said"}},
		{"multi paragraph", "“The first point is aid.\n\n“The second point is the hostages,” Blinken said.",
			[]string{"“The first point is aid.\n\n“The second point is the hostages,” | Blinken | said"}},
		{"multi paragraph after attribution", "“The first point is aid,” Blinken said. “We are pressing.\n\n“The second point is the hostages.”\n\nHe left.",
			[]string{"“The first point is aid,” | Blinken | said", "“We are pressing.\n\n“The second point is the hostages.” | Blinken | said"}},
		{"multi paragraph straight", "\"First.\n\n\"Second,\" she said.",
			[]string{"\"First.\n\n\"Second,\" | she | said"}},
		{"unclosed to paragraph end", "“We will not stop, Abbas said.\n\nThe talks ended.",
			[]string{"“We will not stop, Abbas said. | - | -"}},
		{"unclosed then new quote", "He said “yes and then “no,” she said.",
			[]string{"“yes and then | He | said", "“no,” | she | said"}},
		{"stray close", "The report” ended there.", nil},
		{"stray straight at end", "He measured a 12\" pipe.", nil},
		{"empty text", "", nil},
		{"only marks", "“”", []string{"“” | - | -"}},
		{"two quotes two speakers", "“Yes,” said Abbas. “No,” said Blinken.",
			[]string{"“Yes,” | Abbas | said", "“No,” | Blinken | said"}},
		{"passive not speaker", "He was told “leave now.”",
			[]string{"“leave now.” | - | -"}},
		{"quoted as saying", "“We are ready,” Abbas was quoted as saying.",
			[]string{"“We are ready,” | Abbas | saying"}},
		{"says present", "“We are ready,” says Abbas.",
			[]string{"“We are ready,” | Abbas | says"}},
		{"dash ending", "“We are ready —” Abbas said.",
			[]string{"“We are ready —” | Abbas | said"}},
		{"title abbreviation", "“We hold the line,” Lt. Gen. Herzi Halevi said.",
			[]string{"“We hold the line,” | Lt. Gen. Herzi Halevi | said"}},
		{"said no", "He said no. “Later,” she said.",
			[]string{"“Later,” | she | said"}},
		{"inverted stops at participle", "“Brazil has to do business,” said another official following an assessment.",
			[]string{"“Brazil has to do business,” | another official | said"}},
		{"plural possessive", "“No reason to tighten,” Data Resources' Wyss said.",
			[]string{"“No reason to tighten,” | Data Resources' Wyss | said"}},
		{"parenthesis", "\"We will have a bill,\" Sen. David Boren (D-Okla.) said.",
			[]string{"\"We will have a bill,\" | Sen. David Boren | said"}},
		{"commented", "“It will not change,” commented Michel Develle, an economist.",
			[]string{"“It will not change,” | Michel Develle | commented"}},
		{"apposition without second comma", "\"The import will wait,\" Daniel Tulis, a gas analyst with Shearson Lehman Bros. said.",
			[]string{"\"The import will wait,\" | Daniel Tulis, a gas analyst with Shearson Lehman Bros. | said"}},
		{"noun-like verb next to a quote", "“Growth is slow,” the report notes.",
			[]string{"“Growth is slow,” | the report | notes"}},
		{"quoted someone as saying", "“Much attention was given,” PAP quoted Baka as saying.",
			[]string{"“Much attention was given,” | Baka | quoted as saying"}},
		{"according after", "“It was a massacre,” according to the health ministry.",
			[]string{"“It was a massacre,” | the health ministry | according to"}},
		// No quotation marks at all: Find skips the text without tokens.
		{"no marks", "Abbas said the crossing would open on Tuesday.", nil},
		{"apostrophes only", "The ministry’s spokesman said it was 'over'.", nil},
	}
	// One Finder for every case: what it keeps from a call must not
	// change the next.
	var f Finder
	for _, tc := range tests {
		var got, reused []string
		for _, q := range Find(tc.text) {
			got = append(got, describe(tc.text, q))
		}
		for _, q := range f.Find(tc.text) {
			reused = append(reused, describe(tc.text, q))
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: Find(%q)\n got  %q\n want %q", tc.name, tc.text, got, tc.want)
		}
		if strings.Join(reused, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: Finder.Find(%q)\n got  %q\n want %q", tc.name, tc.text, reused, tc.want)
		}
	}
}

func TestFindOffsets(t *testing.T) {
	text := "Abbas said: “We will not stop,” and left."
	qs := Find(text)
	if len(qs) != 1 {
		t.Fatalf("got %d quotes, want 1", len(qs))
	}
	q := qs[0]
	if got := text[q.Inner[0]:q.Inner[1]]; got != "We will not stop," {
		t.Errorf("inner = %q", got)
	}
	if got := text[q.SpeakerAt[0]:q.SpeakerAt[1]]; got != "Abbas" || q.Speaker != "Abbas" {
		t.Errorf("speaker at %v = %q, Speaker %q", q.SpeakerAt, got, q.Speaker)
	}
	qs = Find("“No speaker here.”")
	if len(qs) != 1 || qs[0].SpeakerAt != [2]int{-1, -1} {
		t.Errorf("quote without speaker: %+v", qs)
	}
}

func TestAttribution(t *testing.T) {
	tests := []struct {
		text, speaker, cue string
	}{
		{"Israel will respond, a senior official said on Tuesday.", "a senior official", "said"},
		{"The strikes killed 40 people, officials said.", "officials", "said"},
		{"The army killed three people, according to the health ministry.", "the health ministry", "according to"},
		{"According to the United Nations, 1.5 million people have fled.", "the United Nations", "according to"},
		{"Blinken said the U.S. would not push for a ceasefire.", "Blinken", "said"},
		{"Blinken said that the U.S. would not push for a ceasefire.", "Blinken", "said"},
		{"On Tuesday, the ministry said that aid was blocked.", "the ministry", "said"},
		{"The Palestinian Health Ministry said on Tuesday.", "The Palestinian Health Ministry", "said"},
		{"He said aid was coming.", "He", "said"},
		{"The strike hit a school, said a spokesman for the agency.", "a spokesman for the agency", "said"},
		{"Hamas warned that it would retaliate.", "Hamas", "warned"},
		{"The convoy was attacked, the agency added.", "the agency", "added"},
		{"Abbas told reporters that the talks had failed.", "Abbas", "told reporters"},
		{"Abbas, the Palestinian president, said the talks had failed.", "Abbas, the Palestinian president", "said"},
		{"Troops withdrew, the army said in a statement late Wednesday.", "the army", "said"},
		{"In a statement Rostenkowski said the plan was fair.", "Rostenkowski", "said"},
		{"Last month IBM said it had made a faster chip.", "IBM", "said"},
		{"On Tuesday the ministry said aid was blocked.", "the ministry", "said"},
		{"The division includes 60 supermarkets in five states.", "", ""},
		{"The company posted a loss.", "", ""},
		{"The company announced that it would close the plant.", "The company", "announced"},
		{"GAZA, Nov 8 - The Palestinian Health Ministry said 40 people were killed.", "The Palestinian Health Ministry", "said"},
		{"FORT WORTH, March 6 - American Airlines Inc, owned by AMR Corp, said its load factor dropped to 60.2 pct from 64.0 pct.", "American Airlines Inc", "said"},
		{"LONDON, March 1 - The news agency, received here, said Iran captured a fort.", "The news agency", "said"},
		{"He did not say how the shortfall would be covered.", "He", "say"},
		{"He also declined to say what the sum was.", "", ""},
		{"Analysts and oil industry sources said supply was the problem.", "Analysts and oil industry sources", "said"},
		{"Blinken met Abbas and officials said the talks were tense.", "", ""},
		{"Meantime, <Nippon Telegraph and Telephone> of Japan said it has built a chip.", "<Nippon Telegraph and Telephone> of Japan", "said"},
		{"Halcyon, which said it has spent 20.1 mln dlrs for its Purolator common shares, said it also acquired options.", "Halcyon", "said"},
		{"Under the disengagement plan, Israel will evacuate all 21 settlements in the Gaza Strip in mid-August, said a spokesperson for the prime minister.", "a spokesperson for the prime minister", "said"},
		{"The United States continued to send arms to Pakistan last year, a State Department official said.", "a State Department official", "said"},
		{"The group marched on Tuesday, saying it would return.", "", ""},
		{"The minister was quoted as saying the border would open.", "The minister", "saying"},
		{"The United States on Thursday demanded that the talks resume.", "The United States", "demanded"},
		{"Iraq today said the border was open.", "Iraq", "said"},
		{"The bank notes were printed abroad.", "", ""},
		{"He was told to leave.", "", ""},
		{"The army added three brigades.", "", ""},
		{"U.S. officials, however, believe that support is crucial.", "", ""},
		{"Troops withdrew from the town.", "", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		at, cue, ok := Attribution(tc.text)
		got := ""
		if ok {
			got = tc.text[at[0]:at[1]]
		} else if at != [2]int{-1, -1} || cue != "" {
			t.Errorf("Attribution(%q) failed but returned %v %q", tc.text, at, cue)
		}
		if got != tc.speaker || cue != tc.cue || ok != (tc.speaker != "") {
			t.Errorf("Attribution(%q) = %q %q %v, want %q %q", tc.text, got, cue, ok, tc.speaker, tc.cue)
		}
	}
}

func TestParseLexicon(t *testing.T) {
	if _, err := parseLexicon(speechText); err != nil {
		t.Fatalf("embedded lexicon: %v", err)
	}
	for _, tc := range []struct{ src, wantErr string }{
		{"verb loud shouted", "verb wants strong, weak or quote"},
		{"verb strong", "needs words"},
		{"# c\nstop", "line 2"},
		{"frobnicate x", `unknown entry kind "frobnicate"`},
	} {
		if _, err := parseLexicon(tc.src); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("parseLexicon(%q) = %v, want %q", tc.src, err, tc.wantErr)
		}
	}
}
