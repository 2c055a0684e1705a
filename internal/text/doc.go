// Package text is Chronicle's language layer: one Doc per article,
// annotated in layers (sentences, tokens, part-of-speech tags, lemmas,
// phrase chunks, clauses, quotations, temporal expressions, name
// candidates), every annotation located by byte offsets into the original
// article text.
package text

import (
	"github.com/chronicle-dev/chronicle"
)

// Doc is one article and its annotation layers. Slices index into each
// other: a Sentence names a range of Tokens, a Chunk a range of Tokens.
type Doc struct {
	Text string         // the article text, unchanged
	Date chronicle.Date // the article date, anchor for relative dates

	Tokens    []Token
	Sentences []Sentence
	Chunks    []Chunk // phrase chunks, in token order, non-overlapping
	Clauses   []Clause
	Quotes    []Quote
	Timexes   []Timex
	Names     []Name
}

// Token is one word or punctuation mark.
type Token struct {
	Start, End int    // byte offsets into Doc.Text
	Text       string // Doc.Text[Start:End]
	Norm       string // lower-cased, quotes and dashes folded to ASCII
	Tag        string // Penn Treebank part-of-speech tag
	Lemma      string // dictionary form, lower-cased
	Chunk      string // IOB chunk label: "B-NP", "I-VP", "O", ...
	SpaceAfter bool   // whitespace follows in the original text
}

// Sentence is a range of tokens.
type Sentence struct {
	Start, End         int // byte offsets into Doc.Text
	FirstTok, LastTok  int // token range [FirstTok, LastTok)
	Headline, Dateline bool
}

// ChunkKind names a phrase type.
type ChunkKind string

// Phrase kinds.
const (
	NP   ChunkKind = "NP"
	VP   ChunkKind = "VP"
	PP   ChunkKind = "PP"
	ADJP ChunkKind = "ADJP"
	ADVP ChunkKind = "ADVP"
	SBAR ChunkKind = "SBAR"
	PRT  ChunkKind = "PRT"
)

// Chunk is a base phrase over tokens [First, Last).
type Chunk struct {
	Kind        ChunkKind
	First, Last int
	Head        int // token index of the head word

	// Verb groups.
	Negated bool   // "would not push"
	Passive bool   // "was attacked"
	Modal   string // "will", "would", "could", ... lower-cased, "" if none
	Tense   string // "past", "present", "future"

	// Noun phrases.
	Conjuncts [][2]int // token ranges of coordinated parts ("Arnor and Gondor")
	Appos     int      // index into Doc.Chunks of an apposition, or -1
}

// ClauseKind names a clause type.
type ClauseKind string

// Clause kinds.
const (
	Insertion   ClauseKind = "insertion"   // comma-delimited ", which ...,"
	Relative    ClauseKind = "relative"    // "whom Blinken had met the day before"
	Attribution ClauseKind = "attribution" // ", a senior official said on Tuesday"
)

// Clause is a subordinate stretch of a sentence over tokens [First, Last).
type Clause struct {
	Kind        ClauseKind
	First, Last int
	Sentence    int
	Speaker     [2]int // for attributions: the speaker's token range, or {-1,-1}
}

// Quote is a quotation, possibly spanning sentences.
type Quote struct {
	Start, End int    // byte offsets including the quote marks
	Speaker    string // speaker text where the text gives one
	SpeakerAt  [2]int // byte offsets of the speaker, or {-1,-1}
	Cue        string // "said", "according to", "told reporters", ...
	Inner      [2]int // byte offsets of the quoted words, without the marks
}

// Timex is a temporal expression normalised against Doc.Date.
type Timex struct {
	Start, End int // byte offsets
	Sentence   int
	Value      chronicle.Date
	Precision  chronicle.Precision // day, week, month, year
	Relative   bool                // resolved against the article date
	// Past is set when the whole period lies before the article date.
	Past bool
	// Until is the last day of a range ("from 2019 to 2021", "the
	// weekend"); zero when the expression is not one.
	Until chronicle.Date
	// Anaphoric marks expressions relative to a time the text set up
	// ("the day before", "two days later"): Value assumes that time is
	// the article date, and Shift counts units of Precision from it.
	Anaphoric bool
	Shift     int
	// Historical is set when the expression ends more than a year
	// before the article date ("in 1948", "the 1990s").
	Historical bool
}

// Name is a candidate proper name: a run of capitalised tokens.
type Name struct {
	First, Last     int // token range
	SentenceInitial bool
}

// SentenceTokens returns the tokens of sentence i.
func (d *Doc) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.FirstTok:s.LastTok]
}
