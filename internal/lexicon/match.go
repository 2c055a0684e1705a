package lexicon

import (
	"sort"
	"strings"
)

// trie maps token sequences to values. Node 0 is the root; edges live in
// one map keyed by (node, word), which is far cheaper to build than a map
// per node.
type trie struct {
	edges map[trieEdge]int32
	vals  []int32 // per node: value index + 1; 0 = none
}

type trieEdge struct {
	node int32
	word string
}

func newTrie(sizeHint int) *trie {
	return &trie{edges: make(map[trieEdge]int32, sizeHint), vals: make([]int32, 1, sizeHint+1)}
}

// insert stores v for words unless a value is already there; it reports
// whether it stored.
func (t *trie) insert(words []string, v int) bool {
	if len(words) == 0 {
		return false
	}
	n := int32(0)
	for _, w := range words {
		e := trieEdge{n, w}
		nx, ok := t.edges[e]
		if !ok {
			nx = int32(len(t.vals))
			t.vals = append(t.vals, 0)
			t.edges[e] = nx
		}
		n = nx
	}
	if t.vals[n] != 0 {
		return false
	}
	t.vals[n] = int32(v) + 1
	return true
}

// longest returns the value and length of the longest key that starts at
// tokens[i], or -1, 0.
func (t *trie) longest(tokens []string, i int) (int, int) {
	if t == nil || i < 0 {
		return -1, 0
	}
	best, bestN := -1, 0
	n := int32(0)
	for j := i; j < len(tokens); j++ {
		nx, ok := t.edges[trieEdge{n, tokens[j]}]
		if !ok {
			break
		}
		n = nx
		if v := t.vals[n]; v != 0 {
			best, bestN = int(v-1), j-i+1
		}
	}
	return best, bestN
}

// verbRef locates one surface form of one verb.
type verbRef struct {
	family, verb, form int32
}

// index holds the compiled matchers of a Dictionary.
type index struct {
	actors  *trie
	agents  *trie
	synsets map[string]*trie
	// verbs maps the inflected (head) word of a verb form to the forms
	// that have it as head.
	verbs    map[string][]verbRef
	discards *trie // whole-word discard phrases
	// stemDiscards holds one-word discards whose word may be a prefix of
	// a token, by that word; stemFirst holds longer ones whose last word
	// may be a prefix, by their (exact) first word.
	stemDiscards map[string][]int
	stemFirst    map[string][]int
	maxStem      int
	issues       *trie
	issueVals    [][]int // trie value → issue indices
}

// Compile (re)builds the matching structures from the entries: it fills
// Synset.Forms and indexes actor, agent, verb, discard and issue phrases.
// Loaders call it; call it yourself after building or editing a
// Dictionary by hand. When two actors (or agents) share a phrase, the one
// loaded first wins.
//
// The matchers only read a compiled Dictionary, so any number of
// goroutines may use it at once. A Dictionary changed by Parse compiles
// itself on the first matcher call, which is not safe to race: call
// Compile before sharing it.
func (d *Dictionary) Compile() {
	ix := &index{
		actors:  newTrie(3 * len(d.Actors)),
		agents:  newTrie(4 * len(d.Agents)),
		synsets: make(map[string]*trie, len(d.Verbs.Synsets)),
		verbs:   make(map[string][]verbRef),
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		ix.actors.insert(a.Primary.Words, i)
		for _, s := range a.Synonyms {
			ix.actors.insert(s.Words, i)
		}
	}
	for i := range d.Agents {
		g := &d.Agents[i]
		ix.agents.insert(g.Phrase.Words, i)
		for _, p := range g.Plurals {
			ix.agents.insert(p.Words, i)
		}
	}
	d.expandSynsets()
	for name, s := range d.Verbs.Synsets {
		t := newTrie(2 * len(s.Forms))
		for _, f := range s.Forms {
			t.insert(f, 0)
		}
		ix.synsets[name] = t
	}
	for fi := range d.Verbs.Families {
		f := &d.Verbs.Families[fi]
		for vi := range f.Verbs {
			v := &f.Verbs[vi]
			for k, form := range v.Forms {
				h := v.FormHeads[k]
				if h < 0 || h >= len(form) {
					continue
				}
				ix.verbs[form[h]] = append(ix.verbs[form[h]], verbRef{int32(fi), int32(vi), int32(k)})
			}
		}
	}
	ix.discards = newTrie(2 * len(d.Discards))
	ix.stemDiscards = map[string][]int{}
	ix.stemFirst = map[string][]int{}
	for i := range d.Discards {
		x := &d.Discards[i]
		w := x.Phrase.Words
		switch {
		case x.Whole:
			ix.discards.insert(w, i)
		case len(w) == 1:
			ix.stemDiscards[w[0]] = append(ix.stemDiscards[w[0]], i)
			ix.maxStem = max(ix.maxStem, len(w[0]))
		case len(w) > 1:
			ix.stemFirst[w[0]] = append(ix.stemFirst[w[0]], i)
		}
	}
	ix.issues = newTrie(4 * len(d.Issues))
	seen := make(map[string]int)
	for i := range d.Issues {
		for _, f := range d.Issues[i].Forms {
			key := strings.Join(f, " ")
			v, ok := seen[key]
			if !ok {
				v = len(ix.issueVals)
				seen[key] = v
				ix.issueVals = append(ix.issueVals, nil)
				ix.issues.insert(f, v)
			}
			if n := len(ix.issueVals[v]); n == 0 || ix.issueVals[v][n-1] != i {
				ix.issueVals[v] = append(ix.issueVals[v], i)
			}
		}
	}
	d.idx = ix
}

// expandSynsets fills Synset.Forms, following "&OTHER" members.
func (d *Dictionary) expandSynsets() {
	done := make(map[string]bool, len(d.Verbs.Synsets))
	var expand func(name string, stack map[string]bool) [][]string
	expand = func(name string, stack map[string]bool) [][]string {
		s := d.Verbs.Synsets[name]
		if s == nil || stack[name] {
			return nil
		}
		if done[name] {
			return s.Forms
		}
		stack[name] = true
		var forms [][]string
		for k, m := range s.Members {
			if strings.HasPrefix(m.Text, "&") {
				forms = append(forms, expand(synsetName(m.Text), stack)...)
				continue
			}
			if len(m.Words) == 0 {
				continue
			}
			forms = append(forms, m.Words)
			if k >= len(s.NoPlural) || !s.NoPlural[k] {
				forms = append(forms, pluralWords(m.Words))
			}
		}
		delete(stack, name)
		s.Forms = forms
		done[name] = true
		return forms
	}
	for name := range d.Verbs.Synsets {
		expand(name, map[string]bool{})
	}
}

// synsetName strips "&" and trailing "_" from a synset reference and
// upper-cases it.
func synsetName(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "&")
	return strings.ToUpper(strings.TrimRight(s, "_"))
}

func (d *Dictionary) index() *index {
	if d.idx == nil {
		d.Compile()
	}
	return d.idx
}

// LongestActor returns the actor whose phrase (primary or synonym) is the
// longest match starting at tokens[i], and the number of tokens it
// covers; nil, 0 when none starts there. Tokens are normalised
// (text.Token.Norm).
func (d *Dictionary) LongestActor(tokens []string, i int) (*Actor, int) {
	v, n := d.index().actors.longest(tokens, i)
	if v < 0 {
		return nil, 0
	}
	return &d.Actors[v], n
}

// LongestAgent returns the agent whose phrase (or a plural) is the longest
// match starting at tokens[i], and the number of tokens; nil, 0 when none.
func (d *Dictionary) LongestAgent(tokens []string, i int) (*Agent, int) {
	v, n := d.index().agents.longest(tokens, i)
	if v < 0 {
		return nil, 0
	}
	return &d.Agents[v], n
}

// SynsetMatch returns the length of the longest form of synset name
// ("CURRENCY", with or without "&") starting at tokens[i], or 0.
func (d *Dictionary) SynsetMatch(name string, tokens []string, i int) int {
	t := d.index().synsets[synsetName(name)]
	_, n := t.longest(tokens, i)
	return n
}

// VerbMatch is one verb form found in a sentence.
type VerbMatch struct {
	// Family indexes Verbs.Families, Verb the family's Verbs, Form the
	// verb's Forms.
	Family, Verb, Form int
	// Start and End are the token range [Start, End) the form covers;
	// Head is the token of the inflected word.
	Start, End, Head int
}

// VerbsAt returns the verb forms whose inflected word is tokens[i] and
// whose other words (for multi-word verbs) surround it as written,
// longest first (ties in file order). A coder takes the first, or tries
// them in order.
func (d *Dictionary) VerbsAt(tokens []string, i int) []VerbMatch {
	if i < 0 || i >= len(tokens) {
		return nil
	}
	refs := d.index().verbs[tokens[i]]
	if len(refs) == 0 {
		return nil
	}
	var out []VerbMatch
	for _, r := range refs {
		v := &d.Verbs.Families[r.family].Verbs[r.verb]
		form := v.Forms[r.form]
		h := v.FormHeads[r.form]
		start := i - h
		end := start + len(form)
		if start < 0 || end > len(tokens) {
			continue
		}
		ok := true
		for k, w := range form {
			if tokens[start+k] != w {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, VerbMatch{Family: int(r.family), Verb: int(r.verb), Form: int(r.form), Start: start, End: end, Head: i})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].End-out[a].Start > out[b].End-out[b].Start })
	return out
}

// VerbFamily returns the family of a match.
func (d *Dictionary) VerbFamily(m VerbMatch) *VerbFamily { return &d.Verbs.Families[m.Family] }

// Verb returns the verb of a match.
func (d *Dictionary) Verb(m VerbMatch) *Verb { return &d.Verbs.Families[m.Family].Verbs[m.Verb] }

// VerbCode returns the default event code of a match: the verb line's own
// code when it has one, else the family's (paired halves likewise).
func (d *Dictionary) VerbCode(m VerbMatch) (code, paired string) {
	v := d.Verb(m)
	if v.Code != "" {
		return v.Code, v.Paired
	}
	f := d.VerbFamily(m)
	return f.Code, f.Paired
}

// DiscardIn returns the first discard phrase found in tokens and the
// token where it starts; nil, -1 when none. Story discards and sentence
// discards are both reported; check Discard.Story.
func (d *Dictionary) DiscardIn(tokens []string) (*Discard, int) {
	ix := d.index()
	for i := range tokens {
		if v, _ := ix.discards.longest(tokens, i); v >= 0 {
			return &d.Discards[v], i
		}
		tok := tokens[i]
		for n := 1; n <= len(tok) && n <= ix.maxStem; n++ {
			if ks := ix.stemDiscards[tok[:n]]; len(ks) > 0 {
				return &d.Discards[ks[0]], i
			}
		}
		for _, k := range ix.stemFirst[tok] {
			x := &d.Discards[k]
			if matchPrefixPhrase(x.Phrase.Words, tokens, i) {
				return x, i
			}
		}
	}
	return nil, -1
}

// matchPrefixPhrase matches words at tokens[i], the last word as a prefix.
func matchPrefixPhrase(words, tokens []string, i int) bool {
	if len(words) == 0 || i+len(words) > len(tokens) {
		return false
	}
	last := len(words) - 1
	for k, w := range words {
		if k == last {
			return strings.HasPrefix(tokens[i+k], w)
		}
		if tokens[i+k] != w {
			return false
		}
	}
	return false
}

// IssueMatch is one issue phrase found in a sentence.
type IssueMatch struct {
	Issue      *Issue
	Start, End int // token range
}

// IssuesIn returns the issue phrases found in tokens, in sentence order,
// taking the longest phrase at each position and skipping positions
// inside a previous match. An Ignore phrase found anywhere in the
// sentence cancels the issues of its category (all issues when it has
// none); a phrase shared by several lines yields one match per line.
func (d *Dictionary) IssuesIn(tokens []string) []IssueMatch {
	ix := d.index()
	var out []IssueMatch
	var ignored map[string]bool
	ignoreAll := false
	next := 0
	for i := range tokens {
		v, n := ix.issues.longest(tokens, i)
		if v < 0 {
			continue
		}
		hasCode := false
		for _, k := range ix.issueVals[v] {
			is := &d.Issues[k]
			if !is.Ignore {
				hasCode = true
				continue
			}
			if is.Category == "" {
				ignoreAll = true
			}
			if ignored == nil {
				ignored = map[string]bool{}
			}
			ignored[is.Category] = true
		}
		if !hasCode || i < next {
			continue
		}
		for _, k := range ix.issueVals[v] {
			if is := &d.Issues[k]; !is.Ignore {
				out = append(out, IssueMatch{Issue: is, Start: i, End: i + n})
			}
		}
		next = i + n
	}
	if ignoreAll {
		return nil
	}
	if len(ignored) > 0 {
		kept := out[:0]
		for _, m := range out {
			if !ignored[m.Issue.Category] {
				kept = append(kept, m)
			}
		}
		out = kept
	}
	return out
}
