package timex

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed lexicon.txt
var lexiconText string

// Word flags.
const (
	fAbbr uint32 = 1 << iota
	fAmbiguous
	fPrepMonth
	fPrepYear
	fModifier
	fTimeOfDay
	fFuture
	fPast
	fDeterminer
	fOrdinal
	fRangeFrom
	fRangeTo
	fAgo
	fEarlier
	fLater
	fLast
	fNext
	fThis
	fDangling
	fEventNoun
)

// Classes a neighbouring word can block.
const (
	classWeekday uint8 = 1 << iota
	classMonth
	classRel
)

// Units of relative expressions.
const (
	unitNone uint8 = iota
	unitDay
	unitWeek
	unitMonth
	unitYear
	unitWeekend
	unitHour
)

// phrase is a fixed relative expression ("the day before").
type phrase struct {
	words []string // lower case, the first one is the map key
	unit  uint8
	shift int
	ref   bool
}

// wordInfo is everything the lexicon says about one lower-cased word.
type wordInfo struct {
	flags     uint32
	month     int // 1..12
	weekday   int // 1..7, Monday first
	number    int
	unit      uint8
	blockNext uint8 // classes this word cancels when it comes just before them
	blockPrev uint8 // classes this word cancels when it comes just after them
	phrases   []phrase
}

type lexicon struct {
	words map[string]*wordInfo
}

// lexiconOnce parses the embedded lexicon the first time it is needed.
var lexiconOnce = sync.OnceValue(func() *lexicon {
	lx, err := parseLexicon(lexiconText)
	if err != nil {
		panic(err) // the embedded file is part of the source; tests catch this
	}
	return lx
})

func (lx *lexicon) entry(w string) *wordInfo {
	e := lx.words[w]
	if e == nil {
		e = &wordInfo{}
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
		if err := lx.addLine(f); err != nil {
			return nil, fmt.Errorf("timex lexicon line %d: %w", n+1, err)
		}
	}
	return lx, nil
}

func (lx *lexicon) addLine(f []string) error {
	need := func(k int) error {
		if len(f) < k {
			return fmt.Errorf("%q needs at least %d fields", f[0], k)
		}
		return nil
	}
	flagWords := func(flag uint32, words []string) {
		for _, w := range words {
			lx.entry(w).flags |= flag
		}
	}
	switch f[0] {
	case "month", "weekday", "number":
		if err := need(3); err != nil {
			return err
		}
		v, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("%s value %q: %w", f[0], f[1], err)
		}
		for _, w := range f[2:] {
			e := lx.entry(w)
			switch f[0] {
			case "month":
				if v < 1 || v > 12 {
					return fmt.Errorf("month %d out of range", v)
				}
				e.month = v
			case "weekday":
				if v < 1 || v > 7 {
					return fmt.Errorf("weekday %d out of range", v)
				}
				e.weekday = v
			default:
				e.number = v
			}
		}
	case "abbr":
		flagWords(fAbbr, f[1:])
	case "ambiguous":
		flagWords(fAmbiguous, f[1:])
	case "modifier":
		flagWords(fModifier, f[1:])
	case "timeofday":
		flagWords(fTimeOfDay, f[1:])
	case "determiner":
		flagWords(fDeterminer, f[1:])
	case "ordinal":
		flagWords(fOrdinal, f[1:])
	case "dangling":
		flagWords(fDangling, f[1:])
	case "eventnoun":
		flagWords(fEventNoun, f[1:])
	case "ago":
		flagWords(fAgo, f[1:])
	case "earlier":
		flagWords(fEarlier, f[1:])
	case "later":
		flagWords(fLater, f[1:])
	case "unit":
		if err := need(3); err != nil {
			return err
		}
		u, err := parseUnit(f[1])
		if err != nil {
			return err
		}
		for _, w := range f[2:] {
			lx.entry(w).unit = u
		}
	case "prep", "cue", "range", "direction":
		if err := need(3); err != nil {
			return err
		}
		var flag uint32
		switch f[0] + " " + f[1] {
		case "prep month":
			flag = fPrepMonth
		case "prep year":
			flag = fPrepYear
		case "cue future":
			flag = fFuture
		case "cue past":
			flag = fPast
		case "range from":
			flag = fRangeFrom
		case "range to":
			flag = fRangeTo
		case "direction last":
			flag = fLast
		case "direction next":
			flag = fNext
		case "direction this":
			flag = fThis
		default:
			return fmt.Errorf("unknown %s kind %q", f[0], f[1])
		}
		flagWords(flag, f[2:])
	case "block":
		if err := need(4); err != nil {
			return err
		}
		var class uint8
		switch f[2] {
		case "weekday":
			class = classWeekday
		case "month":
			class = classMonth
		case "rel":
			class = classRel
		default:
			return fmt.Errorf("unknown block class %q", f[2])
		}
		for _, w := range f[3:] {
			e := lx.entry(w)
			switch f[1] {
			case "before":
				e.blockNext |= class
			case "after":
				e.blockPrev |= class
			default:
				return fmt.Errorf("block wants before or after, not %q", f[1])
			}
		}
	case "rel", "ref":
		if err := need(5); err != nil {
			return err
		}
		u, err := parseUnit(f[1])
		if err != nil {
			return err
		}
		shift, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("shift %q: %w", f[2], err)
		}
		if f[3] != ":" {
			return fmt.Errorf("want ':' before the phrase words")
		}
		p := phrase{words: f[4:], unit: u, shift: shift, ref: f[0] == "ref"}
		e := lx.entry(p.words[0])
		e.phrases = append(e.phrases, p)
		// Longest phrase first, so "the day before yesterday" beats "the day before".
		for i := len(e.phrases) - 1; i > 0 && len(e.phrases[i].words) > len(e.phrases[i-1].words); i-- {
			e.phrases[i], e.phrases[i-1] = e.phrases[i-1], e.phrases[i]
		}
	default:
		return fmt.Errorf("unknown entry kind %q", f[0])
	}
	return nil
}

func parseUnit(s string) (uint8, error) {
	switch s {
	case "day":
		return unitDay, nil
	case "week":
		return unitWeek, nil
	case "month":
		return unitMonth, nil
	case "year":
		return unitYear, nil
	case "weekend":
		return unitWeekend, nil
	case "hour":
		return unitHour, nil
	}
	return unitNone, fmt.Errorf("unknown unit %q", s)
}
