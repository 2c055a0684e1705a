package coder

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coref"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/ontology"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// Version identifies the coder's rules; it is stored with every mention.
const Version = "chronicle-coder-0.1"

// Options tune the coder. Start from DefaultOptions: the zero value turns
// require_dyad off.
type Options struct {
	// RequireDyad drops events whose source or target is missing
	// (PETRARCH's require_dyad, default true).
	RequireDyad bool
	// NewActorLength, when > 0, lets an uncoded noun phrase of at most
	// that many words stand as an actor whose code is its quoted text
	// (PETRARCH's new_actor_length, default 0).
	NewActorLength int
	// TailMin and TailMax are PETRARCH's comma_emin and comma_emax: an
	// attribution tail (", a senior official said on Saturday") of at
	// least TailMin and at most TailMax words (no upper bound when
	// TailMax is 0) is left uncoded. TailMin 0 codes every tail.
	TailMin, TailMax int
}

// DefaultOptions are PETRARCH's defaults: require_dyad true,
// new_actor_length 0.
func DefaultOptions() Options { return Options{RequireDyad: true} }

// Coder turns analysed articles into event mentions with one set of
// dictionaries. It is safe for concurrent use.
type Coder struct {
	dict  *lexicon.Dictionary
	tab   *ontology.Table
	opts  Options
	words map[string]wordClass
	// intent maps the code of an act to the code of announcing it
	// (data/intent.txt).
	intent map[string]string
	// coref links pronouns and titles to the actors they stand for; nil
	// when its tables failed to load.
	coref *coref.Resolver
	// petrarch codes as PETRARCH does (see PETRARCH).
	petrarch bool
	// civilians is the agent an ethnic group is coded with (CVL).
	civilians *lexicon.Agent
	// gapped indexes actor phrases written with spaces, whose words may
	// have other words between them ("ITHILEN TELEVISION" matches
	// "Ithilen state-run television"), by their first word.
	gapped map[string][]gappedActor
	// lits holds, per verb family and pattern, the literal words the
	// pattern needs; a pattern whose words are not all in the sentence is
	// not tried.
	lits [][][]string
	// pats indexes, per verb family, its patterns by their first literal
	// word, so only patterns whose words can be in the sentence are tried.
	pats []patternIndex
	// syns maps a synset name to its forms by first word.
	syns map[string]map[string][][]string
	pool sync.Pool
}

type patternIndex struct {
	byWord map[string][]int32
	always []int32 // patterns without literal words
}

// candidates returns the patterns of a family worth trying on a sentence,
// in file order.
func (ix *patternIndex) candidates(s *sentence, buf []int32) []int32 {
	buf = append(buf[:0], ix.always...)
	if len(ix.byWord) > 0 {
		for _, w := range s.norms {
			if ps, ok := ix.byWord[w]; ok {
				buf = append(buf, ps...)
			}
		}
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

type gappedActor struct {
	segs  [][]string
	actor *lexicon.Actor
}

// New returns a coder for the dictionaries and code table. A nil table
// leaves the code-derived fields (QuadClass, Goldstein, PLOVER) empty.
func New(dict *lexicon.Dictionary, tab *ontology.Table, opts Options) *Coder {
	words, err := loadWords()
	if err != nil {
		// words.txt is embedded and checked by the tests.
		panic(err)
	}
	intent, err := loadIntent()
	if err != nil {
		// intent.txt is embedded and checked by the tests.
		panic(err)
	}
	res, err := coref.New(dict)
	if err != nil {
		// coref's tables are embedded and checked by its tests.
		panic(err)
	}
	c := &Coder{dict: dict, tab: tab, opts: opts, words: words, intent: intent, coref: res, gapped: map[string][]gappedActor{},
		civilians: &lexicon.Agent{Code: "CVL", Placement: lexicon.Suffix}}
	for i := range dict.Actors {
		a := &dict.Actors[i]
		for _, ph := range a.Phrases() {
			if !strings.Contains(strings.TrimSpace(ph.Text), " ") {
				continue
			}
			var segs [][]string
			for _, s := range strings.Fields(ph.Text) {
				if w := lexicon.SplitPhrase(s); len(w) > 0 {
					segs = append(segs, w)
				}
			}
			if len(segs) > 1 {
				c.gapped[segs[0][0]] = append(c.gapped[segs[0][0]], gappedActor{segs: segs, actor: a})
			}
		}
	}
	c.syns = make(map[string]map[string][][]string, len(dict.Verbs.Synsets))
	for name, syn := range dict.Verbs.Synsets {
		m := map[string][][]string{}
		for _, f := range syn.Forms {
			if len(f) > 0 {
				m[f[0]] = append(m[f[0]], f)
			}
		}
		// Keys as lexicon writes Elem.Text: no "&", no trailing "_",
		// upper case.
		c.syns[strings.ToUpper(strings.TrimRight(strings.TrimPrefix(strings.TrimSpace(name), "&"), "_"))] = m
	}
	c.lits = make([][][]string, len(dict.Verbs.Families))
	c.pats = make([]patternIndex, len(dict.Verbs.Families))
	for f := range dict.Verbs.Families {
		fam := &dict.Verbs.Families[f]
		c.lits[f] = make([][]string, len(fam.Patterns))
		for p := range fam.Patterns {
			pat := &fam.Patterns[p]
			var ws []string
			for _, e := range pat.Pre {
				ws = appendLits(ws, e)
			}
			for _, e := range pat.Post {
				ws = appendLits(ws, e)
			}
			c.lits[f][p] = ws
			ix := &c.pats[f]
			if len(ws) == 0 {
				ix.always = append(ix.always, int32(p))
				continue
			}
			if ix.byWord == nil {
				ix.byWord = map[string][]int32{}
			}
			ix.byWord[ws[0]] = append(ix.byWord[ws[0]], int32(p))
		}
	}
	c.pool.New = func() any { return new(scratch) }
	return c
}

func appendLits(ws []string, e lexicon.Elem) []string {
	switch e.Kind {
	case lexicon.ElemWord:
		return append(ws, e.Text)
	case lexicon.ElemPrep:
		ws = append(ws, e.Text)
		fallthrough
	case lexicon.ElemPhrase:
		for _, x := range e.Elems {
			ws = appendLits(ws, x)
		}
	}
	return ws
}

// WithOptions returns a coder sharing c's dictionaries with other options.
func (c *Coder) WithOptions(opts Options) *Coder {
	d := &Coder{dict: c.dict, tab: c.tab, opts: opts, words: c.words, intent: c.intent, coref: c.coref, petrarch: c.petrarch, civilians: c.civilians, gapped: c.gapped, lits: c.lits, pats: c.pats, syns: c.syns}
	d.pool.New = func() any { return new(scratch) }
	return d
}

// PETRARCH returns a coder sharing c's dictionaries that follows
// PETRARCH's conventions where Chronicle's differ, which dictionaries
// written for PETRARCH expect:
//
//   - an announced, planned or conditional act ("will provide aid") keeps
//     the act's own code instead of the intent (03) or threat (13) CAMEO
//     practice gives it (the modality is future or hypothetical either
//     way);
//   - an agent without a country ("police") stays "---" instead of taking
//     the one country its sentence names.
func (c *Coder) PETRARCH() *Coder {
	d := c.WithOptions(c.opts)
	d.petrarch = true
	return d
}

// Code returns the event mentions of an analysed article, in sentence
// order. The article supplies the id and the date that actor tenures and
// event dates are resolved against.
func (c *Coder) Code(doc *text.Doc, article chronicle.Article) []chronicle.Mention {
	if doc == nil || len(doc.Sentences) == 0 {
		return nil
	}
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	date := article.Date
	if date.IsZero() {
		date = doc.Date
	}
	// A story discard anywhere drops the whole article; a sentence
	// discard drops its sentence.
	sc.dropped = sc.dropped[:0]
	for i := range doc.Sentences {
		sc.loadWords(doc, i)
		d, _ := c.dict.DiscardIn(sc.norms)
		if d != nil && d.Story {
			return nil
		}
		sc.dropped = append(sc.dropped, d != nil)
	}
	sc.links = nil
	sc.seen = sc.seen[:0]
	if c.coref != nil {
		sc.links = c.coref.Resolve(doc, date)
	}
	var out []chronicle.Mention
	for i := range doc.Sentences {
		if sc.dropped[i] {
			continue
		}
		s := c.analyse(sc, doc, i, date)
		if s == nil {
			continue
		}
		out = c.codeSentence(s, article, date, out)
		sc.remember(c, s)
	}
	return out
}

// remember keeps the sentence's actors that have a country and a role
// ("SDNMIL"), most recent last, for definite references in later
// sentences ("the army").
func (sc *scratch) remember(c *Coder, s *sentence) {
	for _, g := range s.groups {
		for _, m := range g.members {
			if len(m.code) >= 6 && c.isCountry(m.code[:3]) {
				sc.seen = append(sc.seen, m.code)
			}
		}
	}
}

// scratch holds per-call buffers, reused through a pool.
type scratch struct {
	words   []word
	norms   []string
	sent    sentence
	cands   []int32
	dropped []bool
	present map[string]struct{}
	// links are the article's coreference links, by anaphor position.
	links []coref.Link
	// seen are the codes with a country and a role of the sentences
	// coded so far.
	seen []string
}

type word struct {
	norm string
	tag  string
	tok  int // index into Doc.Tokens
}

func (sc *scratch) loadWords(doc *text.Doc, si int) {
	s := doc.Sentences[si]
	sc.words = sc.words[:0]
	sc.norms = sc.norms[:0]
	for t := s.FirstTok; t < s.LastTok; t++ {
		tk := &doc.Tokens[t]
		n := tk.Norm
		if n == "" {
			n = strings.ToLower(tk.Text)
		}
		if n == "_" {
			// "Dol_Amroth" split by the tokenizer: the joiner is not a word.
			continue
		}
		if strings.IndexByte(n, '_') > 0 && len(n) > 2 {
			// "Dol_Amroth" written with the dictionary joiner.
			for _, p := range strings.Split(n, "_") {
				if p != "" {
					sc.words = append(sc.words, word{norm: p, tag: tk.Tag, tok: t})
					sc.norms = append(sc.norms, p)
				}
			}
			continue
		}
		sc.words = append(sc.words, word{norm: n, tag: tk.Tag, tok: t})
		sc.norms = append(sc.norms, n)
	}
}

// validCode reports whether a dictionary event code can be emitted: it
// must start with a digit ("---" and stray markers mean no event).
func validCode(code string) bool {
	return len(code) >= 2 && code[0] >= '0' && code[0] <= '9'
}

func (c *Coder) String() string {
	return fmt.Sprintf("coder(%d actors, %d agents, %d verb families)", len(c.dict.Actors), len(c.dict.Agents), len(c.dict.Verbs.Families))
}
