package quote

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed speech.txt
var speechText string

// Word flags.
const (
	fVerb uint16 = 1 << iota
	fStrong
	fBetween
	fPassive
	fStop
	fJoin
	fAdjunct
	fPronoun
	fAccording
	fAbbrev
	fDeterminer
	fTime
	fQuoteOnly
)

// wordInfo is what the speech lexicon says about one lower-cased word.
type wordInfo struct {
	word    string // the word itself, lower case: the cue for a verb
	flags   uint16
	objects [][]string // addressee phrases starting with this word ("the press")
}

type lexicon struct {
	words map[string]*wordInfo
}

// lexiconOnce parses the embedded lexicon the first time it is needed.
var lexiconOnce = sync.OnceValue(func() *lexicon {
	lx, err := parseLexicon(speechText)
	if err != nil {
		panic(err) // the embedded file is part of the source; tests catch this
	}
	return lx
})

func (lx *lexicon) entry(w string) *wordInfo {
	e := lx.words[w]
	if e == nil {
		e = &wordInfo{word: w}
		lx.words[w] = e
	}
	return e
}

func parseLexicon(src string) (*lexicon, error) {
	lx := &lexicon{words: make(map[string]*wordInfo, 256)}
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(strings.ToLower(line))
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("speech lexicon line %d: %q needs words", n+1, f[0])
		}
		var flag uint16
		words := f[1:]
		switch f[0] {
		case "verb":
			switch f[1] {
			case "strong":
				flag = fVerb | fStrong
			case "weak":
				flag = fVerb
			case "quote":
				flag = fVerb | fQuoteOnly
			default:
				return nil, fmt.Errorf("speech lexicon line %d: verb wants strong, weak or quote, not %q", n+1, f[1])
			}
			words = f[2:]
		case "between":
			flag = fBetween
		case "passive":
			flag = fPassive
		case "stop":
			flag = fStop
		case "join":
			flag = fJoin
		case "adjunct":
			flag = fAdjunct
		case "pronoun":
			flag = fPronoun
		case "according":
			flag = fAccording
		case "abbrev":
			flag = fAbbrev
		case "determiner":
			flag = fDeterminer
		case "time":
			flag = fTime
		case "object":
			e := lx.entry(f[1])
			e.objects = append(e.objects, f[1:])
			continue
		default:
			return nil, fmt.Errorf("speech lexicon line %d: unknown entry kind %q", n+1, f[0])
		}
		if len(words) == 0 {
			return nil, fmt.Errorf("speech lexicon line %d: %q needs words", n+1, f[0])
		}
		for _, w := range words {
			lx.entry(w).flags |= flag
		}
	}
	return lx, nil
}
