package store

import (
	"strings"
	"unicode"
)

// FTSQuery turns a user's search string into a safe FTS5 query. Words are
// matched as terms (ANDed); "quoted words" and words joined by punctuation
// ("U.S.", "al-Assad") are phrases; a trailing * makes a prefix search; OR
// and NOT written in capitals between terms are kept as operators. Every
// other character is dropped, so no input can be an FTS5 syntax error. It
// returns "" when nothing searchable is left.
func FTSQuery(s string) string {
	type item struct {
		op   string // "OR" or "NOT"; empty for a term
		term string
	}
	var items []item
	addTerm := func(words []string, prefix bool) {
		if len(words) == 0 {
			return
		}
		t := `"` + strings.Join(words, " ") + `"`
		if prefix {
			t += "*"
		}
		items = append(items, item{term: t})
	}
	for len(s) > 0 {
		s = strings.TrimLeftFunc(s, func(r rune) bool { return !isWordRune(r) && r != '"' })
		if s == "" {
			break
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			var phrase string
			if end < 0 {
				phrase, s = s[1:], ""
			} else {
				phrase, s = s[1:1+end], s[2+end:]
			}
			addTerm(words(phrase), false)
			continue
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		var tok string
		if end < 0 {
			tok, s = s, ""
		} else {
			tok, s = s[:end], s[end:]
		}
		if tok == "OR" || tok == "NOT" {
			items = append(items, item{op: tok})
			continue
		}
		tok = strings.TrimRight(tok, `"`)
		prefix := strings.HasSuffix(strings.TrimRightFunc(tok, func(r rune) bool { return !isWordRune(r) && r != '*' }), "*")
		addTerm(words(tok), prefix)
	}
	// Keep an operator only between two terms.
	var out []string
	pending := ""
	for _, it := range items {
		if it.op != "" {
			if len(out) > 0 {
				pending = it.op
			}
			continue
		}
		if pending != "" {
			out = append(out, pending)
			pending = ""
		}
		out = append(out, it.term)
	}
	return strings.Join(out, " ")
}

// words splits s into the runs of letters, digits and marks FTS5's
// unicode61 tokenizer indexes.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
