package text

import (
	"slices"
	"strings"
	"unicode"
)

// phrases builds the chunk, clause and name layers of sentence si from
// the IOB labels, tags and lemmas of its tokens.
func (a *Analyzer) phrases(d *Doc, si int) {
	s := d.Sentences[si]
	toks := d.Tokens[s.FirstTok:s.LastTok]
	a.fixPastTense(toks)
	splitPossessives(toks)
	firstChunk := len(d.Chunks)
	d.Chunks = appendChunks(d.Chunks, toks, s.FirstTok)
	coordinate(d, firstChunk)
	for i := firstChunk; i < len(d.Chunks); i++ {
		c := &d.Chunks[i]
		c.Head = head(d.Tokens, c)
		if c.Kind == VP {
			verbFeatures(d.Tokens, c)
		}
	}
	appositions(d, firstChunk, s.LastTok)
	a.clauses(d, si, firstChunk)
	names(d, si)
}

// fixPastTense corrects the greedy tagger's commonest slip on news text,
// a main verb after its subject tagged as a participle: "The general
// denied that …", "The official whom X had met resigned". A VBN that
// opens a verb group right after a noun phrase, without "by" after it,
// becomes VBD when no finite verb came before it outside a relative
// clause and no comma opened an insertion ("X, in remarks published …").
func (a *Analyzer) fixPastTense(toks []Token) {
	finiteBefore, relative, comma := false, false, false
	for k, t := range toks {
		switch {
		case t.Text == ",":
			comma = true
		case t.Tag == "WDT" || t.Tag == "WP" || t.Tag == "WP$":
			relative = true
		case finite(t.Tag):
			finiteBefore = true
		case t.Tag == "VBN" && t.Chunk == "B-VP" && k > 0 && (relative || strings.HasSuffix(toks[k-1].Chunk, "-NP")) &&
			toks[k-1].Tag != "WP" && toks[k-1].Tag != "WDT" &&
			(k+1 >= len(toks) || toks[k+1].Norm != "by") && (!finiteBefore || relative) && !comma:
			toks[k].Tag = "VBD"
			toks[k].Lemma = a.lemmas.lemma(t.Norm, "VBD")
			finiteBefore = true
			relative = false
		}
	}
}

// splitPossessives regroups "Gondor | 's foreign minister" as the
// Treebank does: "Gondor 's | foreign minister".
func splitPossessives(toks []Token) {
	for k := 1; k < len(toks); k++ {
		if toks[k].Tag != "POS" || toks[k].Chunk != "B-NP" || !strings.HasSuffix(toks[k-1].Chunk, "-NP") {
			continue
		}
		toks[k].Chunk = "I-NP"
		if k+1 < len(toks) && toks[k+1].Chunk == "I-NP" {
			toks[k+1].Chunk = "B-NP"
		}
	}
}

// appendChunks reads chunks off the IOB labels of toks, whose first
// token is number base in the document.
func appendChunks(chunks []Chunk, toks []Token, base int) []Chunk {
	open := -1
	var kind ChunkKind
	closeAt := func(k int) {
		if open >= 0 {
			chunks = append(chunks, Chunk{Kind: kind, First: base + open, Last: base + k, Head: -1, Appos: -1})
			open = -1
		}
	}
	for k, t := range toks {
		b, label, _ := strings.Cut(t.Chunk, "-")
		if t.Chunk == "O" || t.Chunk == "" || b == "B" || ChunkKind(label) != kind {
			closeAt(k)
		}
		if t.Chunk != "O" && t.Chunk != "" && open < 0 {
			open, kind = k, ChunkKind(label)
		}
	}
	closeAt(len(toks))
	return chunks
}

// coordinate groups proper-name noun phrases joined by "and", "or" and
// commas ("Mordor, Rohan, Fornost and Bree") into one chunk with
// conjuncts, and records the conjuncts of noun chunks that already hold a
// conjunction ("Danish media and government").
func coordinate(d *Doc, first int) {
	splitClauseCC(d, first)
	out := d.Chunks[:first]
	chunks := d.Chunks[first:]
	vpBefore := false
	// parts are gathered in scratch and copied only for the chunks that
	// become coordinations, a few in a hundred.
	var scratch [][2]int
	for i := 0; i < len(chunks); i++ {
		c := chunks[i]
		proper := c.Kind == NP && properNP(d.Tokens[c.First:c.Last])
		common := c.Kind == NP && !proper && commonNP(d.Tokens[c.First:c.Last], false)
		if !proper && !common {
			vpBefore = vpBefore || c.Kind == VP
			out = append(out, c)
			continue
		}
		// Extend over ", NP" and "CC NP" while the NPs are alike: proper
		// names ("Mordor, Rohan and Bree") or bare nouns sharing the first
		// one's determiner ("the Danish media and government").
		parts := properParts(d.Tokens, scratch[:0], c.First, c.Last)
		j, sawCC := i, false
		for j+1 < len(chunks) {
			next := chunks[j+1]
			gapFirst, gapLast := chunks[j].Last, next.First
			if next.Kind != NP || gapLast-gapFirst != 1 || sawCC {
				break
			}
			nt := d.Tokens[next.First:next.Last]
			if (proper && !properNP(nt)) || (common && !commonNP(nt, true)) {
				break
			}
			g := d.Tokens[gapFirst]
			isCC := g.Tag == "CC" && (g.Norm == "and" || g.Norm == "or")
			if !isCC && (g.Text != "," || common) {
				break
			}
			sawCC = sawCC || isCC || hasCC(nt)
			parts = properParts(d.Tokens, parts, next.First, next.Last)
			j++
		}
		// A list must end in "and X", and "… met the men and officials
		// said …" joins two clauses, not two nouns.
		scratch = parts[:0]
		if !sawCC || (vpBefore && j+1 < len(chunks) && chunks[j+1].Kind == VP) {
			out = append(out, c)
			continue
		}
		merged := c
		merged.Last = chunks[j].Last
		merged.Conjuncts = slices.Clone(parts)
		for k := merged.First + 1; k < merged.Last; k++ {
			d.Tokens[k].Chunk = "I-NP"
		}
		out = append(out, merged)
		i = j
	}
	d.Chunks = out
	for i := first; i < len(d.Chunks); i++ {
		c := &d.Chunks[i]
		if c.Kind != NP || c.Conjuncts != nil {
			continue
		}
		c.Conjuncts = innerConjuncts(d.Tokens, c.First, c.Last)
	}
}

// splitClauseCC undoes the chunker's "struck [Gaza and Hamas] fired":
// after a verb group, a noun chunk holding "and" right before another
// verb group ends one clause and starts the next.
func splitClauseCC(d *Doc, first int) {
	vpBefore := false
	for i := first; i < len(d.Chunks); i++ {
		c := d.Chunks[i]
		if c.Kind == VP {
			vpBefore = true
			continue
		}
		if c.Kind != NP || !vpBefore || i+1 >= len(d.Chunks) || d.Chunks[i+1].Kind != VP || d.Chunks[i+1].First != c.Last {
			continue
		}
		cc := -1
		for k := c.First + 1; k < c.Last-1; k++ {
			if t := d.Tokens[k]; t.Tag == "CC" && (t.Norm == "and" || t.Norm == "but") {
				cc = k
			}
		}
		if cc < 0 {
			continue
		}
		d.Tokens[cc].Chunk = "O"
		d.Tokens[cc+1].Chunk = "B-NP"
		right := Chunk{Kind: NP, First: cc + 1, Last: c.Last, Head: -1, Appos: -1}
		d.Chunks[i].Last = cc
		d.Chunks = slices.Insert(d.Chunks, i+1, right)
		i++
	}
}

// innerConjuncts splits a noun chunk at a coordinating conjunction when
// both sides hold a noun.
func innerConjuncts(toks []Token, first, last int) [][2]int {
	var parts [][2]int
	start := first
	for k := first; k < last; k++ {
		t := toks[k]
		if (t.Tag == "CC" && (t.Norm == "and" || t.Norm == "or")) || t.Text == "," {
			if !hasNoun(toks[start:k]) {
				return nil
			}
			parts = append(parts, [2]int{start, k})
			start = k + 1
		}
	}
	if parts == nil || !hasNoun(toks[start:last]) {
		return nil
	}
	return append(parts, [2]int{start, last})
}

func hasCC(toks []Token) bool {
	for _, t := range toks {
		if t.Tag == "CC" {
			return true
		}
	}
	return false
}

func hasNoun(toks []Token) bool {
	for _, t := range toks {
		if strings.HasPrefix(t.Tag, "NN") || t.Tag == "PRP" {
			return true
		}
	}
	return false
}

// properNP reports a noun chunk of proper nouns, optionally after "the",
// possibly already coordinated inside ("Osgiliath and Gondor").
func properNP(toks []Token) bool {
	for k, t := range toks {
		switch {
		case t.Tag == "NNP" || t.Tag == "NNPS":
		case k == 0 && t.Tag == "DT" && t.Norm == "the" && len(toks) > 1:
		case k > 0 && k < len(toks)-1 && (t.Tag == "CC" || t.Text == ","):
		default:
			return false
		}
	}
	return len(toks) > 0
}

// commonNP reports a noun chunk headed by a common noun; bare requires
// it to have no determiner or number of its own.
func commonNP(toks []Token, bare bool) bool {
	if len(toks) == 0 {
		return false
	}
	last := toks[len(toks)-1].Tag
	if last != "NN" && last != "NNS" {
		return false
	}
	for _, t := range toks {
		switch t.Tag {
		case "CC", "POS", "PRP", ",":
			return false
		case "DT", "PRP$", "CD":
			if bare {
				return false
			}
		}
	}
	return true
}

// properParts appends the conjuncts of the chunk [first, last).
func properParts(toks []Token, parts [][2]int, first, last int) [][2]int {
	if inner := innerConjuncts(toks, first, last); inner != nil {
		return append(parts, inner...)
	}
	return append(parts, [2]int{first, last})
}

// head returns the head token of a chunk.
func head(toks []Token, c *Chunk) int {
	first, last := c.First, c.Last
	if c.Kind == NP && len(c.Conjuncts) > 0 {
		first, last = c.Conjuncts[0][0], c.Conjuncts[0][1]
	}
	switch c.Kind {
	case NP:
		for k := last - 1; k >= first; k-- {
			t := toks[k].Tag
			if strings.HasPrefix(t, "NN") || t == "PRP" || t == "CD" || t == "EX" || t == "WP" || t == "WDT" {
				return k
			}
		}
		for k := last - 1; k >= first; k-- {
			if toks[k].Tag != "POS" && isWordRune(firstRune(toks[k].Text)) {
				return k
			}
		}
	case VP:
		for k := last - 1; k >= first; k-- {
			if strings.HasPrefix(toks[k].Tag, "VB") {
				return k
			}
		}
	case ADJP:
		for k := last - 1; k >= first; k-- {
			if strings.HasPrefix(toks[k].Tag, "JJ") {
				return k
			}
		}
	case ADVP:
		for k := last - 1; k >= first; k-- {
			if strings.HasPrefix(toks[k].Tag, "RB") {
				return k
			}
		}
	case PP, SBAR, PRT:
		return first
	}
	return last - 1
}

// verbFeatures fills the negation, voice, modal and tense of a verb group.
func verbFeatures(toks []Token, c *Chunk) {
	firstFinite := ""
	prevVerb := -1 // the last verb seen, skipping adverbs and negation
	for k := c.First; k < c.Last; k++ {
		t := toks[k]
		switch {
		case t.Norm == "not" || t.Norm == "n't" || t.Norm == "never" || t.Norm == "neither" || t.Norm == "nor":
			c.Negated = true
		case t.Tag == "MD":
			if c.Modal == "" {
				c.Modal = t.Lemma
			}
			if firstFinite == "" {
				firstFinite = "MD"
			}
			prevVerb = k
		case strings.HasPrefix(t.Tag, "VB"):
			if firstFinite == "" && (t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP") {
				firstFinite = t.Tag
			}
			// "was attacked", "has been detained", "is expected to"
			if t.Tag == "VBN" && prevVerb >= 0 && (toks[prevVerb].Lemma == "be" || toks[prevVerb].Lemma == "get") {
				c.Passive = true
			}
			prevVerb = k
		}
	}
	switch firstFinite {
	case "MD":
		switch c.Modal {
		case "will", "shall":
			c.Tense = "future"
		}
	case "VBD":
		c.Tense = "past"
	case "VBZ", "VBP":
		c.Tense = "present"
		// "is going to attack"
		for k := c.First; k+1 < c.Last; k++ {
			if toks[k].Norm == "going" && toks[k+1].Norm == "to" {
				c.Tense = "future"
			}
		}
	}
}

// appositions links "Mahmoud Abbas, the Palestinian president" and "the
// Palestinian president, Mahmoud Abbas".
func appositions(d *Doc, first, sentEnd int) {
	for i := first; i+1 < len(d.Chunks); i++ {
		a, b := &d.Chunks[i], d.Chunks[i+1]
		if a.Kind != NP || b.Kind != NP || b.First != a.Last+1 || d.Tokens[a.Last].Text != "," {
			continue
		}
		ha, hb := d.Tokens[a.Head], d.Tokens[b.Head]
		aProper := strings.HasPrefix(ha.Tag, "NNP")
		bProper := strings.HasPrefix(hb.Tag, "NNP")
		bCommon := hb.Tag == "NN" || hb.Tag == "NNS"
		aCommon := (ha.Tag == "NN" || ha.Tag == "NNS") && isDeterminer(d.Tokens[a.First])
		if len(a.Conjuncts) > 0 || len(b.Conjuncts) > 0 {
			continue
		}
		// What follows the second phrase (after an "of ..." complement)
		// must close it.
		end := b.Last
		if i+3 < len(d.Chunks) && d.Chunks[i+2].Kind == PP && d.Chunks[i+2].First == end && d.Chunks[i+3].Kind == NP && d.Chunks[i+3].First == d.Chunks[i+2].Last {
			end = d.Chunks[i+3].Last
		}
		if !closesPhrase(d, end, sentEnd) {
			continue
		}
		if (aProper && bCommon) || (aCommon && bProper) {
			a.Appos = i + 1
		}
	}
}

func isDeterminer(t Token) bool {
	return t.Tag == "DT" || t.Tag == "PRP$" || t.Tag == "POS" || strings.HasPrefix(t.Tag, "NNP")
}

// closesPhrase reports whether token k ends an inserted phrase: a comma,
// the sentence end, or closing punctuation.
func closesPhrase(d *Doc, k, sentEnd int) bool {
	if k >= sentEnd {
		return true
	}
	switch d.Tokens[k].Text {
	case ",", ".", ";", ":", ")", "--", "\u2014", "\u2013", "-", "!", "?":
		return true
	}
	return isCloser(d.Tokens[k].Text)
}

// names finds runs of capitalised words in sentence si.
func names(d *Doc, si int) {
	s := d.Sentences[si]
	firstWord := s.FirstTok
	for firstWord < s.LastTok && isOpener(d.Tokens[firstWord].Text) {
		firstWord++
	}
	k := s.FirstTok
	for k < s.LastTok {
		if !nameWord(d.Tokens[k]) {
			k++
			continue
		}
		start := k
		end := k + 1
		for end < s.LastTok {
			t := d.Tokens[end]
			if nameWord(t) {
				end++
				continue
			}
			// "Prince of Dol Amroth", "Abu Bakr al Baghdadi"
			if nameLink(t.Norm) && end+1 < s.LastTok && nameWord(d.Tokens[end+1]) {
				end += 2
				continue
			}
			break
		}
		d.Names = append(d.Names, Name{First: start, Last: end, SentenceInitial: start == firstWord})
		k = end
	}
}

func nameWord(t Token) bool {
	r := firstRune(t.Text)
	if !unicode.IsUpper(r) {
		return false
	}
	switch t.Tag {
	case "DT", "PRP", "PRP$", "IN", "CC", "WDT", "WP", "WP$", "WRB", "EX", "MD", "TO", "UH", "POS":
		return false
	}
	return true
}

func nameLink(norm string) bool {
	switch norm {
	case "of", "de", "del", "la", "al", "bin", "ibn", "van", "von", "der", "da", "du", "el", "le":
		return true
	}
	return false
}
