package text

import "strings"

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

// chunker labels words with IOB phrase labels.
type chunker struct {
	m      *model
	priors priors // weights of chunkPriorFeatures
	// kinds[c] is the phrase kind of class c, inside[c] whether it is I-.
	kinds  []ChunkKind
	inside []bool
	begin  map[ChunkKind]uint8
}

func newChunker(m *model) *chunker {
	c := &chunker{m: m, priors: newPriors(m, chunkPriorFeatures), begin: map[ChunkKind]uint8{}}
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
	scores := sc.scores[:len(ch.m.classes)]
	p1, p2 := uint8(tagStart), uint8(tagStart2)
	for i := range toks {
		sc.feats = chunkWordFeatures(sc.feats[:0], sc.forms, tags, i, p1)
		c := uint8(ch.m.scoreFrom(sc.feats, ch.priors.row(p1, p2), scores))
		// I-X only continues an X.
		if ch.inside[c] && (p1 >= uint8(len(ch.kinds)) || ch.kinds[p1] != ch.kinds[c]) {
			c = ch.begin[ch.kinds[c]]
		}
		toks[i].Chunk = ch.m.classes[c]
		p2, p1 = p1, c
	}
}
