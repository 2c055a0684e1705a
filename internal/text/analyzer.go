package text

import (
	"fmt"

	"github.com/chronicle-dev/chronicle"
)

// Analyzer annotates articles. It holds the embedded word lists and
// models, loaded once by NewAnalyzer; it is safe for concurrent use.
type Analyzer struct {
	lx *lexicon
}

// NewAnalyzer loads the embedded word lists and models.
func NewAnalyzer() (*Analyzer, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	return &Analyzer{lx: lx}, nil
}

// Analyze splits text into sentences and tokens and annotates them. Date
// is the article date, the anchor for relative dates.
func (a *Analyzer) Analyze(text string, date chronicle.Date) *Doc {
	d := &Doc{Text: text, Date: date}
	toks := make([]Token, 0, len(text)/5+1)
	gaps := make([]gap, 0, cap(toks))
	toks, gaps = a.lx.tokenize(text, toks, gaps)
	normalize(toks)
	d.Tokens = toks
	d.Sentences = a.lx.split(toks, gaps, make([]Sentence, 0, len(toks)/20+1))
	return d
}
