package pipeline

import (
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// TestLocateActorCountries: a country that is one of a statement's actors
// is not where the statement was made; a material event done to a country
// is located there.
func TestLocateActorCountries(t *testing.T) {
	c := testCoding(t)
	a := chronicle.Article{ID: "loc", Date: chronicle.Date{Year: 2023, Month: 11, Day: 8},
		Text: "U.S. Secretary of State Antony Blinken met Palestinian President Mahmoud Abbas in Ramallah on Sunday. " +
			"Abbas urged the United States to press Israel for a ceasefire. " +
			"Russian forces shelled Ukraine overnight."}
	res := c.Code(a)
	want := map[string]string{"040": "Ramallah", "02": "Ramallah", "19": "Ukraine"}
	for _, m := range res.Coded.Mentions {
		for prefix, place := range want {
			if len(m.Code) < len(prefix) || m.Code[:len(prefix)] != prefix {
				continue
			}
			got := ""
			if m.Location != nil {
				got = m.Location.Name
			}
			if got != place {
				t.Errorf("%s %s→%s located at %q, want %q", m.Code, m.Source.Code, m.Target.Code, got, place)
			}
			delete(want, prefix)
		}
	}
	for prefix := range want {
		t.Errorf("no event with code %s*: %+v", prefix, res.Coded.Mentions)
	}
}
