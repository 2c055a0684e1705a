package text

import (
	"fmt"
	"sort"
	"sync"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/text/quote"
	"github.com/chronicle-dev/chronicle/internal/text/timex"
)

// Analyzer annotates articles. It holds the embedded word lists and
// models, loaded once by NewAnalyzer; it is safe for concurrent use.
//
// Analyze runs, in order: the tokenizer (Penn Treebank conventions, byte
// offsets, data/abbreviations.txt), the sentence splitter (datelines and
// headlines become sentences of their own, flagged), the averaged
// perceptron tagger and chunker (model/), the lemmatizer
// (data/irregular.txt, model/lemma_bases.txt), then per sentence the
// chunk structure (possessives split the Treebank way, coordination,
// heads, appositions, verb-group negation, voice, modal and tense), the
// clauses (insertions, relative clauses, attributions with their
// speakers, using data/speech_verbs.txt) and name candidates; and over the
// raw text the timex and quote packages.
type Analyzer struct {
	lx      *lexicon
	tagger  *tagger
	chunker *chunker
	lemmas  *lemmatizer
	scratch sync.Pool // *analyzeScratch
}

// analyzeScratch is working memory one Analyze call borrows from the
// Analyzer's pool, so the tagger's buffers, the tokenizer's gaps and the
// date and quotation finders' tokens are allocated once per goroutine
// rather than once per article.
type analyzeScratch struct {
	tag   tagScratch
	gaps  []gap
	timex timex.Finder
	quote quote.Finder
}

// NewAnalyzer loads the embedded word lists and models.
func NewAnalyzer() (*Analyzer, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	tm, err := loadModel("model/tagger.bin.gz")
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	cm, err := loadModel("model/chunker.bin.gz")
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	bases, err := modelFS.ReadFile("model/lemma_bases.txt")
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	lm, err := loadLemmatizer(bases)
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	return &Analyzer{lx: lx, tagger: newTagger(tm), chunker: newChunker(cm, tm.classes), lemmas: lm}, nil
}

// Analyze splits text into sentences and tokens and annotates them. Date
// is the article date, the anchor for relative dates.
func (a *Analyzer) Analyze(text string, date chronicle.Date) *Doc {
	return a.analyze(text, date, true)
}

// analyze runs the layers; raw says whether to run the raw-text finders
// (dates and quotations) too, so benchmarks can time them apart.
func (a *Analyzer) analyze(text string, date chronicle.Date, raw bool) *Doc {
	d := &Doc{Text: text, Date: date}
	scr, _ := a.scratch.Get().(*analyzeScratch)
	if scr == nil {
		scr = new(analyzeScratch)
	}
	defer a.scratch.Put(scr)
	// News text runs 5.4 bytes a token; 4.5 leaves room for dense text
	// without a second allocation and copy.
	toks := make([]Token, 0, len(text)*2/9+8)
	var gaps []gap
	toks, gaps = a.lx.tokenize(text, toks, scr.gaps[:0])
	scr.gaps = gaps
	normalize(toks)
	d.Tokens = toks
	d.Sentences = a.lx.split(toks, gaps, make([]Sentence, 0, len(toks)/16+2))
	sc := &scr.tag
	for _, s := range d.Sentences {
		st := toks[s.FirstTok:s.LastTok]
		a.tagger.tag(text, st, sc)
		a.chunker.chunk(st, sc)
		for i := range st {
			st[i].Lemma = a.lemmas.lemma(st[i].Norm, st[i].Tag)
		}
	}
	// Half the tokens of news text open a chunk, one in ten a name, one
	// in fifty a clause.
	d.Chunks = make([]Chunk, 0, len(toks)*5/8+4)
	d.Names = make([]Name, 0, len(toks)/7+2)
	d.Clauses = make([]Clause, 0, len(toks)/32+2)
	for si := range d.Sentences {
		a.phrases(d, si)
	}
	// Layers without entries stay nil, as they were before pre-sizing.
	if len(d.Names) == 0 {
		d.Names = nil
	}
	if len(d.Clauses) == 0 {
		d.Clauses = nil
	}
	if !raw {
		return d
	}
	for _, e := range scr.timex.Find(text, date) {
		d.Timexes = append(d.Timexes, Timex{
			Start: e.Start, End: e.End, Sentence: d.sentenceAt(e.Start),
			Value: e.Value, Precision: e.Precision, Relative: e.Relative,
			Past: e.Past, Until: e.Until, Anaphoric: e.Anaphoric, Shift: e.Shift,
			Historical: e.Historical(date),
		})
	}
	for _, q := range scr.quote.Find(text) {
		d.Quotes = append(d.Quotes, Quote{Start: q.Start, End: q.End, Speaker: q.Speaker, SpeakerAt: q.SpeakerAt, Cue: q.Cue, Inner: q.Inner})
	}
	return d
}

// sentenceAt returns the index of the sentence holding byte offset off.
func (d *Doc) sentenceAt(off int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i == len(d.Sentences) {
		return len(d.Sentences) - 1
	}
	return i
}
