package coref

import (
	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// maxPronounDistance is how many sentences back a pronoun looks for its
// antecedent; news pronouns rarely reach further.
const maxPronounDistance = 5

// maxNeuterDistance is the same for "it" and "its", which drift to
// things quickly.
const maxNeuterDistance = 2

// ekind is what an entity is.
type ekind uint8

const (
	ePerson  ekind = iota + 1
	eCountry       // a country or its capital ("the U.S.", "Washington")
	eOrg           // an organisation or institution ("NATO", "the army")
	eGroup         // people in the plural ("Israeli officials", "protesters")
)

// mkind is what a mention is.
type mkind uint8

const (
	mNone    mkind = iota
	mPerson        // a person's name, possibly with a title
	mNamed         // a dictionary country or organisation
	mGroup         // a plural noun phrase
	mOrg           // a definite institution ("the army")
	mPronoun       // a personal pronoun or possessive determiner
	mTitle         // a definite title ("the president")
)

// mention is one noun phrase the resolver keeps.
type mention struct {
	first, last int // token range
	sent        int
	kind        mkind
	subject     bool
	quote       int   // index into Doc.Quotes of the quotation holding it, or -1
	ent         int32 // entity, -1 while unresolved or when none
	done        bool  // anaphor processed
	title       int   // title index for mTitle, -1 otherwise
	country     string
	pron        pronoun
	coord       uint8 // coordWhole or coordPart for coordinated phrases
}

// entity is one actor the article talks about.
type entity struct {
	kind      ekind
	gender    byte
	actor     *lexicon.Actor
	code      string
	name      string
	best      [2]int // most informative mention
	bestScore int
	nameToks  [2]int // the name words of the best named mention
	surface   [2]int // the first dictionary phrase, for aliases
	head      string // head lemma of an unnamed group or institution
	country   string
	titles    []int32
	last      int // token index of the latest mention
}

// span is a candidate noun phrase: tokens [first, last), the index of
// its last chunk, and its part in a coordination.
type span struct {
	first, last, chunk int
	coord              uint8 // 0, coordWhole ("Israel and Hamas") or coordPart ("Israel")
}

const (
	coordWhole = 1
	coordPart  = 2
)

// state is the working memory of one Resolve call, pooled.
type state struct {
	r     *Resolver
	doc   *text.Doc
	date  chronicle.Date
	norms []string
	ms    []mention
	ents  []entity
	links []Link
	spans []span // scratch: candidate noun phrases of a sentence
}

func (st *state) reset(r *Resolver, doc *text.Doc, date chronicle.Date) {
	st.r, st.doc, st.date = r, doc, date
	st.norms = st.norms[:0]
	for i := range doc.Tokens {
		n := doc.Tokens[i].Norm
		if n == "" {
			n = lexicon.Normalize(doc.Tokens[i].Text)
		}
		st.norms = append(st.norms, n)
	}
	st.ms = st.ms[:0]
	for i := range st.ents {
		st.ents[i].titles = st.ents[i].titles[:0]
	}
	st.ents = st.ents[:0]
	st.links = st.links[:0]
}

func (st *state) run() {
	doc := st.doc
	ci := 0
	for si, s := range doc.Sentences {
		if s.FirstTok < 0 || s.LastTok > len(doc.Tokens) || s.FirstTok >= s.LastTok || s.Dateline {
			continue
		}
		for ci < len(doc.Chunks) && doc.Chunks[ci].First < s.FirstTok {
			ci++
		}
		cj := ci
		for cj < len(doc.Chunks) && doc.Chunks[cj].First < s.LastTok {
			cj++
		}
		m0 := len(st.ms)
		st.mentions(si, s, ci, cj)
		for k := m0; k < len(st.ms); k++ {
			st.register(k)
		}
		for k := m0; k < len(st.ms); k++ {
			st.anaphor(k)
		}
		ci = cj
	}
}

// mentions appends the sentence's noun phrases that can be or need an
// antecedent, in token order.
func (st *state) mentions(si int, s text.Sentence, ci, cj int) {
	doc := st.doc
	toks := doc.Tokens
	chunks := doc.Chunks[ci:cj]
	st.spans = st.spans[:0]
	for k := 0; k < len(chunks); k++ {
		c := chunks[k]
		if c.Kind != text.NP || c.First < s.FirstTok || c.Last > s.LastTok || c.First >= c.Last {
			continue
		}
		first, last := c.First, c.Last
		// "U.S. Secretary | of | State Antony Blinken": a title followed
		// by "of" and a name is one phrase.
		if k+2 < len(chunks) && st.endsInTitle(first, last) {
			p, n := chunks[k+1], chunks[k+2]
			if p.First == last && p.Last == last+1 && st.norms[last] == "of" && n.Kind == text.NP &&
				n.First == p.Last && n.Last <= s.LastTok && startsName(toks, n.First, n.Last) {
				last = n.Last
				k += 2
			}
		}
		first = st.extendBack(first, s.FirstTok)
		for len(st.spans) > 0 && st.spans[len(st.spans)-1].first >= first {
			st.spans = st.spans[:len(st.spans)-1] // swallowed by the extension
		}
		if len(c.Conjuncts) >= 2 && first == c.First && last == c.Last {
			st.spans = append(st.spans, span{first, last, ci + k, coordWhole})
			for _, cj := range c.Conjuncts {
				if c.First <= cj[0] && cj[0] < cj[1] && cj[1] <= c.Last {
					st.spans = append(st.spans, span{cj[0], cj[1], ci + k, coordPart})
				}
			}
			continue
		}
		if parts := st.coordParts(first, last); parts > 0 {
			st.spans = append(st.spans, span{first, last, ci + k, coordWhole})
			a := first
			for i := first; i <= last; i++ {
				if i == last || st.coordSep(i) {
					if a < i {
						st.spans = append(st.spans, span{a, i, ci + k, coordPart})
					}
					a = i + 1
				}
			}
			continue
		}
		st.spans = append(st.spans, span{first, last, ci + k, 0})
	}
	// The subject: the noun phrase right before a finite verb group, and
	// the first noun phrase outside a prepositional phrase before the
	// sentence's first finite verb group.
	firstVP := s.LastTok
	for k := ci; k < cj; k++ {
		if c := doc.Chunks[k]; c.Kind == text.VP && st.finite(c.First, c.Last) {
			firstVP = c.First
			break
		}
	}
	mainSubject := false
	for _, sp := range st.spans {
		first, last, k := sp.first, sp.last, sp.chunk
		if sp.coord == coordPart {
			st.mention(si, first, last, false, coordPart)
			continue
		}
		subj := false
		if last < s.LastTok {
			for j := k + 1; j < cj; j++ {
				c := doc.Chunks[j]
				if c.First < last {
					continue
				}
				subj = c.First == last && c.Kind == text.VP && st.finite(c.First, c.Last)
				break
			}
		}
		if !mainSubject && last <= firstVP && firstVP < s.LastTok {
			prevPP := k > ci && doc.Chunks[k-1].Kind == text.PP && doc.Chunks[k-1].Last == first
			if !prevPP && !(first > s.FirstTok && toks[first-1].Tag == "IN") {
				subj = true
				mainSubject = true
			}
		}
		st.mention(si, first, last, subj, sp.coord)
	}
}

// endsInTitle reports whether the phrase ends in a title word
// ("U.S. Secretary", "Minister").
func (st *state) endsInTitle(first, last int) bool {
	w := st.norms[last-1]
	if !st.r.tab.heads[w] {
		return false
	}
	return isNNP(st.doc.Tokens[last-1].Tag)
}

// coordSep reports whether token i joins coordinated names: "and",
// "or" or a comma.
func (st *state) coordSep(i int) bool {
	switch st.norms[i] {
	case "and", "or", ",":
		return true
	}
	return false
}

// coordParts returns how many separators split a phrase the chunker did
// not split into conjuncts ("Secretary of State Antony Blinken and
// Defense Secretary Lloyd Austin"), when proper names stand on both
// sides of each; 0 otherwise.
func (st *state) coordParts(first, last int) int {
	toks := st.doc.Tokens
	n := 0
	for i := first + 1; i < last-1; i++ {
		if !st.coordSep(i) {
			continue
		}
		if !isNNP(toks[i-1].Tag) || !(isNNP(toks[i+1].Tag) || st.norms[i+1] == "the") {
			return 0
		}
		n++
	}
	return n
}

// extendBack extends a name phrase over a title the chunker left
// outside it: "U.S. Secretary | of | State Antony Blinken" with
// "Secretary" in no chunk, "Foreign Minister | Sergei Lavrov".
func (st *state) extendBack(first, lo int) int {
	toks := st.doc.Tokens
	if !isNNP(toks[first].Tag) {
		return first
	}
	j := first
	switch {
	case j-2 >= lo && st.norms[j-1] == "of" && st.r.tab.heads[st.norms[j-2]] && isNNP(toks[j-2].Tag):
		j -= 2
	case j-1 >= lo && st.r.tab.heads[st.norms[j-1]] && isNNP(toks[j-1].Tag):
		j--
	default:
		return first
	}
	for j-1 >= lo {
		switch toks[j-1].Tag {
		case "NNP", "NNPS", "JJ":
			j--
			continue
		}
		break
	}
	return j
}

func startsName(toks []text.Token, first, last int) bool {
	if first < last && toks[first].Norm == "the" {
		first++
	}
	return first < last && isNNP(toks[first].Tag)
}

func (st *state) finite(first, last int) bool {
	for i := first; i < last; i++ {
		switch st.doc.Tokens[i].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
	}
	return false
}

func isNNP(tag string) bool { return tag == "NNP" || tag == "NNPS" }

// quoteOf returns the quotation whose quoted words hold tokens [first,
// last), or -1.
func (st *state) quoteOf(first, last int) int {
	a, b := st.doc.Tokens[first].Start, st.doc.Tokens[last-1].End
	for i, q := range st.doc.Quotes {
		if q.Inner[0] <= a && b <= q.Inner[1] {
			return i
		}
	}
	return -1
}

// mention classifies one noun phrase and appends it when it matters.
func (st *state) mention(si, first, last int, subj bool, coord uint8) {
	toks := st.doc.Tokens
	m := mention{first: first, last: last, sent: si, subject: subj, ent: -1, title: -1, quote: -1, coord: coord}
	if coord == coordWhole {
		m.quote = st.quoteOf(first, last)
		st.ms = append(st.ms, m)
		return
	}
	// Pronouns and possessive determiners.
	if p, ok := pronounOf(st.norms[first], toks[first].Tag); ok {
		if p.poss && last-first == 1 && st.norms[first] == "her" {
			p.poss, p.object = false, true // "thanked her": tagged PRP$ alone
		}
		switch {
		case !p.poss && last-first != 1:
			return
		case p.person == 3 && p.expletiveIt && st.expletive(first):
			return
		case !p.poss || subj:
			// Possessives are resolved only as determiners of a subject
			// ("His visit came …").
			pm := m
			pm.kind, pm.pron, pm.last = mPronoun, p, first+1
			pm.quote = st.quoteOf(first, first+1)
			st.ms = append(st.ms, pm)
		}
		if !p.poss || last-first == 1 {
			return
		}
		// The rest of "his Turkish counterpart Mevlut Cavusoglu" is a
		// phrase of its own.
		first++
		m.first = first
	}
	// Leave a trailing possessive marker out of the phrase.
	if last-first > 1 && toks[last-1].Tag == "POS" {
		last--
		m.last = last
	}
	m.quote = st.quoteOf(first, last)
	m.kind = mNone
	st.ms = append(st.ms, m)
}

// expletive reports whether "it" at token i is the dummy subject of "it
// is important", "it seems", "it is as if".
func (st *state) expletive(i int) bool {
	toks := st.doc.Tokens
	if i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].Lemma {
	case "seem", "appear":
		return true
	case "be", "remain":
		if i+2 < len(toks) {
			switch toks[i+2].Tag {
			case "JJ", "JJR", "JJS", "RB", "VBN", "TO", "IN":
				return true
			}
			switch st.norms[i+2] {
			case "not", "time", "unclear", "clear", "likely", "possible":
				return true
			}
		}
	}
	return false
}
