package lexicon

import (
	"strings"
)

// parseAgents reads an agents file into p.d.Agents.
//
// Lines are "PHRASE {PLURAL} [~CODE]" (plural part optional, "{}" for no
// plural) or substitution-set definitions "!NAME! = A, B, C"; a phrase
// using "!NAME!" becomes one agent per member, without plurals.
func (p *parser) parseAgents(data []byte) error {
	lines := splitLines(data)
	sets := map[string][]string{}
	for i, ln := range lines {
		if err := p.checkCtx(i); err != nil {
			return err
		}
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "<") {
			continue
		}
		if strings.HasPrefix(t, "!") && strings.Contains(t, "=") && !strings.Contains(t, "[") {
			name, members, ok := parseSubstSet(t)
			if !ok {
				p.warn(ln.no, "substitution set %q malformed; skipped", t)
				continue
			}
			sets[name] = members
			continue
		}
		before, inside, _, hasCode, closed := bracket(t)
		if !hasCode {
			p.warn(ln.no, "agent line without a [code]; skipped")
			continue
		}
		if !closed {
			p.warn(ln.no, "unclosed code bracket in %q; read as [%s]", t, inside)
		}
		code := strings.ReplaceAll(inside, " ", "")
		place := Suffix
		switch {
		case strings.HasPrefix(code, "~"):
			code = code[1:]
		case strings.HasSuffix(code, "~"):
			code = code[:len(code)-1]
			place = Prefix
		default:
			p.warn(ln.no, "agent code [%s] without '~'; read as a suffix", inside)
		}
		if code == "" || strings.Contains(code, "~") {
			p.warn(ln.no, "agent code [%s] malformed; skipped", inside)
			continue
		}
		phraseText := before
		var plural string
		hasBraces := false
		if k := strings.IndexByte(before, '{'); k >= 0 {
			e := strings.IndexByte(before[k:], '}')
			if e < 0 {
				p.warn(ln.no, "missing '}'; skipped")
				continue
			}
			hasBraces = true
			plural = strings.TrimSpace(before[k+1 : k+e])
			phraseText = before[:k] + before[k+e+1:]
		}
		if strings.ContainsAny(phraseText, "{}[]") {
			p.warn(ln.no, "stray bracket in agent phrase %q; skipped", strings.TrimSpace(phraseText))
			continue
		}
		line := strings.TrimSpace(t)
		base := Agent{Code: code, Placement: place, Line: line, Comment: ln.comment, Pos: p.pos(ln.no)}
		if strings.Contains(phraseText, "!") {
			expanded, ok := expandSubst(phraseText, sets)
			if !ok {
				p.warn(ln.no, "substitution marker in %q undefined or malformed; skipped", strings.TrimSpace(phraseText))
				continue
			}
			for _, e := range expanded {
				g := base
				g.Phrase = phraseOf(e)
				g.NoPlural = true
				if len(g.Phrase.Words) > 0 {
					p.d.Agents = append(p.d.Agents, g)
				}
			}
			continue
		}
		g := base
		g.Phrase = phraseOf(phraseText)
		if len(g.Phrase.Words) == 0 {
			p.warn(ln.no, "agent line without a phrase; skipped")
			continue
		}
		switch {
		case hasBraces && plural == "":
			g.NoPlural = true
		case hasBraces:
			g.Plurals = []Phrase{phraseOf(plural)}
		default:
			g.Plurals = regularPlurals(g.Phrase)
		}
		p.d.Agents = append(p.d.Agents, g)
	}
	return nil
}

// regularPlurals returns the generated plural of a phrase.
func regularPlurals(ph Phrase) []Phrase {
	w := pluralWords(ph.Words)
	if w == nil {
		return nil
	}
	return []Phrase{{Text: JoinWords(w), Words: w}}
}

// parseSubstSet reads "!NAME! = A, B, C".
func parseSubstSet(t string) (string, []string, bool) {
	lhs, rhs, ok := strings.Cut(t, "=")
	if !ok {
		return "", nil, false
	}
	lhs = strings.TrimSpace(lhs)
	if len(lhs) < 3 || lhs[0] != '!' || lhs[len(lhs)-1] != '!' {
		return "", nil, false
	}
	name := lhs[1 : len(lhs)-1]
	var members []string
	for _, m := range strings.Split(rhs, ",") {
		m = strings.TrimSpace(m)
		if strings.ContainsAny(m, "{}[]!") {
			return "", nil, false
		}
		if m != "" {
			members = append(members, m)
		}
	}
	return name, members, len(members) > 0 && name != ""
}

// expandSubst replaces the first "!NAME!" marker in s by each member of
// its set (recursively for further markers).
func expandSubst(s string, sets map[string][]string) ([]string, bool) {
	k := strings.IndexByte(s, '!')
	if k < 0 {
		return []string{s}, true
	}
	e := strings.IndexByte(s[k+1:], '!')
	if e < 0 {
		return nil, false
	}
	members, ok := sets[s[k+1:k+1+e]]
	if !ok {
		return nil, false
	}
	var out []string
	for _, m := range members {
		rest, ok := expandSubst(s[:k]+m+s[k+1+e+1:], sets)
		if !ok {
			return nil, false
		}
		out = append(out, rest...)
	}
	return out, true
}
