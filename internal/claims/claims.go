// Package claims finds statement acts in analysed articles: who said,
// demanded, proposed, urged or rejected what, addressed to whom. Each one
// becomes a chronicle.Claim with the speaker, the verb, the content (the
// quotation, or the clause or noun phrase the verb governs), the addressee
// when the text names one, and the speaker's stance towards the content.
//
// Claims come from three places in a sentence, in this order, and a verb
// gives at most one claim:
//
//  1. quotations with a speaker (“…,” the mayor said): the content is the
//     quoted words;
//  2. attribution tails (…, the foreign ministry said in Moscow): the
//     content is the sentence before the tail;
//  3. claim verbs anywhere else (Abbas demanded an end to the assault;
//     Zelenskiy urged Germany to send tanks): the speaker is the noun phrase
//     before the verb, the content and addressee follow it as the verb's
//     frame says (verbs.txt).
//
// A speaker or addressee takes the actor the coder found at the same words
// when there is one (so coreference and dictionary codes carry over), else
// the dictionary's code for the words, else no code.
package claims

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coref"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text"
)

//go:embed verbs.txt
var verbsTxt string

// Stances a claim can take towards its content.
const (
	Support = "support"
	Oppose  = "oppose"
)

// Frames: how the words after a verb divide into addressee and content.
const (
	frameObjTo   = "obj-to"
	frameObjOf   = "obj-of"
	frameObjFor  = "obj-for"
	frameObjThat = "obj-that"
	frameObj     = "obj"
)

// Verb is one claim verb of verbs.txt.
type Verb struct {
	Words  []string // lemma, then literal particles
	Kind   string
	Stance string
	Frames []string
}

func (v Verb) has(frame string) bool {
	for _, f := range v.Frames {
		if f == frame {
			return true
		}
	}
	return false
}

// ParseVerbs reads a claim-verb table in the format of verbs.txt.
func ParseVerbs(src string) ([]Verb, error) {
	var out []Verb
	for no, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("claim verbs line %d: want WORDS KIND STANCE [FRAME ...]", no+1)
		}
		v := Verb{Words: strings.Split(strings.ToLower(f[0]), "_"), Kind: f[1], Stance: f[2], Frames: f[3:]}
		for _, w := range v.Words {
			if w == "" {
				return nil, fmt.Errorf("claim verbs line %d: empty word in %q", no+1, f[0])
			}
		}
		if v.Stance != Support && v.Stance != Oppose {
			return nil, fmt.Errorf("claim verbs line %d: stance %q is neither support nor oppose", no+1, v.Stance)
		}
		for _, fr := range v.Frames {
			switch fr {
			case frameObjTo, frameObjOf, frameObjFor, frameObjThat, frameObj:
			default:
				return nil, fmt.Errorf("claim verbs line %d: unknown frame %q", no+1, fr)
			}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("claim verbs: no verbs")
	}
	return out, nil
}

// Finder finds claims. It is immutable after New and safe for concurrent
// use.
type Finder struct {
	dict  *lexicon.Dictionary // may be nil: speakers then take codes from mentions only
	coref *coref.Resolver
	verbs map[string][]Verb // by lemma
}

// New returns a finder using the embedded claim verbs and, for speakers
// and addressees no mention covers, the actors and agents of dict (nil for
// none).
func New(dict *lexicon.Dictionary) (*Finder, error) {
	vs, err := ParseVerbs(verbsTxt)
	if err != nil {
		return nil, err
	}
	res, err := coref.New(dict)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	f := &Finder{dict: dict, coref: res, verbs: map[string][]Verb{}}
	for _, v := range vs {
		f.verbs[v.Words[0]] = append(f.verbs[v.Words[0]], v)
	}
	// Longer verbs first, so "call for" wins over a bare "call".
	for _, list := range f.verbs {
		for i := 1; i < len(list); i++ {
			for j := i; j > 0 && len(list[j].Words) > len(list[j-1].Words); j-- {
				list[j], list[j-1] = list[j-1], list[j]
			}
		}
	}
	return f, nil
}

// Find returns the claims of an analysed article, in text order. The
// mentions the coder produced for it (any order) give speakers and
// addressees their actors; Find does not change them (see Link).
func (f *Finder) Find(doc *text.Doc, art chronicle.Article, ms []chronicle.Mention) []chronicle.Claim {
	if doc == nil {
		return nil
	}
	date := art.Date
	if date.IsZero() {
		date = doc.Date
	}
	var out []chronicle.Claim
	used := make([]bool, len(doc.Tokens))
	links := &article{}
	for si := range doc.Sentences {
		s := sentence{f: f, doc: doc, si: si, art: art, date: date, ms: ms, used: used, shared: links}
		out = s.find(out)
	}
	return out
}

// Link points every mention coded from a claim's verb at that claim:
// ms[i].Claim is set when the mention's verb overlaps the claim's verb in
// the same sentence of the same article. It returns how many mentions it
// linked.
func Link(cs []chronicle.Claim, ms []chronicle.Mention) int {
	n := 0
	for i := range ms {
		m := &ms[i]
		if m.Verb.End <= m.Verb.Start {
			continue
		}
		for j := range cs {
			c := &cs[j]
			if c.ArticleID == m.ArticleID && c.Sentence == m.Sentence &&
				m.Verb.Start < c.Verb.End && c.Verb.Start < m.Verb.End {
				cl := *c
				m.Claim = &cl
				n++
				break
			}
		}
	}
	return n
}

// sentence is the state of finding claims in one sentence.
type sentence struct {
	f      *Finder
	doc    *text.Doc
	si     int
	art    chronicle.Article
	date   chronicle.Date
	ms     []chronicle.Mention
	used   []bool // by token: the verb already gave a claim
	shared *article
}

// article is what the sentences of one article share: its coreference
// links, resolved on first need.
type article struct {
	links    []coref.Link
	resolved bool
}

// anaphoric reports whether tokens [a, b) may stand for an actor named
// earlier: a pronoun, a definite or possessive phrase ("the president",
// "his government") or a lone name ("Abbas").
func (s *sentence) anaphoric(a, b int) bool {
	tk := &s.doc.Tokens[a]
	switch {
	case strings.HasPrefix(tk.Tag, "PRP"), tk.Norm == "the":
		return true
	case b-a == 1 && strings.HasPrefix(tk.Tag, "NNP"):
		return true
	}
	return false
}

// antecedent returns the coreference link of the anaphor at tokens
// [a, b): one whose anaphor is that range or starts it.
func (s *sentence) antecedent(a, b int) (coref.Link, bool) {
	if !s.shared.resolved {
		s.shared.links = s.f.coref.Resolve(s.doc, s.date)
		s.shared.resolved = true
	}
	for _, l := range s.shared.links {
		if l.Sentence == s.si && l.From[0] == a && l.From[1] <= b && l.Code != "" {
			return l, true
		}
	}
	return coref.Link{}, false
}

func (s *sentence) find(out []chronicle.Claim) []chronicle.Claim {
	sent := s.doc.Sentences[s.si]
	// 1. Quotations whose speaker the text gives, cued in this sentence.
	for _, q := range s.doc.Quotes {
		if q.SpeakerAt[0] < 0 || q.SpeakerAt[0] < sent.Start || q.SpeakerAt[1] > sent.End {
			continue
		}
		if c, ok := s.fromQuote(q); ok {
			out = append(out, c)
		}
	}
	// 2. Attribution tails.
	for _, cl := range s.doc.Clauses {
		if cl.Sentence != s.si || cl.Kind != text.Attribution || cl.Speaker[0] < 0 {
			continue
		}
		if c, ok := s.fromAttribution(cl); ok {
			out = append(out, c)
		}
	}
	// 3. Claim verbs.
	for t := sent.FirstTok; t < sent.LastTok; t++ {
		if s.used[t] {
			continue
		}
		if c, ok := s.fromVerb(t); ok {
			out = append(out, c)
		}
	}
	return out
}

// verbAt returns the claim verb whose words start at token t and the index
// one past its last word.
func (s *sentence) verbAt(t int) (Verb, int, bool) {
	tk := &s.doc.Tokens[t]
	if !strings.HasPrefix(tk.Tag, "VB") {
		return Verb{}, 0, false
	}
	last := s.doc.Sentences[s.si].LastTok
	for _, v := range s.f.verbs[tk.Lemma] {
		end := t + 1
		ok := true
		for _, w := range v.Words[1:] {
			if end >= last || s.doc.Tokens[end].Norm != w {
				ok = false
				break
			}
			end++
		}
		if ok {
			return v, end, true
		}
	}
	return Verb{}, 0, false
}

func (s *sentence) span(a, b int) chronicle.Span {
	if a >= b {
		return chronicle.Span{}
	}
	st, en := s.doc.Tokens[a].Start, s.doc.Tokens[b-1].End
	return chronicle.Span{Text: s.doc.Text[st:en], Start: st, End: en}
}

func (s *sentence) claim(speaker chronicle.Actor, verb, content chronicle.Span, addr *chronicle.Actor, stance string) chronicle.Claim {
	return chronicle.Claim{
		ID:        fmt.Sprintf("%s/c%d", s.art.ID, verb.Start),
		ArticleID: s.art.ID, Sentence: s.si,
		Speaker: speaker, Verb: verb, Content: content, Addressee: addr, Stance: stance,
	}
}

// fromQuote makes a claim of a quotation: the speaker as the text gives
// it, the cue verb, and the quoted words.
func (s *sentence) fromQuote(q text.Quote) (chronicle.Claim, bool) {
	inner := trimSpan(s.doc.Text, q.Start, q.End)
	if inner.End <= inner.Start {
		return chronicle.Claim{}, false
	}
	first, last := s.tokensIn(q.SpeakerAt[0], q.SpeakerAt[1])
	if first >= last {
		return chronicle.Claim{}, false
	}
	// The cue verb is the nearest claim verb next to the speaker, outside
	// the quotation.
	sent := s.doc.Sentences[s.si]
	vt := -1
	for d := 1; d <= 3 && vt < 0; d++ {
		for _, t := range []int{first - d, last + d - 1} {
			if t < sent.FirstTok || t >= sent.LastTok || s.inside(t, q.Start, q.End) {
				continue
			}
			if _, _, ok := s.verbAt(t); ok {
				vt = t
				break
			}
		}
	}
	stance := Support
	var verb chronicle.Span
	if vt >= 0 {
		v, end, _ := s.verbAt(vt)
		s.used[vt] = true
		verb = s.span(vt, end)
		stance = s.stance(v, vt)
	} else if q.Cue != "" {
		if i := strings.Index(s.doc.Text[sent.Start:sent.End], q.Cue); i >= 0 {
			verb = chronicle.Span{Text: q.Cue, Start: sent.Start + i, End: sent.Start + i + len(q.Cue)}
		}
	}
	return s.claim(s.actor(first, last), verb, inner, nil, stance), true
}

// fromAttribution makes a claim of an attribution tail: its speaker and
// verb, and the sentence before the tail as the content.
func (s *sentence) fromAttribution(cl text.Clause) (chronicle.Claim, bool) {
	vt := -1
	for t := cl.First; t < cl.Last; t++ {
		if _, _, ok := s.verbAt(t); ok && !s.used[t] {
			vt = t
			break
		}
	}
	if vt < 0 {
		return chronicle.Claim{}, false
	}
	v, end, _ := s.verbAt(vt)
	sent := s.doc.Sentences[s.si]
	var content chronicle.Span
	if cl.First > sent.FirstTok {
		content = s.trimmed(sent.FirstTok, cl.First)
	} else {
		// A fronted attribution ("Officials said on Tuesday that …") keeps
		// its content after the verb.
		content = s.content(s.skipThat(end), sent.LastTok)
	}
	if content.End <= content.Start {
		return chronicle.Claim{}, false
	}
	s.used[vt] = true
	return s.claim(s.actor(cl.Speaker[0], cl.Speaker[1]), s.span(vt, end), content, nil, s.stance(v, vt)), true
}

// fromVerb makes a claim of a claim verb in the body of the sentence.
func (s *sentence) fromVerb(t int) (chronicle.Claim, bool) {
	v, end, ok := s.verbAt(t)
	if !ok {
		return chronicle.Claim{}, false
	}
	sent := s.doc.Sentences[s.si]
	ch := s.chunkOf(t)
	var speaker chronicle.Actor
	var contentStart, contentEnd int
	var addr *chronicle.Actor
	if ch >= 0 && s.doc.Chunks[ch].Passive {
		// "The plan was rejected by Russia": the by-phrase speaks, the
		// subject is the content.
		by := -1
		for k := end; k < sent.LastTok-1; k++ {
			if s.doc.Tokens[k].Norm == "by" {
				by = k
				break
			}
		}
		if by < 0 {
			return chronicle.Claim{}, false
		}
		a, b := s.npAt(by + 1)
		subjA, subjB := s.subject(t)
		if a >= b || subjA >= subjB {
			return chronicle.Claim{}, false
		}
		speaker = s.actor(a, b)
		c := s.span(subjA, subjB)
		s.used[t] = true
		return s.claim(speaker, s.span(t, end), c, nil, s.stance(v, t)), true
	}
	a, b := s.subject(t)
	if a >= b {
		return chronicle.Claim{}, false
	}
	speaker = s.actor(a, b)
	contentStart, contentEnd = end, sent.LastTok
	// The verb's frame: an addressee, then the content. The addressee is
	// the noun phrase after the verb, alone or with its "of" phrases, and a
	// time expression may come between it and the rest ("condemned the
	// United States on Sunday for …").
	if len(v.Frames) > 0 {
		na, nb := s.chunkNP(end)
		_, nbOf := s.npAt(end)
		for _, b := range []int{nb, nbOf} {
			if na >= b {
				continue
			}
			after := s.skipTime(b)
			next := ""
			if after < sent.LastTok {
				next = s.doc.Tokens[after].Norm
			}
			switch {
			case v.has(frameObjTo) && next == "to":
				addr, contentStart = s.actorPtr(na, b), after+1
			case v.has(frameObjOf) && next == "of":
				addr, contentStart = s.actorPtr(na, b), after+1
			case v.has(frameObjFor) && next == "for":
				addr, contentStart = s.actorPtr(na, b), after+1
			case v.has(frameObjThat) && (next == "that" || s.clauseStarts(after)):
				addr, contentStart = s.actorPtr(na, b), s.skipThat(after)
			case v.has(frameObj) && s.endsClause(after):
				addr, contentStart, contentEnd = s.actorPtr(na, b), na, b
			default:
				continue
			}
			break
		}
	}
	if contentStart == end {
		contentStart = s.skipThat(end)
	}
	content := s.content(contentStart, contentEnd)
	if content.End <= content.Start {
		return chronicle.Claim{}, false
	}
	s.used[t] = true
	return s.claim(speaker, s.span(t, end), content, addr, s.stance(v, t)), true
}

// stance is the verb's stance, turned round when its verb group is
// negated ("did not reject").
func (s *sentence) stance(v Verb, t int) string {
	if ch := s.chunkOf(t); ch >= 0 && s.doc.Chunks[ch].Negated {
		if v.Stance == Support {
			return Oppose
		}
		return Support
	}
	return v.Stance
}

// chunkOf returns the index of the chunk holding token t, or -1.
func (s *sentence) chunkOf(t int) int {
	cs := s.doc.Chunks
	lo, hi := 0, len(cs)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case cs[m].Last <= t:
			lo = m + 1
		case cs[m].First > t:
			hi = m
		default:
			return m
		}
	}
	return -1
}

// subject returns the token range of the noun phrase that is the subject
// of the verb at token t: the nearest noun phrase before its verb group,
// with "of" phrases before it ("Secretary of State Antony Blinken") and
// past an apposition ("Lavrov, Russia's foreign minister,").
func (s *sentence) subject(t int) (int, int) {
	sent := s.doc.Sentences[s.si]
	ch := s.chunkOf(t)
	start := t
	if ch >= 0 {
		start = s.doc.Chunks[ch].First
	}
	// Skip adverbs between the subject and the verb group.
	k := start - 1
	for k >= sent.FirstTok && strings.HasPrefix(s.doc.Tokens[k].Tag, "RB") {
		k--
	}
	if k < sent.FirstTok {
		return 0, 0
	}
	c := s.chunkOf(k)
	if c < 0 || s.doc.Chunks[c].Kind != text.NP || s.doc.Chunks[c].Last != k+1 {
		return 0, 0
	}
	a, b := s.doc.Chunks[c].First, s.doc.Chunks[c].Last
	// "Secretary of State Antony Blinken" (NP of NP) and "Turkey's foreign
	// minister" (NP 's NP).
	for a-1 >= sent.FirstTok {
		k := a - 1
		switch {
		case s.doc.Tokens[k].Tag == "POS":
			if c := s.chunkOf(k); c >= 0 && s.doc.Chunks[c].Kind == text.NP && s.doc.Chunks[c].First < k {
				a = s.doc.Chunks[c].First
				continue
			}
			k--
		case s.doc.Tokens[k].Norm == "of":
			k--
		default:
			return a, b
		}
		p := -1
		if k >= sent.FirstTok {
			p = s.chunkOf(k)
		}
		if p < 0 || s.doc.Chunks[p].Kind != text.NP {
			return a, b
		}
		a = s.doc.Chunks[p].First
	}
	return a, b
}

// npAt returns the token range of the noun phrase starting at token t
// (with a following "of" phrase), or an empty range.
func (s *sentence) npAt(t int) (int, int) {
	sent := s.doc.Sentences[s.si]
	if t >= sent.LastTok {
		return 0, 0
	}
	c := s.chunkOf(t)
	if c < 0 || s.doc.Chunks[c].Kind != text.NP || s.doc.Chunks[c].First != t {
		return 0, 0
	}
	b := s.doc.Chunks[c].Last
	for b+1 < sent.LastTok && s.doc.Tokens[b].Norm == "of" {
		n := s.chunkOf(b + 1)
		if n < 0 || s.doc.Chunks[n].Kind != text.NP || s.doc.Chunks[n].First != b+1 {
			break
		}
		b = s.doc.Chunks[n].Last
	}
	return t, b
}

// chunkNP returns the token range of the noun-phrase chunk starting at
// token t, or an empty range.
func (s *sentence) chunkNP(t int) (int, int) {
	if t >= s.doc.Sentences[s.si].LastTok {
		return 0, 0
	}
	c := s.chunkOf(t)
	if c < 0 || s.doc.Chunks[c].Kind != text.NP || s.doc.Chunks[c].First != t {
		return 0, 0
	}
	return t, s.doc.Chunks[c].Last
}

// skipTime returns the first token at or after t that is not part of a
// time expression (with its preposition: "on Sunday").
func (s *sentence) skipTime(t int) int {
	last := s.doc.Sentences[s.si].LastTok
	for t < last {
		k := t
		if s.doc.Tokens[k].Tag == "IN" && k+1 < last {
			k++
		}
		end := -1
		for _, tx := range s.doc.Timexes {
			if tx.Start == s.doc.Tokens[k].Start {
				end = tx.End
				break
			}
		}
		if end < 0 {
			return t
		}
		for k < last && s.doc.Tokens[k].End <= end {
			k++
		}
		if k <= t {
			// The expression ends inside a token: nothing to skip.
			return t
		}
		t = k
	}
	return t
}

// clauseStarts reports whether a finite clause starts at token t (a noun
// phrase then a verb): "told reporters Israel would …".
func (s *sentence) clauseStarts(t int) bool {
	a, b := s.npAt(t)
	if a >= b || b >= s.doc.Sentences[s.si].LastTok {
		return false
	}
	c := s.chunkOf(b)
	return c >= 0 && s.doc.Chunks[c].Kind == text.VP
}

// endsClause reports whether nothing of the verb's clause follows token t.
func (s *sentence) endsClause(t int) bool {
	sent := s.doc.Sentences[s.si]
	if t >= sent.LastTok {
		return true
	}
	n := s.doc.Tokens[t].Norm
	return n == "." || n == "," || n == ";" || n == "on" || n == "in" || n == "at" || s.startsTime(t)
}

// skipThat skips a complementiser or infinitive marker at token t.
func (s *sentence) skipThat(t int) int {
	if t < s.doc.Sentences[s.si].LastTok {
		switch s.doc.Tokens[t].Norm {
		case "that", "to", ":":
			return t + 1
		}
	}
	return t
}

// clauseBreak reports whether a word ends a claim's content.
func clauseBreak(w string) bool {
	switch w {
	case "when", "while", "as", "after", "before", "because", "since", "but", "although", "though", "whereas", "until":
		return true
	}
	return false
}

// content returns the claim's content: tokens from a up to the end of the
// verb's clause (a clause-breaking word, a comma before an attribution or
// participle, a semicolon or the end of the sentence), without a time
// expression or place phrase that closes it.
func (s *sentence) content(a, b int) chronicle.Span {
	sent := s.doc.Sentences[s.si]
	if b > sent.LastTok {
		b = sent.LastTok
	}
	end := a
	for k := a; k < b; k++ {
		tk := &s.doc.Tokens[k]
		if tk.Norm == ";" || tk.Norm == `"` || (k > a && clauseBreak(tk.Norm)) {
			break
		}
		if tk.Norm == "," {
			if k+1 >= b || s.inAttribution(k+1) || strings.HasPrefix(s.doc.Tokens[k+1].Tag, "VBG") ||
				clauseBreak(s.doc.Tokens[k+1].Norm) || s.doc.Tokens[k+1].Norm == "saying" {
				break
			}
		}
		end = k + 1
	}
	for end > a && isPunct(s.doc.Tokens[end-1].Text) {
		end--
	}
	// A closing time expression ("on Friday") is not what was claimed.
	for end > a {
		if tx := s.timexEndingAt(s.doc.Tokens[end-1].End); tx >= 0 {
			k := end - 1
			for k > a && s.doc.Tokens[k].Start >= s.doc.Timexes[tx].Start {
				k--
			}
			if k > a && s.doc.Tokens[k].Tag == "IN" {
				k--
			}
			if k+1 >= end {
				// The expression starts inside a token: keep it.
				break
			}
			end = k + 1
			continue
		}
		break
	}
	return s.trimmed(a, end)
}

func (s *sentence) startsTime(t int) bool {
	st := s.doc.Tokens[t].Start
	for _, tx := range s.doc.Timexes {
		if tx.Start == st || (s.doc.Tokens[t].Tag == "IN" && t+1 < len(s.doc.Tokens) && tx.Start == s.doc.Tokens[t+1].Start) {
			return true
		}
	}
	return false
}

func (s *sentence) timexEndingAt(off int) int {
	for i, tx := range s.doc.Timexes {
		if tx.End == off {
			return i
		}
	}
	return -1
}

func (s *sentence) inAttribution(t int) bool {
	for _, cl := range s.doc.Clauses {
		if cl.Sentence == s.si && cl.Kind == text.Attribution && cl.First <= t && t < cl.Last {
			return true
		}
	}
	return false
}

// trimmed returns the span of tokens [a, b) without punctuation at either
// end.
func (s *sentence) trimmed(a, b int) chronicle.Span {
	for a < b && isPunct(s.doc.Tokens[a].Text) {
		a++
	}
	for b > a && isPunct(s.doc.Tokens[b-1].Text) {
		b--
	}
	return s.span(a, b)
}

func isPunct(w string) bool {
	for _, r := range w {
		if strings.ContainsRune(".,;:!?\"'“”‘’()[]-–—", r) {
			continue
		}
		return false
	}
	return true
}

// tokensIn returns the tokens lying within byte offsets [start, end).
func (s *sentence) tokensIn(start, end int) (int, int) {
	sent := s.doc.Sentences[s.si]
	a, b := -1, -1
	for t := sent.FirstTok; t < sent.LastTok; t++ {
		tk := &s.doc.Tokens[t]
		if tk.Start >= start && tk.End <= end {
			if a < 0 {
				a = t
			}
			b = t + 1
		}
	}
	if a < 0 {
		return 0, 0
	}
	return a, b
}

func (s *sentence) inside(t, start, end int) bool {
	tk := &s.doc.Tokens[t]
	return tk.Start >= start && tk.End <= end
}

// trimSpan returns the words of a quotation without its marks and the
// punctuation next to them.
func trimSpan(txt string, start, end int) chronicle.Span {
	if start < 0 || end > len(txt) || start >= end {
		return chronicle.Span{}
	}
	cut := func(r rune) bool { return strings.ContainsRune(` "“”,.`, r) }
	inner := txt[start:end]
	lead := len(inner) - len(strings.TrimLeftFunc(inner, cut))
	inner = strings.TrimFunc(inner, cut)
	return chronicle.Span{Text: inner, Start: start + lead, End: start + lead + len(inner)}
}

func (s *sentence) actorPtr(a, b int) *chronicle.Actor {
	act := s.actor(a, b)
	return &act
}

// actor returns the actor of tokens [a, b): the coder's actor at those
// words when a mention of this sentence has one, else the dictionary's
// code for them, else the words with no code.
func (s *sentence) actor(a, b int) chronicle.Actor {
	sp := s.span(a, b)
	act := chronicle.Actor{Text: sp.Text, Start: sp.Start, End: sp.End}
	for i := range s.ms {
		m := &s.ms[i]
		if m.ArticleID != s.art.ID || m.Sentence != s.si {
			continue
		}
		for _, c := range []chronicle.Actor{m.Source, m.Target} {
			if c.Code != "" && c.End > c.Start && c.Start < sp.End && sp.Start < c.End {
				return c
			}
		}
	}
	if !s.anaphoric(a, b) {
		act.Code, act.Entity = s.lookup(a, b)
		return act
	}
	if l, ok := s.antecedent(a, b); ok {
		// "he", "the president", "Abbas": the actor introduced earlier.
		sp := l.Span(s.doc)
		if l.Possessive {
			// "his government": the antecedent's country, the phrase's agent.
			code, _ := s.lookup(a, b)
			if len(code) >= 6 && code[:3] == "---" && len(l.Code) >= 3 {
				act.Code = l.Code[:3] + code[3:]
				act.Resolved = &sp
				return act
			}
		} else {
			act.Code, act.Entity, act.Resolved = l.Code, l.Entity, &sp
			return act
		}
	}
	act.Code, act.Entity = s.lookup(a, b)
	return act
}

// lookup codes tokens [a, b) with the dictionary: the longest actor and
// the longest agent among them, combined ("Russian" + "foreign ministry"
// → RUSGOV).
func (s *sentence) lookup(a, b int) (code, entity string) {
	d := s.f.dict
	if d == nil {
		return "", ""
	}
	norms := make([]string, 0, b-a)
	for t := a; t < b; t++ {
		norms = append(norms, s.doc.Tokens[t].Norm)
	}
	var actor *lexicon.Actor
	var agent *lexicon.Agent
	for i := 0; i < len(norms); i++ {
		if x, n := d.LongestActor(norms, i); x != nil && x.CodeAt(s.date) != "" {
			// The most specific actor wins, the later one (the head of an
			// English noun phrase) on a tie: "U.S. Secretary of State
			// Antony Blinken" is Blinken.
			if actor == nil || len(x.CodeAt(s.date)) >= len(actor.CodeAt(s.date)) {
				actor = x
			}
			i += n - 1
			continue
		}
		if agent == nil {
			if g, n := d.LongestAgent(norms, i); g != nil {
				agent = g
				i += n - 1
			}
		}
	}
	switch {
	case actor == nil && agent == nil:
		return "", ""
	case actor == nil:
		return agent.Apply(""), ""
	}
	code = actor.CodeAt(s.date)
	if agent != nil && len(code) == 3 {
		code = agent.Apply(code)
	}
	return code, actor.Entity()
}
