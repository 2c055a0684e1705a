package text

import (
	"sync"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// TestAnalyzeConcurrently runs one Analyzer from several goroutines and
// checks every result equals the sequential one (run it with -race).
func TestAnalyzeConcurrently(t *testing.T) {
	a := newTestAnalyzer(t)
	texts := []string{
		"GAZA CITY, Nov 8 (Reuters) - Israeli aircraft struck targets in Gaza on Wednesday, the military said.",
		"“We are ready,” Abbas said. “The talks must resume.”",
		"Arnor and Gondor signed a treaty. The official whom Blinken had met the day before resigned.",
	}
	date := chronicle.Date{Year: 2023, Month: 11, Day: 8}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = docSummary(a.Analyze(s, date))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range texts {
				if got := docSummary(a.Analyze(s, date)); got != want[i] {
					errs <- got
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs: %s", e)
	}
}

func docSummary(d *Doc) string {
	s := chunkList(d) + clauseList(d)
	for _, t := range d.Tokens {
		s += t.Tag + t.Lemma + " "
	}
	return s
}
