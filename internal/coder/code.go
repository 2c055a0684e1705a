package coder

import (
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text/quote"
)

// binding is what a verb's pattern (or the default rules) says about the
// event's actors: group indices, -1 for none.
type binding struct {
	src, tgt, comp int
	srcSet, tgtSet bool
	minPre         int // lowest word the pattern's words before the verb used
}

// codeSentence codes every verb of the sentence and appends the mentions.
func (c *Coder) codeSentence(s *sentence, art chronicle.Article, date chronicle.Date, out []chronicle.Mention) []chronicle.Mention {
	n := len(s.words)
	suppressTo := -1 // verbs before this word are inside a coded verb's clause
	prevSrc := -1
	sawVerb := false // a main-clause dictionary verb came before
	first := len(out)
	for vi := range s.verbs {
		v := &s.verbs[vi]
		inTail := v.m.Head > s.tail
		inInsert := v.insert[0] >= 0
		if inTail && c.dropTail(s) {
			continue
		}
		// The region words before the verb can come from, and the limit
		// of words after it.
		lo, hi := 0, s.tail
		switch {
		case inTail:
			lo, hi = s.tail+1, n
		case inInsert:
			lo, hi = v.insert[0], v.insert[1]
		}
		// A clause that is the complement of an earlier verb ("Rohan
		// said Arnor attacked Gondor") starts after that verb.
		reportedBy, deniedBy := false, false
		infinitive := false
		for k := v.grpStart; k < v.m.Start; k++ {
			infinitive = infinitive || s.norms[k] == "to"
		}
		for k := vi - 1; k >= 0 && !inTail && !inInsert && !infinitive; k-- {
			w := &s.verbs[k]
			if w.insert[0] >= 0 || w.m.End > v.grpStart {
				continue
			}
			if w.m.End > lo && !v.coord {
				lo = w.m.End
				reportedBy = s.cls[w.m.Head]&clReport != 0
				// "He denied that Russian forces attacked …": the reported
				// act is denied.
				deniedBy = s.cls[w.m.Head]&clDeny != 0
			}
			break
		}
		var src int
		switch {
		case v.coord:
			// "… and called for an end to the violence": the subject of
			// the verb before; when that verb is not a dictionary verb
			// ("He emphasized … and called for …"), the clause's subject.
			src = prevSrc
			if !sawVerb {
				src = c.subject(s, v, lo)
			}
		case inInsert && s.relative(v.insert) == "who":
			// ", who met Blinken,": the antecedent is the subject.
			if src = c.subject(s, v, lo); src < 0 {
				src = s.antecedent(v.insert)
			}
		default:
			src = c.subject(s, v, lo)
		}
		if !inTail && !inInsert {
			prevSrc = src
			sawVerb = true
		}
		if v.m.Head < suppressTo && !(v.coord && s.conjunctCoded(v)) && !inTail && !inInsert {
			continue
		}
		tgtHi := hi
		if !inTail && !inInsert {
			for _, w := range s.verbs[vi+1:] {
				if w.coord && w.m.Head < tgtHi {
					tgtHi = w.grpStart - 1
					break
				}
			}
		}
		code, paired, pat, b, handled := c.matchVerb(s, v, lo, tgtHi)
		if !handled {
			code, paired = c.dict.VerbCode(v.m)
		}
		// A verb with a code (even one whose event lacks an actor) owns
		// the words after it up to the next coordinated verb or the tail,
		// except a bare statement ("said", 010), which only attributes.
		if code != "" && code != "---" && !inTail && !inInsert && !strings.HasPrefix(code, "01") {
			end := s.tail
			for wi := range s.verbs[vi+1:] {
				if w := &s.verbs[vi+1+wi]; w.coord && s.conjunctCoded(w) {
					end = w.grpStart
					break
				}
			}
			if end > suppressTo {
				suppressTo = end
			}
		}
		if !validCode(code) {
			continue
		}
		tgt := -1
		if !b.srcSet || !b.tgtSet {
			dsrc, dtgt := src, c.object(s, v, tgtHi, src)
			if v.passive {
				// "Gondor was attacked by Mordor": the by-phrase is the
				// source, the subject the target; no by-phrase, no source.
				dsrc, dtgt = c.byAgent(s, v, tgtHi), src
			}
			if !b.srcSet {
				b.src = dsrc
				if b.tgtSet && b.src == b.tgt {
					b.src = c.byAgent(s, v, tgtHi)
				}
			}
			if !b.tgtSet {
				b.tgt = dtgt
				if b.srcSet && b.tgt == b.src {
					b.tgt = c.object(s, v, tgtHi, b.src)
				}
			}
		}
		if strings.HasPrefix(code, "01") && !b.tgtSet && b.tgt >= 0 && (s.clauseSubject(b.tgt) || s.verbBetween(v.m.End, s.groups[b.tgt].start)) {
			// "Rohan said Arnor attacked Gondor": a statement is not
			// addressed to the subject of what it reports.
			b.tgt = -1
		}
		if b.tgt < 0 && !b.tgtSet && inInsert && !v.passive && s.relative(v.insert) == "whom" {
			// ", whom Blinken had met the day before,": the antecedent
			// is the object.
			b.tgt = s.antecedent(v.insert)
		}
		if !b.tgtSet && !b.srcSet && b.src >= 0 && len(s.groups[b.src].members) > 1 && reciprocal(code, paired) &&
			(b.tgt < 0 || s.afterPlacePrep(s.groups[b.tgt].start)) {
			// "Lavrov and Kuleba met in the Turkish resort of Antalya":
			// a reciprocal act of a compound subject, coded between its
			// members; the place is not a party.
			b.comp, b.tgt = b.src, -1
		}
		tgt = b.tgt
		mod := v.modality
		if mod == "" {
			mod = chronicle.Asserted
			if s.reported && !inTail || reportedBy || s.attributed(v) {
				mod = chronicle.Reported
			}
		}
		if rm := c.reportedModality(s, v, tgtHi, pat, code); rm != "" && (mod == chronicle.Asserted || mod == chronicle.Reported) {
			mod = rm
		}
		if deniedBy {
			mod = chronicle.Negated
		}
		if v.neg >= 0 && (pat == nil || b.minPre > v.neg) {
			// The dictionary had no negative pattern for this verb: the
			// positive code is kept but marked as negated.
			mod = chronicle.Negated
		}
		if (mod == chronicle.Future || mod == chronicle.Hypothetical) && !c.petrarch && !c.readsModal(pat) {
			// An announced, planned or conditional act is the intent
			// (03) or threat (13) to do it.
			code = intentCode(c.intent, code)
			if paired != "" {
				paired = intentCode(c.intent, paired)
			}
		}
		w := c.eventDate(s, v, date)
		if w.historical && (mod == chronicle.Asserted || mod == chronicle.Reported) {
			mod = chronicle.Historical
		}
		out = c.emit(s, v, art, w, code, paired, pat, b.src, tgt, b.comp, mod, out)
	}
	if !c.petrarch && len(out) > first && len(s.doc.Quotes) > 0 {
		out = c.quotedCondemnation(s, first, out)
	}
	return out
}

// condemnCode is the code of a quoted condemnation: criticize or
// denounce.
const condemnCode = "111"

// quotedCondemnation adds the criticism a speaker's quoted words make:
// "Abbas demanded an end to the 'atrocious, murderous assault by
// Gondor'" also denounces Gondor. The speaker is the source of the
// sentence's first event (mentions from out[first] on); the target is an
// actor named inside a quotation of the sentence that holds a word of
// condemnation (data/words.txt).
func (c *Coder) quotedCondemnation(s *sentence, first int, out []chronicle.Mention) []chronicle.Mention {
	speaker := out[first]
	for _, q := range s.doc.Quotes {
		if q.Inner[0] < s.doc.Sentences[s.index].Start || q.Inner[0] >= s.doc.Sentences[s.index].End {
			continue
		}
		inQuote := func(k int) bool {
			st := s.doc.Tokens[s.words[k].tok].Start
			return st >= q.Inner[0] && st < q.Inner[1]
		}
		condemned := false
		for k := range s.words {
			if s.cls[k]&clCondemn != 0 && inQuote(k) {
				condemned = true
				break
			}
		}
		if !condemned {
			continue
		}
		for gi := range s.groups {
			g := &s.groups[gi]
			if !inQuote(g.start) {
				continue
			}
			for mi := range g.members {
				m := c.homeOf(s, &g.members[mi])
				if m.code == "" || countryOf(m.code) == countryOf(speaker.Source.Code) || dup(out, s.index, speaker.ArticleID, speaker.Source.Code, m.code, condemnCode) {
					continue
				}
				e := speaker
				e.Target = c.actor(s, m)
				e.Code = condemnCode
				e.Modality = chronicle.Asserted
				e.Verb = chronicle.Span{Text: s.doc.Text[q.Inner[0]:q.Inner[1]], Start: q.Inner[0], End: q.Inner[1]}
				e.Pattern = "quoted condemnation (coder)"
				e.Claim = nil
				c.fillCode(&e)
				out = append(out, e)
			}
		}
	}
	return out
}

// subject finds the source of a verb: the first actor of its clause
// before the verb group.
func (c *Coder) subject(s *sentence, v *verb, lo int) int {
	// A fronted phrase or clause ("On improvement of …, he said") is not
	// the subject.
	if lo < len(s.cls) && (s.cls[lo]&(clPrep|clSubord) != 0 || s.norms[lo] == "according") && v.insert[0] < 0 {
		for k := lo + 1; k < v.grpStart; k++ {
			if s.norms[k] == "," && s.insertOf(k - 1)[0] < 0 {
				lo = k + 1
				break
			}
		}
	}
	// The last subordinator before the verb with no comma after it opens
	// the verb's clause.
	for k := v.grpStart - 1; k > lo; k-- {
		if s.norms[k] == "," && s.insertOf(k - 1)[0] < 0 && s.insertOf(k + 1)[0] < 0 {
			break
		}
		if in := s.insertOf(k); in[0] >= 0 && in != v.insert {
			continue
		}
		if s.cls[k]&clSubord != 0 && !(s.norms[k] == "that" && k+1 < len(s.cls) && s.groupAt[k+1] < 0 && s.cls[k+1]&clDet == 0) {
			lo = k + 1
			break
		}
	}
	for gi, g := range s.groups {
		if g.start < lo {
			continue
		}
		if g.end > v.grpStart {
			break
		}
		if v.insert[0] < 0 && s.insertOf(g.start)[0] >= 0 {
			continue
		}
		return gi
	}
	return -1
}

// object finds the target of a verb: the first actor after it, before hi.
func (c *Coder) object(s *sentence, v *verb, hi, src int) int {
	for gi, g := range s.groups {
		if g.start < v.m.End || gi == src {
			continue
		}
		if g.start >= hi {
			break
		}
		if v.insert[0] < 0 && s.insertOf(g.start)[0] >= 0 {
			continue
		}
		if countryOf(g.members[0].code) == "---" {
			if g.start > 0 && s.possessive(g.start-1) {
				// "withdraw its troops from Lebanon": the subject's own
				// people are not the target.
				continue
			}
			if e := g.end; e < len(s.words) && s.pieceAt[e] < 0 && s.cls[e]&clHolding == 0 && (s.words[e].tag == "NN" || s.words[e].tag == "NNS" || s.words[e].tag == "JJ") &&
				(!s.isVerb[e] && s.words[e].tag != "JJ" || s.words[e-1].tag == "JJ") {
				// An agent word modifying a noun ("military aid", "an
				// official protest", "a military offensive") is not the
				// target, unless the noun is what the agent holds
				// ("guerrilla camps", "army positions").
				continue
			}
		}
		return gi
	}
	return -1
}

// possessive reports whether word i is a possessive pronoun.
func (s *sentence) possessive(i int) bool {
	switch s.norms[i] {
	case "its", "their", "his", "her", "our", "my", "your":
		return true
	}
	return false
}

// byAgent finds the actor of a passive verb's "by" phrase.
func (c *Coder) byAgent(s *sentence, v *verb, hi int) int {
	for k := v.m.End; k < hi && k < len(s.norms); k++ {
		if s.norms[k] != "by" {
			continue
		}
		j := k + 1
		for j < hi && s.cls[j]&clDet != 0 {
			j++
		}
		if j < hi && s.groupAt[j] >= 0 {
			return s.groupAt[j]
		}
	}
	return -1
}

// matchVerb tries the patterns of the verb's family and returns the code
// of the most specific one that matches. handled is false when none did.
func (c *Coder) matchVerb(s *sentence, v *verb, lo, hi int) (code, paired string, pat *lexicon.Pattern, b binding, handled bool) {
	b = binding{src: -1, tgt: -1, comp: -1}
	fam := &c.dict.Verbs.Families[v.m.Family]
	best := -1
	var bestB binding
	s.cands = c.pats[v.m.Family].candidates(s, s.cands)
	for _, pi := range s.cands {
		p := &fam.Patterns[pi]
		if p.Code == "" || !s.hasAll(c.lits[v.m.Family][pi]) {
			continue
		}
		m := matcher{c: c, s: s, lo: lo, hi: hi, b: binding{src: -1, tgt: -1, comp: -1, minPre: v.m.Start}}
		score, ok := m.match(p, v)
		if !ok {
			continue
		}
		if score > best {
			best, pat, bestB = score, p, m.b
		}
	}
	if pat == nil {
		return "", "", nil, b, false
	}
	return pat.Code, pat.Paired, pat, bestB, true
}

// hasAll reports whether every word is in the sentence.
func (s *sentence) hasAll(ws []string) bool {
	if len(ws) == 0 {
		return true
	}
	if len(s.present) == 0 {
		for _, w := range s.norms {
			s.present[w] = struct{}{}
		}
	}
	for _, w := range ws {
		if _, ok := s.present[w]; !ok {
			return false
		}
	}
	return true
}

// emit appends the mentions of one coded verb: one per source–target
// pair, both ways for paired codes and compounds.
func (c *Coder) emit(s *sentence, v *verb, art chronicle.Article, w when, code, paired string, pat *lexicon.Pattern, src, tgt, comp int, mod chronicle.Modality, out []chronicle.Mention) []chronicle.Mention {
	type pair struct {
		a, b  *member
		code  string
		swap  bool
		first bool
	}
	var none member
	none.start, none.end = -1, -1
	members := func(g, side int) []*member {
		if g < 0 {
			if na := c.actorFromNP(s, v, side); na != nil {
				return []*member{na}
			}
			if side == 1 && src >= 0 {
				if t := c.refusedAppealTarget(s, code, mod, countryOf(s.groups[src].members[0].code), out); t != nil {
					return []*member{t}
				}
			}
			return []*member{&none}
		}
		ms := make([]*member, len(s.groups[g].members))
		for i := range s.groups[g].members {
			ms[i] = &s.groups[g].members[i]
		}
		return ms
	}
	var pairs []pair
	if comp >= 0 {
		ms := members(comp, 0)
		for i := range ms {
			for j := range ms {
				if i != j {
					pairs = append(pairs, pair{a: ms[i], b: ms[j], code: code})
				}
			}
		}
	} else {
		for _, a := range members(src, 0) {
			for _, t := range members(tgt, 1) {
				pairs = append(pairs, pair{a: a, b: t, code: code})
				if paired != "" && validCode(paired) {
					pairs = append(pairs, pair{a: t, b: a, code: paired})
				}
			}
		}
	}
	sent := s.doc.Sentences[s.index]
	for _, p := range pairs {
		if !c.petrarch {
			p.a, p.b = c.homeOf(s, p.a), c.homeOf(s, p.b)
		}
		if c.opts.RequireDyad && (p.a.code == "" || p.b.code == "") {
			continue
		}
		if p.a.code == p.b.code {
			// No actor acts on itself; "" with "" is no dyad at all.
			continue
		}
		if dup(out, s.index, art.ID, p.a.code, p.b.code, p.code) {
			continue
		}
		m := chronicle.Mention{
			ArticleID:     art.ID,
			Sentence:      s.index,
			Date:          w.date,
			DatePrecision: w.precision,
			DateFrom:      w.from,
			DateSpan:      w.span,
			Source:        c.actor(s, p.a),
			Target:        c.actor(s, p.b),
			Code:          p.code,
			Modality:      mod,
			Issues:        c.issuesOf(s),
			Evidence:      chronicle.Span{Text: s.doc.Text[sent.Start:sent.End], Start: sent.Start, End: sent.End},
			Verb:          s.span(v.m.Start, v.m.End),
			CoderVersion:  Version,
		}
		if pat != nil {
			m.Pattern = strings.TrimSpace(pat.Line) + " (" + pat.Pos.String() + ")"
		} else {
			vb := c.dict.Verb(v.m)
			m.Pattern = strings.TrimSpace(vb.Line) + " default (" + vb.Pos.String() + ")"
		}
		c.fillCode(&m)
		out = append(out, m)
	}
	return out
}

func dup(ms []chronicle.Mention, si int, id, a, b, code string) bool {
	for i := len(ms) - 1; i >= 0 && ms[i].Sentence == si && ms[i].ArticleID == id; i-- {
		if ms[i].Source.Code == a && ms[i].Target.Code == b && ms[i].Code == code {
			return true
		}
	}
	return false
}

// span returns the text span of words [a, b).
func (s *sentence) span(a, b int) chronicle.Span {
	if a < 0 || b <= a || b > len(s.words) {
		return chronicle.Span{}
	}
	t0 := &s.doc.Tokens[s.words[a].tok]
	t1 := &s.doc.Tokens[s.words[b-1].tok]
	return chronicle.Span{Text: s.doc.Text[t0.Start:t1.End], Start: t0.Start, End: t1.End}
}

func (c *Coder) actor(s *sentence, m *member) chronicle.Actor {
	if m.ctx != nil {
		// An actor carried from an earlier sentence: its phrase there.
		sp := chronicle.Span{Text: m.ctx.Text, Start: m.ctx.Start, End: m.ctx.End}
		return chronicle.Actor{Code: m.code, Text: sp.Text, Entity: m.ctx.Entity, Start: sp.Start, End: sp.End, Resolved: &sp}
	}
	if m.start < 0 {
		return chronicle.Actor{Code: m.code}
	}
	sp := s.span(m.start, m.end)
	a := chronicle.Actor{Code: m.code, Text: sp.Text, Entity: m.entity, Start: sp.Start, End: sp.End}
	if m.link != nil {
		if r := m.link.Span(s.doc); r.End > r.Start {
			a.Resolved = &r
		}
	}
	return a
}

// fillCode fills root, QuadClass, Goldstein and PLOVER from the table.
func (c *Coder) fillCode(m *chronicle.Mention) {
	if len(m.Code) >= 2 {
		m.Root = m.Code[:2]
	}
	if c.tab == nil {
		return
	}
	if e, ok := c.tab.Lookup(m.Code); ok {
		m.Root = e.Root
		m.QuadClass = e.QuadClass
		m.Goldstein = e.Goldstein
		m.PLOVER = e.PLOVER
	}
}

// actorFromNP implements new_actor_length: the uncoded noun phrase right
// before the verb group (side 0) or after the verb (side 1), when it has
// at most Options.NewActorLength words, is an actor coded by its text.
func (c *Coder) actorFromNP(s *sentence, v *verb, side int) *member {
	if c.opts.NewActorLength <= 0 {
		return nil
	}
	var a, b int
	if side == 0 {
		b = v.grpStart
		a = b
		for a > 0 && !s.breaksNP(a-1) && s.norms[a-1] != "," {
			a--
		}
	} else {
		a = v.m.End
		if a < len(s.words) && s.cls[a]&clPrep != 0 {
			a++
		}
		b = a
		for b < len(s.words) && !s.breaksNP(b) && s.norms[b] != "," && !isPunct(s.norms[b]) {
			b++
		}
	}
	n := 0
	for k := a; k < b; k++ {
		if s.cls[k]&clDet == 0 && !isPunct(s.norms[k]) {
			n++
		}
	}
	if n == 0 || n > c.opts.NewActorLength {
		return nil
	}
	sp := s.span(a, b)
	return &member{code: `"` + sp.Text + `"`, start: a, end: b}
}

// dropTail reports whether the options leave the sentence's attribution
// tail uncoded.
func (c *Coder) dropTail(s *sentence) bool {
	if c.opts.TailMin <= 0 {
		return false
	}
	n := 0
	for k := s.tail + 1; k < len(s.words); k++ {
		if !isPunct(s.norms[k]) {
			n++
		}
	}
	return n >= c.opts.TailMin && (c.opts.TailMax == 0 || n <= c.opts.TailMax)
}

// relative returns "who" or "whom" when an insertion is a relative clause
// about the phrase before it (", who met …," / ", whom Blinken met …,"),
// else "".
func (s *sentence) relative(in [2]int) string {
	if in[0] < 0 {
		return ""
	}
	switch s.norms[in[0]] {
	case "who", "which":
		return "who"
	case "whom":
		return "whom"
	}
	return ""
}

// antecedent returns the group that ends right before an insertion's
// opening comma, or -1.
func (s *sentence) antecedent(in [2]int) int {
	comma := in[0] - 1
	for gi := len(s.groups) - 1; gi >= 0; gi-- {
		if s.groups[gi].end == comma {
			return gi
		}
		if s.groups[gi].end < comma {
			break
		}
	}
	return -1
}

// readsModal reports whether a pattern spells out a modal or auxiliary
// before its verb ("- WILL NOT * [081]"): its code is already the one
// for the announced act.
func (c *Coder) readsModal(p *lexicon.Pattern) bool {
	if p == nil {
		return false
	}
	for _, e := range p.Pre {
		if e.Kind == lexicon.ElemWord && c.words[strings.ToLower(e.Text)]&(clModal|clIntent|clAux) != 0 {
			return true
		}
	}
	return false
}

// clauseSubject reports whether group g opens a clause: "that" before
// it, or a verb group right after it.
func (s *sentence) clauseSubject(g int) bool {
	gr := s.groups[g]
	k := gr.start - 1
	for k >= 0 && s.cls[k]&clDet != 0 {
		k--
	}
	if k >= 0 && s.norms[k] == "that" {
		return true
	}
	for j := gr.end; j < len(s.words); j++ {
		if s.isVerb[j] || strings.HasPrefix(s.words[j].tag, "VB") || s.words[j].tag == "MD" {
			return true
		}
		if s.cls[j]&(clAux|clModal|clNeg) == 0 && !strings.HasSuffix(s.norms[j], "ly") {
			return false
		}
	}
	return false
}

// attributed reports whether verb v is in a stretch of the sentence the
// text attributes to a speaker: inside a quotation, or in a sentence
// with an attribution ("…, officials said", "X said that …",
// "according to …") other than the attribution's own verb.
func (s *sentence) attributed(v *verb) bool {
	vs := s.doc.Tokens[s.words[v.m.Head].tok].Start
	for _, q := range s.doc.Quotes {
		if vs >= q.Inner[0] && vs < q.Inner[1] {
			return true
		}
	}
	if !s.attribDone {
		s.attribDone = true
		sent := s.doc.Sentences[s.index]
		sp, _, ok := quote.Attribution(s.doc.Text[sent.Start:sent.End])
		s.attrib = [2]int{-1, -1}
		if ok {
			s.attrib = [2]int{sent.Start + sp[0], sent.Start + sp[1]}
		}
	}
	if s.attrib[0] < 0 {
		return false
	}
	if vs >= s.attrib[0] && vs < s.attrib[1] {
		return false
	}
	// The attribution's own verb ("officials said", "said X") sits next
	// to its speaker.
	if s.cls[v.m.Head]&clReport != 0 && vs >= s.attrib[0]-24 && vs <= s.attrib[1]+24 {
		return false
	}
	return true
}

// homeOf gives an agent without a country ("police", "the opposition")
// the one country its sentence names, if it names exactly one: news
// writes "Egyptian police dispersed demonstrators" and "President X said
// in Algiers" of one country's people. Armed forces are left alone, as
// they often act abroad ("troops shelled Gondor"). The member is copied.
//
// Before that, a possessive ("its troops") takes its owner's country as
// coreference resolves it, and a definite agent ("the army") the country
// of the last actor with the same role earlier in the article.
func (c *Coder) homeOf(s *sentence, m *member) *member {
	if len(m.code) <= 3 || m.code[:3] != "---" || c.tab == nil || m.start < 0 {
		return m
	}
	role := m.code[3:]
	home := ""
	if k := m.start - 1; k >= 0 {
		switch {
		case s.possessive(k):
			if l, n := s.linkAt(k); n > 0 && l.Possessive && len(l.Code) >= 3 && c.isCountry(l.Code[:3]) {
				home = l.Code[:3]
			}
		case s.norms[k] == "the":
			for i := len(s.seen) - 1; i >= 0 && len(role) >= 3; i-- {
				if strings.HasPrefix(s.seen[i][3:], role[:3]) {
					home = s.seen[i][:3]
					break
				}
			}
		}
	}
	if home == "" {
		for _, r := range [...]string{"MIL", "UAF", "SPY", "IGO", "NGO", "MNC"} {
			if strings.HasPrefix(role, r) {
				return m
			}
		}
		home = s.home(c)
	}
	if home == "" {
		return m
	}
	cp := *m
	cp.code = home + role
	return &cp
}

// isCountry reports whether a 3-letter primary code part is a country:
// not "---", a region or a transnational type (IGO, NGO, …).
func (c *Coder) isCountry(code string) bool {
	if len(code) != 3 || code == "---" || code[0] == '"' {
		return false
	}
	if c.tab == nil {
		return true
	}
	p, ok := c.tab.ActorPart(code)
	return !ok || p.Kind != "region" && p.Kind != "type"
}

// home returns the one country the sentence's actors name, or "" when
// they name none or several. Regions, organisations and actor types are
// not countries.
func (s *sentence) home(c *Coder) string {
	if s.homeDone {
		return s.homeCode
	}
	s.homeDone = true
	for _, g := range s.groups {
		if g.end < len(s.words) && s.cls[g.end]&clPlace != 0 || g.start > s.tail {
			// "on the Thai border" places the event, and ", Thai police
			// said" tells who reported it; neither says whose the
			// agents are.
			continue
		}
		for _, m := range g.members {
			if len(m.code) < 3 || !c.isCountry(m.code[:3]) {
				// A region or a transnational type (IGO, NGO, …);
				// organisation tags that look like countries ("RWA")
				// only follow a type.
				continue
			}
			switch {
			case s.homeCode == "":
				s.homeCode = m.code[:3]
			case s.homeCode != m.code[:3]:
				s.homeCode = ""
				return ""
			}
		}
	}
	return s.homeCode
}

// conjunctCoded reports whether the verb a coordinated verb is joined to
// is a dictionary verb: "condemned Mordor and attacked Gondor" is two
// acts, while in "support a resolution that aims to tighten sanctions
// and impose a blockade" the conjunct "tighten" belongs to the clause
// "support" owns, and so does "impose".
func (s *sentence) conjunctCoded(v *verb) bool {
	for k := v.grpStart - 2; k >= 0; k-- {
		if s.isVerb[k] {
			return true
		}
		if t := s.words[k].tag; strings.HasPrefix(t, "VB") && t != "VBN" && t != "VBG" {
			// Participles often modify nouns ("increased aid").
			return false
		}
	}
	return true
}

// reportedModality returns the modality of an act a reporting verb's
// pattern codes ("Iraq announced it is prepared to impose martial law",
// "X said it would impose sanctions"): future or hypothetical when the
// reported clause says so, unless the pattern spells out the modal
// itself ("- * IT WILL NOT [120]"); "" otherwise.
func (c *Coder) reportedModality(s *sentence, v *verb, hi int, pat *lexicon.Pattern, code string) chronicle.Modality {
	if pat == nil || s.cls[v.m.Head]&clReport == 0 || strings.HasPrefix(code, "01") {
		return ""
	}
	for _, e := range pat.Post {
		if e.Kind == lexicon.ElemWord && c.words[strings.ToLower(e.Text)]&(clModal|clIntent) != 0 {
			return ""
		}
	}
	for k := v.m.End; k < hi && k < v.m.End+8; k++ {
		switch {
		case s.isVerb[k]:
			return ""
		case s.cls[k]&clFuture != 0:
			return chronicle.Future
		case s.cls[k]&clHypothetical != 0:
			return chronicle.Hypothetical
		case s.cls[k]&clIntent != 0 && k+1 < len(s.norms) && s.norms[k+1] == "to":
			return chronicle.Future
		}
	}
	return ""
}

// verbBetween reports whether a verb lies in words [a, b).
func (s *sentence) verbBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if s.isVerb[k] || strings.HasPrefix(s.words[k].tag, "VB") {
			return true
		}
	}
	return false
}

// afterPlacePrep reports whether the phrase at word i follows a
// preposition of place ("in", "at", "near"), past determiners.
func (s *sentence) afterPlacePrep(i int) bool {
	k := i - 1
	for k >= 0 && s.cls[k]&clDet != 0 {
		k--
	}
	if k < 0 {
		return false
	}
	switch s.norms[k] {
	case "in", "at", "near", "inside", "outside", "throughout", "across":
		return true
	}
	return false
}

// reciprocal reports whether an act done by a compound subject with no
// other party is done between its members: meeting, consulting,
// cooperating, signing an agreement ("Arnor and Gondor met", "… signed a
// treaty"), or a paired code that is its own reverse.
func reciprocal(code, paired string) bool {
	return paired != "" && paired == code || strings.HasPrefix(code, "04") || strings.HasPrefix(code, "06") || code == "057"
}

// refusedAppealTarget finds the party of a refusal or a negated appeal
// that names none ("Blinken stated that the U.S. would not push for
// one"): the target of the same country's last appeal, demand or
// rejection in this or the three sentences before (the article's
// mentions so far are out). Positive acts never borrow a target.
func (c *Coder) refusedAppealTarget(s *sentence, code string, mod chronicle.Modality, srcCountry string, out []chronicle.Mention) *member {
	if c.petrarch || srcCountry == "" || srcCountry == "---" {
		return nil
	}
	if !(strings.HasPrefix(code, "02") && mod == chronicle.Negated || strings.HasPrefix(code, "12")) {
		return nil
	}
	for i := len(out) - 1; i >= 0 && out[i].Sentence >= s.index-3; i-- {
		m := &out[i]
		if m.Target.Code == "" || countryOf(m.Source.Code) != srcCountry || m.Root != "02" && m.Root != "10" && m.Root != "12" {
			continue
		}
		t := m.Target
		return &member{code: t.Code, entity: t.Entity, start: -1, end: -1, ctx: &t}
	}
	return nil
}
