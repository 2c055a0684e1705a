package text

import (
	"unicode"
	"unicode/utf8"
)

// split groups tokens into sentences, appending them to sents.
func (lx *lexicon) split(toks []Token, gaps []gap, sents []Sentence) []Sentence {
	n := len(toks)
	start := 0
	paraStart := true
	emit := func(first, last int, dateline bool) {
		if last <= first {
			return
		}
		s := Sentence{
			Start: toks[first].Start, End: toks[last-1].End,
			FirstTok: first, LastTok: last, Dateline: dateline,
		}
		// A line without a full stop before a line break is a headline when
		// it opens the text or reads like a title: not "Shr 71 cts vs 43
		// cts" in a table of results.
		if !dateline && last < n && gaps[last] != gapSpace && !endsWithStop(toks[first:last]) &&
			(first == 0 || isTitleLine(toks[first:last], toks[last])) {
			s.Headline = true
		}
		sents = append(sents, s)
	}
	for k := 0; k < n; k++ {
		if k > start && (gaps[k] == gapParagraph || (gaps[k] == gapLine && isTitleLine(toks[start:k], toks[k]))) {
			emit(start, k, false)
			start = k
			paraStart = true
		}
		if paraStart && k == start {
			paraStart = false
			if d := lx.dateline(toks, start); d > start {
				emit(start, d, true)
				start = d
				k = d - 1
				continue
			}
		}
		if !lx.mayEnd(toks[k]) {
			continue
		}
		// Closing quotes and brackets glued to the stop stay in the sentence.
		j := k + 1
		for j < n && gaps[j] == gapSpace && !toks[j-1].SpaceAfter && isCloser(toks[j].Text) {
			j++
		}
		if j >= n {
			break
		}
		if gaps[j] == gapParagraph {
			k = j - 1
			continue // the paragraph break ends the sentence
		}
		if lx.breaksBefore(toks[k], toks[j]) {
			emit(start, j, false)
			start = j
			k = j - 1
		}
	}
	emit(start, n, false)
	return sents
}

// mayEnd reports whether t can end a sentence: a full stop, question or
// exclamation mark, ellipsis, or an abbreviation with its full stop.
func (lx *lexicon) mayEnd(t Token) bool {
	s := t.Text
	switch s {
	case ".", "!", "?", "\u2026", "!!", "?!":
		return true
	}
	if len(s) >= 2 && s[len(s)-1] == '.' {
		return true // "...", "U.S.", "Inc.", "J."
	}
	return false
}

// breaksBefore decides whether a sentence ending with stop ends before
// next.
func (lx *lexicon) breaksBefore(stop, next Token) bool {
	r := firstRune(next.Text)
	opener := isOpener(next.Text)
	upper := unicode.IsUpper(r) || unicode.IsDigit(r) || opener || unicode.IsTitle(r)
	if !upper {
		return false
	}
	s := stop.Text
	switch s {
	case ".", "!", "?", "\u2026", "!!", "?!":
		return true
	}
	if isAllDots(s) {
		return true // an ellipsis before a capital
	}
	// An abbreviation or initial ends a sentence only before a word that
	// typically starts one.
	stem := s[:len(s)-1]
	if a, ok := lx.lookupAbbrev(stem); ok && a.kind != abbrevAny {
		return false
	}
	if opener {
		// "… Ball and Turben Inc. "Any company …" — but not an initial
		// before a quote.
		return len(stem) > 1 && isOpener(next.Text) && next.Text != "("
	}
	return lx.isStarter(next.Norm)
}

func (lx *lexicon) isStarter(norm string) bool { return lx.starters[norm] }

// dateline returns the end of a dateline ("GAZA CITY, Nov 8 (Reuters) -")
// starting at token first, or first when there is none.
func (lx *lexicon) dateline(toks []Token, first int) int {
	const maxLen = 16
	// The place ("GAZA CITY") must be in capitals unless an agency in
	// brackets ("(Reuters)") follows.
	placeCaps, inPlace, agency := true, true, false
	for j := first; j < len(toks) && j < first+maxLen; j++ {
		t := toks[j].Text
		switch {
		case isDash(t):
			if j == first || j+1 >= len(toks) || !(placeCaps || agency) {
				return first
			}
			return j + 1
		case t == "(" || t == ")" || t == "," || t == "/":
			inPlace = false
			if t == "(" && j+2 < len(toks) && toks[j+2].Text == ")" && isCapitalised(toks[j+1].Text) {
				agency = true
			}
		case isNumber(t):
			inPlace = false
		case isCapitalised(t):
			if inPlace && !isAllCapsWord(t) {
				placeCaps = false
			}
		default:
			return first
		}
	}
	return first
}

// isTitleLine reports whether a sentence's tokens so far form a title on
// a line of its own ("Arnor Restores Ties With Gondor" then a line break
// and the story): no closing full stop, at most 20 tokens, most words
// capitalised, and a capitalised word opening the next line.
func isTitleLine(line []Token, next Token) bool {
	if len(line) > 20 || endsWithStop(line) || !isCapitalised(next.Text) {
		return false
	}
	words, caps := 0, 0
	for _, t := range line {
		r := firstRune(t.Text)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 2 && caps*4 >= words*3
}

func endsWithStop(toks []Token) bool {
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k].Text
		if isCloser(t) {
			continue
		}
		switch t {
		case ".", "!", "?", "\u2026", ":", ";":
			return true
		}
		return len(t) > 1 && t[len(t)-1] == '.'
	}
	return false
}

func isCloser(s string) bool {
	switch s {
	case "\"", "'", "''", "\u201d", "\u2019", ")", "]", "}", "\u00bb":
		return true
	}
	return false
}

func isOpener(s string) bool {
	switch s {
	case "\"", "'", "``", "`", "\u201c", "\u2018", "(", "[", "{", "\u00ab":
		return true
	}
	return false
}

func isDash(s string) bool {
	switch s {
	case "-", "--", "---", "\u2014", "\u2013", "\u2015":
		return true
	}
	return false
}

func isAllDots(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '.' {
			return false
		}
	}
	return true
}

// isAllCapsWord reports a word of two or more letters, all upper case
// ("GAZA", "U.S.").
func isAllCapsWord(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

// isCapitalised reports a word starting with an upper-case letter.
func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			digits++
		case c == '.' || c == ',' || c == '-' || c == ':' || c == '/':
		default:
			return false
		}
	}
	return digits > 0
}
