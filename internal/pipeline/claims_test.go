package pipeline

import (
	"context"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
)

// TestCodeClaims checks that Coding.Code finds the two claims and
// that the mentions coded from their verbs carry them.
func TestCodeClaims(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	c, err := Load(context.Background(), Config{Options: coder.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	a := chronicle.Article{ID: "claims", Date: chronicle.Date{Year: 2023, Month: 11, Day: 6},
		Text: "Palestinian President Mahmoud Abbas demanded an end to the assault on Gaza when he met Antony Blinken in Ramallah on Sunday. " +
			"U.S. Secretary of State Antony Blinken proposed rolling humanitarian pauses in Gaza, officials said."}
	res := c.Code(a)
	for _, tc := range []struct {
		verb, speaker, content, stance string
	}{
		{"demanded", "PSEGOV", "an end to the assault on Gaza", "support"},
		{"proposed", "USAGOV", "rolling humanitarian pauses in Gaza", "support"},
	} {
		var m *chronicle.Mention
		for i := range res.Coded.Mentions {
			if res.Coded.Mentions[i].Verb.Text == tc.verb {
				m = &res.Coded.Mentions[i]
				break
			}
		}
		if m == nil {
			t.Errorf("no mention coded from %q: %+v", tc.verb, res.Coded.Mentions)
			continue
		}
		cl := m.Claim
		if cl == nil {
			t.Errorf("mention from %q carries no claim", tc.verb)
			continue
		}
		if cl.Speaker.Code != tc.speaker || cl.Content.Text != tc.content || cl.Stance != tc.stance || cl.Verb.Text != tc.verb {
			t.Errorf("claim of %q: %+v", tc.verb, *cl)
		}
		if a.Text[cl.Content.Start:cl.Content.End] != cl.Content.Text {
			t.Errorf("claim of %q: content offsets %d-%d do not match", tc.verb, cl.Content.Start, cl.Content.End)
		}
	}
	// The attribution tail is a claim too, though no event comes of it.
	found := false
	for _, cl := range res.Claims {
		if cl.Verb.Text == "said" && cl.Speaker.Text == "officials" && cl.Sentence == 1 {
			found = true
		}
	}
	if len(res.Claims) != 3 || !found {
		t.Errorf("claims %+v, want demanded, proposed and officials said", res.Claims)
	}
}
