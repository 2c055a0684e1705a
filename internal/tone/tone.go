// Package tone scores the tone of a news document the way GDELT's AvgTone
// does: positive minus negative words per hundred words, from an embedded
// word list (words.txt) that analysts can read and edit.
package tone

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed words.txt
var wordList string

// Scorer holds the parsed lexicon. It is safe for concurrent use.
type Scorer struct {
	polarity map[string]int8
}

// New parses the embedded lexicon.
func New() (*Scorer, error) { return Parse(wordList) }

// Parse reads a lexicon in the words.txt format.
func Parse(src string) (*Scorer, error) {
	s := &Scorer{polarity: map[string]int8{}}
	var pol int8
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case line == "[positive]":
			pol = 1
		case line == "[negative]":
			pol = -1
		case pol == 0:
			return nil, fmt.Errorf("tone words line %d: %q before a [positive] or [negative] header", n, line)
		default:
			s.polarity[strings.ToLower(line)] = pol
		}
	}
	return s, sc.Err()
}

// Score returns the tone of text: (positive - negative) * 100 / words.
// It returns 0 for text without words.
func (s *Scorer) Score(text string) float64 {
	var words, pos, neg int
	var buf [64]byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		b := buf[:0]
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && r != '\'' && r != '-' {
				break
			}
			if len(b)+size <= cap(b) {
				b = utf8.AppendRune(b, unicode.ToLower(r))
			}
			j += size
		}
		words++
		switch s.polarity[string(b)] {
		case 1:
			pos++
		case -1:
			neg++
		}
		i = j
	}
	if words == 0 {
		return 0
	}
	return float64(pos-neg) * 100 / float64(words)
}
