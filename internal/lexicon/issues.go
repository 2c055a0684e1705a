package lexicon

import (
	"strings"
)

// parseDiscards reads a discards file: one phrase a line, "+" for a story
// discard, a trailing "_" for a whole-word match.
func (p *parser) parseDiscards(data []byte) error {
	for i, ln := range splitLines(data) {
		if err := p.checkCtx(i); err != nil {
			return err
		}
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "<") {
			continue
		}
		x := Discard{Comment: ln.comment, Pos: p.pos(ln.no)}
		if strings.HasPrefix(t, "+") {
			x.Story = true
			t = strings.TrimSpace(t[1:])
		}
		x.Whole = strings.HasSuffix(t, "_")
		x.Phrase = phraseOf(t)
		if len(x.Phrase.Words) == 0 {
			p.warn(ln.no, "empty discard phrase; skipped")
			continue
		}
		p.d.Discards = append(p.d.Discards, x)
	}
	return nil
}

// parseIssues reads an issues file: "<ISSUE CATEGORY=...>" blocks of
// "phrase [CODE]" lines and "~phrase" / "~~phrase" ignore lines.
func (p *parser) parseIssues(data []byte) error {
	category := ""
	markers := strings.NewReplacer("n:", "", "N:", "", "v:", "", "V:", "", "+", " ")
	for i, ln := range splitLines(data) {
		if err := p.checkCtx(i); err != nil {
			return err
		}
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "<") {
			switch {
			case hasPrefixFold(t, "</ISSUE"):
				category = ""
			case hasPrefixFold(t, "<ISSUE"):
				category = tagAttr(t, "CATEGORY")
			}
			continue
		}
		is := Issue{Category: category, Comment: ln.comment, Pos: p.pos(ln.no)}
		var text string
		switch {
		case strings.HasPrefix(t, "~~"):
			is.Ignore, is.Story = true, true
			text = t[2:]
		case strings.HasPrefix(t, "~"):
			is.Ignore = true
			text = t[1:]
		default:
			before, inside, _, hasCode, _ := bracket(t)
			if !hasCode || strings.TrimSpace(inside) == "" {
				p.warn(ln.no, "issue line without a [code]; skipped")
				continue
			}
			is.Code = strings.TrimSpace(inside)
			text = before
		}
		text = strings.TrimSpace(text)
		is.Phrase = Phrase{Text: text, Words: SplitPhrase(markers.Replace(text))}
		is.Forms = issueForms(text)
		if len(is.Forms) == 0 {
			p.warn(ln.no, "empty issue phrase; skipped")
			continue
		}
		p.d.Issues = append(p.d.Issues, is)
	}
	return nil
}

// tagAttr returns the value of attr="..." in an XML-ish tag.
func tagAttr(tag, attr string) string {
	k := -1
	for i := 0; i+len(attr)+1 <= len(tag); i++ {
		if strings.EqualFold(tag[i:i+len(attr)], attr) && tag[i+len(attr)] == '=' {
			k = i
			break
		}
	}
	if k < 0 {
		return ""
	}
	rest := tag[k+len(attr)+1:]
	rest = strings.TrimLeft(rest, " ")
	if strings.HasPrefix(rest, `"`) {
		if e := strings.IndexByte(rest[1:], '"'); e >= 0 {
			return rest[1 : 1+e]
		}
		return rest[1:]
	}
	if e := strings.IndexAny(rest, " >"); e >= 0 {
		return rest[:e]
	}
	return rest
}

// issueForms expands an issue phrase as PETRARCH does: "a+b" gives "a b"
// and "a-b"; "n:word" the noun and its plural; "v:word" the verb and its
// -s, -ed and -ing forms. Each form is split with SplitPhrase.
func issueForms(text string) [][]string {
	variants := []string{text}
	for {
		changed := false
		var next []string
		for _, v := range variants {
			switch {
			case strings.Contains(v, "+"):
				next = append(next, strings.Replace(v, "+", " ", 1), strings.Replace(v, "+", "-", 1))
				changed = true
			case indexFold(v, "n:") >= 0:
				k := indexFold(v, "n:")
				word, rest := cutWord(v[k+2:])
				next = append(next, v[:k]+word+rest, v[:k]+pluralOf(strings.ToLower(word))+rest)
				if naive := naivePlural(strings.ToLower(word)); naive != pluralOf(strings.ToLower(word)) {
					next = append(next, v[:k]+naive+rest)
				}
				changed = true
			case indexFold(v, "v:") >= 0:
				k := indexFold(v, "v:")
				word, rest := cutWord(v[k+2:])
				next = append(next, v[:k]+word+rest)
				for _, f := range regularVerbForms(strings.ToLower(word)) {
					next = append(next, v[:k]+f+rest)
				}
				changed = true
			default:
				next = append(next, v)
			}
		}
		variants = next
		if !changed || len(variants) > 256 {
			break
		}
	}
	fs := formSet{}
	for _, v := range variants {
		if w := SplitPhrase(v); len(w) > 0 {
			fs.add(w, 0)
		}
	}
	return fs.forms
}

// naivePlural is PETRARCH's issue plural: -y → -ies, else +s.
func naivePlural(w string) string {
	if strings.HasSuffix(w, "y") {
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// cutWord splits s at the first space.
func cutWord(s string) (string, string) {
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k], s[k:]
	}
	return s, ""
}

// indexFold finds an ASCII marker such as "n:" case-insensitively, at the
// start of a word (after a space, "+" or at the beginning).
func indexFold(s, marker string) int {
	for i := 0; i+len(marker) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(marker)], marker) && (i == 0 || s[i-1] == ' ' || s[i-1] == '+' || s[i-1] == '-') {
			return i
		}
	}
	return -1
}

// hasPrefixFold reports whether s starts with prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
