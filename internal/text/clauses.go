package text

import "sort"

// clauses finds the insertions, relative clauses and attributions of
// sentence si, whose chunks start at d.Chunks[firstChunk].
func (a *Analyzer) clauses(d *Doc, si, firstChunk int) {
	s := d.Sentences[si]
	if s.Dateline {
		return
	}
	cs := clauseScan{d: d, a: a, si: si, first: s.FirstTok, end: contentEnd(d.Tokens, s.FirstTok, s.LastTok), chunks: d.Chunks[firstChunk:], chunkBase: firstChunk}
	cs.run()
}

type clauseScan struct {
	d          *Doc
	a          *Analyzer
	si         int
	first, end int // the sentence's tokens without final punctuation
	chunks     []Chunk
	chunkBase  int // index of chunks[0] in d.Chunks
	relDone    int // relative clauses start after this token
	starts     map[int]bool
}

// contentEnd returns the end of the sentence tokens [first, last) without
// the final full stop and closing quotes or brackets after it.
func contentEnd(toks []Token, first, last int) int {
	for last > first {
		t := toks[last-1].Text
		switch t {
		case ".", "!", "?", "...", "\u2026", ";", ":":
			last--
			continue
		}
		if isCloser(t) && last-1 > first && isStopText(toks[last-2].Text) {
			last--
			continue
		}
		break
	}
	return last
}

func isStopText(t string) bool {
	switch t {
	case ".", "!", "?", "...", "\u2026":
		return true
	}
	return false
}

// chunkAt returns the chunk that starts at token k, or nil.
func (cs *clauseScan) chunkAt(k int) *Chunk {
	i := sort.Search(len(cs.chunks), func(i int) bool { return cs.chunks[i].First >= k })
	if i < len(cs.chunks) && cs.chunks[i].First == k {
		return &cs.chunks[i]
	}
	return nil
}

func (cs *clauseScan) add(kind ClauseKind, first, last int, speaker [2]int) {
	if last <= first {
		return
	}
	cs.d.Clauses = append(cs.d.Clauses, Clause{Kind: kind, First: first, Last: last, Sentence: cs.si, Speaker: speaker})
	if cs.starts == nil {
		cs.starts = map[int]bool{}
	}
	cs.starts[first] = true
}

var noSpeaker = [2]int{-1, -1}

func (cs *clauseScan) run() {
	toks := cs.d.Tokens
	cs.relDone = cs.first - 1
	// Comma-delimited stretches, the last one running to the sentence end.
	prev := -1
	for k := cs.first; k <= cs.end; k++ {
		if k < cs.end && toks[k].Text != "," {
			continue
		}
		if prev >= 0 {
			cs.stretch(prev+1, k, k == cs.end)
		}
		prev = k
		if k == cs.end {
			break
		}
	}
	// "according to X"
	for k := cs.first; k+2 < cs.end; k++ {
		if toks[k].Norm == "according" && toks[k+1].Norm == "to" {
			last := k + 2
			for last < cs.end && toks[last].Text != "," {
				last++
			}
			if !cs.covered(k) {
				cs.add(Attribution, k, last, trimSpeaker(toks, k+2, last))
			}
		}
	}
	// "…," Abbas said. / "…" he said.
	for k := cs.end - 1; k > cs.first; k-- {
		if t := toks[k].Text; isCloser(t) && t != ")" && t != "]" {
			if k+1 < cs.end && !cs.covered(k+1) {
				if sp, ok := cs.attribution(k+1, cs.end); ok {
					cs.add(Attribution, k+1, cs.end, sp)
				}
			}
			break
		}
	}
	// A sentence that is only an attribution, after a quotation: Abbas said.
	if cs.si > 0 && !cs.covered(cs.first) {
		p := cs.d.Sentences[cs.si-1]
		if lt := toks[p.LastTok-1].Text; isCloser(lt) && lt != ")" {
			if sp, ok := cs.attribution(cs.first, cs.end); ok {
				cs.add(Attribution, cs.first, cs.end, sp)
			}
		}
	}
	// Restrictive relative clauses: "the official whom Blinken had met".
	for k := cs.first + 1; k < cs.end; k++ {
		if k > cs.relDone && cs.relativeStart(k) && !cs.covered(k) {
			last := cs.relativeEnd(k, cs.end)
			cs.add(Relative, k, last, noSpeaker)
			cs.relDone = last
		}
	}
	// Brackets and dash pairs.
	for k := cs.first; k < cs.end; k++ {
		open := toks[k].Text
		if open != "(" && !isDash(open) {
			continue
		}
		for j := k + 1; j < cs.end && j-k <= 25; j++ {
			t := toks[j].Text
			if (open == "(" && t == ")") || (isDash(open) && isDash(t)) {
				if !cs.covered(k + 1) {
					cs.add(Insertion, k+1, j, noSpeaker)
				}
				k = j
				break
			}
		}
	}
}

// covered reports whether a clause of this sentence already starts at k.
func (cs *clauseScan) covered(k int) bool { return cs.starts[k] }

// stretch classifies the tokens [first, last) between two commas (or a
// comma and the sentence end when final is set).
func (cs *clauseScan) stretch(first, last int, final bool) {
	toks := cs.d.Tokens
	// Skip quote marks glued to the comma: ,” Abbas said
	for first < last && isCloser(toks[first].Text) && toks[first].Text != ")" {
		first++
	}
	if last-first < 1 || (!final && last-first > 25) {
		return
	}
	if sp, ok := cs.attribution(first, last); ok {
		cs.add(Attribution, first, last, sp)
		return
	}
	if toks[first].Norm == "according" {
		return // "according to X" is an attribution, found below
	}
	if cs.relativeStart(first) {
		cs.add(Relative, first, cs.relativeEnd(first, last), noSpeaker)
		cs.relDone = last
		return
	}
	t := toks[first]
	c := cs.chunkAt(first)
	switch {
	case t.Tag == "VBG" || (!final && t.Tag == "VBN"):
		// ", backed by Iran,", ", killing six people."
		cs.add(Insertion, first, last, noSpeaker)
	case !final && c != nil && (c.Kind == PP || c.Kind == ADVP):
		cs.add(Insertion, first, last, noSpeaker)
	case c != nil && c.Kind == NP && cs.isAppos(c):
		cs.add(Insertion, first, last, noSpeaker)
	}
}

// isAppos reports whether c is the apposition of the chunk before it.
func (cs *clauseScan) isAppos(c *Chunk) bool {
	i := sort.Search(len(cs.chunks), func(i int) bool { return cs.chunks[i].First >= c.First })
	return i > 0 && cs.chunks[i-1].Appos == cs.chunkBase+i
}

// relativeStart reports whether a relative clause starts at token k:
// "who", "whom", "which", "whose", "that" (as WDT), or a preposition
// before one of them ("in which").
func (cs *clauseScan) relativeStart(k int) bool {
	toks := cs.d.Tokens
	t := toks[k]
	if t.Tag == "IN" && k+1 < cs.end {
		n := toks[k+1]
		if n.Norm == "which" || n.Norm == "whom" || n.Norm == "whose" {
			return true
		}
	}
	switch t.Tag {
	case "WDT", "WP", "WP$":
	default:
		return false
	}
	if t.Norm == "what" || t.Norm == "whatever" || k == cs.first {
		return false
	}
	// After a noun phrase or a comma.
	p := toks[k-1]
	return p.Text == "," || p.Chunk == "B-NP" || p.Chunk == "I-NP"
}

// relativeEnd finds where a relative clause starting at k ends: before the
// next finite verb group once the clause has its own verb, or at last.
func (cs *clauseScan) relativeEnd(k, last int) int {
	toks := cs.d.Tokens
	seenVP := false
	for j := k + 1; j < last; j++ {
		if toks[j].Text == "," || toks[j].Text == ";" {
			return j
		}
		c := cs.chunkAt(j)
		if c == nil || c.Kind != VP {
			continue
		}
		if seenVP && finite(toks[j].Tag) && toks[j-1].Tag != "CC" {
			return j
		}
		seenVP = true
	}
	return last
}

func finite(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

// attribution matches "NP said [on Tuesday]" or "said NP" over the tokens
// [first, last) and returns the speaker's token range.
func (cs *clauseScan) attribution(first, last int) ([2]int, bool) {
	toks := cs.d.Tokens
	c := cs.chunkAt(first)
	if c == nil {
		return noSpeaker, false
	}
	if c.Kind == VP {
		// ", said Abbas on Tuesday"
		if !cs.a.lx.speech[toks[c.Head].Lemma] || c.Last >= last {
			return noSpeaker, false
		}
		np := cs.chunkAt(c.Last)
		if np == nil || np.Kind != NP {
			return noSpeaker, false
		}
		end := np.Last
		for end < last && toks[end].Tag != "IN" && toks[end].Tag != "VBD" && toks[end].Text != "," {
			end++
		}
		return [2]int{np.First, end}, !cs.hasVP(end, last)
	}
	if c.Kind != NP {
		return noSpeaker, false
	}
	// "a senior official said on Tuesday", "the minister, Abbas, told reporters"
	for k := c.First; k < last; {
		ck := cs.chunkAt(k)
		if ck == nil {
			if toks[k].Text == "," || toks[k].Tag == "CC" {
				k++
				continue
			}
			return noSpeaker, false
		}
		switch ck.Kind {
		case NP, PP, ADJP:
			k = ck.Last
			continue
		case VP:
			if !cs.a.lx.speech[toks[ck.Head].Lemma] || cs.hasVP(ck.Last, last) {
				return noSpeaker, false
			}
			return trimSpeaker(toks, first, k), k > first
		}
		return noSpeaker, false
	}
	return noSpeaker, false
}

// hasVP reports a verb group starting in [first, last).
func (cs *clauseScan) hasVP(first, last int) bool {
	i := sort.Search(len(cs.chunks), func(i int) bool { return cs.chunks[i].First >= first })
	for ; i < len(cs.chunks) && cs.chunks[i].First < last; i++ {
		if cs.chunks[i].Kind == VP {
			return true
		}
	}
	return false
}

// trimSpeaker trims commas and quote marks from the ends of a speaker
// range.
func trimSpeaker(toks []Token, first, last int) [2]int {
	for first < last && (toks[first].Text == "," || isCloser(toks[first].Text) || isOpener(toks[first].Text)) {
		first++
	}
	for last > first && (toks[last-1].Text == "," || isCloser(toks[last-1].Text)) {
		last--
	}
	if last <= first {
		return noSpeaker
	}
	return [2]int{first, last}
}
