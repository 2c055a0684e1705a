package eval

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/chronicle-dev/chronicle"
)

// CodeFunc codes one gold record; it returns the mentions the coder found.
// It is called from several goroutines at once.
type CodeFunc func(ctx context.Context, rec Record) ([]chronicle.Mention, error)

// Produced is one event the coder emitted for a record.
type Produced struct {
	Tuple
	Modality chronicle.Modality `json:"modality,omitempty"`
	Pattern  string             `json:"pattern,omitempty"`
	Verb     string             `json:"verb,omitempty"`
}

// Score counts matches at one level of comparison.
type Score struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Score) add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN }

func (s *Score) finish() {
	s.Precision, s.Recall, s.F1 = 0, 0, 0
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if s.TP+s.FP+s.FN == 0 {
		// Nothing expected and nothing produced is perfect agreement.
		s.Precision, s.Recall, s.F1 = 1, 1, 1
	}
}

// Scores are the four levels of comparison eval reports.
type Scores struct {
	// Event compares (source, target, code) exactly.
	Event Score `json:"event"`
	// Root compares the root code (CAMEO's first two digits, or the PLOVER
	// type) alone.
	Root Score `json:"root"`
	// Countries compares the (source country, target country) pair alone.
	Countries Score `json:"countries"`
	// RootCountries compares root code plus both countries.
	RootCountries Score `json:"root_countries"`
}

func (s *Scores) add(o Scores) {
	s.Event.add(o.Event)
	s.Root.add(o.Root)
	s.Countries.add(o.Countries)
	s.RootCountries.add(o.RootCountries)
}

func (s *Scores) finish() {
	s.Event.finish()
	s.Root.finish()
	s.Countries.finish()
	s.RootCountries.finish()
}

// Result is one evaluated record's outcome.
type Result struct {
	ID       string     `json:"id"`
	Category string     `json:"category"`
	Text     string     `json:"text"`
	Expected []Tuple    `json:"expected"`
	Produced []Produced `json:"produced"`
	Correct  bool       `json:"correct"`
	Error    string     `json:"error,omitempty"`
	Scores   Scores     `json:"-"`
}

// Category is the per-category line of the report.
type Category struct {
	Name     string  `json:"name"`
	Records  int     `json:"records"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
	Scores   Scores  `json:"scores"`
}

// Report is the outcome of a run over a gold file.
type Report struct {
	Suite      Suite      `json:"suite"`
	Records    int        `json:"records"`  // evaluated records
	Skipped    int        `json:"skipped"`  // records with evaluated: false
	Correct    int        `json:"correct"`  // exactly right
	Accuracy   float64    `json:"accuracy"` // Correct / Records
	Errors     int        `json:"errors"`   // records the coder failed on
	Scores     Scores     `json:"scores"`   // over all evaluated records
	Categories []Category `json:"categories"`
	Wrong      []Result   `json:"wrong"`
}

// Run codes every evaluated record with code, on all cores, and scores
// the result. Records with evaluated: false are counted as skipped.
func Run(ctx context.Context, recs []Record, code CodeFunc) (*Report, error) {
	var todo []Record
	rep := &Report{Suite: PETRARCH}
	for _, r := range recs {
		if r.Suite == PLOVER {
			rep.Suite = PLOVER
		}
		if !r.Evaluated {
			rep.Skipped++
			continue
		}
		todo = append(todo, r)
	}
	results := make([]Result, len(todo))
	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(len(todo), 1))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				ms, err := code(ctx, todo[i])
				results[i] = Score1(todo[i], ms, err)
			}
		}()
	}
feed:
	for i := range todo {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}

	cats := map[string]*Category{}
	for _, res := range results {
		rep.Records++
		if res.Error != "" {
			rep.Errors++
		}
		c := cats[res.Category]
		if c == nil {
			c = &Category{Name: res.Category}
			cats[res.Category] = c
		}
		c.Records++
		if res.Correct {
			rep.Correct++
			c.Correct++
		} else {
			rep.Wrong = append(rep.Wrong, res)
		}
		rep.Scores.add(res.Scores)
		c.Scores.add(res.Scores)
	}
	rep.Scores.finish()
	if rep.Records > 0 {
		rep.Accuracy = float64(rep.Correct) / float64(rep.Records)
	}
	for _, c := range cats {
		c.Scores.finish()
		c.Accuracy = float64(c.Correct) / float64(c.Records)
		rep.Categories = append(rep.Categories, *c)
	}
	sort.Slice(rep.Categories, func(i, j int) bool { return rep.Categories[i].Name < rep.Categories[j].Name })
	return rep, nil
}

// Score1 compares what the coder produced for one record with the gold.
// The result of code is passed as (mentions, err).
func Score1(rec Record, ms []chronicle.Mention, err error) Result {
	res := Result{ID: rec.ID, Category: rec.Category, Text: rec.Text, Expected: rec.Expected}
	if res.Expected == nil {
		res.Expected = []Tuple{}
	}
	res.Produced = []Produced{}
	if err != nil {
		res.Error = err.Error()
		if rec.ExpectError != "" {
			// A record that should fail and failed produced no events.
			ms = nil
		}
	}
	seen := map[Tuple]bool{}
	for _, m := range ms {
		t := Tuple{Source: m.Source.Code, Target: m.Target.Code, Code: m.Code}
		if rec.Suite == PLOVER {
			t.Code = m.PLOVER.Type
			if t.Code == "" {
				// CAMEO codes with no PLOVER type (plain statements)
				// are not PLOVER events.
				continue
			}
		} else {
			// PETRARCH writes a missing actor as the null code.
			if t.Source == "" {
				t.Source = "---"
			}
			if t.Target == "" {
				t.Target = "---"
			}
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		res.Produced = append(res.Produced, Produced{Tuple: t, Modality: m.Modality, Pattern: m.Pattern, Verb: m.Verb.Text})
	}
	exp := rec.Expected
	if rec.ExpectNoEvents || rec.ExpectError != "" {
		exp = nil
	}
	got := make([]Tuple, len(res.Produced))
	for i, p := range res.Produced {
		got[i] = p.Tuple
	}
	wild := rec.Suite == PLOVER
	res.Scores.Event = match(exp, got, func(t Tuple) Tuple { return t }, wild)
	res.Scores.Root = match(exp, got, func(t Tuple) Tuple { return Tuple{Code: root(t.Code)} }, false)
	res.Scores.Countries = match(exp, got, func(t Tuple) Tuple {
		return Tuple{Source: country(t.Source), Target: country(t.Target)}
	}, wild)
	res.Scores.RootCountries = match(exp, got, func(t Tuple) Tuple {
		return Tuple{Source: country(t.Source), Target: country(t.Target), Code: root(t.Code)}
	}, wild)
	ev := res.Scores.Event
	res.Correct = res.Error == "" && ev.FP == 0 && ev.FN == 0 || rec.ExpectError != "" && err != nil
	return res
}

// match counts true positives, false positives and false negatives between
// the expected and produced tuples after projecting both with key. Both
// sides are sets. When wild is set an empty expected source or target
// matches any produced one (PLOVER gold leaves an actor empty when the
// annotator coded none).
func match(exp, got []Tuple, key func(Tuple) Tuple, wild bool) Score {
	e := uniq(exp, key)
	g := uniq(got, key)
	used := make([]bool, len(g))
	var s Score
	for pass := 0; pass < 2; pass++ {
		// Exact matches first, then wildcard ones, so a wildcard never
		// steals a produced tuple an exact expectation needs.
		for i := range e {
			if e[i].Code == "\x00" {
				continue
			}
			for j := range g {
				if used[j] {
					continue
				}
				ok := e[i] == g[j]
				if !ok && pass == 1 && wild {
					ok = e[i].Code == g[j].Code &&
						(e[i].Source == "" || e[i].Source == g[j].Source) &&
						(e[i].Target == "" || e[i].Target == g[j].Target)
				}
				if ok {
					used[j] = true
					e[i].Code = "\x00"
					s.TP++
					break
				}
			}
		}
	}
	s.FN = len(e) - s.TP
	s.FP = len(g) - s.TP
	return s
}

func uniq(ts []Tuple, key func(Tuple) Tuple) []Tuple {
	var out []Tuple
	seen := map[Tuple]bool{}
	for _, t := range ts {
		k := key(t)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// root is the CAMEO root of a code (its first two digits), or a PLOVER
// type unchanged.
func root(code string) string {
	if len(code) >= 2 && code[0] >= '0' && code[0] <= '9' {
		return code[:2]
	}
	return code
}

// country is the primary part of an actor code, "" for none or "---".
func country(code string) string {
	return chronicle.Actor{Code: strings.ToUpper(code)}.Country()
}
