package coref

// pronoun describes a personal pronoun or possessive determiner.
type pronoun struct {
	person      int  // 1, 2 or 3
	plural      bool // we, they
	gender      byte // 'm', 'f', or 0 (it: neuter, marked by neuter)
	neuter      bool // it, its
	object      bool // him, her, them, it as an object
	poss        bool // his, her, its, their
	expletiveIt bool // "it", which may be a dummy subject
}

// pronounOf reads a token as a pronoun. "her" is possessive when tagged
// PRP$, else an object.
func pronounOf(norm, tag string) (pronoun, bool) {
	switch norm {
	case "he":
		return pronoun{person: 3, gender: 'm'}, true
	case "him":
		return pronoun{person: 3, gender: 'm', object: true}, true
	case "his":
		return pronoun{person: 3, gender: 'm', poss: true}, true
	case "she":
		return pronoun{person: 3, gender: 'f'}, true
	case "her":
		if tag == "PRP$" {
			return pronoun{person: 3, gender: 'f', poss: true}, true
		}
		return pronoun{person: 3, gender: 'f', object: true}, true
	case "it":
		return pronoun{person: 3, neuter: true, expletiveIt: true}, true
	case "its":
		return pronoun{person: 3, neuter: true, poss: true}, true
	case "they":
		return pronoun{person: 3, plural: true}, true
	case "them":
		return pronoun{person: 3, plural: true, object: true}, true
	case "their":
		return pronoun{person: 3, plural: true, poss: true}, true
	case "i":
		return pronoun{person: 1}, true
	case "me":
		return pronoun{person: 1, object: true}, true
	case "my":
		return pronoun{person: 1, poss: true}, true
	case "we":
		return pronoun{person: 1, plural: true}, true
	case "us":
		if tag != "PRP" {
			return pronoun{}, false // "US" the country, lower-cased
		}
		return pronoun{person: 1, plural: true, object: true}, true
	case "our":
		return pronoun{person: 1, plural: true, poss: true}, true
	}
	return pronoun{}, false
}

// compatible reports whether entity e can be what pronoun p refers to.
func compatible(e *entity, p pronoun) bool {
	switch {
	case p.neuter:
		return e.kind == eCountry || e.kind == eOrg
	case p.plural:
		return e.kind == eGroup || e.kind == eCountry || e.kind == eOrg
	}
	return e.kind == ePerson && (e.gender == 0 || e.gender == p.gender)
}

// anaphor resolves mention k when it is a pronoun or a definite title.
func (st *state) anaphor(k int) {
	m := &st.ms[k]
	if m.done {
		return
	}
	m.done = true
	switch m.kind {
	case mPronoun:
		if m.pron.person == 1 {
			st.speaker(k)
			return
		}
		if m.pron.person != 3 {
			return
		}
		if m.pron.neuter && m.quote >= 0 {
			return // "it" in a quotation is almost never an actor
		}
		if ei := st.antecedent(k); ei >= 0 {
			m = &st.ms[k]
			m.ent = int32(ei)
			st.link(k, ei, KindPronoun, m.pron.poss)
		}
	case mTitle:
		if ei := st.titled(k); ei >= 0 {
			m = &st.ms[k]
			m.ent = int32(ei)
			st.ents[ei].last = m.first
			st.link(k, ei, KindTitle, false)
		}
	}
}

// speakerEntity returns the entity of quotation q's speaker, resolving
// the speaker first when it is itself an anaphor ("'…,' he said"); -1
// when unknown.
func (st *state) speakerEntity(q int) int {
	if q < 0 || q >= len(st.doc.Quotes) {
		return -1
	}
	at := st.doc.Quotes[q].SpeakerAt
	if at[0] < 0 || at[1] <= at[0] {
		return -1
	}
	toks := st.doc.Tokens
	for j := len(st.ms) - 1; j >= 0; j-- {
		c := &st.ms[j]
		// The mention must open the speaker phrase: in "the aide to
		// Lyng" the speaker is the aide, not Lyng.
		a, b := toks[c.first].Start, toks[c.last-1].End
		if b <= at[0] || a >= at[1] || a > at[0] {
			continue
		}
		if c.quote == q {
			return -1 // a speaker inside its own quotation is a misreading
		}
		if !c.done && (c.kind == mPronoun || c.kind == mTitle) {
			st.anaphor(j)
			c = &st.ms[j]
		}
		return int(c.ent)
	}
	return -1
}

// speaker links a first-person pronoun in a quotation to its speaker.
func (st *state) speaker(k int) {
	m := &st.ms[k]
	ei := st.speakerEntity(m.quote)
	if ei < 0 {
		return
	}
	m = &st.ms[k]
	m.ent = int32(ei)
	st.link(k, ei, KindPronoun, m.pron.poss)
}

// antecedent finds the entity a third-person pronoun refers to: the
// compatible mention of best rank, where rank orders subjects of the same
// and earlier sentences before objects, and nearer sentences first. An
// object pronoun never refers to the subject of its own clause ("Blinken
// praised him"); a pronoun outside quotations never to a mention inside
// one, and one inside a quotation never to its speaker.
func (st *state) antecedent(k int) int {
	m := st.ms[k]
	p := m.pron
	excl := int32(-1)
	if p.object {
		for j := k - 1; j >= 0 && st.ms[j].sent == m.sent; j-- {
			if c := &st.ms[j]; c.subject && c.ent >= 0 && c.quote == m.quote {
				excl = c.ent
				break
			}
		}
	}
	spk := int32(-1)
	if m.quote >= 0 {
		spk = int32(st.speakerEntity(m.quote))
	}
	best, bestRank := -1, 1<<30
	for j := k - 1; j >= 0; j-- {
		c := &st.ms[j]
		d := m.sent - c.sent
		if d > maxPronounDistance {
			break
		}
		if p.neuter && c.subject && c.ent < 0 && c.kind == mNone && c.first < m.first && c.quote == m.quote && st.neuterBlocker(c) {
			// "The Commission said its decision …": the nearer subject
			// is what "its" means, even if it is no known actor.
			if best < 0 {
				return -1
			}
			break
		}
		if p.neuter && d > maxNeuterDistance {
			break
		}
		if c.ent < 0 || c.first >= m.first || c.ent == excl || c.ent == spk {
			continue
		}
		if c.quote >= 0 && c.quote != m.quote {
			continue
		}
		if p.neuter && (!c.subject || !m.subject) {
			// "it" is mostly about things: only a subject "it" or "its"
			// is resolved, and only to an actor that is a subject.
			continue
		}
		if !compatible(&st.ents[c.ent], p) {
			continue
		}
		var rank int
		switch {
		case p.object && d == 0 && c.subject:
			rank = 0
		case p.object && d == 0:
			rank = 1
		case p.object && c.subject:
			rank = 1 + d
		case c.subject:
			rank = d
		default:
			rank = 100 + d
		}
		// Within the pronoun's own sentence the nearest mention wins;
		// within an earlier one the first (the main clause's subject).
		if rank < bestRank || (rank == bestRank && d > 0) {
			best, bestRank = int(c.ent), rank
		}
	}
	return best
}

// neuterBlocker reports whether an unresolved subject could be what
// "it" refers to: a singular noun phrase, not a person's name.
func (st *state) neuterBlocker(c *mention) bool {
	switch st.doc.Tokens[c.last-1].Tag {
	case "NN", "NNP":
		return true
	}
	return false
}

// titled finds the person a definite title refers to: the most recent
// person named with that title, else with a title of the same kind ("the
// minister" for a foreign minister), else a person named without a title
// whom the dictionary codes with the title's role.
func (st *state) titled(k int) int {
	m := &st.ms[k]
	tab := st.r.tab
	t := tab.titles[m.title]
	best, bestLevel, bestLast := -1, 0, -1
	for i := range st.ents {
		e := &st.ents[i]
		if e.kind != ePerson || e.best[0] >= m.first {
			continue
		}
		if m.country != "" && e.country != "" && e.country != m.country {
			continue
		}
		level := 0
		for _, x := range e.titles {
			et := tab.titles[x]
			switch {
			case et.key == t.key:
				level = max(level, 3)
			case et.head == t.key || et.key == t.head || (et.head != "" && et.head == t.head):
				level = max(level, 2)
			}
		}
		if level == 0 && len(e.titles) == 0 && t.role != "" && len(e.code) >= 6 && e.code[3:6] == t.role {
			level = 1
		}
		if level == 0 {
			continue
		}
		if level > bestLevel || (level == bestLevel && e.last > bestLast) {
			best, bestLevel, bestLast = i, level, e.last
		}
	}
	return best
}
