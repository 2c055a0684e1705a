package coder

import (
	"sort"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coref"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// piece is one dictionary actor or agent phrase found in a sentence.
type piece struct {
	start, end int // word range
	actor      *lexicon.Actor
	agent      *lexicon.Agent
	// link is set for an anaphor ("he", "the president") coreference
	// resolved to a coded actor.
	link *coref.Link
}

// member is one coded actor of a group: the code and the words it came
// from.
type member struct {
	code       string
	entity     string
	start, end int // word range
	// link is the coreference link the member was resolved through.
	link *coref.Link
	// ctx is set for an actor carried over from an earlier sentence.
	ctx *chronicle.Actor
}

// group is one actor phrase of the sentence as the coder uses it: a
// noun phrase with one member, or a compound ("Arnor and Gondor") with
// one member per conjunct.
type group struct {
	start, end int // word range
	members    []member
	absorbed   bool // merged into another group ("minister of Gondor")
}

// verb is one dictionary verb found in the sentence, with its verb group.
type verb struct {
	m        lexicon.VerbMatch // Start, End, Head are word indices
	grpStart int               // first word of the verb group ("will not" …)
	neg      int               // word index of a negation in the group, or -1
	modality chronicle.Modality
	passive  bool
	coord    bool // joined to the previous verb by "and"/"but"
	insert   [2]int
}

// sentence is the coder's view of one sentence.
type sentence struct {
	doc      *text.Doc
	index    int
	words    []word
	norms    []string
	cls      []wordClass
	pieceAt  []int
	pieces   []piece
	groups   []group
	groupAt  []int // word → index of the group starting there, or -1
	verbs    []verb
	isVerb   []bool
	tail     int      // word index of the comma opening an attribution tail, or len(words)
	inserts  [][2]int // comma-delimited insertions (word ranges, commas excluded)
	reported bool     // the sentence has an attribution tail
	// attrib is the byte range of the speaker quote.Attribution finds
	// for the sentence ({-1,-1} for none), filled on first use.
	attrib     [2]int
	attribDone bool
	// homeCode is the one country the sentence names (see home).
	homeCode string
	homeDone bool
	issues   []string
	// issuesDone is set once issues holds the sentence's issue codes.
	issuesDone bool
	present    map[string]struct{} // the sentence's words, filled on first use
	links      []coref.Link        // the article's coreference links
	seen       []string            // actor codes of earlier sentences (scratch.seen)
	cands      []int32             // scratch for pattern candidates
}

// analyse builds the sentence view; nil when a discard drops it.
func (c *Coder) analyse(sc *scratch, doc *text.Doc, si int, date chronicle.Date) *sentence {
	sc.loadWords(doc, si)
	if len(sc.words) == 0 {
		return nil
	}
	s := &sc.sent
	*s = sentence{doc: doc, index: si, words: sc.words, norms: sc.norms,
		cls: s.cls[:0], pieceAt: s.pieceAt[:0], pieces: s.pieces[:0], groups: s.groups[:0],
		groupAt: s.groupAt[:0], verbs: s.verbs[:0], isVerb: s.isVerb[:0], inserts: s.inserts[:0],
		present: sc.present, cands: s.cands[:0], links: sc.links, seen: sc.seen}
	if s.present == nil {
		s.present = make(map[string]struct{}, 64)
		sc.present = s.present
	}
	clear(s.present)
	n := len(s.words)
	for i := range s.words {
		s.cls = append(s.cls, c.words[s.norms[i]])
		s.pieceAt = append(s.pieceAt, -1)
		s.groupAt = append(s.groupAt, -1)
		s.isVerb = append(s.isVerb, false)
	}
	s.tail = n
	c.findPieces(s)
	c.findVerbs(s)
	c.findTail(s)
	c.findInserts(s)
	c.buildGroups(s, date)
	return s
}

// issuesOf returns the sentence's issue codes, found on first use (most
// sentences code no event and never need them).
func (c *Coder) issuesOf(s *sentence) []string {
	if s.issuesDone {
		return s.issues
	}
	s.issuesDone = true
	for _, im := range c.dict.IssuesIn(s.norms) {
		if im.Issue.Code != "" && !contains(s.issues, im.Issue.Code) {
			s.issues = append(s.issues, im.Issue.Code)
		}
	}
	return s.issues
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// findPieces marks the longest actor or agent phrase at each position.
func (c *Coder) findPieces(s *sentence) {
	n := len(s.words)
	for i := 0; i < n; {
		if isPunct(s.norms[i]) || s.cls[i]&(clPrep|clConj|clAux|clModal|clSubord) != 0 && s.norms[i] != "the" {
			// No actor or agent phrase starts with punctuation or a
			// function word.
			i++
			continue
		}
		if l, n := s.anaphorAt(c, i); n > 0 {
			s.pieces = append(s.pieces, piece{start: i, end: i + n, link: l})
			for k := i; k < i+n; k++ {
				s.pieceAt[k] = len(s.pieces) - 1
			}
			i += n
			continue
		}
		a, na := c.dict.LongestActor(s.norms, i)
		g, ng := c.dict.LongestAgent(s.norms, i)
		if ga, gn := c.gappedAt(s, i); gn > na && gn > ng {
			a, na = ga, gn
		}
		if na > 0 && na >= ng && s.inCompanyName(i+na) {
			na = 0
		}
		if na == 1 && len(s.norms[i]) <= 2 && !s.capitals(i) {
			// "US", "UK" as abbreviations only in capitals: "us" is the
			// pronoun.
			na = 0
		}
		if ng == 1 && len(s.norms[i]) <= 2 && !s.capitals(i) {
			ng = 0
		}
		switch {
		case na > 0 && na >= ng:
			s.pieces = append(s.pieces, piece{start: i, end: i + na, actor: a})
		case ng > 0:
			s.pieces = append(s.pieces, piece{start: i, end: i + ng, agent: g})
		default:
			i++
			continue
		}
		p := len(s.pieces) - 1
		for k := s.pieces[p].start; k < s.pieces[p].end; k++ {
			s.pieceAt[k] = p
		}
		i = s.pieces[p].end
	}
}

// gappedAt matches actor phrases written with spaces, allowing up to two
// words inside the noun phrase between their parts.
func (c *Coder) gappedAt(s *sentence, i int) (*lexicon.Actor, int) {
	cands := c.gapped[s.norms[i]]
	var best *lexicon.Actor
	bestN := 0
	for _, g := range cands {
		pos := i
		ok := true
		for k, seg := range g.segs {
			found := false
			maxGap := 0
			if k > 0 {
				maxGap = 2
			}
			for gap := 0; gap <= maxGap && pos+gap+len(seg) <= len(s.norms); gap++ {
				if gap > 0 && s.breaksNP(pos+gap-1) {
					break
				}
				if equalAt(s.norms, pos+gap, seg) {
					pos += gap + len(seg)
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok && pos-i > bestN {
			best, bestN = g.actor, pos-i
		}
	}
	return best, bestN
}

func equalAt(words []string, i int, seg []string) bool {
	if i+len(seg) > len(words) {
		return false
	}
	for k, w := range seg {
		if words[i+k] != w {
			return false
		}
	}
	return true
}

// breaksNP reports whether word i cannot be inside a noun phrase.
func (s *sentence) breaksNP(i int) bool {
	w := s.norms[i]
	if s.cls[i]&(clPrep|clConj|clSubord) != 0 || s.isVerb[i] {
		return true
	}
	if isPunct(w) && w != "'s" && w != "'" && w != "-" {
		return true
	}
	if t := s.words[i].tag; t != "" && (strings.HasPrefix(t, "VB") || t == "MD" || t == "CC" || t == "IN" || t == "TO" || t == "WDT" || t == "WP") {
		return s.cls[i]&clDet == 0
	}
	return false
}

func isPunct(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 {
			return false
		}
	}
	return true
}

// findVerbs finds dictionary verbs used as verbs, with their verb groups.
func (c *Coder) findVerbs(s *sentence) {
	n := len(s.words)
	for i := 0; i < n; i++ {
		if s.pieceAt[i] >= 0 {
			continue
		}
		ms := c.dict.VerbsAt(s.norms, i)
		if len(ms) == 0 {
			continue
		}
		var m lexicon.VerbMatch
		found := false
		for _, x := range ms {
			ok := true
			for k := x.Start; k < x.End; k++ {
				if s.pieceAt[k] >= 0 {
					ok = false
					break
				}
			}
			if ok {
				m, found = x, true
				break
			}
		}
		if !found || !c.verbish(s, m) {
			continue
		}
		v := verb{m: m, neg: -1, insert: [2]int{-1, -1}}
		c.verbGroup(s, &v)
		for k := m.Start; k < m.End; k++ {
			s.isVerb[k] = true
		}
		s.verbs = append(s.verbs, v)
		i = m.End - 1
	}
}

// verbish decides whether a dictionary verb form is used as a verb here.
func (c *Coder) verbish(s *sentence, m lexicon.VerbMatch) bool {
	h := m.Head
	w := s.norms[h]
	cl := s.cls[h]
	if cl&clModal != 0 {
		return false
	}
	prev := wordClass(0)
	if m.Start > 0 {
		prev = s.cls[m.Start-1]
	}
	// An auxiliary followed by another verb is not the main verb.
	if cl&(clAux|clBe) != 0 || w == "has" || w == "have" || w == "had" || w == "do" || w == "does" || w == "did" {
		for k := m.End; k < len(s.words) && k < m.End+3; k++ {
			if t := s.words[k].tag; strings.HasPrefix(t, "VB") {
				return false
			}
			if s.cls[k]&(clAux|clNeg) == 0 {
				break
			}
		}
	}
	tag := s.words[h].tag
	if tag != "" {
		if strings.HasPrefix(tag, "VB") {
			return prev&clDet == 0 || prev&clAux != 0
		}
		if tag == "MD" {
			return false
		}
		// Taggers trained on news miss verbs after auxiliaries and "to",
		// and right after a subject actor ("Ethiopia departs from").
		if m.Start > 0 && prev&(clAux|clModal) != 0 && prev&clDet == 0 {
			return true
		}
		if m.Start == 0 || m.End >= len(s.words) {
			return false
		}
		next := s.cls[m.End]&(clPrep|clDet) != 0 || s.pieceAt[m.End] >= 0
		afterActor := s.pieceAt[m.Start-1] >= 0
		switch {
		case tag == "NNS" || tag == "NN":
			return afterActor && next
		case tag == "JJ" && strings.HasSuffix(w, "ed"):
			// ", condemned Mordor" after an insertion.
			return (afterActor || s.norms[m.Start-1] == ",") && next
		}
		return false
	}
	return prev&clDet == 0 || prev&clAux != 0
}

// verbGroup finds the auxiliaries, negation and voice of a verb.
func (c *Coder) verbGroup(s *sentence, v *verb) {
	k := v.m.Start - 1
	lastAux := -1
	for k >= 0 {
		cl := s.cls[k]
		w := s.norms[k]
		if cl&(clAux|clModal|clNeg) != 0 || strings.HasSuffix(w, "ly") && len(w) > 4 && !s.isVerb[k] && s.pieceAt[k] < 0 {
			if cl&(clAux|clModal|clBe) != 0 && lastAux < 0 {
				lastAux = k
			}
			if cl&clNeg != 0 && v.neg < 0 {
				v.neg = k
			}
			if cl&clFuture != 0 && v.modality == "" {
				v.modality = chronicle.Future
			}
			if cl&clHypothetical != 0 && v.modality != chronicle.Future {
				v.modality = chronicle.Hypothetical
			}
			k--
			continue
		}
		break
	}
	v.grpStart = k + 1
	// "plans to impose", "is ready to send", "is to visit": an act
	// announced or planned.
	if v.m.Start > 1 && s.norms[v.m.Start-1] == "to" {
		j := v.m.Start - 2
		switch {
		case s.cls[j]&clRefuse != 0 && v.neg < 0:
			// "declined to attack", "failed to reach": the act did not
			// happen (a dictionary verb for the refusal itself codes
			// it and owns this clause).
			v.neg = j
		case v.modality == "" && s.cls[j]&(clIntent|clBe) != 0:
			v.modality = chronicle.Future
		}
	}
	if lastAux >= 0 && s.cls[lastAux]&clBe != 0 {
		hw := s.norms[v.m.Head]
		tag := s.words[v.m.Head].tag
		if !strings.HasSuffix(hw, "ing") && (tag == "VBN" || tag == "" && (strings.HasSuffix(hw, "ed") || strings.HasSuffix(hw, "en")) || tag == "VBD") {
			v.passive = true
		}
	}
	// "Gondor will not attack" is future and negated; "if" makes the
	// clause hypothetical.
	for j := v.grpStart - 1; j >= 0 && j >= v.grpStart-12; j-- {
		if s.norms[j] == "if" || s.norms[j] == "unless" {
			v.modality = chronicle.Hypothetical
			break
		}
		if isPunct(s.norms[j]) {
			break
		}
	}
	p := v.grpStart - 1
	if p >= 0 && s.cls[p]&clConj != 0 && s.norms[p] != "nor" {
		v.coord = true
	}
}

// findTail finds an attribution tail: ", a senior official said on
// Saturday." at the end of the sentence.
func (c *Coder) findTail(s *sentence) {
	n := len(s.words)
	end := n
	for end > 0 && isPunct(s.norms[end-1]) {
		end--
	}
	for ci := end - 1; ci > 0; ci-- {
		if s.norms[ci] != "," {
			continue
		}
		// ", NP said [time]" or ", according to NP".
		r := -1
		for k := ci + 1; k < end && k <= ci+12; k++ {
			if s.cls[k]&clReport != 0 {
				r = k
				break
			}
			if s.norms[k] == "," || s.isVerb[k] {
				break
			}
		}
		if r < 0 {
			return
		}
		rest := 0
		for k := r + 1; k < end; k++ {
			if s.norms[k] == "," || s.isVerb[k] && s.norms[r] != "according" {
				return
			}
			rest++
		}
		if rest > 8 {
			return
		}
		s.tail = ci
		s.reported = true
		return
	}
}

// findInserts finds comma-delimited insertions that open with a
// preposition or relative word (", in remarks published on Monday,").
func (c *Coder) findInserts(s *sentence) {
	prev := -1
	for i := 0; i < s.tail; i++ {
		if s.norms[i] != "," {
			continue
		}
		if prev >= 0 && i-prev > 2 {
			first := prev + 1
			if s.cls[first]&(clPrep|clSubord) != 0 && s.norms[first] != "that" {
				s.inserts = append(s.inserts, [2]int{first, i})
				prev = -1
				continue
			}
		}
		prev = i
	}
	for vi := range s.verbs {
		v := &s.verbs[vi]
		for _, in := range s.inserts {
			if v.m.Head >= in[0] && v.m.Head < in[1] {
				v.insert = in
			}
		}
	}
}

func (s *sentence) insertOf(i int) [2]int {
	for _, in := range s.inserts {
		if i >= in[0] && i < in[1] {
			return in
		}
	}
	return [2]int{-1, -1}
}

// inCompanyName reports whether the capitalised words from word k on end
// in a company suffix ("America Inc", "Gondor Trading Co").
func (s *sentence) inCompanyName(k int) bool {
	for j := k; j < len(s.words) && j < k+4; j++ {
		if s.cls[j]&clCorp != 0 {
			return true
		}
		t := s.doc.Tokens[s.words[j].tok].Text
		if t == "" || t[0] < 'A' || t[0] > 'Z' {
			if t != "&" && t != "and" {
				return false
			}
		}
	}
	return false
}

// capitals reports whether word i is written in capital letters only.
func (s *sentence) capitals(i int) bool {
	t := s.doc.Tokens[s.words[i].tok].Text
	for k := 0; k < len(t); k++ {
		if c := t[k]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// anaphorAt returns the coreference link of a pronoun or title starting
// at word i whose antecedent has a code, and its length in words.
// Surnames and aliases are left to the dictionary, which codes them
// itself; possessives ("his government") are not the antecedent.
func (s *sentence) anaphorAt(c *Coder, i int) (*coref.Link, int) {
	l, n := s.linkAt(i)
	if n == 0 || l.Code == "" || l.Possessive || l.Kind != coref.KindPronoun && l.Kind != coref.KindTitle {
		return nil, 0
	}
	// An antecedent inside a company's name ("Dynamics Corp of America
	// said it …") is the company, not the place its name holds.
	if c.inCompany(s.doc, l.To[0], l.To[1]) {
		return nil, 0
	}
	return l, n
}

// inCompany reports whether tokens [a, b) sit in a capitalised name
// with a company word in it, before or after them ("Dynamics Corp of
// America", "HMO America Inc").
func (c *Coder) inCompany(doc *text.Doc, a, b int) bool {
	toks := doc.Tokens
	capital := func(t int) bool {
		x := toks[t].Text
		return x != "" && (x[0] >= 'A' && x[0] <= 'Z' || x == "of" || x == "&")
	}
	for t := a; t < b && t < len(toks); t++ {
		if c.words[toks[t].Norm]&clCorp != 0 {
			return true
		}
	}
	for t := a - 1; t >= 0 && t >= a-4 && capital(t); t-- {
		if c.words[toks[t].Norm]&clCorp != 0 {
			return true
		}
	}
	for t := b; t < len(toks) && t < b+4 && capital(t); t++ {
		if c.words[toks[t].Norm]&clCorp != 0 {
			return true
		}
	}
	return false
}

// linkAt returns the coreference link whose anaphor starts at word i and
// its length in words, or nil, 0.
func (s *sentence) linkAt(i int) (*coref.Link, int) {
	if len(s.links) == 0 {
		return nil, 0
	}
	tok := s.words[i].tok
	k := sort.Search(len(s.links), func(k int) bool { return s.links[k].From[0] >= tok })
	if k == len(s.links) || s.links[k].From[0] != tok {
		return nil, 0
	}
	l := &s.links[k]
	n := 0
	for j := i; j < len(s.words) && s.words[j].tok < l.From[1]; j++ {
		n++
	}
	return l, n
}
