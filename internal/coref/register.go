package coref

import (
	"strings"

	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

// phrase is what the dictionary and the title list say about a noun
// phrase.
type phrase struct {
	actor          *lexicon.Actor // the actor covering the head
	actorAt        [2]int         // its tokens
	agent          *lexicon.Agent // a role word ("minister", "army")
	agentAt        int            // its first token, -1 when none
	country        string         // a country modifier's code ("Palestinian" → PSE)
	title          int            // last title in the phrase, -1 when none
	titleAt        [2]int
	name           [2]int // trailing proper-name words after any title
	head           int
	definite       bool // opens with "the"
	plural         bool
	personalTitle  bool // a title or form of address is present
	titleGender    byte
	firstNameKnown byte
}

// analyse reads the phrase at tokens [first, last).
func (st *state) analyse(first, last int) phrase {
	toks := st.doc.Tokens
	tab := st.r.tab
	p := phrase{title: -1, agentAt: -1, head: last - 1}
	p.definite = st.norms[first] == "the"
	// The head: the last noun.
	switch toks[p.head].Tag {
	case "NNS", "NNPS":
		p.plural = true
	}
	// Titles.
	for i := first; i < last; {
		ti, n := tab.titleAt(st.norms[:last], i)
		if ti < 0 {
			i++
			continue
		}
		p.title, p.titleAt = ti, [2]int{i, i + n}
		p.personalTitle = true
		if g := tab.titles[ti].gender; g != 0 {
			p.titleGender = g
		}
		i += n
	}
	// Name: the trailing run of proper nouns after the title.
	start := last
	lo := first
	if p.title >= 0 {
		lo = p.titleAt[1]
	}
	for start > lo && (isNNP(toks[start-1].Tag) || (start < last && nameParticle(st.norms[start-1]))) {
		start--
	}
	for start < last && !isNNP(toks[start].Tag) {
		start++ // a name does not open with "von"
	}
	p.name = [2]int{start, last}
	// Dictionary actors and agents: the longest actor phrase covering
	// the head is the phrase's actor; country phrases elsewhere are
	// modifiers ("Palestinian" in "Palestinian President Mahmoud Abbas").
	if d := st.r.dict; d != nil && st.mayName(first, last) {
		sub := st.norms[first:last]
		h := p.head - first
		for i := 0; i < len(sub); i++ {
			a, n := d.LongestActor(sub, i)
			if a == nil {
				continue
			}
			if p.actor == nil && i+n > h {
				p.actor, p.actorAt = a, [2]int{first + i, first + i + n}
				break
			}
			if c := a.CodeAt(st.date); len(c) == 3 && p.country == "" {
				p.country = c
			}
		}
	}
	if d := st.r.dict; d != nil {
		sub := st.norms[first:last]
		for i := 0; i < len(sub); i++ {
			if g, n := d.LongestAgent(sub, i); g != nil {
				p.agent, p.agentAt = g, first+i
				if first+i+n > p.head && !equalWords(sub[i:i+n], g.Phrase.Words) {
					p.plural = true // a plural form of the role ("protesters")
				}
				i += n - 1
			}
		}
	}
	if p.name[0] < p.name[1] {
		p.firstNameKnown = tab.names[st.norms[p.name[0]]]
	}
	return p
}

// demonymPlural reports whether the phrase's actor is a country's people
// written as one plural word the tagger took for a name ("the Iraqis").
func (st *state) demonymPlural(p *phrase) bool {
	if p.actor == nil || p.actorAt[1]-p.actorAt[0] != 1 {
		return false
	}
	w := st.norms[p.actorAt[0]]
	pw := p.actor.Primary.Words
	return len(w) > 3 && w[len(w)-1] == 's' && len(pw) > 0 && pw[len(pw)-1] != w
}

// nameParticle reports whether a lower-case word can sit inside a name
// ("Ursula von der Leyen").
func nameParticle(w string) bool {
	switch w {
	case "von", "der", "van", "den", "de", "da", "di", "du", "la", "le", "al", "el", "bin", "ben", "ibn", "abu":
		return true
	}
	return false
}

// mayName reports whether a phrase can hold a dictionary actor: one with
// a proper noun or an adjective ("Palestinian") in it.
func (st *state) mayName(first, last int) bool {
	for i := first; i < last; i++ {
		switch st.doc.Tokens[i].Tag {
		case "NNP", "NNPS", "JJ":
			return true
		}
	}
	return false
}

// isPerson reports whether a dictionary actor is a person: listed in a
// file of people, or coded by tenure.
func isPerson(a *lexicon.Actor) bool {
	f := strings.ToLower(a.Pos.File)
	switch {
	case strings.Contains(f, "people") || strings.Contains(f, "leader") || strings.Contains(f, "person"):
		return true
	case strings.Contains(f, "countr") || strings.Contains(f, "organi") || strings.Contains(f, "group"):
		return false
	}
	for _, c := range a.Codes {
		if c.Restricted() {
			return true
		}
	}
	return false
}

// compose combines a country code with an agent's role ("PSE" + GOV).
func compose(country string, g *lexicon.Agent) string {
	if g == nil {
		return country
	}
	return g.Apply(country)
}

// register classifies mention k (not a pronoun) and ties it to an entity,
// linking surnames and aliases.
func (st *state) register(k int) {
	m := &st.ms[k]
	if m.kind == mPronoun {
		return
	}
	if m.coord == coordWhole {
		// "Israel and Hamas": a group of its own for "they", without a
		// code; the parts are mentions of their own.
		m.kind = mGroup
		m.ent = int32(len(st.ents))
		st.ents = append(st.ents, entity{kind: eGroup, best: [2]int{m.first, m.last}, last: m.first})
		return
	}
	// "Secretary of State George Shultz and Defense Secretary Caspar
	// Weinberger" chunked as one phrase: keep the part with the head.
	for i := m.last - 2; i > m.first; i-- {
		if n := st.norms[i]; n == "and" || n == "or" || n == "," {
			m.first = i + 1
			break
		}
	}
	p := st.analyse(m.first, m.last)
	hasName := p.name[0] < p.name[1]
	switch {
	case p.actor != nil && isPerson(p.actor):
		if !hasName {
			p.name = p.actorAt
		}
		st.person(k, &p)
	case hasName && p.actor == nil && (p.personalTitle || p.firstNameKnown != 0):
		st.person(k, &p)
	case hasName && p.actor == nil && st.surnameOf(p.name) >= 0:
		st.person(k, &p)
	case p.actor != nil && !(p.plural && p.actorAt[1]-p.actorAt[0] == 1) && !st.demonymPlural(&p):
		// A dictionary country or organisation; a one-word plural
		// ("Palestinians") is its people, a group.
		st.named(k, &p)
	case !hasName && p.title >= 0 && p.titleAt[1] == m.last && st.r.tab.titles[p.title].key != "" && !p.plural:
		if p.definite {
			if st.apposition(k, &p) {
				return
			}
			m.kind, m.title, m.country = mTitle, p.title, p.country
		}
	case (p.plural || st.demonymPlural(&p)) && (p.agent != nil || p.actor != nil || p.country != ""):
		// People in the plural: a role ("officials"), a nationality or
		// a country's people; plural things ("hopes") are no actors.
		st.group(k, &p, eGroup)
	case p.definite && p.agent != nil && p.agentAt <= p.head:
		st.group(k, &p, eOrg)
	}
}

// apposition handles "Mahmoud Abbas, the Palestinian president,": the
// title belongs to the person just named, and is no anaphor.
func (st *state) apposition(k int, p *phrase) bool {
	m := &st.ms[k]
	if k == 0 || m.first < 1 || st.norms[m.first-1] != "," {
		return false
	}
	prev := &st.ms[k-1]
	if prev.sent != m.sent || prev.last != m.first-1 || prev.ent < 0 || prev.kind != mPerson {
		return false
	}
	e := &st.ents[prev.ent]
	e.addTitle(int32(p.title))
	if e.country == "" {
		e.country = p.country
	}
	if e.code == "" {
		e.code = compose(p.country, p.agent)
	}
	return true
}

func (e *entity) addTitle(t int32) {
	for _, x := range e.titles {
		if x == t {
			return
		}
	}
	e.titles = append(e.titles, t)
}

// words returns the norms of a token range.
func (st *state) words(r [2]int) []string { return st.norms[r[0]:r[1]] }

// suffixOf reports whether a is a proper suffix of b.
func suffixOf(a, b []string) bool {
	if len(a) == 0 || len(a) >= len(b) {
		return false
	}
	off := len(b) - len(a)
	for i := range a {
		if a[i] != b[off+i] {
			return false
		}
	}
	return true
}

// prefixOf reports whether a is a proper prefix of b ("Xi" of "Xi
// Jinping").
func prefixOf(a, b []string) bool {
	return len(a) > 0 && len(a) < len(b) && equalWords(a, b[:len(a)])
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// surnameOf returns the most recent person entity whose name the words
// at r end, open (a family name written first: "Li" of "Li Shangfu") or
// equal, or -1.
func (st *state) surnameOf(r [2]int) int {
	w := st.words(r)
	for i := len(st.ents) - 1; i >= 0; i-- {
		e := &st.ents[i]
		if e.kind != ePerson {
			continue
		}
		n := st.words(e.nameToks)
		if equalWords(w, n) || suffixOf(w, n) || prefixOf(w, n) {
			return i
		}
	}
	return -1
}

// person ties a person mention to an entity.
func (st *state) person(k int, p *phrase) {
	m := &st.ms[k]
	m.kind = mPerson
	name := st.words(p.name)
	ei := -1
	if p.actor != nil {
		for i := len(st.ents) - 1; i >= 0; i-- {
			if e := &st.ents[i]; e.actor == p.actor && e.kind == ePerson {
				ei = i
				break
			}
		}
	}
	if ei < 0 {
		for i := len(st.ents) - 1; i >= 0; i-- {
			e := &st.ents[i]
			if e.kind != ePerson || (p.actor != nil && e.actor != nil && e.actor != p.actor) {
				continue
			}
			n := st.words(e.nameToks)
			if equalWords(name, n) || suffixOf(name, n) || suffixOf(n, name) || prefixOf(name, n) {
				ei = i
				break
			}
		}
	}
	score := 10*len(name) + (m.last - m.first)
	if p.personalTitle {
		score += 5
	}
	if ei < 0 {
		ei = len(st.ents)
		st.ents = append(st.ents, entity{kind: ePerson, actor: p.actor, titles: nil})
		e := &st.ents[ei]
		e.best, e.bestScore, e.nameToks = [2]int{m.first, m.last}, score, p.name
		if p.actor != nil {
			e.code = p.actor.CodeAt(st.date)
			e.name = p.actor.Entity()
		} else {
			e.code = compose(p.country, p.agent)
			e.name = st.text(p.name)
		}
	} else {
		e := &st.ents[ei]
		n := st.words(e.nameToks)
		switch {
		case suffixOf(name, n) || prefixOf(name, n):
			st.link(k, ei, KindSurname, false)
		case !equalWords(name, n) && !suffixOf(n, name) && !prefixOf(n, name):
			st.link(k, ei, KindAlias, false)
		}
		if score > e.bestScore {
			e.best, e.bestScore = [2]int{m.first, m.last}, score
			if len(name) >= len(n) {
				e.nameToks = p.name
			}
		}
		if e.actor == nil && p.actor != nil {
			e.actor, e.code, e.name = p.actor, p.actor.CodeAt(st.date), p.actor.Entity()
		}
		if e.code == "" {
			e.code = compose(p.country, p.agent)
		}
	}
	e := &st.ents[ei]
	if p.title >= 0 {
		e.addTitle(int32(p.title))
	}
	if e.gender == 0 {
		e.gender = p.titleGender
	}
	if e.gender == 0 {
		e.gender = p.firstNameKnown
	}
	if e.gender == 0 && e.actor != nil {
		if w := e.actor.Primary.Words; len(w) > 1 {
			e.gender = st.r.tab.names[w[0]]
		}
	}
	if e.country == "" {
		switch {
		case len(e.code) >= 3 && e.code[:3] != "---":
			e.country = e.code[:3]
		default:
			e.country = p.country
		}
	}
	e.last = m.first
	m.ent = int32(ei)
}

// text returns the article text of a token range.
func (st *state) text(r [2]int) string {
	toks := st.doc.Tokens
	return st.doc.Text[toks[r[0]].Start:toks[r[1]-1].End]
}

// named ties a dictionary country or organisation to an entity, linking
// another phrase of the same actor as an alias.
func (st *state) named(k int, p *phrase) {
	m := &st.ms[k]
	m.kind = mNamed
	ei := -1
	for i := len(st.ents) - 1; i >= 0; i-- {
		if e := &st.ents[i]; e.actor == p.actor && (e.kind == eCountry || e.kind == eOrg) {
			ei = i
			break
		}
	}
	if ei < 0 {
		ei = len(st.ents)
		code := p.actor.CodeAt(st.date)
		kind := eOrg
		if len(code) == 3 {
			kind = eCountry
		}
		best := [2]int{m.first, m.last}
		for i := m.first; i < p.actorAt[0]; i++ {
			if st.doc.Tokens[i].Tag != "DT" {
				best = p.actorAt // "northeast Iraq": the name alone
				break
			}
		}
		st.ents = append(st.ents, entity{kind: kind, actor: p.actor, code: code, name: p.actor.Entity(),
			best: best, surface: p.actorAt})
		if len(code) >= 3 && code[:3] != "---" {
			st.ents[ei].country = code[:3]
		}
	} else if e := &st.ents[ei]; !equalWords(st.words(p.actorAt), st.words(e.surface)) {
		st.link(k, ei, KindAlias, false)
		// The most informative mention of a country or organisation is
		// its primary name ("the United States", not "Washington").
		if w := st.words(p.actorAt); equalWords(w, p.actor.Primary.Words) {
			e.best, e.surface = [2]int{m.first, m.last}, p.actorAt
		}
	}
	st.ents[ei].last = m.first
	m.ent = int32(ei)
}

// group ties a plural phrase ("Israeli officials") or a definite
// institution ("the army") to an entity: the same dictionary actor, or
// the same head word and country.
func (st *state) group(k int, p *phrase, kind ekind) {
	m := &st.ms[k]
	m.kind = mGroup
	if kind == eOrg {
		m.kind = mOrg
	}
	head := st.doc.Tokens[p.head].Lemma
	code := ""
	if p.actor != nil {
		code = p.actor.CodeAt(st.date)
	} else if p.agent != nil || p.country != "" {
		code = compose(p.country, p.agent)
	}
	ei := -1
	for i := len(st.ents) - 1; i >= 0; i-- {
		e := &st.ents[i]
		if e.kind != kind {
			continue
		}
		if (p.actor != nil && e.actor == p.actor) || (p.actor == nil && e.actor == nil && e.head == head && e.code == code) {
			ei = i
			break
		}
	}
	if ei < 0 {
		ei = len(st.ents)
		e := entity{kind: kind, actor: p.actor, code: code, head: head, best: [2]int{m.first, m.last}, country: p.country}
		if p.actor != nil {
			e.name = p.actor.Entity()
		}
		st.ents = append(st.ents, e)
	}
	st.ents[ei].last = m.first
	m.ent = int32(ei)
}

// link records that mention k refers to entity ei.
func (st *state) link(k, ei int, kind string, poss bool) {
	m := &st.ms[k]
	e := &st.ents[ei]
	st.links = append(st.links, Link{
		Sentence: m.sent, From: [2]int{m.first, m.last}, To: e.best,
		Kind: kind, Code: e.code, Entity: e.name, Possessive: poss,
	})
}
