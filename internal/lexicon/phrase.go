package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the matching form of one word, as internal/text puts
// in Token.Norm: lower-cased, typographic quotes folded to "'" and '"',
// dashes to "-".
func Normalize(word string) string {
	ascii := true
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return word
	}
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`':
			r = '\''
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
			r = '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			r = '-'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SplitPhrase splits a dictionary phrase into normalised tokens the way
// internal/text tokenises running text (Penn Treebank conventions):
//
//   - "_" and white space separate words: "UNITED_STATES" → united, states;
//   - a possessive or contraction clitic is its own token: "IRAN'S" →
//     iran, 's; "DON'T" → do, n't; "THEY'RE" → they, 're;
//   - periods and hyphens inside a word stay: "U.S." → u.s.,
//     "BARAD-DUR" → barad-dur;
//   - empty words are dropped.
func SplitPhrase(s string) []string {
	s = Normalize(s) // once for the phrase: the words below are substrings
	out := make([]string, 0, 4)
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if start >= 0 {
				out = appendWord(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = appendWord(out, s[start:])
	}
	return out
}

// appendWord appends the tokens of one space-free word.
func appendWord(out []string, w string) []string {
	w = Normalize(w)
	if w == "" {
		return out
	}
	// Contraction "n't" glued to a verb: "don't" → "do" "n't"; "can't"
	// → "ca" "n't" as Treebank does.
	if len(w) > 3 && strings.HasSuffix(w, "n't") {
		return append(out, w[:len(w)-3], "n't")
	}
	if k := strings.LastIndexByte(w, '\''); k > 0 {
		switch w[k:] {
		case "'s", "'re", "'ve", "'ll", "'d", "'m":
			return append(out, w[:k], w[k:])
		case "'":
			// Plural possessive "parents'" → parents '
			if len(w) > 1 {
				return append(out, w[:k], "'")
			}
		}
	}
	return append(out, w)
}

// JoinWords writes tokens back as a dictionary phrase: upper-case joined
// with "_" ("united", "states" → "UNITED_STATES").
func JoinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && !isClitic(w) {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToUpper(w))
	}
	return b.String()
}

func isClitic(w string) bool {
	switch w {
	case "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'":
		return true
	}
	return false
}

// titlePhrase turns "BARACK_OBAMA" into "Barack Obama".
func titlePhrase(s string) string {
	s = strings.Trim(s, "_ ")
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' })
	for i, w := range words {
		if strings.ContainsAny(w, ".0123456789") || utf8.RuneCountInString(w) <= 1 {
			continue
		}
		var b strings.Builder
		upNext := true
		for _, r := range w {
			if upNext {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			upNext = r == '-' || r == '\''
			if r == '\'' {
				upNext = false
			}
		}
		words[i] = b.String()
	}
	return strings.Join(words, " ")
}

// plurals returns the regular plural forms of a phrase: its last word
// pluralised (PETRARCH rules: -y after a consonant → -ies; -s, -x, -z,
// -ch, -sh → -es; else -s).
func pluralWords(words []string) []string {
	if len(words) == 0 {
		return nil
	}
	out := make([]string, len(words))
	copy(out, words)
	out[len(out)-1] = pluralOf(words[len(words)-1])
	return out
}

func pluralOf(w string) string {
	n := len(w)
	switch {
	case n == 0:
		return w
	case n > 1 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return w[:n-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// verbForms returns the regular inflections of a base verb: third person
// -s, past -ed, progressive -ing, following the usual English spelling
// rules (try → tries/tried; move → moved/moving; stop → stopped/stopping
// for a short consonant-vowel-consonant word).
func verbForms(w string) (s, ed, ing string) {
	n := len(w)
	if n == 0 {
		return w, w, w
	}
	last := w[n-1]
	// third person
	switch {
	case n > 1 && last == 'y' && !isVowel(w[n-2]):
		s = w[:n-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "o"):
		s = w + "es"
	default:
		s = w + "s"
	}
	switch {
	case last == 'e':
		ed = w + "d"
		if strings.HasSuffix(w, "ee") || strings.HasSuffix(w, "ye") || strings.HasSuffix(w, "oe") {
			ing = w + "ing"
		} else if strings.HasSuffix(w, "ie") {
			ing = w[:n-2] + "ying"
		} else {
			ing = w[:n-1] + "ing"
		}
	case n > 1 && last == 'y' && !isVowel(w[n-2]):
		ed = w[:n-1] + "ied"
		ing = w + "ing"
	case doublesFinal(w):
		ed = w + string(last) + "ed"
		ing = w + string(last) + "ing"
	default:
		ed = w + "ed"
		ing = w + "ing"
	}
	return s, ed, ing
}

// doublesFinal reports whether a one-syllable consonant-vowel-consonant
// verb doubles its final consonant ("stop" → "stopped", "ban" → "banned").
func doublesFinal(w string) bool {
	n := len(w)
	if n < 3 || n > 4 {
		return false
	}
	c1, v, c2 := w[n-3], w[n-2], w[n-1]
	if isVowel(c1) || !isVowel(v) || isVowel(c2) || !isLetter(c1) || !isLetter(c2) {
		return false
	}
	switch c2 {
	case 'w', 'x', 'y':
		return false
	}
	// only one vowel in the word
	vowels := 0
	for i := 0; i < n; i++ {
		if isVowel(w[i]) {
			vowels++
		}
	}
	return vowels == 1
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }
