package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gap says what whitespace comes before a token: none or spaces, a line
// break, or a blank line (a paragraph break).
type gap uint8

const (
	gapSpace     gap = iota // spaces or nothing
	gapLine                 // one line break
	gapParagraph            // a blank line: two or more line breaks
)

// tokenize splits text into tokens, appending them to toks, and records
// for each token the kind of whitespace before it in gaps. Token texts
// slice text; Norm is filled by normalize.
func (lx *lexicon) tokenize(text string, toks []Token, gaps []gap) ([]Token, []gap) {
	i := 0
	n := len(text)
	for i < n {
		// Whitespace, counting line breaks.
		nl := 0
		for i < n {
			c := text[i]
			if c < utf8.RuneSelf {
				if c == '\n' {
					nl++
				} else if c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f' {
					break
				}
				i++
				continue
			}
			r, sz := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
				break
			}
			if r == '\u2028' || r == '\u2029' {
				nl++
			}
			i += sz
		}
		if i >= n {
			break
		}
		g := gapSpace
		switch {
		case nl >= 2:
			g = gapParagraph
		case nl == 1:
			g = gapLine
		}
		// The run of non-space characters is [i, e).
		e := i
		for e < n {
			c := text[e]
			if c < utf8.RuneSelf {
				if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
					break
				}
				e++
				continue
			}
			r, sz := utf8.DecodeRuneInString(text[e:])
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				break
			}
			e += sz
		}
		for i < e {
			j := lx.nextToken(text, i, e)
			toks = append(toks, Token{Start: i, End: j, Text: text[i:j]})
			gaps = append(gaps, g)
			g = gapSpace
			i = j
		}
		if len(toks) > 0 && e < n {
			toks[len(toks)-1].SpaceAfter = true
		}
	}
	return toks, gaps
}

// nextToken returns the end of the token that starts at i inside the
// non-space run [i, e).
func (lx *lexicon) nextToken(text string, i, e int) int {
	r, sz := utf8.DecodeRuneInString(text[i:])
	atWordStart := i == 0 || !isWordRune(lastRune(text[:i]))
	if atWordStart {
		if j := scanURL(text, i, e); j > i {
			return j
		}
		if j := scanEmail(text, i, e); j > i {
			return j
		}
	}
	if isWordRune(r) {
		// "n't" split off a verb: "did|n't".
		if (r == 'n' || r == 'N') && !atWordStart {
			if k := cliticLen(text[i:e]); k > 0 {
				return i + k
			}
		}
		return lx.scanWord(text, i, e)
	}
	switch r {
	case '\'', '\u2019':
		// Clitic glued to the previous word: "Abbas|'s", "they|'re".
		if !atWordStart {
			if k := apostropheClitic(text[i:e]); k > 0 {
				return i + k
			}
		}
		if r == '\'' && i+1 < e && text[i+1] == '\'' {
			return i + 2 // '' closing quote
		}
		return i + sz
	case '`':
		if i+1 < e && text[i+1] == '`' {
			return i + 2
		}
		return i + 1
	case '.':
		j := i
		for j < e && text[j] == '.' {
			j++
		}
		return j // one full stop or an ellipsis
	case '-':
		if i+1 < e && text[i+1] == '-' {
			j := i
			for j < e && text[j] == '-' {
				j++
			}
			return j
		}
		// A minus sign before a number stays with it.
		if atWordStart && i+1 < e && isDigit(text[i+1]) {
			return lx.scanWord(text, i+1, e)
		}
		return i + 1
	case '<':
		if j := scanTicker(text, i, e); j > i {
			return j
		}
	}
	return i + sz
}

// scanWord scans a word, number or abbreviation starting at i.
func (lx *lexicon) scanWord(text string, i, e int) int {
	j := i
	for j < e {
		c := text[j]
		var r rune
		sz := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, sz = utf8.DecodeRuneInString(text[j:])
		}
		if isWordRune(r) {
			j += sz
			continue
		}
		if j == i {
			break
		}
		next := rune(0)
		if j+sz < e {
			next = firstRune(text[j+sz:])
		}
		prev := lastRune(text[i:j])
		joined := false
		switch r {
		case '-':
			joined = isWordRune(next)
			if j+1 == e && unicode.IsLetter(prev) {
				return e // "pro- and anti-government"
			}
		case '.':
			joined = isWordRune(next) && isWordRune(prev)
		case ',':
			joined = isDigitRune(prev) && isDigitRune(next) && digitGroup(text[j+1:e])
		case ':':
			joined = isDigitRune(prev) && isDigitRune(next)
		case '/':
			joined = isWordRune(prev) && isWordRune(next)
		case '&':
			joined = unicode.IsUpper(prev) && unicode.IsUpper(next)
		case '\'', '\u2019':
			if !unicode.IsLetter(next) {
				break
			}
			rest := text[j:e]
			if k := apostropheClitic(rest); k > 0 {
				return j // "Abbas|'s": the clitic is the next token
			}
			if (prev == 'n' || prev == 'N') && j-1 > i {
				if k := cliticLen(text[j-1 : e]); k > 0 {
					return j - 1 // "did|n't"
				}
			}
			joined = true // O'Brien, Qa'ida
		}
		if !joined {
			break
		}
		j += sz
	}
	// A full stop belongs to abbreviations and initials.
	if j < e && text[j] == '.' && !(j+1 < e && text[j+1] == '.') && j > i {
		if lx.keepsStop(text[i:j], text[j+1:]) {
			j++
		}
	}
	if j == i {
		_, sz := utf8.DecodeRuneInString(text[i:])
		j = i + sz
	}
	return j
}

// keepsStop reports whether the word w followed by a full stop is an
// abbreviation or initial that keeps it: "Gen", "U.S", "J". After is the
// text after the full stop.
func (lx *lexicon) keepsStop(w, after string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	if strings.IndexByte(w, '.') > 0 {
		// Letters separated by full stops: U.S, a.m, Ph.D.
		for _, part := range strings.Split(w, ".") {
			if len(part) == 0 || len(part) > 2 {
				return false
			}
			for _, r := range part {
				if !unicode.IsLetter(r) {
					return false
				}
			}
		}
		return true
	}
	if len(w) > 8 {
		return false
	}
	a, ok := lx.lookupAbbrev(w)
	if !ok {
		return false
	}
	if a.kind == abbrevNumber {
		after = strings.TrimLeft(after, " \u00a0")
		return after != "" && isDigit(after[0])
	}
	return true
}

// apostropheClitic returns the length of a clitic ('s, 're, 've, 'll, 'd,
// 'm) at the start of s when it ends the word, else 0.
func apostropheClitic(s string) int {
	a := 1
	if strings.HasPrefix(s, "\u2019") {
		a = len("\u2019")
	} else if !strings.HasPrefix(s, "'") {
		return 0
	}
	k := a
	for k < len(s) && k-a < 3 && isASCIILetter(s[k]) {
		k++
	}
	if k == a || (k < len(s) && isWordRune(firstRune(s[k:]))) {
		return 0
	}
	switch strings.ToLower(s[a:k]) {
	case "s", "re", "ve", "ll", "d", "m":
		return k
	}
	return 0
}

// cliticLen returns the length of "n't" (straight or curly apostrophe) at
// the start of s when it ends the word, else 0.
func cliticLen(s string) int {
	if len(s) < 3 || (s[0] != 'n' && s[0] != 'N') {
		return 0
	}
	k := 1
	switch {
	case s[1] == '\'':
		k = 2
	case strings.HasPrefix(s[1:], "\u2019"):
		k = 1 + len("\u2019")
	default:
		return 0
	}
	if k >= len(s) || (s[k] != 't' && s[k] != 'T') {
		return 0
	}
	k++
	if k < len(s) && isWordRune(firstRune(s[k:])) {
		return 0
	}
	return k
}

// scanURL returns the end of a URL starting at i, or i.
func scanURL(text string, i, e int) int {
	s := text[i:e]
	if !(hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || hasPrefixFold(s, "www.")) {
		return i
	}
	return trimTrailingPunct(text, i, e)
}

// scanEmail returns the end of an e-mail address starting at i, or i.
func scanEmail(text string, i, e int) int {
	j := i
	at := -1
	for j < e {
		c := text[j]
		switch {
		case isASCIILetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-':
		case c == '@' && at < 0 && j > i:
			at = j
		default:
			goto done
		}
		j++
	}
done:
	if at < 0 {
		return i
	}
	end := trimTrailingPunct(text, i, j)
	if strings.IndexByte(text[at:end], '.') < 0 || end <= at+1 {
		return i
	}
	return end
}

// trimTrailingPunct drops sentence punctuation and closing marks from the
// end of [i, e).
func trimTrailingPunct(text string, i, e int) int {
	for e > i {
		r, sz := utf8.DecodeLastRuneInString(text[i:e])
		switch r {
		case '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '\u2019', '\u201d', '>':
			e -= sz
			continue
		}
		break
	}
	return e
}

// scanTicker returns the end of a ticker symbol such as <SRD> at i, or i.
func scanTicker(text string, i, e int) int {
	j := i + 1
	for j < e && j-i <= 12 {
		c := text[j]
		if c == '>' {
			if j == i+1 {
				return i
			}
			return j + 1
		}
		if !(c >= 'A' && c <= 'Z' || isDigit(c) || c == '.') {
			return i
		}
		j++
	}
	return i
}

// normalize fills Token.Norm: lower case, curly quotes and dashes folded
// to ASCII. Norms that differ from the text share one allocation.
func normalize(toks []Token) {
	var arena []byte
	type span struct{ tok, a, b int }
	var spans []span
	for k := range toks {
		t := toks[k].Text
		if !needsNorm(t) {
			toks[k].Norm = t
			continue
		}
		if arena == nil {
			arena = make([]byte, 0, 256)
			spans = make([]span, 0, 64)
		}
		a := len(arena)
		arena = appendNorm(arena, t)
		spans = append(spans, span{k, a, len(arena)})
	}
	if len(spans) == 0 {
		return
	}
	s := string(arena)
	for _, sp := range spans {
		toks[sp.tok].Norm = s[sp.a:sp.b]
	}
}

func needsNorm(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return true
		}
	}
	return false
}

// appendNorm appends the normal form of t to b.
func appendNorm(b []byte, t string) []byte {
	for _, r := range t {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
			b = append(b, '\'')
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			b = append(b, '"')
		case '\u2014', '\u2015':
			b = append(b, "--"...)
		case '\u2013', '\u2012', '\u2212', '\u2010', '\u2011':
			b = append(b, '-')
		case '\u2026':
			b = append(b, "..."...)
		default:
			if r < utf8.RuneSelf {
				if r >= 'A' && r <= 'Z' {
					r += 'a' - 'A'
				}
				b = append(b, byte(r))
			} else {
				b = utf8.AppendRune(b, unicode.ToLower(r))
			}
		}
	}
	return b
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// digitGroup reports whether s starts with exactly three digits, as after
// a thousands separator.
func digitGroup(s string) bool {
	if len(s) < 3 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) {
		return false
	}
	return len(s) == 3 || !isDigit(s[3])
}

func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	if s == "" {
		return 0
	}
	if c := s[0]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isSpaceBefore(text string, i int) bool {
	return i == 0 || unicode.IsSpace(lastRune(text[:i]))
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// lowerASCII appends s lower-cased (ASCII letters only) to b.
func lowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
