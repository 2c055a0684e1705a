package timex

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

// token is one word, digit run or punctuation mark of the text.
type token struct {
	start, end int
	info       *wordInfo // lexicon entry of a word, nil when it has none
	num        int       // value of a digit run; -1 when longer than 9 digits
	kind       uint8
	ndig       uint8 // digits in a digit run, capped at 255
	space      bool  // whitespace comes before the token
	capital    bool  // a word starting with an ASCII capital letter
	stop       bool  // punctuation that can end a sentence: . ! ? ;
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// tokenize splits text into tokens, appending to toks. Words are runs of
// letters, numbers runs of ASCII digits; every other non-space rune is a
// punctuation token of its own.
func tokenize(text string, lx *lexicon, toks []token) []token {
	var buf [16]byte
	space := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				space = true
				i++
				continue
			case isDigit(c):
				j, v := i, 0
				for j < len(text) && isDigit(text[j]) {
					if v >= 0 && j-i < 9 {
						v = v*10 + int(text[j]-'0')
					} else {
						v = -1
					}
					j++
				}
				n := j - i
				if n > 255 {
					n = 255
				}
				toks = append(toks, token{start: i, end: j, kind: kNum, num: v, ndig: uint8(n), space: space})
				i, space = j, false
				continue
			case isLetter(c):
				j, ascii := wordEnd(text, i)
				t := token{start: i, end: j, kind: kWord, space: space, capital: c >= 'A' && c <= 'Z'}
				if ascii && j-i <= len(buf) {
					for k := i; k < j; k++ {
						buf[k-i] = text[k] | 0x20
					}
					t.info = lx.words[string(buf[:j-i])]
				}
				toks = append(toks, t)
				i, space = j, false
				continue
			default:
				toks = append(toks, token{start: i, end: i + 1, kind: kPunct, space: space,
					stop: c == '.' || c == '!' || c == '?' || c == ';'})
				i, space = i+1, false
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += n
		case unicode.IsLetter(r):
			j, _ := wordEnd(text, i)
			toks = append(toks, token{start: i, end: j, kind: kWord, space: space})
			i, space = j, false
		default:
			toks = append(toks, token{start: i, end: i + n, kind: kPunct, space: space})
			i, space = i+n, false
		}
	}
	return toks
}

// wordEnd returns the end of the letter run starting at i and whether it
// is all ASCII.
func wordEnd(text string, i int) (int, bool) {
	ascii := true
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isLetter(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			break
		}
		ascii = false
		i += n
	}
	return i, ascii
}
