package quote

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle/internal/sharedtest"
)

func sharedDir(t *testing.T) string { t.Helper(); return sharedtest.Path(t) }

// TestReutersQuotes runs Find over the Reuters corpus, checks its
// invariants on real text, and measures how often a quotation that ends
// in a comma (",\"" – news style for "an attribution follows") gets a
// speaker.
func TestReutersQuotes(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "reuters21578.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	var quotes, commaEnded, attributed, line int
	for sc.Scan() {
		line++
		var a struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		prev := 0
		for _, q := range Find(a.Text) {
			quotes++
			if q.Start < prev || q.Inner[0] < q.Start || q.Inner[1] < q.Inner[0] || q.End < q.Inner[1] || q.End > len(a.Text) {
				t.Fatalf("line %d: bad offsets %+v", line, q)
			}
			prev = q.End
			if q.Speaker != "" && a.Text[q.SpeakerAt[0]:q.SpeakerAt[1]] != q.Speaker {
				t.Fatalf("line %d: speaker %q at %v", line, q.Speaker, q.SpeakerAt)
			}
			if !strings.HasSuffix(a.Text[q.Inner[0]:q.Inner[1]], ",") || q.End == q.Inner[1] {
				continue
			}
			commaEnded++
			if q.Speaker != "" {
				attributed++
			} else if commaEnded-attributed <= 5 {
				t.Logf("line %d: no speaker: %q", line, a.Text[q.Start:min(len(a.Text), q.End+50)])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	share := float64(attributed) / float64(commaEnded)
	t.Logf("%d quotations; %d end in a comma, %d of them with a speaker (%.4f)", quotes, commaEnded, attributed, share)
	if commaEnded < 500 || share < 0.92 {
		t.Errorf("comma-ended quotations with a speaker: %d of %d (%.4f), want at least 0.92 of 500 or more", attributed, commaEnded, share)
	}
}
