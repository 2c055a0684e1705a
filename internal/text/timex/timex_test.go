package timex

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// describe renders an expression as "text => value precision flags" so a
// test case reads like the result it expects.
func describe(e Expr) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s => %s %s", e.Text, e.Value, e.Precision)
	if e.Relative {
		b.WriteString(" rel")
	}
	if e.Past {
		b.WriteString(" past")
	}
	if e.Anaphoric {
		fmt.Fprintf(&b, " ana%+d", e.Shift)
	}
	if !e.Until.IsZero() {
		fmt.Fprintf(&b, " until %s", e.Until)
	}
	return b.String()
}

func TestHistorical(t *testing.T) {
	anchor := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	tests := []struct {
		text string
		want bool
	}{
		{"In 1948, hundreds of thousands fled.", true},
		{"The group was founded in 2022.", false},
		{"The group was founded in 2021.", true},
		{"The village was shelled three years ago.", true},
		{"The village was shelled last month.", false},
		{"The village was shelled in March.", false},
		{"The camp was built in the 1950s.", true},
		{"The accord was signed on 29 February 2020.", true},
		{"The accord was signed on Nov. 10, 2022.", false},
	}
	for _, tc := range tests {
		es := Find(tc.text, anchor)
		if len(es) != 1 {
			t.Errorf("Find(%q) = %d expressions, want 1", tc.text, len(es))
			continue
		}
		if got := es[0].Historical(anchor); got != tc.want {
			t.Errorf("%q: Historical = %v, want %v", tc.text, got, tc.want)
		}
		if es[0].Historical(chronicle.Date{}) {
			t.Errorf("%q: Historical with a zero anchor", tc.text)
		}
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		anchor string
		text   string
		want   []string
	}{
		// The seed article: "the day before" against 2023-11-08.
		{"2023-11-08", "Arab officials, whom Blinken had met the day before, echoed the same sentiments.",
			[]string{"the day before => 2023-11-07 day rel past ana-1"}},
		{"2023-11-08", "On 9 May 2020, protesters marched on parliament.",
			[]string{"9 May 2020 => 2020-05-09 day past"}},
		// Absolute forms.
		{"2023-11-08", "The vote was held on May 9, 2020 in Minsk.",
			[]string{"May 9, 2020 => 2020-05-09 day past"}},
		{"2023-11-08", "Clashes broke out on May 9.",
			[]string{"May 9 => 2023-05-09 day rel past"}},
		{"2023-11-08", "Troops withdrew on Nov. 8.",
			[]string{"Nov. 8 => 2023-11-08 day rel"}},
		{"2023-11-08", "Troops withdrew on Nov 7.",
			[]string{"Nov 7 => 2023-11-07 day rel past"}},
		{"2023-11-08", "Talks resumed on 8 November.",
			[]string{"8 November => 2023-11-08 day rel"}},
		{"2023-11-08", "The statement is dated 2023-11-08.",
			[]string{"2023-11-08 => 2023-11-08 day"}},
		{"2024-03-01", "Prices rose in November 2023.",
			[]string{"November 2023 => 2023-11-01 month past"}},
		{"2023-11-08", "The group was founded in 2019.",
			[]string{"2019 => 2019-01-01 year past"}},
		{"2023-11-08", "Rebels seized the town on the 3rd of November.",
			[]string{"3rd of November => 2023-11-03 day rel past"}},
		{"2023-11-08", "Rebels seized the town on November 3rd, 2022.",
			[]string{"November 3rd, 2022 => 2022-11-03 day past"}},
		{"2023-11-08", "Sept. 11, 2001 changed everything.",
			[]string{"Sept. 11, 2001 => 2001-09-11 day past"}},
		{"2023-11-08", "GAZA CITY, Nov 8 (Reuters) - Israeli jets struck overnight.",
			[]string{"Nov 8 => 2023-11-08 day rel"}},
		{"2023-11-08", "The ceasefire collapsed in October.",
			[]string{"October => 2023-10-01 month rel past"}},
		{"2023-11-08", "The ceasefire collapsed in December.",
			[]string{"December => 2022-12-01 month rel past"}},
		{"2023-11-08", "Elections are due in February.",
			[]string{"February => 2024-02-01 month rel"}},
		{"2023-11-08", "It was agreed on Wednesday, Nov. 1, 2023.",
			[]string{"Wednesday, Nov. 1, 2023 => 2023-11-01 day past"}},
		{"2023-11-08", "Fighting flared in early March.",
			[]string{"early March => 2023-03-01 month rel past"}},
		{"2023-11-08", "Fighting flared in mid-March.",
			[]string{"mid-March => 2023-03-01 month rel past"}},
		{"2023-11-08", "The war began in late 2019.",
			[]string{"late 2019 => 2019-01-01 year past"}},
		{"2023-11-08", "Nothing changed since 1967.",
			[]string{"1967 => 1967-01-01 year past"}},
		// Weekdays: latest on or before the anchor (a Wednesday).
		{"2023-11-08", "Israeli forces raided the camp on Wednesday.",
			[]string{"Wednesday => 2023-11-08 day rel"}},
		{"2023-11-08", "Israeli forces raided the camp on Monday.",
			[]string{"Monday => 2023-11-06 day rel past"}},
		{"2023-11-08", "Israeli forces raided the camp on Thursday.",
			[]string{"Thursday => 2023-11-02 day rel past"}},
		{"2023-11-06", "Police arrested 40 people on Monday.",
			[]string{"Monday => 2023-11-06 day rel"}},
		{"2023-11-08", "Protests erupted Wednesday night.",
			[]string{"Wednesday night => 2023-11-08 day rel"}},
		{"2023-11-08", "The strike happened early Tuesday.",
			[]string{"early Tuesday => 2023-11-07 day rel past"}},
		{"2023-11-08", "The strike happened early Tuesday morning.",
			[]string{"early Tuesday morning => 2023-11-07 day rel past"}},
		{"2023-11-08", "Ministers will meet next Wednesday.",
			[]string{"next Wednesday => 2023-11-15 day rel"}},
		{"2023-11-08", "Ministers will meet on Friday.",
			[]string{"Friday => 2023-11-10 day rel"}},
		{"2023-11-08", "Ministers met last Wednesday.",
			[]string{"last Wednesday => 2023-11-01 day rel past"}},
		{"2023-11-08", "Ministers met this past Sunday.",
			[]string{"this past Sunday => 2023-11-05 day rel past"}},
		{"2023-11-08", "The minister said on Tuesday that talks will resume.",
			[]string{"Tuesday => 2023-11-07 day rel past"}},
		{"2023-11-08", "The reading resumed on Tuesday's session.",
			[]string{"Tuesday => 2023-11-07 day rel past"}},
		// Relative phrases.
		{"2023-11-08", "Militants fired rockets today.",
			[]string{"today => 2023-11-08 day rel"}},
		{"2023-11-08", "Militants fired rockets yesterday.",
			[]string{"yesterday => 2023-11-07 day rel past"}},
		{"2023-11-08", "Militants fired rockets Yesterday.",
			[]string{"Yesterday => 2023-11-07 day rel past"}},
		{"2023-11-08", "The president speaks tonight.",
			[]string{"tonight => 2023-11-08 day rel"}},
		{"2023-11-08", "Gunmen attacked a checkpoint last night.",
			[]string{"last night => 2023-11-07 day rel past"}},
		{"2023-11-08", "They met the previous day.",
			[]string{"the previous day => 2023-11-07 day rel past ana-1"}},
		{"2023-11-08", "They had met a day earlier in Amman.",
			[]string{"a day earlier => 2023-11-07 day rel past ana-1"}},
		{"2023-11-08", "They met the day before yesterday.",
			[]string{"the day before yesterday => 2023-11-06 day rel past"}},
		{"2023-11-08", "The talks continue tomorrow.",
			[]string{"tomorrow => 2023-11-09 day rel"}},
		{"2023-11-08", "Aid convoys arrived last week.",
			[]string{"last week => 2023-10-30 week rel past"}},
		{"2023-11-08", "Aid convoys arrived this week.",
			[]string{"this week => 2023-11-06 week rel"}},
		{"2023-11-08", "Aid convoys arrive next week.",
			[]string{"next week => 2023-11-13 week rel"}},
		{"2023-11-08", "Aid convoys arrived earlier this week.",
			[]string{"earlier this week => 2023-11-06 week rel"}},
		{"2023-11-08", "Prices rose last month.",
			[]string{"last month => 2023-10-01 month rel past"}},
		{"2024-01-15", "Prices rose last month.",
			[]string{"last month => 2023-12-01 month rel past"}},
		{"2023-11-08", "The blockade was imposed earlier this month.",
			[]string{"earlier this month => 2023-11-01 month rel"}},
		{"2023-11-08", "Growth slowed this year.",
			[]string{"this year => 2023-01-01 year rel"}},
		{"2023-11-08", "Growth slowed last year.",
			[]string{"last year => 2022-01-01 year rel past"}},
		{"2023-11-08", "The village was shelled three days ago.",
			[]string{"three days ago => 2023-11-05 day rel past"}},
		{"2023-11-08", "The village was shelled 10 days ago.",
			[]string{"10 days ago => 2023-10-29 day rel past"}},
		{"2023-11-08", "The village was shelled two weeks ago.",
			[]string{"two weeks ago => 2023-10-23 week rel past"}},
		{"2023-11-08", "The village was shelled a month ago.",
			[]string{"a month ago => 2023-10-01 month rel past"}},
		{"2023-11-08", "The village was shelled two years ago.",
			[]string{"two years ago => 2021-01-01 year rel past"}},
		{"2023-11-08", "The blast came two hours ago.",
			[]string{"two hours ago => 2023-11-08 day rel"}},
		{"2023-11-08", "Three days later, troops withdrew.",
			[]string{"Three days later => 2023-11-11 day rel ana+3"}},
		{"2023-11-08", "Crowds gathered over the weekend.",
			[]string{"the weekend => 2023-11-04 day rel past until 2023-11-05"}},
		{"2023-11-12", "Crowds gathered over the weekend.",
			[]string{"the weekend => 2023-11-11 day rel until 2023-11-12"}},
		{"2023-11-08", "Crowds gathered last weekend.",
			[]string{"last weekend => 2023-11-04 day rel past until 2023-11-05"}},
		{"2023-11-08", "Crowds will gather this weekend.",
			[]string{"this weekend => 2023-11-11 day rel until 2023-11-12"}},
		// Year boundaries and leap years.
		{"2024-01-02", "The raid took place on Dec. 30.",
			[]string{"Dec. 30 => 2023-12-30 day rel past"}},
		{"2024-01-02", "The raid took place on Friday.",
			[]string{"Friday => 2023-12-29 day rel past"}},
		{"2024-01-02", "Arrests were made last week.",
			[]string{"last week => 2023-12-25 week rel past"}},
		{"2024-01-02", "Arrests were made last year.",
			[]string{"last year => 2023-01-01 year rel past"}},
		{"2024-01-01", "The attack happened yesterday.",
			[]string{"yesterday => 2023-12-31 day rel past"}},
		{"2024-03-01", "The accord was signed on Feb. 29.",
			[]string{"Feb. 29 => 2024-02-29 day rel past"}},
		{"2024-03-01", "The accord was signed yesterday.",
			[]string{"yesterday => 2024-02-29 day rel past"}},
		{"2023-03-01", "The accord was signed on Feb. 29.", nil},
		{"2023-11-08", "The accord was signed on 29 February 2020.",
			[]string{"29 February 2020 => 2020-02-29 day past"}},
		{"2023-11-08", "The accord was signed on 29 February 2023.", nil},
		{"2023-11-08", "The accord was signed on Feb. 30.", nil},
		{"2023-11-08", "The file says 2023-02-30.", nil},
		{"2023-11-08", "It ran until April 31.", nil},
		// Tense around year-less dates and weekdays.
		{"1987-04-08", "Pay April 27. Record April 20.",
			[]string{"April 27 => 1987-04-27 day rel", "April 20 => 1987-04-20 day rel"}},
		{"1987-03-12", "The labour contract expired December 13.",
			[]string{"December 13 => 1986-12-13 day rel past"}},
		{"1987-04-09", "Final terms will be set on or before April 15.",
			[]string{"April 15 => 1987-04-15 day rel"}},
		{"2023-11-08", "Elections will be held on Jan. 14.",
			[]string{"Jan. 14 => 2024-01-14 day rel"}},
		{"2023-04-10", "In June, the army attacked the town.",
			[]string{"June => 2022-06-01 month rel past"}},
		{"1987-04-01", "Prices are quoted for shipments through June.",
			[]string{"June => 1987-06-01 month rel"}},
		{"2023-03-15", "Prices have doubled since last November.",
			[]string{"last November => 2022-11-01 month rel past"}},
		{"2023-03-02", "The tax will be introduced next January.",
			[]string{"next January => 2024-01-01 month rel"}},
		{"2023-11-08", "The minister will travel to Cairo on Tuesday.",
			[]string{"Tuesday => 2023-11-14 day rel"}},
		{"2023-11-08", "On Tuesday, the minister said talks will resume.",
			[]string{"Tuesday => 2023-11-07 day rel past"}},
		{"2023-11-08", "On Tuesday, the minister will fly to Cairo.",
			[]string{"Tuesday => 2023-11-14 day rel"}},
		{"1987-10-20", "Exports were 540 mln dlrs in September last year.",
			[]string{"September last year => 1986-09-01 month rel past"}},
		{"2023-11-08", "Talks are planned for March next year.",
			[]string{"March next year => 2024-03-01 month rel"}},
		// Historical markers.
		{"2023-11-08", "Refugees of the 1948 war and their descendants live in the camp.",
			[]string{"1948 => 1948-01-01 year past"}},
		{"2023-11-08", "The camp was built in the 1950s.",
			[]string{"1950s => 1950-01-01 year past until 1959-12-31"}},
		{"2023-11-08", "Tensions rose in the early 1980s.",
			[]string{"early 1980s => 1980-01-01 year past until 1989-12-31"}},
		{"2023-11-08", "The 2000 troops left.", nil},
		{"1987-02-26", "WELLINGTON, Feb 27 - The earthquake damaged roads, officials said.",
			[]string{"Feb 27 => 1987-02-27 day rel"}},
		{"1987-02-26", "Caracas, feb 26 - Venezuela said it would pay.",
			[]string{"feb 26 => 1987-02-26 day rel"}},
		{"2023-11-08", "Troops pulled out on Nov. 20.",
			[]string{"Nov. 20 => 2022-11-20 day rel past"}},
		// Numeric dates.
		{"2023-11-08", "05/09/2020: Assailants attacked a police post.",
			[]string{"05/09/2020 => 2020-05-09 day past"}},
		{"2023-11-08", "Filed 25/12/2020 in Nairobi.",
			[]string{"25/12/2020 => 2020-12-25 day past"}},
		{"2023-11-08", "Dated 2020/05/09.",
			[]string{"2020/05/09 => 2020-05-09 day past"}},
		{"2023-11-08", "The ratio was 13/14/2020 and 3/4 of them.", nil},
		// Ranges.
		{"2023-11-08", "Talks were held between May 1 and May 3.",
			[]string{"May 1 and May 3 => 2023-05-01 day rel past until 2023-05-03"}},
		{"2023-11-08", "Talks were held on May 1-3, 2021.",
			[]string{"May 1-3, 2021 => 2021-05-01 day past until 2021-05-03"}},
		{"2023-11-08", "Talks were held 1-3 May.",
			[]string{"1-3 May => 2023-05-01 day rel past until 2023-05-03"}},
		{"2023-11-08", "Clashes continued between 1 and 3 May 2020.",
			[]string{"1 and 3 May 2020 => 2020-05-01 day past until 2020-05-03"}},
		{"2023-11-08", "Clashes continued between 31 May and 1 June 2020.",
			[]string{"31 May and 1 June 2020 => 2020-05-31 day past until 2020-06-01"}},
		{"2023-11-08", "Clashes continued from 30 December 2019 to 2 January 2020.",
			[]string{"30 December 2019 to 2 January 2020 => 2019-12-30 day past until 2020-01-02"}},
		{"2023-11-08", "During the night of 8-9 May 2020, militants attacked a checkpoint.",
			[]string{"8-9 May 2020 => 2020-05-08 day past until 2020-05-09"}},
		{"2023-11-08", "On 9 May and 12 May, protesters marched.",
			[]string{"9 May => 2023-05-09 day rel past", "12 May => 2023-05-12 day rel past"}},
		{"2023-11-08", "The offer ran from May 30, 2020 to June 2, 2020.",
			[]string{"May 30, 2020 to June 2, 2020 => 2020-05-30 day past until 2020-06-02"}},
		{"2023-11-08", "The offer ran from May 30 to June 2, 2020.",
			[]string{"May 30 to June 2, 2020 => 2020-05-30 day past until 2020-06-02"}},
		{"2023-11-08", "The drought lasted from 2019 to 2021.",
			[]string{"2019 to 2021 => 2019-01-01 year past until 2021-12-31"}},
		// False positives.
		{"2023-11-08", "Iran may respond to the attack.", nil},
		{"2023-11-08", "Iran May Respond To Attack", nil},
		{"2023-11-08", "Thousands joined the march in the capital.", nil},
		{"2023-11-08", "The March rally drew crowds.", nil},
		{"2023-11-08", "Protesters will March on the capital.", nil},
		{"2023-11-08", "The Sunday Times reported the deal.", nil},
		{"2023-11-08", "Crowds marked Independence Day in Kyiv.", nil},
		{"2023-11-08", "Pilgrims gathered for Good Friday prayers.", nil},
		{"2023-11-08", "April Ryan asked the first question.", nil},
		{"2023-11-08", "The august assembly voted.", nil},
		{"2023-11-08", "Police fired 2019 rounds and detained 35 people.", nil},
		{"2023-11-08", "In May 3,000 people fled.",
			[]string{"May => 2023-05-01 month rel past"}},
		{"2023-11-08", "The army deployed 1,500 troops in 12 hours.", nil},
		{"2023-11-08", "The vote, scheduled for the day before the holiday, was postponed.", nil},
		{"2023-11-08", "USA Today reported the figures.", nil},
		{"2023-11-08", "Refugees fled in recent days.", nil},
		{"2023-11-08", "Nov. 35 is no date.", nil},
		// Zero anchor: relative expressions keep their span, absolute ones their value.
		{"", "On 9 May 2020 and yesterday and on Monday.",
			[]string{"9 May 2020 => 2020-05-09 day", "yesterday =>  day rel", "Monday =>  day rel"}},
		// Several in one text.
		{"2023-11-08", "Blinken met Abbas on Sunday, a day after he met Arab ministers in Amman on Nov. 4.",
			[]string{"Sunday => 2023-11-05 day rel past", "Nov. 4 => 2023-11-04 day rel past"}},
		{"2023-11-08", "In 1948, hundreds of thousands fled; last year, more did.",
			[]string{"1948 => 1948-01-01 year past", "last year => 2022-01-01 year rel past"}},
	}
	// One Finder for every case: what it keeps from a call must not
	// change the next.
	var f Finder
	for _, tc := range tests {
		var anchor chronicle.Date
		if tc.anchor != "" {
			var err error
			if anchor, err = chronicle.ParseDate(tc.anchor); err != nil {
				t.Fatal(err)
			}
		}
		var got, reused []string
		for _, e := range Find(tc.text, anchor) {
			got = append(got, describe(e))
		}
		for _, e := range f.Find(tc.text, anchor) {
			reused = append(reused, describe(e))
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("Find(%q, %s):\n got  %q\n want %q", tc.text, tc.anchor, got, tc.want)
		}
		if strings.Join(reused, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("Finder.Find(%q, %s):\n got  %q\n want %q", tc.text, tc.anchor, reused, tc.want)
		}
	}
}
