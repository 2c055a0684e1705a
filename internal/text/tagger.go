package text

import (
	"strings"
)

// Pads stand for the words and tags before and after a sentence.
const (
	padStart  = "-START-"
	padStart2 = "-START2-"
	padEnd    = "-END-"
	padEnd2   = "-END2-"
)

// Class numbers for the tags before the sentence start.
const (
	tagStart  = 254
	tagStart2 = 253
)

// tagFeatures appends the features of word i to feats. forms are the
// words as the tagger sees them (tagForm), texts the words as written;
// p1 and p2 are the previous two tags.
func tagFeatures(feats []uint64, forms, texts []string, i int, p1, p2 uint8) []uint64 {
	w := forms[i]
	wm1, wm2 := formAt(forms, i-1), formAt(forms, i-2)
	wp1, wp2 := formAt(forms, i+1), formAt(forms, i+2)
	feats = append(feats,
		hashTemplate(0),
		hashString(hashTemplate(1), suffix(w, 3)),
		hashByte(hashTemplate(2), texts[i][0]),
		hashByte(hashTemplate(3), p1),
		hashByte(hashTemplate(4), p2),
		hashByte(hashByte(hashTemplate(5), p1), p2),
		hashString(hashTemplate(6), w),
		hashString(hashByte(hashTemplate(7), p1), w),
		hashString(hashTemplate(8), wm1),
		hashString(hashTemplate(9), suffix(wm1, 3)),
		hashString(hashTemplate(10), wm2),
		hashString(hashTemplate(11), wp1),
		hashString(hashTemplate(12), suffix(wp1, 3)),
		hashString(hashTemplate(13), wp2),
		hashShape(hashTemplate(14), texts[i]),
		hashString(hashTemplate(15), suffix(w, 4)),
		hashString(hashTemplate(16), suffix(w, 2)),
		hashString(hashString(hashTemplate(17), wm1), w),
		hashString(hashString(hashTemplate(18), w), wp1),
		hashString(hashTemplate(19), prefix(w, 3)),
	)
	return feats
}

// tagPriorFeatures appends the features of tagFeatures that depend only
// on the previous two tags; the tagger adds them from its priors table.
func tagPriorFeatures(feats []uint64, p1, p2 uint8) []uint64 {
	return append(feats,
		hashTemplate(0),
		hashByte(hashTemplate(3), p1),
		hashByte(hashTemplate(4), p2),
		hashByte(hashByte(hashTemplate(5), p1), p2),
	)
}

// tagWordFeatures appends the other features of tagFeatures: together
// with tagPriorFeatures, the same set.
func tagWordFeatures(feats []uint64, forms, texts []string, i int, p1 uint8) []uint64 {
	w := forms[i]
	wm1, wm2 := formAt(forms, i-1), formAt(forms, i-2)
	wp1, wp2 := formAt(forms, i+1), formAt(forms, i+2)
	return append(feats,
		hashString(hashTemplate(1), suffix(w, 3)),
		hashByte(hashTemplate(2), texts[i][0]),
		hashString(hashTemplate(6), w),
		hashString(hashByte(hashTemplate(7), p1), w),
		hashString(hashTemplate(8), wm1),
		hashString(hashTemplate(9), suffix(wm1, 3)),
		hashString(hashTemplate(10), wm2),
		hashString(hashTemplate(11), wp1),
		hashString(hashTemplate(12), suffix(wp1, 3)),
		hashString(hashTemplate(13), wp2),
		hashShape(hashTemplate(14), texts[i]),
		hashString(hashTemplate(15), suffix(w, 4)),
		hashString(hashTemplate(16), suffix(w, 2)),
		hashString(hashString(hashTemplate(17), wm1), w),
		hashString(hashString(hashTemplate(18), w), wp1),
		hashString(hashTemplate(19), prefix(w, 3)),
	)
}

func formAt(forms []string, i int) string {
	switch {
	case i == -1:
		return padStart
	case i < -1:
		return padStart2
	case i == len(forms):
		return padEnd
	case i > len(forms):
		return padEnd2
	}
	return forms[i]
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// hashShape hashes the shape of s: capitals as X, small letters as x,
// digits as d, runs collapsed ("Gondor" → "Xx", "U.S." → "X.X.").
func hashShape(h uint64, s string) uint64 {
	var last byte
	n := 0
	for i := 0; i < len(s) && n < 8; i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c = 'X'
		case c >= 'a' && c <= 'z':
			c = 'x'
		case c >= '0' && c <= '9':
			c = 'd'
		case c >= 0x80:
			c = 'u'
		}
		if c != last {
			h = hashByte(h, c)
			last = c
			n++
		}
	}
	return h
}

// tagForm is the word as the tagger sees it: lower-cased, numbers
// folded, quote marks spelled the Penn Treebank way.
func tagForm(norm string) string {
	if norm == "" {
		return norm
	}
	c := norm[0]
	if c >= '0' && c <= '9' {
		if len(norm) == 4 && isNumber(norm) && !strings.ContainsAny(norm, ".,-:/") {
			return "!YEAR"
		}
		return "!DIGITS"
	}
	switch norm {
	case "-lrb-", "-lcb-", "-lsb-":
		return "("
	case "-rrb-", "-rcb-", "-rsb-":
		return ")"
	case "\u2014", "\u2013", "---":
		return "--"
	}
	return norm
}

// quoteForm spells a quote token as the Penn Treebank opening or closing mark, or
// returns "" when tok is not a quote mark.
func quoteForm(text string, tok Token) string {
	switch tok.Text {
	case "\u201c", "``", "\u00ab", "\u201e":
		return "``"
	case "\u201d", "''", "\u00bb":
		return "''"
	case "\u2018", "`":
		return "`"
	case "\"":
		spaceBefore := tok.Start == 0 || isSpaceBefore(text, tok.Start) || isOpener(string(lastRune(text[:tok.Start])))
		if spaceBefore && !tok.SpaceAfter && tok.End < len(text) {
			return "``"
		}
		return "''"
	}
	return ""
}

// tagger is the part-of-speech tagger.
type tagger struct {
	m                   *model
	priors              priors // weights of tagPriorFeatures
	openQ, closeQ       uint8  // classes of `` and ''
	hasOpenQ, hasCloseQ bool
}

func newTagger(m *model) *tagger {
	t := &tagger{m: m, priors: newPriors(m, tagPriorFeatures)}
	if c := m.classIndex("``"); c >= 0 {
		t.openQ, t.hasOpenQ = uint8(c), true
	}
	if c := m.classIndex("''"); c >= 0 {
		t.closeQ, t.hasCloseQ = uint8(c), true
	}
	return t
}

// tagScratch is per-call working memory.
type tagScratch struct {
	forms, texts []string
	feats        []uint64
	scores       [maxClasses]int32
	base         [maxClasses]int32 // the chunker's dense rows, summed
	syms         []uint8           // the chunker's tag symbols
	classes      []uint8
}

// tag tags the tokens toks of one sentence in place (Tag fields), with
// text the document text for quote direction.
func (t *tagger) tag(text string, toks []Token, sc *tagScratch) {
	n := len(toks)
	sc.forms = sc.forms[:0]
	sc.texts = sc.texts[:0]
	for _, tok := range toks {
		f := quoteForm(text, tok)
		if f == "" {
			f = tagForm(tok.Norm)
		}
		sc.forms = append(sc.forms, f)
		sc.texts = append(sc.texts, tok.Text)
	}
	sc.classes = sc.classes[:0]
	scores := sc.scores[:len(t.m.classes)]
	p1, p2 := uint8(tagStart), uint8(tagStart2)
	for i := range n {
		var c uint8
		switch f := sc.forms[i]; {
		case f == "``" && t.hasOpenQ:
			c = t.openQ
		case f == "''" && t.hasCloseQ && toks[i].Text != "'":
			c = t.closeQ
		default:
			if dc, ok := t.m.dict[f]; ok {
				c = dc
			} else {
				sc.feats = tagWordFeatures(sc.feats[:0], sc.forms, sc.texts, i, p1)
				c = uint8(t.m.scoreFrom(sc.feats, t.priors.row(p1, p2), scores))
			}
		}
		toks[i].Tag = t.m.classes[c]
		p2, p1 = p1, c
	}
}
