package timex

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/sharedtest"
)

func sharedDir(t *testing.T) string { t.Helper(); return sharedtest.Path(t) }

// TestReutersDatelines checks the dateline of Reuters stories ("NEW YORK,
// March 9 - ..."): the date it gives is the story's own date, so the first
// expression of each dateline must resolve to the article date, or the day
// after it for datelines in later time zones.
func TestReutersDatelines(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "reuters21578.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	var total, right, line int
	for sc.Scan() {
		line++
		var a struct {
			Date chronicle.Date `json:"date"`
			Text string         `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		dash := strings.Index(a.Text, " - ")
		if a.Date.IsZero() || dash < 0 || dash > 60 || !strings.Contains(a.Text[:dash], ",") {
			continue
		}
		es := Find(a.Text, a.Date)
		for _, e := range es {
			if e.Text != a.Text[e.Start:e.End] {
				t.Fatalf("line %d: Text %q at %d:%d", line, e.Text, e.Start, e.End)
			}
		}
		// Datelines giving only a weekday or month are not what we measure.
		head := a.Text[:dash]
		if !strings.ContainsAny(head[strings.LastIndex(head, ",")+1:], "0123456789") {
			continue
		}
		total++
		// A dateline in a later time zone may be a day ahead of the story.
		if len(es) > 0 && es[0].End <= dash && (es[0].Value == a.Date || es[0].Value == a.Date.AddDays(1)) {
			right++
		} else if total-right <= 5 {
			got := "none"
			if len(es) > 0 {
				got = es[0].Text + " => " + es[0].Value.String()
			}
			t.Logf("line %d (%s): %q: %s", line, a.Date, head, got)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	share := float64(right) / float64(total)
	t.Logf("datelines resolved to the article date: %d of %d (%.4f)", right, total, share)
	if total < 1000 || share < 0.97 {
		t.Errorf("datelines: %d of %d right (%.4f), want at least 0.97 of 1000 or more", right, total, share)
	}
}
