package lexicon

import (
	"strings"
)

// parseVerbs reads a PETRARCH-1 verbs file (synsets, verb families,
// verbs and patterns) into p.d.Verbs.
func (p *parser) parseVerbs(data []byte) error {
	if p.d.Verbs.Synsets == nil {
		p.d.Verbs.Synsets = map[string]*Synset{}
	}
	lines := splitLines(data)
	var syn *Synset // synset whose "+" members are being read
	synNoPlural := false
	fam := -1 // index of the current family
	for i, ln := range lines {
		if err := p.checkCtx(i); err != nil {
			return err
		}
		t := strings.TrimSpace(ln.text)
		if syn != nil {
			if strings.HasPrefix(t, "+") {
				m := strings.TrimSpace(t[1:])
				noPlural := synNoPlural || strings.HasSuffix(m, "_")
				ph := phraseOf(m)
				if strings.HasPrefix(ph.Text, "&") {
					ph = Phrase{Text: "&" + synsetName(ph.Text)}
				} else if len(ph.Words) == 0 {
					p.warn(ln.no, "empty synset member; skipped")
					continue
				}
				syn.Members = append(syn.Members, ph)
				syn.NoPlural = append(syn.NoPlural, noPlural)
				continue
			}
			syn = nil
		}
		switch {
		case strings.HasPrefix(t, "<"):
			continue
		case strings.HasPrefix(t, "~"):
			left, right, ok := strings.Cut(t[1:], "=")
			if !ok || len(strings.Fields(left)) == 0 || len(strings.Fields(right)) == 0 {
				p.warn(ln.no, "transformation line without 'left = right'; skipped")
				continue
			}
			p.d.Verbs.Transforms = append(p.d.Verbs.Transforms, Transform{
				Left: strings.Fields(left), Right: strings.Fields(right), Line: t, Pos: p.pos(ln.no),
			})
		case strings.HasPrefix(t, "---"):
			f, ok := p.familyHeader(ln.no, t)
			if !ok {
				continue
			}
			f.Line = t
			p.d.Verbs.Families = append(p.d.Verbs.Families, f)
			fam = len(p.d.Verbs.Families) - 1
		case strings.HasPrefix(t, "-"):
			if fam < 0 {
				p.warn(ln.no, "pattern before any verb block; skipped")
				continue
			}
			pat, ok := p.pattern(ln.no, t)
			if !ok {
				continue
			}
			pat.Family = fam
			pat.Comment = ln.comment
			p.d.Verbs.Families[fam].Patterns = append(p.d.Verbs.Families[fam].Patterns, pat)
		case strings.HasPrefix(t, "&"):
			name := synsetName(strings.Fields(t)[0])
			if name == "" {
				p.warn(ln.no, "synset without a name; skipped")
				continue
			}
			noPlural := strings.HasSuffix(strings.Fields(t)[0], "_")
			if old, dup := p.d.Verbs.Synsets[name]; dup {
				p.warn(ln.no, "synset &%s already defined at %s; members added to it", name, old.Pos)
				syn = old
			} else {
				syn = &Synset{Name: name, Pos: p.pos(ln.no)}
				p.d.Verbs.Synsets[name] = syn
			}
			synNoPlural = noPlural
		default:
			if fam < 0 {
				p.warn(ln.no, "verb %q before any verb block; skipped", t)
				continue
			}
			v, ok := p.verb(ln.no, t)
			if !ok {
				continue
			}
			v.Comment = ln.comment
			p.d.Verbs.Families[fam].Verbs = append(p.d.Verbs.Families[fam].Verbs, v)
		}
	}
	return nil
}

// familyHeader reads "--- LABEL [code] ---".
func (p *parser) familyHeader(no int, t string) (VerbFamily, bool) {
	body := strings.Trim(t, "- \t")
	before, inside, after, hasCode, closed := bracket(body)
	f := VerbFamily{Label: strings.TrimSpace(before), Code: "---", Pos: p.pos(no)}
	f.Label = strings.Join(strings.Fields(f.Label), "_")
	if f.Label == "" {
		p.warn(no, "verb block header without a label")
	}
	if hasCode {
		if !closed {
			p.warn(no, "unclosed code bracket in verb block header")
		}
		code := strings.ReplaceAll(inside, " ", "")
		if code != "" {
			f.Code, f.Paired = splitPaired(code)
		}
		if strings.Contains(after, "[") {
			p.warn(no, "verb block header has more than one code; only [%s] is used", inside)
		}
	}
	return f, true
}

// splitPaired splits "a:b" into a and b.
func splitPaired(code string) (string, string) {
	a, b, _ := strings.Cut(code, ":")
	return a, b
}

// verb reads a verb line: "WORD", "WORD {IRREGULAR FORMS} [code]",
// "+WORD_PARTICLE {...}", "PRE_+WORD".
func (p *parser) verb(no int, t string) (Verb, bool) {
	v := Verb{Line: t, Pos: p.pos(no)}
	before, inside, _, hasCode, _ := bracket(t)
	if hasCode {
		code := strings.ReplaceAll(inside, " ", "")
		v.Code, v.Paired = splitPaired(code)
	}
	text := before
	var irregular []string
	hasBraces := false
	if k := strings.IndexByte(before, '{'); k >= 0 {
		e := strings.IndexByte(before[k:], '}')
		if e < 0 {
			p.warn(no, "missing '}' in verb line; irregular forms ignored")
			text = before[:k]
		} else {
			hasBraces = true
			irregular = strings.Fields(before[k+1 : k+e])
			text = before[:k] + before[k+e+1:]
		}
	}
	if strings.ContainsAny(text, "{}[]") {
		p.warn(no, "stray bracket in verb %q; skipped", strings.TrimSpace(text))
		return v, false
	}
	words, head := verbWords(text)
	if len(words) == 0 {
		p.warn(no, "verb line without a verb; skipped")
		return v, false
	}
	if strings.ContainsAny(words[0][:1], "&-<+~") {
		p.warn(no, "verb %q starts with a marker character; skipped", strings.TrimSpace(text))
		return v, false
	}
	v.Phrase = Phrase{Text: strings.ReplaceAll(strings.TrimRight(strings.TrimSpace(text), "_"), "+", ""), Words: words}
	v.Head = head
	f := formSet{}
	f.add(words, head)
	for _, irr := range irregular {
		w, h := verbWords(irr)
		if len(w) == 0 {
			continue
		}
		if !strings.Contains(irr, "+") && len(w) == len(words) {
			h = head
		}
		v.Irregular = append(v.Irregular, Phrase{Text: strings.ReplaceAll(irr, "+", ""), Words: w})
		f.add(w, h)
	}
	if !hasBraces {
		for _, form := range regularVerbForms(words[head]) {
			w := make([]string, len(words))
			copy(w, words)
			w[head] = form
			f.add(w, head)
		}
	}
	v.Forms, v.FormHeads = f.forms, f.heads
	return v, true
}

// verbWords splits a verb as written into tokens and finds the inflected
// word: the one marked "+", else the first.
func verbWords(s string) ([]string, int) {
	s = strings.TrimSpace(s)
	var words []string
	head := -1
	for _, piece := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' }) {
		marked := strings.HasPrefix(piece, "+")
		piece = strings.TrimLeft(piece, "+")
		if piece == "" {
			continue
		}
		if marked && head < 0 {
			head = len(words)
		}
		words = appendWord(words, piece)
	}
	if head < 0 || head >= len(words) {
		head = 0
	}
	return words, head
}

// regularVerbForms returns the generated inflections of a base verb: the
// English spellings (verbForms) and PETRARCH's simpler ones (base+S or
// +ES after s/x/z, +D or +ED, +ING dropping a final e) when they differ.
func regularVerbForms(w string) []string {
	s, ed, ing := verbForms(w)
	out := []string{s, ed, ing}
	if w == "" {
		return out
	}
	last := w[len(w)-1]
	var ps, ped, ping string
	if last == 's' || last == 'x' || last == 'z' {
		ps = w + "es"
	} else {
		ps = w + "s"
	}
	if last == 'e' {
		ped, ping = w+"d", w[:len(w)-1]+"ing"
	} else {
		ped, ping = w+"ed", w+"ing"
	}
	for _, x := range []string{ps, ped, ping} {
		if x != s && x != ed && x != ing {
			out = append(out, x)
		}
	}
	return out
}

// formSet collects distinct token sequences with their head index.
type formSet struct {
	forms [][]string
	heads []int
	seen  map[string]bool
}

func (f *formSet) add(words []string, head int) {
	key := strings.Join(words, " ")
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	if f.seen[key] {
		return
	}
	f.seen[key] = true
	f.forms = append(f.forms, words)
	f.heads = append(f.heads, head)
}

// pattern reads "- PRE * POST [code]".
func (p *parser) pattern(no int, t string) (Pattern, bool) {
	pat := Pattern{Line: t, Pos: p.pos(no)}
	body := t[1:]
	if strings.HasPrefix(body, "-") {
		p.warn(no, "pattern starts with %q; read as '-'", "--")
		body = strings.TrimLeft(body, "-")
	}
	before, inside, after, hasCode, closed := bracket(body)
	if !hasCode || inside == "" {
		p.warn(no, "pattern without a [code]; skipped")
		return pat, false
	}
	if !closed {
		p.warn(no, "unclosed code bracket in pattern")
	}
	if strings.TrimSpace(after) != "" {
		p.warn(no, "text %q after the pattern code ignored", strings.TrimSpace(after))
	}
	pat.Code, pat.Paired = splitPaired(strings.ReplaceAll(inside, " ", ""))
	if strings.Contains(before, "|") {
		p.warn(no, "disjunctive pattern (TABARI) not supported; skipped")
		return pat, false
	}
	// PETRARCH reads "X_ Y" as "X Y" and drops a final "_".
	body = strings.ReplaceAll(before, "_ ", " ")
	body = strings.TrimSpace(body)
	body = strings.TrimRight(body, "_")
	items := patternItems(body)
	star := -1
	for k, it := range items {
		if it.text == "*" {
			if star >= 0 {
				p.warn(no, "pattern has more than one '*'; skipped")
				return pat, false
			}
			star = k
		}
	}
	if star < 0 {
		p.warn(no, "pattern without the verb '*'; skipped")
		return pat, false
	}
	var ok bool
	if pat.Pre, ok = buildElems(items[:star], true); !ok {
		p.warn(no, "unbalanced brackets in pattern; skipped")
		return pat, false
	}
	if pat.Post, ok = buildElems(items[star+1:], false); !ok {
		p.warn(no, "unbalanced brackets in pattern; skipped")
		return pat, false
	}
	return pat, true
}

// patItem is one item of a pattern with the separators around it.
type patItem struct {
	text        string
	tightBefore bool // joined by "_" to the item before
	tightAfter  bool // joined by "_" to the item after
}

// patternItems splits a pattern body on " " and "_", keeping "(", ")",
// "{", "}" and "*" as items of their own and recording "_" joins.
func patternItems(s string) []patItem {
	var items []patItem
	pendingTight := false // the last separator was "_"
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		items = append(items, patItem{text: s[start:end], tightBefore: pendingTight && len(items) > 0})
		pendingTight = false
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '\t':
			flush(i)
		case '_':
			flush(i)
			pendingTight = true
		case '(', ')', '{', '}', '*':
			flush(i)
			items = append(items, patItem{text: s[i : i+1], tightBefore: pendingTight && len(items) > 0})
			pendingTight = false
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	for k := 1; k < len(items); k++ {
		items[k-1].tightAfter = items[k].tightBefore
	}
	return items
}

// buildElems turns items into elements. pre says whether the items come
// before the verb (Tight then looks right, toward the verb) or after it
// (Tight looks left).
func buildElems(items []patItem, pre bool) ([]Elem, bool) {
	var out []Elem
	for k := 0; k < len(items); k++ {
		it := items[k]
		tight := it.tightBefore
		if pre {
			tight = it.tightAfter
		}
		switch it.text {
		case "(", "{":
			closeCh := ")"
			kind := ElemPrep
			if it.text == "{" {
				closeCh, kind = "}", ElemPhrase
			}
			depth, e := 0, -1
			for j := k; j < len(items); j++ {
				switch items[j].text {
				case "(", "{":
					depth++
				case ")", "}":
					depth--
				}
				if depth == 0 {
					e = j
					break
				}
			}
			if e < 0 || items[e].text != closeCh {
				return nil, false
			}
			inner, ok := buildElems(items[k+1:e], false)
			if !ok {
				return nil, false
			}
			g := Elem{Kind: kind, Tight: tight, Elems: inner}
			if pre {
				g.Tight = items[e].tightAfter
			}
			if kind == ElemPrep && len(inner) > 0 && inner[0].Kind == ElemWord {
				g.Text = inner[0].Text
				g.Elems = inner[1:]
			}
			out = append(out, g)
			k = e
		case ")", "}":
			return nil, false
		case "$":
			out = append(out, Elem{Kind: ElemSource, Tight: tight})
		case "+":
			out = append(out, Elem{Kind: ElemTarget, Tight: tight})
		case "%":
			out = append(out, Elem{Kind: ElemCompound, Tight: tight})
		case "^":
			out = append(out, Elem{Kind: ElemSkip, Tight: tight})
		default:
			if strings.HasPrefix(it.text, "&") {
				out = append(out, Elem{Kind: ElemSynset, Text: synsetName(it.text), Tight: tight})
				continue
			}
			toks := appendWord(nil, it.text)
			for j, w := range toks {
				e := Elem{Kind: ElemWord, Text: w, Tight: true}
				if pre && j == len(toks)-1 {
					e.Tight = tight
				}
				if !pre && j == 0 {
					e.Tight = tight
				}
				out = append(out, e)
			}
		}
	}
	return out, true
}
