package text

import (
	"slices"
	"strings"
)

// chunkFeatures appends the features for labelling word i with an IOB
// chunk label. forms are tagger forms, tags the part-of-speech tags, p1
// and p2 the labels of the previous two words.
func chunkFeatures(feats []uint64, forms, tags []string, i int, p1, p2 uint8) []uint64 {
	w := forms[i]
	t := tags[i]
	tm1, tm2 := formAt(tags, i-1), formAt(tags, i-2)
	tp1, tp2 := formAt(tags, i+1), formAt(tags, i+2)
	feats = append(feats,
		hashTemplate(40),
		hashString(hashTemplate(41), w),
		hashString(hashTemplate(42), formAt(forms, i-1)),
		hashString(hashTemplate(43), formAt(forms, i+1)),
		hashString(hashTemplate(44), formAt(forms, i-2)),
		hashString(hashTemplate(45), formAt(forms, i+2)),
		hashString(hashTemplate(46), t),
		hashString(hashTemplate(47), tm1),
		hashString(hashTemplate(48), tp1),
		hashString(hashTemplate(49), tm2),
		hashString(hashTemplate(50), tp2),
		hashString(hashString(hashTemplate(51), tm1), t),
		hashString(hashString(hashTemplate(52), t), tp1),
		hashString(hashString(hashString(hashTemplate(53), tm2), tm1), t),
		hashString(hashString(hashString(hashTemplate(54), t), tp1), tp2),
		hashString(hashString(hashString(hashTemplate(55), tm1), t), tp1),
		hashByte(hashTemplate(56), p1),
		hashByte(hashByte(hashTemplate(57), p1), p2),
		hashString(hashByte(hashTemplate(58), p1), t),
		hashString(hashByte(hashTemplate(59), p1), w),
		hashString(hashString(hashTemplate(60), w), t),
		hashString(hashString(hashByte(hashTemplate(61), p1), t), tp1),
		hashString(hashString(hashTemplate(62), formAt(forms, i-1)), w),
	)
	return feats
}

// chunkPriorFeatures appends the features of chunkFeatures that depend
// only on the previous two labels; the chunker adds them from its priors
// table.
func chunkPriorFeatures(feats []uint64, p1, p2 uint8) []uint64 {
	return append(feats,
		hashTemplate(40),
		hashByte(hashTemplate(56), p1),
		hashByte(hashByte(hashTemplate(57), p1), p2),
	)
}

// chunkWordFeatures appends the other features of chunkFeatures: together
// with chunkPriorFeatures, the same set.
func chunkWordFeatures(feats []uint64, forms, tags []string, i int, p1 uint8) []uint64 {
	w := forms[i]
	t := tags[i]
	tm1, tm2 := formAt(tags, i-1), formAt(tags, i-2)
	tp1, tp2 := formAt(tags, i+1), formAt(tags, i+2)
	wm1 := formAt(forms, i-1)
	return append(feats,
		hashString(hashTemplate(41), w),
		hashString(hashTemplate(42), wm1),
		hashString(hashTemplate(43), formAt(forms, i+1)),
		hashString(hashTemplate(44), formAt(forms, i-2)),
		hashString(hashTemplate(45), formAt(forms, i+2)),
		hashString(hashTemplate(46), t),
		hashString(hashTemplate(47), tm1),
		hashString(hashTemplate(48), tp1),
		hashString(hashTemplate(49), tm2),
		hashString(hashTemplate(50), tp2),
		hashString(hashString(hashTemplate(51), tm1), t),
		hashString(hashString(hashTemplate(52), t), tp1),
		hashString(hashString(hashString(hashTemplate(53), tm2), tm1), t),
		hashString(hashString(hashString(hashTemplate(54), t), tp1), tp2),
		hashString(hashString(hashString(hashTemplate(55), tm1), t), tp1),
		hashString(hashByte(hashTemplate(58), p1), t),
		hashString(hashByte(hashTemplate(59), p1), w),
		hashString(hashString(hashTemplate(60), w), t),
		hashString(hashString(hashByte(hashTemplate(61), p1), t), tp1),
		hashString(hashString(hashTemplate(62), wm1), w),
	)
}

// chunkTagFeatures appends the features of chunkWordFeatures that depend
// only on the tags at i-2 … i+2 by themselves or in adjacent pairs, and on
// the previous label with the tag; the chunker adds them from its
// tagRows tables when it knows every tag of the sentence.
func chunkTagFeatures(feats []uint64, tags []string, i int, p1 uint8) []uint64 {
	t := tags[i]
	tm1, tm2 := formAt(tags, i-1), formAt(tags, i-2)
	tp1, tp2 := formAt(tags, i+1), formAt(tags, i+2)
	return append(feats,
		hashString(hashTemplate(46), t),
		hashString(hashTemplate(47), tm1),
		hashString(hashTemplate(48), tp1),
		hashString(hashTemplate(49), tm2),
		hashString(hashTemplate(50), tp2),
		hashString(hashString(hashTemplate(51), tm1), t),
		hashString(hashString(hashTemplate(52), t), tp1),
		hashString(hashByte(hashTemplate(58), p1), t),
	)
}

// chunkRestFeatures appends the features of chunkWordFeatures that
// chunkTagFeatures leaves out.
func chunkRestFeatures(feats []uint64, forms, tags []string, i int, p1 uint8) []uint64 {
	w := forms[i]
	t := tags[i]
	tm1, tm2 := formAt(tags, i-1), formAt(tags, i-2)
	tp1, tp2 := formAt(tags, i+1), formAt(tags, i+2)
	wm1 := formAt(forms, i-1)
	return append(feats,
		hashString(hashTemplate(41), w),
		hashString(hashTemplate(42), wm1),
		hashString(hashTemplate(43), formAt(forms, i+1)),
		hashString(hashTemplate(44), formAt(forms, i-2)),
		hashString(hashTemplate(45), formAt(forms, i+2)),
		hashString(hashString(hashString(hashTemplate(53), tm2), tm1), t),
		hashString(hashString(hashString(hashTemplate(54), t), tp1), tp2),
		hashString(hashString(hashString(hashTemplate(55), tm1), t), tp1),
		hashString(hashByte(hashTemplate(59), p1), w),
		hashString(hashString(hashTemplate(60), w), t),
		hashString(hashString(hashByte(hashTemplate(61), p1), t), tp1),
		hashString(hashString(hashTemplate(62), wm1), w),
	)
}

// tagRows holds the weights of chunkTagFeatures summed per tag, tag pair
// or label and tag, as dense rows: the widest chunker features after the
// label ones, since most tags go with many chunk labels.
type tagRows struct {
	nc    int              // chunk classes
	sym   map[string]uint8 // tag → symbol: the tagger's classes, then the pads
	nsym  int
	left  []int32 // (tm1, t): templates 46, 47, 51
	right []int32 // (t, tp1): 48, 52
	farL  []int32 // tm2: 49
	farR  []int32 // tp2: 50
	label []int32 // (p1, t): 58, p1 numbered as in priors
}

// Symbols of the pads, after the tagger's classes.
const (
	symStart = iota
	symStart2
	symEnd
	symEnd2
	nPads
)

func newTagRows(m *model, pr *priors, tagClasses []string) tagRows {
	names := append(slices.Clone(tagClasses), padStart, padStart2, padEnd, padEnd2)
	nc, ns := len(m.classes), len(names)
	r := tagRows{nc: nc, nsym: ns, sym: make(map[string]uint8, ns)}
	for i, n := range names {
		r.sym[n] = uint8(i)
	}
	r.left = make([]int32, ns*ns*nc)
	r.right = make([]int32, ns*ns*nc)
	r.farL = make([]int32, ns*nc)
	r.farR = make([]int32, ns*nc)
	r.label = make([]int32, (nc+2)*ns*nc)
	for a, na := range names {
		m.addDense(hashString(hashTemplate(49), na), r.farL[a*nc:][:nc])
		m.addDense(hashString(hashTemplate(50), na), r.farR[a*nc:][:nc])
		for b, nb := range names {
			row := r.left[(a*ns+b)*nc:][:nc]
			m.addDense(hashString(hashTemplate(46), nb), row)
			m.addDense(hashString(hashTemplate(47), na), row)
			m.addDense(hashString(hashString(hashTemplate(51), na), nb), row)
			row = r.right[(a*ns+b)*nc:][:nc]
			m.addDense(hashString(hashTemplate(48), nb), row)
			m.addDense(hashString(hashString(hashTemplate(52), na), nb), row)
		}
	}
	for p := range nc + 2 {
		l := uint8(p)
		switch p {
		case nc:
			l = tagStart
		case nc + 1:
			l = tagStart2
		}
		for t, nt := range names {
			m.addDense(hashString(hashByte(hashTemplate(58), l), nt), r.label[(pr.index(l)*ns+t)*nc:][:nc])
		}
	}
	return r
}

// symbols sets syms to the tag symbols of toks, reporting false when a
// tag is not one of the tagger's.
func (r *tagRows) symbols(toks []Token, syms []uint8) ([]uint8, bool) {
	syms = syms[:0]
	for _, t := range toks {
		s, ok := r.sym[t.Tag]
		if !ok || int(s) >= r.nsym-nPads {
			return syms, false
		}
		syms = append(syms, s)
	}
	return syms, true
}

// symAt is formAt over symbols.
func (r *tagRows) symAt(syms []uint8, i int) int {
	base := r.nsym - nPads
	switch {
	case i == -1:
		return base + symStart
	case i < -1:
		return base + symStart2
	case i == len(syms):
		return base + symEnd
	case i > len(syms):
		return base + symEnd2
	}
	return int(syms[i])
}

// addRows adds the rows for word i into dst.
func (r *tagRows) addRows(dst []int32, syms []uint8, i, p1 int) {
	nc, ns := r.nc, r.nsym
	t := int(syms[i])
	rows := [5][]int32{
		r.left[(r.symAt(syms, i-1)*ns+t)*nc:][:nc],
		r.right[(t*ns+r.symAt(syms, i+1))*nc:][:nc],
		r.farL[r.symAt(syms, i-2)*nc:][:nc],
		r.farR[r.symAt(syms, i+2)*nc:][:nc],
		r.label[(p1*ns+t)*nc:][:nc],
	}
	for _, row := range rows {
		row = row[:len(dst)]
		for c := range dst {
			dst[c] += row[c]
		}
	}
}

// chunker labels words with IOB phrase labels.
type chunker struct {
	m      *model
	priors priors  // weights of chunkPriorFeatures
	rows   tagRows // weights of chunkTagFeatures
	// kinds[c] is the phrase kind of class c, inside[c] whether it is I-.
	kinds  []ChunkKind
	inside []bool
	begin  map[ChunkKind]uint8
}

// newChunker makes the chunker of model m for tags from tagClasses, the
// tagger's classes.
func newChunker(m *model, tagClasses []string) *chunker {
	c := &chunker{m: m, priors: newPriors(m, chunkPriorFeatures), begin: map[ChunkKind]uint8{}}
	c.rows = newTagRows(m, &c.priors, tagClasses)
	for i, name := range m.classes {
		kind, in := ChunkKind(""), false
		if b, k, ok := strings.Cut(name, "-"); ok {
			kind, in = ChunkKind(k), b == "I"
		}
		c.kinds = append(c.kinds, kind)
		c.inside = append(c.inside, in)
		if kind != "" && !in {
			c.begin[kind] = uint8(i)
		}
	}
	return c
}

// chunk labels the tagged tokens of one sentence (Chunk fields). forms
// are the tagger forms from tagScratch.
func (ch *chunker) chunk(toks []Token, sc *tagScratch) {
	sc.texts = sc.texts[:0]
	for _, t := range toks {
		sc.texts = append(sc.texts, t.Tag)
	}
	tags := sc.texts
	nc := len(ch.m.classes)
	scores := sc.scores[:nc]
	base := sc.base[:nc]
	var known bool
	sc.syms, known = ch.rows.symbols(toks, sc.syms)
	p1, p2 := uint8(tagStart), uint8(tagStart2)
	for i := range toks {
		copy(base, ch.priors.row(p1, p2))
		if known {
			ch.rows.addRows(base, sc.syms, i, ch.priors.index(p1))
			sc.feats = chunkRestFeatures(sc.feats[:0], sc.forms, tags, i, p1)
		} else {
			sc.feats = chunkWordFeatures(sc.feats[:0], sc.forms, tags, i, p1)
		}
		c := uint8(ch.m.scoreFrom(sc.feats, base, scores))
		// I-X only continues an X.
		if ch.inside[c] && (p1 >= uint8(len(ch.kinds)) || ch.kinds[p1] != ch.kinds[c]) {
			c = ch.begin[ch.kinds[c]]
		}
		toks[i].Chunk = ch.m.classes[c]
		p2, p1 = p1, c
	}
}
