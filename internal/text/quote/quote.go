// Package quote finds quotations in news text and the speakers the text
// gives them.
//
// It works on raw text with byte offsets and does not depend on the rest
// of the language layer. Quotations open and close with double marks,
// curly (“ ”) or straight ("); single marks inside them are left alone, so
// a quotation within a quotation stays part of the outer one. A quotation
// may span sentences and paragraphs: news style reopens each new paragraph
// of a long quotation with an opening mark and no closing mark, and Find
// joins such paragraphs into one Quote. An opening mark that is never
// closed yields a quotation that ends where the next one opens or where
// its paragraph ends; a closing mark with no opening mark is ignored.
//
// Speakers come from the words around the marks, using the speech verbs
// and helper words of the embedded file speech.txt:
//
//	“…,” Abbas said.            “…,” said Abbas.
//	“…,” the ministry said in a statement.
//	Abbas said: “…”             X told reporters “…”
//	“…,” he said. “…”           (the second quote keeps the speaker "he")
//
// The speaker is the noun phrase next to the speech verb, as written:
// pronouns are returned as they are ("he") for coreference to resolve.
package quote

import "strings"

// Quote is one quotation.
type Quote struct {
	Start, End int    // byte offsets including the quote marks
	Inner      [2]int // byte offsets of the quoted words, without the marks
	Speaker    string // the speaker as written, "" when the text gives none
	SpeakerAt  [2]int // byte offsets of Speaker, or {-1, -1}
	Cue        string // "said", "told reporters", "according to", ...
}

// Find returns the quotations of text in order.
func Find(text string) []Quote {
	var f Finder
	return f.Find(text)
}

// Finder finds quotations like Find, keeping its working memory from one
// call to the next. A Finder is not safe for concurrent use; the zero
// value is ready.
type Finder struct {
	toks []token
}

// Find returns the quotations of text in order, as the package function
// Find does.
func (f *Finder) Find(text string) []Quote {
	// Only “, ” and " open or close a quotation: text without them has
	// none, and needs no tokens.
	if !strings.ContainsAny(text, "\"\u201c\u201d") {
		return []Quote{}
	}
	lx := lexiconOnce()
	if f.toks == nil {
		f.toks = make([]token, 0, len(text)/5+4)
	}
	s := scanner{text: text, lx: lx, toks: tokenize(text, lx, f.toks[:0])}
	defer func() { f.toks = s.toks[:0] }()
	return s.quotes()
}

// Attribution finds who a single sentence without quotation marks is
// attributed to: "…, officials said.", "…, according to the ministry.",
// "X said that …", "X said on Tuesday." It returns the byte offsets of the
// speaker in sentence and the cue.
func Attribution(sentence string) (speaker [2]int, cue string, ok bool) {
	lx := lexiconOnce()
	var buf [64]token
	s := scanner{text: sentence, lx: lx, toks: tokenize(sentence, lx, buf[:0])}
	a, ok := s.attribution(0, len(s.toks))
	if !ok {
		return [2]int{-1, -1}, "", false
	}
	return [2]int{s.toks[a.first].start, s.toks[a.last].end}, a.cueText(sentence), true
}

type scanner struct {
	text string
	lx   *lexicon
	toks []token
}

// attrib is a speaker found by the token range [first, last] with its cue;
// end is the token after the attribution clause.
type attrib struct {
	first, last int
	cue         string // a fixed cue ("said", "according to"), or "" to use cueAt
	cueAt       [2]int // byte offsets of a cue taken from the text ("told reporters")
	end         int
	opens       int // first token of the phrase before an introduction was dropped
}

// found is a quotation by token indexes before speakers are attached.
type found struct {
	open, close int // token indexes of the marks; close is -1 when unclosed
	last        int // last token inside an unclosed quotation
}

func (s *scanner) quotes() []Quote {
	var spans []found
	open := -1
	var openMark uint8
	flush := func(upto int) {
		// An unclosed quotation ends at token upto (inclusive).
		if open >= 0 && upto > open {
			spans = append(spans, found{open: open, close: -1, last: upto})
		}
		open = -1
	}
	for i := range s.toks {
		t := &s.toks[i]
		if open >= 0 && t.newlines >= 2 {
			// A paragraph ends inside a quotation: it goes on if the new
			// paragraph reopens it, else it ends with the old paragraph.
			if s.role(i, true) == markOpen {
				continue
			}
			flush(i - 1)
		}
		if t.mark == markNone {
			continue
		}
		if open >= 0 && openMark != markStraight && t.mark == markStraight {
			continue // straight marks nested in a curly quotation
		}
		switch s.role(i, open >= 0) {
		case markOpen:
			if open >= 0 {
				if t.newlines > 0 {
					continue // paragraphs separated by a single newline
				}
				flush(i - 1)
			}
			open, openMark = i, t.mark
		case markClose:
			if open >= 0 {
				spans = append(spans, found{open: open, close: i})
				open = -1
			}
		}
	}
	flush(len(s.toks) - 1)

	out := make([]Quote, 0, len(spans))
	prevEnd := -1 // token after the attribution of the previous quote
	for k, f := range spans {
		q := Quote{Start: s.toks[f.open].start, SpeakerAt: [2]int{-1, -1}}
		q.Inner[0] = s.toks[f.open].end
		lastTok := f.last
		if f.close >= 0 {
			q.End = s.toks[f.close].end
			q.Inner[1] = s.toks[f.close].start
			lastTok = f.close
		} else {
			q.End = s.toks[f.last].end
			q.Inner[1] = q.End
		}
		a, ok := attrib{}, false
		if f.close >= 0 {
			a, ok = s.after(f.close)
		}
		if !ok {
			a, ok = s.before(f.open)
			a.end = -1
		}
		if !ok && k > 0 && out[k-1].Speaker != "" && prevEnd >= 0 && s.onlyPunct(prevEnd, f.open) {
			q.Speaker, q.SpeakerAt, q.Cue = out[k-1].Speaker, out[k-1].SpeakerAt, out[k-1].Cue
		}
		if ok {
			q.SpeakerAt = [2]int{s.toks[a.first].start, s.toks[a.last].end}
			q.Speaker = s.text[q.SpeakerAt[0]:q.SpeakerAt[1]]
			q.Cue = a.cueText(s.text)
		}
		prevEnd = -1
		if ok && a.end >= 0 {
			prevEnd = a.end
		} else if q.Speaker != "" {
			prevEnd = lastTok + 1
		}
		out = append(out, q)
	}
	return out
}

// onlyPunct reports whether tokens [from, to) are punctuation within one
// paragraph.
func (s *scanner) onlyPunct(from, to int) bool {
	for k := from; k < to && k < len(s.toks); k++ {
		if s.toks[k].kind != kPunct || s.toks[k].newlines >= 2 {
			return false
		}
	}
	return to < len(s.toks) && s.toks[to].newlines < 2
}

// role says whether the quote mark at i opens or closes; inside says a
// quotation is open. A straight mark opens when it follows space or an
// opening bracket and precedes a word, closes in the mirror case, and
// otherwise toggles.
func (s *scanner) role(i int, inside bool) uint8 {
	t := s.toks[i]
	switch t.mark {
	case markOpen, markClose:
		return t.mark
	case markNone:
		return markNone
	}
	left := i == 0 || t.space || s.isOpener(i-1)
	right := i+1 == len(s.toks) || s.toks[i+1].space || s.isCloser(i+1)
	switch {
	case left && !right:
		return markOpen
	case right && !left:
		return markClose
	case inside:
		return markClose
	}
	return markOpen
}

func (s *scanner) isOpener(i int) bool {
	switch s.text[s.toks[i].start:s.toks[i].end] {
	case "(", "[", "{", "-", "\u2014", "\u2013", ":", "\u2018", "'":
		return true
	}
	return false
}

func (s *scanner) isCloser(i int) bool {
	t := s.toks[i]
	if t.kind != kPunct {
		return false
	}
	switch s.text[t.start:t.end] {
	case ".", ",", ";", ":", "!", "?", ")", "]", "}", "\u2014", "\u2013", "\u2019", "'", "\u2026":
		return true
	}
	return false
}

// Token helpers.

func (s *scanner) p(i int, c string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == kPunct && s.text[s.toks[i].start:s.toks[i].end] == c
}

func (s *scanner) flag(i int, f uint16) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	t := s.toks[i]
	return t.kind == kWord && t.info != nil && t.info.flags&f != 0
}

func (s *scanner) is(i int, w string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == kWord && strings.EqualFold(s.text[s.toks[i].start:s.toks[i].end], w)
}

// boundary reports whether token i ends a sentence or paragraph for the
// purpose of attribution: a full stop, a quote mark, a paragraph break.
func (s *scanner) boundary(i int) bool {
	t := s.toks[i]
	return t.stop || t.mark != markNone || t.newlines >= 2
}

// after reads the attribution that follows a closing mark at c:
// “…,” Abbas said / said Abbas / the ministry said in a statement.
func (s *scanner) after(c int) (attrib, bool) {
	if c == 0 {
		return attrib{}, false
	}
	j := c + 1
	comma := s.p(j, ",")
	if comma {
		j++
	}
	// The quotation must end in a way that leaves the sentence open.
	if !comma && !s.p(c-1, ",") && !s.p(c-1, "?") && !s.p(c-1, "!") && !s.p(c-1, "\u2014") && !s.p(c-1, "-") && !s.p(c-1, "\u2026") {
		return attrib{}, false
	}
	if j >= len(s.toks) || s.toks[j].newlines > 0 || s.toks[j].kind != kWord {
		return attrib{}, false
	}
	end := j
	for end < len(s.toks) && end-j < 24 && !s.boundary(end) {
		end++
	}
	if s.flag(j, fAccording) {
		// "“…,” according to the health ministry."
		if a, ok := s.according(j, end); ok {
			a.end = end
			return a, true
		}
		return attrib{}, false
	}
	for v, words := j, 0; v < end && words < 12; v++ {
		if s.toks[v].kind == kWord {
			words++
		}
		if !s.flag(v, fVerb) {
			continue
		}
		if v == j {
			return s.inverted(v, end)
		}
		a, ok := s.subject(v, j)
		if ok && a.opens > j+1 && s.p(a.opens-1, ",") && s.flag(a.opens, fDeterminer) {
			// "Daniel Tulis, a natural gas analyst with Shearson, said"
			// written without the second comma.
			if h, hok := s.phraseBack(a.opens-2, j); hok && h == j {
				a.first, a.opens = j, j
			}
		}
		if ok && a.opens == j {
			a.end = end
			return a, true
		}
	}
	return attrib{}, false
}

// before reads the attribution that introduces an opening mark at o:
// Abbas said: “…” / X told reporters “…” / he said in a statement, “…”.
func (s *scanner) before(o int) (attrib, bool) {
	k := o - 1
	marked := s.p(k, ":") || s.p(k, ",")
	if marked {
		k--
	}
	if s.is(k, "that") {
		k--
		marked = true
	}
	for v := k; v >= 0 && v >= k-6; v-- {
		if s.toks[v].kind == kPunct || (v != k && s.boundary(v)) {
			return attrib{}, false
		}
		if !s.flag(v, fVerb) {
			continue
		}
		// Without ":", "," or "that", the mark must follow the verb or its
		// addressee: "Abbas demanded “…”", "X told reporters “…”", not
		// "demanded an end to the “…”".
		if !marked && v != k && s.toks[s.cueEnd(v)].end != s.toks[k].end {
			return attrib{}, false
		}
		lo := v
		for lo > 0 && !s.boundary(lo-1) {
			lo--
		}
		return s.subject(v, lo)
	}
	return attrib{}, false
}

// subject finds the speaker before the verb at v, looking no further back
// than token lo; the noun phrase must reach lo, a comma or another
// boundary, with an apposition allowed ("Abbas, the Palestinian
// president, said").
func (s *scanner) subject(v, lo int) (attrib, bool) {
	k := v - 1
	passive := false
	for k >= lo && s.flag(k, fBetween) {
		passive = passive || s.flag(k, fPassive)
		k--
	}
	saying := s.toks[v].info.word == "saying"
	if saying && s.is(v-1, "as") && !s.is(v-2, "quoted") {
		// "PAP quoted Baka as saying": the speaker is the one quoted.
		for q := v - 2; q > lo && v-q <= 10; q-- {
			if !s.is(q, "quoted") {
				continue
			}
			if first, ok := s.phraseBack(v-2, q+1); ok && first == q+1 {
				opens := first
				if src, ok := s.phraseBack(q-1, lo); ok {
					opens = src // the clause opens with the quoting source
				}
				return attrib{first: first, last: v - 2, opens: opens, cue: "quoted as saying", end: -1}, true
			}
			break
		}
	}
	if saying && !(s.is(v-1, "as") && s.is(v-2, "quoted")) {
		return attrib{}, false // ", saying ..." has its subject elsewhere
	}
	if passive && !saying || k < lo || s.is(k, "to") {
		return attrib{}, false // "he was told", "declined to say"
	}
	a := attrib{end: -1}
	s.setCue(&a, v)
	// A parenthesis before the verb: "Sen. David Boren (D-Okla.) said".
	if s.p(k, ")") {
		j := k - 1
		for j > lo && k-j < 12 && !s.p(j, "(") && !s.boundary(j) {
			j--
		}
		if !s.p(j, "(") || j <= lo {
			return attrib{}, false
		}
		k = j - 1
	}
	if s.p(k, ",") {
		// An apposition or relative clause between commas: "Abbas, the
		// Palestinian president, said"; "an official, who asked not to be
		// named, said".
		appEnd := k - 1
		comma := -1
		for j := appEnd; j >= lo && appEnd-j <= 24; j-- {
			if s.p(j, ",") {
				comma = j
				break
			}
			if s.boundary(j) {
				break
			}
		}
		if comma < 0 || comma == appEnd {
			return attrib{}, false
		}
		// A noun-phrase apposition is short; a relative clause may be long.
		if appEnd-comma > 10 && !s.flag(comma+1, fStop) {
			return attrib{}, false
		}
		headEnd := comma - 1
		headStart, ok := s.phraseBack(headEnd, lo)
		if !ok || s.flag(headStart, fAdjunct) {
			return attrib{}, false // "Under the plan, Israel will ..., said X"
		}
		a.first, a.last, a.opens = headStart, headEnd, headStart
		// Keep an apposition that reads as a noun phrase ("the Palestinian
		// president", "Israel's army chief"), not a clause ("who asked not to
		// be named", "owned by AMR Corp").
		if _, ok := s.phraseBack(appEnd, comma+1); ok && (s.toks[comma+1].capital || s.flag(comma+1, fDeterminer)) {
			a.last = appEnd
		}
		return a, true
	}
	start, ok := s.phraseBack(k, lo)
	if !ok {
		return attrib{}, false
	}
	a.first, a.last, a.opens = s.skipIntro(start, k), s.dropTime(start, k), start
	return a, true
}

// dropTime drops a day adverbial from the end of the speaker phrase
// [first, last]: "The United States on Thursday" → "The United States".
func (s *scanner) dropTime(first, last int) int {
	if last <= first || !s.flag(last, fTime) {
		return last
	}
	k := last - 1
	if k > first && (s.is(k, "on") || s.is(k, "late") || s.is(k, "early") || s.is(k, "last")) {
		k--
	}
	return k
}

// skipIntro drops an introductory phrase written without a comma from the
// speaker phrase [first, last]: "In a statement Rostenkowski", "Last
// month IBM", "On Tuesday the ministry". The speaker then starts at the
// first capitalised word after a lower-case one, or at a determiner or
// pronoun after the opening words.
func (s *scanner) skipIntro(first, last int) int {
	if !s.flag(first, fAdjunct) {
		return first
	}
	for k := first + 1; k <= last; k++ {
		t := s.toks[k]
		if t.kind != kWord {
			continue
		}
		if t.info != nil && t.info.flags&(fDeterminer|fPronoun) != 0 && k > first+1 {
			return k
		}
		if p := s.toks[k-1]; t.capital && p.kind == kWord && !p.capital {
			return k
		}
	}
	return first
}

// phraseBack walks back over the words of a noun phrase ending at token
// end and returns its first token. It stops at punctuation, clause words
// and lo, and fails on an empty phrase or one of more than ten words.
func (s *scanner) phraseBack(end, lo int) (int, bool) {
	j, words := end, 0
	for j >= lo {
		t := s.toks[j]
		switch t.kind {
		case kWord:
			if t.info != nil && t.info.flags&fStop != 0 {
				return s.nonEmpty(j+1, end, words)
			}
			if t.info != nil && t.info.flags&fJoin != 0 && !s.joins(j, end) {
				return s.nonEmpty(j+1, end, words)
			}
			words++
		case kNum:
			words++
		default:
			if !s.inner(j) {
				return s.nonEmpty(j+1, end, words)
			}
		}
		if words > 10 {
			return 0, false
		}
		j--
	}
	return s.nonEmpty(j+1, end, words)
}

// joins reports whether the "and" or "or" at j joins two parts of one
// speaker phrase ending at end: before a capitalised word ("Britain and
// France") or after a lower-case plural ("analysts and oil industry
// sources"), not "Blinken met Abbas and officials".
func (s *scanner) joins(j, end int) bool {
	if j >= end || j == 0 {
		return false
	}
	if s.toks[j+1].capital {
		return true
	}
	p := s.toks[j-1]
	if p.kind != kWord || p.end-p.start <= 3 || s.text[p.end-1] != 's' {
		return false
	}
	// A capital is a name ("Abbas and officials"), unless the word opens
	// the sentence or clause ("Analysts and ...").
	return !p.capital || j-1 == 0 || s.toks[j-2].kind == kPunct
}

func (s *scanner) nonEmpty(first, end, words int) (int, bool) {
	if words == 0 || first > end || s.toks[first].kind == kPunct && !s.p(first, "<") {
		return 0, false
	}
	return first, true
}

// inner reports whether punctuation token j belongs inside a name: an
// apostrophe or hyphen between letters, the points of "U.S.", "&".
func (s *scanner) inner(j int) bool {
	t := s.toks[j]
	switch s.text[t.start:t.end] {
	case "'", "\u2019":
		if t.space || j == 0 {
			return false
		}
		// "Israel's", or the plural possessive "Data Resources' Wyss".
		p := s.toks[j-1]
		return j+1 < len(s.toks) && !s.toks[j+1].space || p.kind == kWord && s.text[p.end-1] == 's'
	case "-", "&":
		return !t.space && j+1 < len(s.toks) && !s.toks[j+1].space && j > 0
	case ".":
		// "U.S. officials", "Gen. Smith": the point of an abbreviation.
		return !t.stop
	case ">":
		// Newswire ticker brackets: "<Nippon Telegraph and Telephone> said".
		return !t.space
	case "<":
		return j+1 < len(s.toks) && !s.toks[j+1].space
	}
	return false
}

// inverted reads "said Abbas", "said the ministry's spokesman" after the
// verb at v, up to token end.
func (s *scanner) inverted(v, end int) (attrib, bool) {
	switch s.toks[v].info.word {
	case "told", "tells", "tell", "saying":
		return attrib{}, false // "told X": X is the addressee; ", saying X ..."
	}
	first, last := v+1, v
	for k := v + 1; k < end && k-v <= 10; k++ {
		t := s.toks[k]
		if t.kind == kPunct {
			if !s.inner(k) {
				break
			}
			continue
		}
		if t.info != nil && t.info.flags&(fAdjunct|fStop|fVerb) != 0 {
			break
		}
		last = k
	}
	if last < first {
		return attrib{}, false
	}
	return attrib{first: first, last: last, cue: s.toks[v].info.word, end: end}, true
}

// setCue sets the cue of a to the verb at v with an addressee that
// belongs to it ("told reporters"). A cue longer than the verb is kept as
// offsets, so the scanner's tokens never flow into a returned string.
func (s *scanner) setCue(a *attrib, v int) {
	if e := s.cueEnd(v); e > v {
		a.cue, a.cueAt = "", [2]int{s.toks[v].start, s.toks[e].end}
		return
	}
	a.cue = s.toks[v].info.word
}

// cueText returns the cue of a in text.
func (a attrib) cueText(text string) string {
	if a.cue != "" {
		return a.cue
	}
	return text[a.cueAt[0]:a.cueAt[1]]
}

// cueEnd returns the last token of the cue starting with the verb at v:
// the verb itself, or the addressee phrase after "told".
func (s *scanner) cueEnd(v int) int {
	switch s.toks[v].info.word {
	case "told", "tells", "tell":
	default:
		return v
	}
	t := s.word(v + 1)
	if t == nil || t.info == nil {
		return v
	}
	for _, obj := range t.info.objects {
		k := v + 1
		for _, o := range obj {
			if !s.is(k, o) {
				break
			}
			k++
		}
		if k-(v+1) == len(obj) {
			return k - 1
		}
	}
	return v
}

func (s *scanner) word(i int) *token {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kWord {
		return nil
	}
	return &s.toks[i]
}

// according reads "according to the ministry" at token i, up to hi.
func (s *scanner) according(i, hi int) (attrib, bool) {
	if !s.flag(i, fAccording) || !s.is(i+1, "to") {
		return attrib{}, false
	}
	first, last := i+2, i+1
	for k := i + 2; k < hi && k-i <= 12; k++ {
		t := s.toks[k]
		if t.kind == kPunct && !s.inner(k) {
			break
		}
		if t.kind == kWord && t.info != nil && t.info.flags&fStop != 0 {
			break
		}
		last = k
	}
	if last < first {
		return attrib{}, false
	}
	return attrib{first: first, last: last, opens: i, cue: "according to", end: last + 1}, true
}

// attribution finds the speaker of tokens [lo, hi), one sentence.
func (s *scanner) attribution(lo, hi int) (attrib, bool) {
	for i := lo; i+2 < hi; i++ {
		if a, ok := s.according(i, hi); ok {
			return a, true
		}
	}
	for v := lo; v < hi; v++ {
		if !s.flag(v, fVerb) || s.flag(v, fQuoteOnly) {
			continue
		}
		from := lo
		for k := v - 1; k > lo; k-- {
			if s.toks[k].stop {
				from = k + 1
				break
			}
		}
		if a, ok := s.subject(v, from); ok && s.phraseOpens(a.opens, from) &&
			(s.flag(v, fStrong) || s.weakAttributes(v, hi)) {
			return a, true
		}
		// ", said Abbas."
		if s.p(v-1, ",") {
			if a, ok := s.inverted(v, hi); ok && s.tailEnds(a.last+1, hi) {
				return a, true
			}
		}
	}
	return attrib{}, false
}

// phraseOpens reports whether the speaker phrase at first starts the
// sentence or follows a comma, a colon, a dash (the dateline "GAZA, Nov 8
// - Officials said") or a clause word.
func (s *scanner) phraseOpens(first, lo int) bool {
	if first == lo {
		return true
	}
	p := first - 1
	return s.p(p, ",") || s.p(p, ";") || s.p(p, ":") || s.p(p, "\u2014") || s.p(p, "\u2013") ||
		s.p(p, "-") && s.toks[p].space || s.flag(p, fStop)
}

// weakAttributes reports whether a weak speech verb at v attributes: it
// is followed by "that", ":" or ",", or only by adjuncts up to the end.
func (s *scanner) weakAttributes(v, hi int) bool {
	n := v + 1
	if s.toks[v].info.word == "saying" { // "quoted as saying", checked by subject
		return true
	}
	if n >= hi || s.is(n, "that") || s.p(n, ":") || s.p(n, ",") {
		return true
	}
	if s.is(n, "to") {
		return false // "continued to send", "urged to leave"
	}
	return s.tailEnds(n, hi)
}

// tailEnds reports whether tokens [k, hi) are at most a short adjunct
// ("on Tuesday", "in a statement") and a final stop.
func (s *scanner) tailEnds(k, hi int) bool {
	if k < hi && s.toks[k].kind == kWord && !s.flag(k, fAdjunct) {
		return false
	}
	words := 0
	for ; k < hi; k++ {
		t := s.toks[k]
		if t.kind == kPunct && (t.stop || s.p(k, ",")) {
			return true
		}
		if t.kind != kPunct {
			words++
		}
		if words > 8 || s.is(k, "that") {
			return false
		}
	}
	return true
}
