// Package fold turns place names into lookup keys: lower case, accents
// removed, apostrophes dropped, every other run of non-alphanumeric
// characters one space. "Bogotá", "BOGOTA" and "Bogota" share the key
// "bogota"; "Khān Yūnis" and "Khan Yunis" share "khan yunis"; "Ivano-
// Frankivsk" is "ivano frankivsk".
//
// The gazetteer generator and the run-time matcher both use it, so the keys
// stored in the embedded table and the keys built from article text agree.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsApostrophe reports whether r is one of the apostrophe-like marks that
// transliterations put inside names (Ta'izz, Khuzā‘ah, Qal`at).
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʿ', 'ʾ', 'ʼ', 'ʻ', '´':
		return true
	}
	return false
}

// special are letters that do not decompose into a base letter and marks.
var special = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŋ': "n",
	'ə': "e", 'Ə': "e",
}

// Key returns the lookup key of s.
func Key(s string) string {
	// Fast path: already a key.
	if IsASCIIKey(s) && s[0] != ' ' && s[len(s)-1] != ' ' && !strings.Contains(s, "  ") {
		return s
	}
	return string(Append(make([]byte, 0, len(s)), s))
}

// Append appends the key of s to dst, separated by one space from what dst
// already holds when both are non-empty, and returns the extended slice.
func Append(dst []byte, s string) []byte {
	pendingSpace := len(dst) > 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				continue
			default:
				if len(dst) > 0 {
					pendingSpace = true
				}
				continue
			}
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if IsApostrophe(r) || unicode.IsMark(r) {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if len(dst) > 0 {
				pendingSpace = true
			}
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		if sp, ok := special[r]; ok {
			dst = append(dst, sp...)
			continue
		}
		var buf [16]byte
		d := norm.NFD.AppendString(buf[:0], string(r))
		for len(d) > 0 {
			dr, dn := utf8.DecodeRune(d)
			d = d[dn:]
			if unicode.IsMark(dr) {
				continue
			}
			dr = unicode.ToLower(dr)
			if sp, ok := special[dr]; ok {
				dst = append(dst, sp...)
				continue
			}
			dst = utf8.AppendRune(dst, dr)
		}
	}
	return dst
}

// IsASCIIKey reports whether key holds only a-z, 0-9 and spaces: the keys of
// names written in Latin script. Keys of names in other scripts are not
// indexed, since Chronicle reads English text.
func IsASCIIKey(key string) bool {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ') {
			return false
		}
	}
	return key != ""
}
