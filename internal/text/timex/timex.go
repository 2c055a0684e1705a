// Package timex finds temporal expressions in news text and normalises
// them against the article date (the anchor).
//
// It works on raw text with byte offsets and does not depend on the rest
// of the language layer. A hand-written scanner splits the text into
// words, numbers and punctuation once and tries a handful of patterns at
// each word; the names of months and weekdays, number words, cue words and
// the relative phrases live in the embedded file lexicon.txt.
//
// Conventions for Value:
//   - day precision: the day itself;
//   - week precision: the Monday of the week;
//   - month precision: the first day of the month;
//   - year precision: 1 January of the year;
//   - "the weekend": its Saturday, with Until set to its Sunday.
//
// A weekday ("on Wednesday", "Wednesday night") is the latest such day on
// or before the anchor — the news convention for past-tense reports —
// unless the sentence looks forward ("will meet on Wednesday", "next
// Wednesday"), in which case it is the first such day on or after it (after
// it, for "next"). Whether a sentence looks forward or back is read from
// the nearest cue word before the expression, else after it (lexicon.txt:
// "will", "scheduled" against "said", "was" and past-tense "-ed" verbs).
//
// A month and day without a year ("Nov. 8") take the year that puts the
// date nearest to and not after the anchor when the sentence looks back;
// up to six months ahead when it looks forward; up to 60 days ahead when it
// says neither ("Record April 20"); and a date at most a week ahead always
// stays in the anchor's year (datelines in later time zones). A month alone
// ("in March") follows the same rule with two months ahead for no cue;
// "last March", "next March" and "March last year" are explicit. Dates that
// cannot exist ("Feb. 30", "Feb. 29, 2023") are never produced.
//
// Numeric dates are ISO (2023-11-08), 2020/05/09, and 05/09/2020 read
// month first (the United States and GTD convention) unless the first
// number cannot be a month (25/12/2020).
//
// Years are taken after a preposition ("in 2019", "since 1967", "late
// 2019"), before an event noun ("the 1967 war"), as decades ("the 1990s",
// with Until at the decade's end) and in ranges ("from 2019 to 2021").
// Expr.Historical tells the coder an expression lies more than a year
// before the anchor.
//
// Phrases such as "the day before", "the previous day", "a day earlier" and
// "three days later" are relative to a time the story set up, not
// necessarily to the article date. Find resolves them against the anchor
// and marks them Anaphoric with their Shift, so the caller can re-anchor
// them to a date mentioned earlier. When such a phrase is followed by a
// noun phrase ("the day before the vote") it is anchored to that phrase
// and is skipped.
//
// Vague expressions ("in recent days", "recently", "in recent weeks") are
// not reported: they carry no date a caller could use beyond the article
// date itself, and reporting them at a coarse precision would only look
// more exact than the text is.
package timex

import (
	"time"

	"github.com/chronicle-dev/chronicle"
)

// Expr is one temporal expression.
type Expr struct {
	Start, End int    // byte offsets into the text
	Text       string // text[Start:End]
	// Value is the normalised date, zero when the expression is relative
	// and the anchor is unknown.
	Value     chronicle.Date
	Precision chronicle.Precision // day, week, month or year
	// Relative is set when the value depends on the anchor.
	Relative bool
	// Past is set when the whole period lies before the anchor.
	Past bool
	// Until is the last day of a range ("between May 1 and May 3", "the
	// weekend", "from 2019 to 2021"); zero when the expression is not one.
	Until chronicle.Date
	// Anaphoric is set for expressions relative to a time the text set up
	// ("the day before", "two days later"); Value assumes that time is the
	// anchor and Shift counts units of Precision from it.
	Anaphoric bool
	Shift     int
}

// Find returns the temporal expressions of text in order, normalised
// against anchor (the article date). With a zero anchor only absolute
// expressions get a Value.
func Find(text string, anchor chronicle.Date) []Expr {
	var f Finder
	return f.Find(text, anchor)
}

// Finder finds temporal expressions like Find, keeping its working memory
// from one call to the next. A Finder is not safe for concurrent use; the
// zero value is ready.
type Finder struct {
	toks []token
}

// Find returns the temporal expressions of text in order, as the package
// function Find does.
func (f *Finder) Find(text string, anchor chronicle.Date) []Expr {
	lx := lexiconOnce()
	s := scanner{text: text, anchor: anchor, lx: lx}
	if f.toks == nil {
		f.toks = make([]token, 0, len(text)/5+4)
	}
	s.toks = tokenize(text, lx, f.toks[:0])
	defer func() { f.toks = s.toks[:0] }()
	var out []Expr
	for i := 0; i < len(s.toks); {
		if s.toks[i].kind == kPunct {
			i++
			continue
		}
		e, next, ok := s.at(i)
		if !ok {
			i++
			continue
		}
		e.Text = text[e.Start:e.End]
		e.Past = isPast(e, anchor)
		out = append(out, e)
		i = next
	}
	return out
}

type scanner struct {
	text   string
	anchor chronicle.Date
	lx     *lexicon
	toks   []token
}

// at tries every pattern at token i and returns the expression and the
// index of the first token after it.
func (s *scanner) at(i int) (Expr, int, bool) {
	t := &s.toks[i]
	if t.kind == kNum {
		if e, n, ok := s.iso(i); ok {
			return e, n, true
		}
		if e, n, ok := s.slashed(i); ok {
			return e, n, true
		}
		if e, n, ok := s.quantity(i); ok {
			return e, n, true
		}
		if e, n, ok := s.dayFirst(i); ok {
			return e, n, true
		}
		if e, n, ok := s.decade(i); ok {
			return e, n, true
		}
		if e, n, ok := s.year(i, s.prevFlag(i, fPrepYear)); ok {
			return e, n, true
		}
		return s.year(i, s.attributive(i))
	}
	info := t.info
	if info == nil {
		return Expr{}, 0, false
	}
	if len(info.phrases) > 0 {
		if e, n, ok := s.phrase(i); ok {
			return e, n, true
		}
	}
	if info.number > 0 {
		if e, n, ok := s.quantity(i); ok {
			return e, n, true
		}
	}
	if info.flags&fModifier != 0 {
		if e, n, ok := s.modified(i); ok {
			return e, n, true
		}
	}
	if info.flags&(fLast|fNext|fThis) != 0 {
		if e, n, ok := s.directed(i); ok {
			return e, n, true
		}
	}
	if info.weekday > 0 {
		return s.weekday(i, 0, i)
	}
	if info.month > 0 {
		e, next, ok := s.monthFirst(i, false)
		if ok {
			e, next = s.ranged(i, e, next, func(k int) (Expr, int, bool) { return s.monthFirst(k, true) })
		}
		return e, next, ok
	}
	return Expr{}, 0, false
}

// Token helpers.

func (s *scanner) word(i int) *token {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kWord {
		return nil
	}
	return &s.toks[i]
}

func (s *scanner) hasFlag(i int, f uint32) bool {
	t := s.word(i)
	return t != nil && t.info != nil && t.info.flags&f != 0
}

// prevFlag reports whether the word before token i carries flag f.
func (s *scanner) prevFlag(i int, f uint32) bool { return s.hasFlag(i-1, f) }

func (s *scanner) punct(i int, c string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == kPunct && s.text[s.toks[i].start:s.toks[i].end] == c
}

func (s *scanner) isDash(i int) bool {
	return s.punct(i, "-") || s.punct(i, "\u2013") || s.punct(i, "\u2014")
}

// glued reports whether token i follows token i-1 without whitespace.
func (s *scanner) glued(i int) bool { return i < len(s.toks) && !s.toks[i].space }

// numberContinues reports whether the number at i continues as a larger
// number or a measure: "3,000", "2.5", "9:30", "40%".
func (s *scanner) numberContinues(i int) bool {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].space {
		return false
	}
	if s.punct(j, "%") {
		return true
	}
	if s.punct(j, ",") || s.punct(j, ".") || s.punct(j, ":") || s.punct(j, "/") {
		return j+1 < len(s.toks) && s.toks[j+1].kind == kNum && !s.toks[j+1].space
	}
	return false
}

// numberContinuesBack reports whether the number at i is the tail of a
// larger number or an amount: "3,000", "2.5", "$5".
func (s *scanner) numberContinuesBack(i int) bool {
	if i == 0 || s.toks[i].space {
		return false
	}
	p := s.toks[i-1]
	if p.kind == kNum {
		return true
	}
	if p.kind != kPunct {
		return true // "A4", "x2"
	}
	switch s.text[p.start:p.end] {
	case ",", ".", ":", "/", "$", "\u00a3", "\u20ac":
		return true
	}
	return false
}

// dayNum returns the day number at i (1..31) and the index after it and
// any ordinal suffix ("8th").
func (s *scanner) dayNum(i int) (int, int, bool) {
	if i >= len(s.toks) {
		return 0, 0, false
	}
	t := s.toks[i]
	if t.kind != kNum || t.ndig > 2 || t.num < 1 || t.num > 31 || s.numberContinues(i) {
		return 0, 0, false
	}
	next := i + 1
	if w := s.word(next); w != nil && !w.space && w.info != nil && w.info.flags&fOrdinal != 0 {
		next++
	}
	if w := s.word(next); w != nil && !w.space {
		return 0, 0, false // "9am", "3rdx"
	}
	return t.num, next, true
}

// yearNum returns the four-digit year at i.
func (s *scanner) yearNum(i int) (int, bool) {
	if i >= len(s.toks) {
		return 0, false
	}
	t := s.toks[i]
	if t.kind != kNum || t.ndig != 4 || t.num < 1000 || t.num > 2199 || s.numberContinues(i) {
		return 0, false
	}
	if w := s.word(i + 1); w != nil && !w.space {
		return 0, false // "2020s", "1000km"
	}
	return t.num, true
}

// monthAt returns the month named at i and the index after it and a
// following abbreviation point; abbreviations ("Nov.") are reported so the
// caller can insist on a number next to them.
func (s *scanner) monthAt(i int) (m int, next int, abbr, ambiguous bool) {
	t := s.word(i)
	if t == nil || t.info == nil || t.info.month == 0 {
		return 0, 0, false, false
	}
	next = i + 1
	abbr = t.info.flags&fAbbr != 0
	ambiguous = t.info.flags&fAmbiguous != 0
	if abbr && s.punct(next, ".") && s.glued(next) {
		next++
	}
	// Lower case only for an unambiguous name before a day ("feb 26"),
	// never "may 9" or "march 3".
	if !t.capital {
		if _, _, ok := s.dayNum(next); ambiguous || !ok {
			return 0, 0, false, false
		}
	}
	return t.info.month, next, abbr, ambiguous
}

// Patterns.

// iso reads 2023-11-08.
func (s *scanner) iso(i int) (Expr, int, bool) {
	t := s.toks
	if i+4 >= len(t) || t[i].ndig != 4 || !s.punct(i+1, "-") || !s.punct(i+3, "-") {
		return Expr{}, 0, false
	}
	for k := i + 1; k <= i+4; k++ {
		if t[k].space {
			return Expr{}, 0, false
		}
	}
	if t[i+2].kind != kNum || t[i+2].ndig != 2 || t[i+4].kind != kNum || t[i+4].ndig != 2 || s.numberContinues(i+4) || s.numberContinuesBack(i) {
		return Expr{}, 0, false
	}
	d, ok := makeDate(t[i].num, t[i+2].num, t[i+4].num)
	if !ok {
		return Expr{}, 0, false
	}
	return Expr{Start: t[i].start, End: t[i+4].end, Value: d, Precision: chronicle.PrecisionDay}, i + 5, true
}

// slashed reads numeric dates with slashes: 05/09/2020 (month first, the
// United States and GTD convention, unless the first number cannot be a
// month: 25/12/2020) and 2020/05/09.
func (s *scanner) slashed(i int) (Expr, int, bool) {
	t := s.toks
	if i+4 >= len(t) || !s.punct(i+1, "/") || !s.punct(i+3, "/") || s.numberContinuesBack(i) {
		return Expr{}, 0, false
	}
	for k := i + 1; k <= i+4; k++ {
		if t[k].space {
			return Expr{}, 0, false
		}
	}
	if t[i+2].kind != kNum || t[i+4].kind != kNum || t[i+2].ndig > 2 || s.numberContinues(i+4) {
		return Expr{}, 0, false
	}
	a, b, c := t[i].num, t[i+2].num, t[i+4].num
	var y, m, d int
	switch {
	case t[i].ndig == 4 && t[i+4].ndig <= 2:
		y, m, d = a, b, c
	case t[i].ndig <= 2 && t[i+4].ndig == 4:
		y, m, d = c, a, b
		if a > 12 {
			m, d = b, a
		}
	default:
		return Expr{}, 0, false
	}
	v, ok := makeDate(y, m, d)
	if !ok {
		return Expr{}, 0, false
	}
	return Expr{Start: t[i].start, End: t[i+4].end, Value: v, Precision: chronicle.PrecisionDay}, i + 5, true
}

// phrase reads a fixed relative phrase from the lexicon.
func (s *scanner) phrase(i int) (Expr, int, bool) {
	if p := s.word(i - 1); p != nil && p.info != nil && p.info.blockNext&classRel != 0 {
		return Expr{}, 0, false
	}
outer:
	for _, p := range s.toks[i].info.phrases {
		k := i
		for _, w := range p.words {
			t := s.word(k)
			if t == nil || !equalFoldASCII(s.text[t.start:t.end], w) {
				continue outer
			}
			k++
		}
		if n := s.word(k); n != nil && n.info != nil && n.info.blockPrev&classRel != 0 {
			continue
		}
		if p.ref && (s.anchoredElsewhere(k) || s.prepositional(k-1)) {
			continue
		}
		e := Expr{Start: s.toks[i].start, End: s.toks[k-1].end, Relative: true, Anaphoric: p.ref}
		if p.ref {
			e.Shift = p.shift
		}
		if !s.resolveUnit(&e, p.unit, p.shift, i, k) {
			continue
		}
		return e, k, true
	}
	return Expr{}, 0, false
}

// anchoredElsewhere reports whether the token at k opens a noun phrase or
// a date that a phrase like "the day before" is relative to.
func (s *scanner) anchoredElsewhere(k int) bool {
	if k >= len(s.toks) {
		return false
	}
	t := s.toks[k]
	switch t.kind {
	case kNum:
		return true
	case kWord:
		if t.capital {
			return true
		}
		return t.info != nil && t.info.flags&fDeterminer != 0
	}
	return false
}

// prepositional reports whether the phrase ending at token k ends in
// "before" or "after" and goes on with a word that makes that word a
// preposition or conjunction ("a day after he met"), not an adverb ("a
// day before, in Amman").
func (s *scanner) prepositional(k int) bool {
	t := s.word(k)
	if t == nil {
		return false
	}
	w := s.text[t.start:t.end]
	if !equalFoldASCII(w, "before") && !equalFoldASCII(w, "after") {
		return false
	}
	n := s.word(k + 1)
	return n != nil && (n.info == nil || n.info.flags&fDangling == 0)
}

// quantity reads "three days ago", "2 weeks ago", "two days later".
func (s *scanner) quantity(i int) (Expr, int, bool) {
	t := s.toks[i]
	n := 0
	switch {
	case t.kind == kNum && t.ndig <= 3 && t.num > 0:
		if s.numberContinues(i) || s.numberContinuesBack(i) {
			return Expr{}, 0, false
		}
		n = t.num
	case t.kind == kWord && t.info != nil:
		n = t.info.number
	}
	u := s.word(i + 1)
	if n == 0 || u == nil || u.info == nil || u.info.unit == unitNone {
		return Expr{}, 0, false
	}
	d := s.word(i + 2)
	if d == nil || d.info == nil {
		return Expr{}, 0, false
	}
	unit := u.info.unit
	shift := -n
	if unit == unitHour {
		unit, shift = unitDay, 0
	}
	e := Expr{Start: t.start, End: d.end, Relative: true}
	switch {
	case d.info.flags&fAgo != 0:
	case d.info.flags&fEarlier != 0:
		e.Anaphoric = true
	case d.info.flags&fLater != 0:
		e.Anaphoric = true
		shift = -shift
	default:
		return Expr{}, 0, false
	}
	if e.Anaphoric {
		if s.anchoredElsewhere(i+3) || s.prepositional(i+2) {
			return Expr{}, 0, false
		}
		e.Shift = shift
	}
	if !s.resolveUnit(&e, unit, shift, i, i+3) {
		return Expr{}, 0, false
	}
	return e, i + 3, true
}

// modified reads "early Tuesday", "late March", "mid-2019": a modifier
// widens the span of the expression after it.
func (s *scanner) modified(i int) (Expr, int, bool) {
	j := i + 1
	if s.isDash(j) && s.glued(j) {
		j++
	}
	t := s.word(j)
	var (
		e    Expr
		next int
		ok   bool
	)
	switch {
	case j < len(s.toks) && s.toks[j].kind == kNum:
		if e, next, ok = s.decade(j); !ok {
			e, next, ok = s.year(j, true)
		}
	case t == nil || t.info == nil:
		return Expr{}, 0, false
	case t.info.weekday > 0:
		e, next, ok = s.weekday(j, 0, i)
	case t.info.month > 0:
		e, next, ok = s.monthFirst(j, true)
	case t.info.flags&(fLast|fNext|fThis) != 0:
		e, next, ok = s.directed(j)
	}
	if !ok {
		return Expr{}, 0, false
	}
	e.Start = s.toks[i].start
	return e, next, true
}

// directed reads "last Tuesday", "next Tuesday", "this past Sunday",
// "this Tuesday", "last November", "next January".
func (s *scanner) directed(i int) (Expr, int, bool) {
	flags := s.toks[i].info.flags
	j := i + 1
	dir := 0
	switch {
	case flags&fLast != 0:
		dir = -1
	case flags&fNext != 0:
		dir = 1
	}
	if flags&fThis != 0 && s.hasFlag(j, fLast) {
		dir = -1
		j++
	}
	t := s.word(j)
	switch {
	case t == nil || t.info == nil:
		return Expr{}, 0, false
	case t.info.weekday > 0:
		return s.weekday(j, dir, i)
	case t.info.month > 0:
		if dir == 0 {
			dir = 2
		}
		e, next, ok := s.month(j, true, dir)
		if !ok || e.Precision != chronicle.PrecisionMonth {
			return Expr{}, 0, false
		}
		e.Start = s.toks[i].start
		return e, next, true
	}
	return Expr{}, 0, false
}

// weekday reads "Wednesday", "Wednesday night", "Wednesday, Nov. 8";
// dir is -1 for "last", +1 for "next", 0 otherwise; start is the token
// the expression starts at.
func (s *scanner) weekday(i, dir, start int) (Expr, int, bool) {
	t := s.toks[i]
	if !t.capital {
		return Expr{}, 0, false
	}
	info := t.info
	if p := s.word(i - 1); p != nil && p.info != nil && p.info.blockNext&classWeekday != 0 {
		return Expr{}, 0, false
	}
	if n := s.word(i + 1); n != nil && n.info != nil && n.info.blockPrev&classWeekday != 0 {
		return Expr{}, 0, false
	}
	next := i + 1
	if info.flags&fAbbr != 0 {
		// "Wed." only with its point and a date or comma after it.
		if !s.punct(next, ".") || !s.glued(next) {
			return Expr{}, 0, false
		}
		next++
	}
	// "Wednesday, Nov. 8": the date says it all.
	j := next
	if s.punct(j, ",") {
		j++
	}
	if m, _, _, _ := s.monthAt(j); m > 0 {
		if e, n, ok := s.monthFirst(j, true); ok && e.Precision == chronicle.PrecisionDay {
			e.Start = s.toks[start].start
			return e, n, true
		}
	}
	if info.flags&fAbbr != 0 {
		return Expr{}, 0, false
	}
	if w := s.word(next); w != nil && w.info != nil && w.info.flags&fTimeOfDay != 0 {
		next++
	}
	e := Expr{Start: s.toks[start].start, End: s.toks[next-1].end, Precision: chronicle.PrecisionDay, Relative: true}
	if !s.anchor.IsZero() {
		e.Value = resolveWeekday(s.anchor, info.weekday, dir, dir == 0 && s.tense(start, next) > 0)
	}
	return e, next, true
}

// monthFirst reads "May 9", "Nov. 8, 2023", "November 2023", "in March";
// ctx says a modifier or the caller already made the month temporal.
func (s *scanner) monthFirst(i int, ctx bool) (Expr, int, bool) {
	return s.month(i, ctx, 0)
}

// month is monthFirst with a direction: -1 for "last March", +1 for "next
// March", 2 for "this March", 0 for none.
func (s *scanner) month(i int, ctx bool, dir int) (Expr, int, bool) {
	m, next, abbr, ambiguous := s.monthAt(i)
	if m == 0 || s.afterDay(i) {
		return Expr{}, 0, false
	}
	start := s.toks[i].start
	if day, k, ok := s.dayNum(next); ok && !s.numberContinuesBack(next) {
		e := Expr{Start: start, End: s.toks[k-1].end, Precision: chronicle.PrecisionDay}
		m2, d2, k2 := s.rangeEnd(k, m, day, s.rangeOpened(i))
		if k2 > k {
			k = k2
			e.End = s.toks[k-1].end
		}
		y := 0
		j := k
		if s.punct(j, ",") {
			j++
		}
		if yy, ok := s.yearNum(j); ok {
			y, k = yy, j+1
			e.End = s.toks[j].end
		}
		if dir != 0 || !s.setDay(&e, y, m, day, m2, d2, i, k) {
			return Expr{}, 0, false
		}
		return e, k, true
	}
	j := next
	if s.punct(j, ",") {
		j++
	}
	if y, ok := s.yearNum(j); ok && dir == 0 {
		e := Expr{Start: start, End: s.toks[j].end, Precision: chronicle.PrecisionMonth,
			Value: chronicle.Date{Year: y, Month: time.Month(m), Day: 1}}
		return e, j + 1, true
	}
	// "September last year", "March this year", "January next year".
	if dir == 0 && s.word(next) != nil && s.toks[next].info != nil && s.toks[next].info.flags&(fLast|fNext|fThis) != 0 {
		if y := s.word(next + 1); y != nil && y.info != nil && y.info.unit == unitYear && equalFoldASCII(s.text[y.start:y.end], "year") {
			e := Expr{Start: start, End: y.end, Precision: chronicle.PrecisionMonth, Relative: true}
			f := s.toks[next].info.flags
			shift := 0
			switch {
			case f&fLast != 0:
				shift = -1
			case f&fNext != 0:
				shift = 1
			}
			if !s.anchor.IsZero() {
				e.Value = chronicle.Date{Year: s.anchor.Year + shift, Month: time.Month(m), Day: 1}
			}
			return e, next + 2, true
		}
	}
	if abbr {
		return Expr{}, 0, false
	}
	if !ctx && !s.prevFlag(i, fPrepMonth) {
		if ambiguous {
			return Expr{}, 0, false
		}
		// A full unambiguous month name is temporal on its own, unless it
		// is part of a name ("January Jones"): then a capital word follows.
		if w := s.word(i + 1); w != nil && w.capital {
			return Expr{}, 0, false
		}
	}
	e := Expr{Start: start, End: s.toks[next-1].end, Precision: chronicle.PrecisionMonth, Relative: true}
	if !s.anchor.IsZero() {
		y := resolveMonthYear(s.anchor, m, dir, s.tense(i, next))
		e.Value = chronicle.Date{Year: y, Month: time.Month(m), Day: 1}
	}
	return e, next, true
}

// afterDay reports whether a day number comes just before the month at i
// ("29 February", "3rd of March"): the day-first pattern already judged
// that date, so the month alone must not be taken from it.
func (s *scanner) afterDay(i int) bool {
	k := i - 1
	if w := s.word(k); w != nil && equalFoldASCII(s.text[w.start:w.end], "of") {
		k--
	}
	if w := s.word(k); w != nil && w.info != nil && w.info.flags&fOrdinal != 0 && !w.space {
		k--
	}
	return k >= 0 && s.toks[k].kind == kNum && s.toks[k].ndig <= 2
}

// dayFirst reads "9 May 2020", "8th of November", "1-3 May".
func (s *scanner) dayFirst(i int) (Expr, int, bool) {
	e, next, ok := s.dayFirstOne(i)
	if !ok {
		return e, next, ok
	}
	e, next = s.ranged(i, e, next, s.dayFirstOne)
	return e, next, true
}

// ranged extends the day-precision expression e over tokens [i, next)
// into a range when a connector and a second date read by second follow:
// "between 31 May and 1 June 2020", "from May 30, 2020 to June 2, 2020".
// A year written once, at the end, belongs to both ends.
func (s *scanner) ranged(i int, e Expr, next int, second func(int) (Expr, int, bool)) (Expr, int) {
	if e.Precision != chronicle.PrecisionDay || !e.Until.IsZero() {
		return e, next
	}
	if !s.isDash(next) && !(s.rangeOpened(i) && s.hasFlag(next, fRangeTo)) {
		return e, next
	}
	e2, next2, ok := second(next + 1)
	if !ok || !e2.Until.IsZero() || e2.Precision != chronicle.PrecisionDay || e2.Value.IsZero() || e.Value.IsZero() {
		return e, next
	}
	if e.Relative && !e2.Relative {
		y := e2.Value.Year
		if e2.Value.Month < e.Value.Month {
			y--
		}
		v, ok := makeDate(y, int(e.Value.Month), e.Value.Day)
		if !ok {
			return e, next
		}
		e.Value, e.Relative = v, false
	}
	if !e.Value.Before(e2.Value) {
		return e, next
	}
	e.Until, e.End = e2.Value, e2.End
	return e, next2
}

// dayFirstOne reads one day-first date, with a day range inside one month
// ("1-3 May", "between 1 and 3 May").
func (s *scanner) dayFirstOne(i int) (Expr, int, bool) {
	if i >= len(s.toks) || s.numberContinuesBack(i) {
		return Expr{}, 0, false
	}
	day, k, ok := s.dayNum(i)
	if !ok {
		return Expr{}, 0, false
	}
	d2 := 0
	if s.isDash(k) || (s.rangeOpened(i) && s.hasFlag(k, fRangeTo)) {
		if dd, kk, ok := s.dayNum(k + 1); ok && dd > day {
			d2, k = dd, kk
		}
	}
	if w := s.word(k); w != nil && equalFoldASCII(s.text[w.start:w.end], "of") {
		k++
	}
	m, next, _, _ := s.monthAt(k)
	if m == 0 {
		return Expr{}, 0, false
	}
	e := Expr{Start: s.toks[i].start, End: s.toks[next-1].end, Precision: chronicle.PrecisionDay}
	y := 0
	j := next
	if s.punct(j, ",") {
		j++
	}
	if yy, ok := s.yearNum(j); ok {
		y, next = yy, j+1
		e.End = s.toks[j].end
	}
	m2 := 0
	if d2 > 0 {
		m2 = m
	}
	if !s.setDay(&e, y, m, day, m2, d2, i, next) {
		return Expr{}, 0, false
	}
	return e, next, true
}

// rangeOpened reports whether "between" or "from" comes just before the
// token at i.
func (s *scanner) rangeOpened(i int) bool { return s.prevFlag(i, fRangeFrom) }

// rangeEnd reads the end of a day range after a month-first date:
// "May 1-3", "May 1 to May 3" (words only when opened is set). It returns
// the month and day of the end and the index after it, or k itself.
func (s *scanner) rangeEnd(k, m, day int, opened bool) (int, int, int) {
	switch {
	case s.isDash(k):
	case opened && s.hasFlag(k, fRangeTo):
	default:
		return 0, 0, k
	}
	if d2, kk, ok := s.dayNum(k + 1); ok && d2 > day {
		return m, d2, kk
	}
	if m2, next, _, _ := s.monthAt(k + 1); m2 > 0 {
		if d2, kk, ok := s.dayNum(next); ok {
			return m2, d2, kk
		}
	}
	return 0, 0, k
}

// setDay fills a day-precision expression for year y (0 when the text
// gives none), month m and day d, with an optional range end m2/d2, found
// in tokens [from, to). It reports false when the date cannot exist.
func (s *scanner) setDay(e *Expr, y, m, d, m2, d2, from, to int) bool {
	if y == 0 {
		if d > daysIn(2000, m) || (m2 > 0 && d2 > daysIn(2000, m2)) {
			return false
		}
		e.Relative = true
		if s.anchor.IsZero() {
			return true
		}
		var ok bool
		if y, ok = resolveYear(s.anchor, m, d, s.tense(from, to)); !ok {
			return false
		}
	}
	v, ok := makeDate(y, m, d)
	if !ok {
		return false
	}
	e.Value = v
	if m2 > 0 {
		y2 := y
		if m2 < m {
			y2++
		}
		if u, ok := makeDate(y2, m2, d2); ok && v.Before(u) {
			e.Until = u
		}
	}
	return true
}

// year reads "in 2019", "between 2019 and 2021"; ctx says the word before
// makes a bare year temporal.
func (s *scanner) year(i int, ctx bool) (Expr, int, bool) {
	if !ctx || s.numberContinuesBack(i) {
		return Expr{}, 0, false
	}
	y, ok := s.yearNum(i)
	if !ok {
		return Expr{}, 0, false
	}
	e := Expr{Start: s.toks[i].start, End: s.toks[i].end, Precision: chronicle.PrecisionYear,
		Value: chronicle.Date{Year: y, Month: time.January, Day: 1}}
	next := i + 1
	if s.isDash(next) || (s.rangeOpened(i) && s.hasFlag(next, fRangeTo)) {
		if y2, ok := s.yearNum(next + 1); ok && y2 > y {
			e.Until = chronicle.Date{Year: y2, Month: time.December, Day: 31}
			e.End = s.toks[next+1].end
			next += 2
		}
	}
	return e, next, true
}

// attributive reports whether the number at i is a year used before an
// event noun: "the 1967 war", "the 2019 election".
func (s *scanner) attributive(i int) bool {
	k := i - 1
	if s.hasFlag(k, fModifier) {
		k-- // "the early 1980s" is a decade; "the late 2019 protests" still counts
	}
	if t := s.word(k); t == nil || !equalFoldASCII(s.text[t.start:t.end], "the") {
		return false
	}
	return s.hasFlag(i+1, fEventNoun)
}

// decade reads "the 1990s", "in the early 1980s": a year range of ten.
func (s *scanner) decade(i int) (Expr, int, bool) {
	t := s.toks[i]
	w := s.word(i + 1)
	if t.ndig != 4 || t.num%10 != 0 || t.num < 1000 || w == nil || w.space || s.text[w.start:w.end] != "s" || s.numberContinuesBack(i) {
		return Expr{}, 0, false
	}
	k := i - 1
	if s.hasFlag(k, fModifier) {
		k--
	}
	if p := s.word(k); p == nil || !(equalFoldASCII(s.text[p.start:p.end], "the") || p.info != nil && p.info.flags&fPrepYear != 0) {
		return Expr{}, 0, false
	}
	return Expr{Start: t.start, End: w.end, Precision: chronicle.PrecisionYear,
		Value: chronicle.Date{Year: t.num, Month: time.January, Day: 1},
		Until: chronicle.Date{Year: t.num + 9, Month: time.December, Day: 31}}, i + 2, true
}

// tense says whether the sentence around tokens [from, to) looks forward
// (+1: "will meet on ...", "scheduled for ..."), back (-1: "said on ...",
// "was killed on ...", "the contract expired ...") or neither (0). The
// nearest cue before the expression decides; failing that, the nearest
// after it. Past-tense verbs are recognised by the cue list and by a
// lower-case "-ed" ending.
func (s *scanner) tense(from, to int) int {
	for k, n := from-1, 0; k >= 0 && n < 12; k, n = k-1, n+1 {
		if s.toks[k].stop {
			break
		}
		if c := s.cue(k); c != 0 {
			return c
		}
	}
	for k, n := to, 0; k < len(s.toks) && n < 12; k, n = k+1, n+1 {
		if s.toks[k].stop {
			break
		}
		if c := s.cue(k); c != 0 {
			return c
		}
	}
	return 0
}

// cue returns the tense the word at k signals.
func (s *scanner) cue(k int) int {
	t := s.toks[k]
	if t.kind != kWord {
		return 0
	}
	past := false
	if t.info != nil {
		switch {
		case t.info.flags&fFuture != 0:
			return 1
		case t.info.flags&fPast != 0:
			past = true
		}
	}
	if !past && (t.capital || t.end-t.start < 5 || s.text[t.end-2:t.end] != "ed") {
		return 0
	}
	// A participle after "be", "is", "are" ("will be held", "are quoted")
	// says nothing about the time.
	if p := s.word(k - 1); p != nil {
		switch w := s.text[p.start:p.end]; {
		case equalFoldASCII(w, "be"), equalFoldASCII(w, "been"), equalFoldASCII(w, "being"),
			equalFoldASCII(w, "is"), equalFoldASCII(w, "are"):
			return 0
		}
	}
	return -1
}

// resolveUnit sets the value of a relative expression shift units from
// the anchor (for weekends, shift weekends); the expression covers tokens
// [from, to).
func (s *scanner) resolveUnit(e *Expr, unit uint8, shift, from, to int) bool {
	a := s.anchor
	switch unit {
	case unitDay:
		e.Precision = chronicle.PrecisionDay
		if !a.IsZero() {
			e.Value = a.AddDays(shift)
		}
	case unitWeek:
		e.Precision = chronicle.PrecisionWeek
		if !a.IsZero() {
			e.Value = monday(a).AddDays(7 * shift)
		}
	case unitMonth:
		e.Precision = chronicle.PrecisionMonth
		if !a.IsZero() {
			e.Value = chronicle.DateOf(time.Date(a.Year, a.Month+time.Month(shift), 1, 0, 0, 0, 0, time.UTC))
		}
	case unitYear:
		e.Precision = chronicle.PrecisionYear
		if !a.IsZero() {
			e.Value = chronicle.Date{Year: a.Year + shift, Month: time.January, Day: 1}
		}
	case unitWeekend:
		e.Precision = chronicle.PrecisionDay
		if !a.IsZero() {
			e.Value = resolveWeekend(a, shift, s.tense(from, to) > 0)
			e.Until = e.Value.AddDays(1)
		}
	default:
		return false
	}
	return true
}

func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c |= 0x20
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
