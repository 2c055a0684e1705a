package quote

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord uint8 = iota + 1
	kNum
	kPunct
)

// Quote mark kinds.
const (
	markNone     uint8 = iota
	markOpen           // “
	markClose          // ”
	markStraight       // "
)

// token is one word, digit run or punctuation mark.
type token struct {
	start, end int
	info       *wordInfo
	kind       uint8
	mark       uint8
	newlines   uint8 // newlines in the whitespace before the token, capped
	space      bool  // whitespace comes before the token
	capital    bool  // a word starting with an upper-case letter
	stop       bool  // . ! ? or an ellipsis: can end a sentence
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// tokenize splits text into words (letter runs), numbers (digit runs) and
// single punctuation runes, appending to toks.
func tokenize(text string, lx *lexicon, toks []token) []token {
	var buf [24]byte
	space, nl := true, 0
	for i := 0; i < len(text); {
		c := text[i]
		var r rune = rune(c)
		n := 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || (c >= utf8.RuneSelf && unicode.IsSpace(r)):
			if c == '\n' && nl < 255 {
				nl++
			}
			space = true
			i += n
			continue
		case isDigit(c):
			j := i
			for j < len(text) && isDigit(text[j]) {
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: kNum, space: space, newlines: uint8(nl)})
			i = j
		case isLetter(c) || (c >= utf8.RuneSelf && unicode.IsLetter(r)):
			j, ascii := i, true
			for j < len(text) {
				d := text[j]
				if d < utf8.RuneSelf {
					if !isLetter(d) {
						break
					}
					j++
					continue
				}
				rr, nn := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(rr) {
					break
				}
				ascii = false
				j += nn
			}
			t := token{start: i, end: j, kind: kWord, space: space, newlines: uint8(nl), capital: unicode.IsUpper(r)}
			if ascii && j-i <= len(buf) {
				for k := i; k < j; k++ {
					buf[k-i] = text[k] | 0x20
				}
				t.info = lx.words[string(buf[:j-i])]
			}
			toks = append(toks, t)
			i = j
		default:
			t := token{start: i, end: i + n, kind: kPunct, space: space, newlines: uint8(nl)}
			switch r {
			case '\u201c':
				t.mark = markOpen
			case '\u201d':
				t.mark = markClose
			case '"':
				t.mark = markStraight
			case '.':
				// The point of "U.S." or "Gen." and a decimal point do
				// not end a sentence.
				t.stop = true
				if n := len(toks); n > 0 && !space {
					switch p := toks[n-1]; p.kind {
					case kWord:
						t.stop = !(p.end-p.start == 1 && p.capital) && !(p.info != nil && p.info.flags&fAbbrev != 0)
					case kNum:
						t.stop = i+1 >= len(text) || !isDigit(text[i+1])
					}
				}
				if i+1 < len(text) && text[i+1] == ')' {
					t.stop = false // "(D-Okla.)"
				}
			case '!', '?', '\u2026':
				t.stop = true
			}
			toks = append(toks, t)
			i += n
		}
		space, nl = false, 0
	}
	return toks
}
