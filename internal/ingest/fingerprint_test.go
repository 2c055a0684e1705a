package ingest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// story is a wire-style text used to make near-duplicates.
const story = `The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss
a proposal for a ceasefire in Gaza, officials said. The two ministers called for the
immediate opening of crossings to allow aid convoys into the enclave and urged the
United Nations Security Council to act. "We cannot accept a situation in which civilians
pay the price," the Egyptian minister told reporters after the meeting. Jordan's foreign
minister said his country would send a further forty trucks of food and medicine on
Monday, and that talks with Qatari and American mediators would continue in Doha later
in the week. Israel did not comment on the proposal. Hamas said it was studying it.
A senior Western diplomat said the plan had a real chance only if both sides agreed to
release detainees in stages, beginning with women and the elderly.`

func TestTextHash(t *testing.T) {
	base := TextHash("Envoys met in Cairo.\n\nThey talked.")
	same := []string{
		"Envoys met in Cairo. They talked.",
		"  Envoys   met in Cairo.\r\n\tThey talked.\n",
	}
	for _, s := range same {
		if got := TextHash(s); got != base {
			t.Errorf("TextHash(%q) differs; whitespace must not matter", s)
		}
	}
	for _, s := range []string{"Envoys met in Cairo. They talked!", "envoys met in Cairo. They talked."} {
		if TextHash(s) == base {
			t.Errorf("TextHash(%q) equals a different text's", s)
		}
	}
	if got := TextHash(strings.Repeat("ab ", 5000)); got != TextHash(strings.TrimSpace(strings.Repeat("ab\n", 5000))) {
		t.Errorf("long texts hash differently across buffer boundaries: %s", got)
	}
	if len(base) != 64 {
		t.Errorf("hash %q is not hex SHA-256", base)
	}
}

func TestSketch(t *testing.T) {
	base := Sketch(story)
	tests := []struct {
		name    string
		text    string
		maxDist int
		minDist int
	}{
		{"identical", story, 0, 0},
		{"reflowed whitespace and case", strings.ToUpper(strings.Join(strings.Fields(story), " ")), 0, 0},
		{"one word changed", strings.Replace(story, "forty", "fifty", 1), 3, 0},
		{"sign-off added", story + " Reporting by the Cairo bureau.", 3, 0},
		{"dateline prefixed", "CAIRO (Wire) - " + story, 3, 0},
		{"unrelated story", "Police in Dhaka detained four opposition leaders on Friday after a rally turned violent, " +
			"and the home ministry said more arrests would follow. Protesters threw stones at officers, who answered " +
			"with tear gas and rubber bullets, witnesses said. The opposition called a general strike for Monday.", 64, 12},
	}
	for _, tc := range tests {
		d := Distance(base, Sketch(tc.text))
		if d > tc.maxDist || d < tc.minDist {
			t.Errorf("%s: distance %d, want %d..%d", tc.name, d, tc.minDist, tc.maxDist)
		}
	}
	if Sketch("") != 0 {
		t.Errorf("empty text has a sketch")
	}
	if Sketch("two words") == Sketch("other words") {
		t.Errorf("short texts collide")
	}
}

// TestSketchSpread checks the sketch bits are balanced over random
// texts, which the store's banded lookup relies on.
func TestSketchSpread(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields(story)
	var ones [64]int
	const n = 400
	for range n {
		var b strings.Builder
		for range 80 {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		h := Sketch(b.String())
		for i := range 64 {
			if h&(1<<i) != 0 {
				ones[i]++
			}
		}
	}
	for i, c := range ones {
		if c < n/4 || c > 3*n/4 {
			t.Errorf("bit %d set in %d of %d sketches", i, c, n)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := chronicle.Article{Text: story}
	Fingerprint(&a)
	if a.Hash != TextHash(story) || a.Sketch != Sketch(story) || a.Sketch == 0 {
		t.Errorf("fingerprint %q %x", a.Hash, a.Sketch)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	a := chronicle.Article{Text: story}
	b.SetBytes(int64(len(story)))
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(&a)
	}
}

func ExampleDistance() {
	a := Sketch(story)
	b := Sketch(strings.Replace(story, "Sunday", "Saturday", 1))
	fmt.Println(Distance(a, b) <= 3)
	// Output: true
}

// TestSketchRecall edits the story one word at a time: the store links
// articles within distance 3, so most single-word edits must stay there,
// and no unrelated pair may come close.
func TestSketchRecall(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields(story)
	base := Sketch(story)
	near := 0
	const n = 200
	for range n {
		w := slices.Clone(words)
		w[rng.IntN(len(w))] = fmt.Sprintf("edit%d", rng.IntN(1000))
		if Distance(base, Sketch(strings.Join(w, " "))) <= 3 {
			near++
		}
	}
	t.Logf("%d of %d one-word edits within distance 3", near, n)
	if near < n*85/100 {
		t.Errorf("%d of %d one-word edits within distance 3, want at least 85%%", near, n)
	}
	for i := range n {
		w := slices.Clone(words)
		rng.Shuffle(len(w), func(a, b int) { w[a], w[b] = w[b], w[a] })
		if d := Distance(base, Sketch(strings.Join(w, " "))); d <= 8 {
			t.Errorf("shuffle %d: distance %d to the original, want far", i, d)
		}
	}
}
