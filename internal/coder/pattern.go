package coder

import (
	"strings"

	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

// matcher matches one PETRARCH-1 pattern against a sentence around a
// verb: the elements before "*" backwards from the verb, those after it
// forwards. Elements joined by "_" must be adjacent; others may have words
// between them. "$", "+", "%" and "^" match an actor phrase.
type matcher struct {
	c      *Coder
	s      *sentence
	lo, hi int
	b      binding
	// steps bounds the backtracking work on one pattern, so a long
	// sentence full of repeated words cannot make matching explode.
	steps int
}

// maxSteps is the most element trials one pattern may take.
const maxSteps = 4096

// match returns the pattern's score (words, synset words and actor slots
// matched) and whether it matched.
func (m *matcher) match(p *lexicon.Pattern, v *verb) (int, bool) {
	post, ok := m.post(p.Post, 0, v.m.End)
	if !ok {
		return 0, false
	}
	pre, ok := m.pre(p.Pre, len(p.Pre)-1, v.m.Start-1)
	if !ok {
		return 0, false
	}
	if m.b.comp >= 0 && len(m.s.groups[m.b.comp].members) < 2 {
		return 0, false
	}
	return pre + post, true
}

func (m *matcher) post(es []lexicon.Elem, k, pos int) (int, bool) {
	if k == len(es) {
		return 0, true
	}
	e := es[k]
	for p := pos; p < m.hi; p++ {
		if m.steps++; m.steps > maxSteps {
			return 0, false
		}
		n, g := m.forward(e, p)
		if n > 0 {
			rest, ok := m.post(es, k+1, p+n)
			if ok {
				m.bind(e, g)
				return weight(e, n) + rest, true
			}
		}
		if e.Tight {
			break
		}
	}
	return 0, false
}

func (m *matcher) pre(es []lexicon.Elem, k, pos int) (int, bool) {
	if k < 0 {
		return 0, true
	}
	e := es[k]
	for p := pos; p >= m.lo; p-- {
		if m.steps++; m.steps > maxSteps {
			return 0, false
		}
		n, g := m.backward(e, p)
		if n > 0 {
			rest, ok := m.pre(es, k-1, p-n)
			if ok {
				m.bind(e, g)
				if p-n+1 < m.b.minPre {
					m.b.minPre = p - n + 1
				}
				return weight(e, n) + rest, true
			}
		}
		if e.Tight {
			break
		}
	}
	return 0, false
}

func weight(e lexicon.Elem, n int) int {
	switch e.Kind {
	case lexicon.ElemSynset, lexicon.ElemPhrase, lexicon.ElemPrep:
		return n
	}
	return 1
}

func (m *matcher) bind(e lexicon.Elem, g int) {
	switch e.Kind {
	case lexicon.ElemSource:
		m.b.src, m.b.srcSet = g, true
	case lexicon.ElemTarget:
		m.b.tgt, m.b.tgtSet = g, true
	case lexicon.ElemCompound:
		m.b.comp, m.b.srcSet, m.b.tgtSet = g, true, true
	}
}

// forward matches element e starting at word p; it returns the number of
// words used (0 for no match) and, for actor slots, the group.
func (m *matcher) forward(e lexicon.Elem, p int) (int, int) {
	s := m.s
	switch e.Kind {
	case lexicon.ElemWord:
		if s.norms[p] == e.Text {
			return 1, -1
		}
	case lexicon.ElemSynset:
		best := 0
		for _, f := range m.c.syns[e.Text][s.norms[p]] {
			if len(f) > best && p+len(f) <= m.hi && equalAt(s.norms, p, f) {
				best = len(f)
			}
		}
		return best, -1
	case lexicon.ElemSource, lexicon.ElemTarget, lexicon.ElemCompound, lexicon.ElemSkip:
		q := p
		for q < m.hi && s.cls[q]&clDet != 0 && s.groupAt[q] < 0 {
			q++
		}
		if q < m.hi {
			if g := s.groupAt[q]; g >= 0 && s.groups[g].end <= m.hi {
				return s.groups[g].end - p, g
			}
		}
		if e.Kind == lexicon.ElemSkip {
			// "^" also skips a noun phrase with no actor in it.
			r := q
			for r < m.hi && !s.breaksNP(r) && !isPunct(s.norms[r]) {
				r++
			}
			if r > q {
				return r - p, -1
			}
		}
	case lexicon.ElemPhrase, lexicon.ElemPrep:
		q := p
		if e.Kind == lexicon.ElemPrep {
			if s.norms[p] != e.Text {
				return 0, -1
			}
			q++
		}
		g := -1
		for _, x := range e.Elems {
			if q >= m.hi {
				return 0, -1
			}
			n, gx := m.forward(x, q)
			if n == 0 {
				return 0, -1
			}
			if gx >= 0 {
				g = gx
				m.bind(x, gx)
			}
			q += n
		}
		return q - p, g
	}
	return 0, -1
}

// backward matches element e ending at word p.
func (m *matcher) backward(e lexicon.Elem, p int) (int, int) {
	s := m.s
	switch e.Kind {
	case lexicon.ElemWord:
		if s.norms[p] == e.Text {
			return 1, -1
		}
	case lexicon.ElemSynset:
		syn := m.c.dict.Verbs.Synsets[strings.TrimPrefix(e.Text, "&")]
		if syn == nil {
			return 0, -1
		}
		best := 0
		for _, f := range syn.Forms {
			st := p - len(f) + 1
			if len(f) > best && st >= m.lo && equalAt(s.norms, st, f) {
				best = len(f)
			}
		}
		return best, -1
	case lexicon.ElemSource, lexicon.ElemTarget, lexicon.ElemCompound, lexicon.ElemSkip:
		for gi := len(s.groups) - 1; gi >= 0; gi-- {
			g := s.groups[gi]
			if g.end-1 == p && g.start >= m.lo {
				return g.end - g.start, gi
			}
			if g.end-1 < p {
				break
			}
		}
		if e.Kind == lexicon.ElemSkip {
			r := p
			for r >= m.lo && !s.breaksNP(r) && !isPunct(s.norms[r]) && s.cls[r]&clDet == 0 {
				r--
			}
			if r < p {
				return p - r, -1
			}
		}
	case lexicon.ElemPhrase, lexicon.ElemPrep:
		// Groups are matched forwards from their first word.
		for st := p; st >= m.lo && st > p-8; st-- {
			if n, g := m.forward(e, st); n == p-st+1 {
				return n, g
			}
		}
	}
	return 0, -1
}
