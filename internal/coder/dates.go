package coder

import (
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// when is the date of one coded verb and where it came from.
type when struct {
	date       chronicle.Date
	precision  chronicle.Precision
	from       string // "text", "article" or "unknown"
	span       *chronicle.Span
	historical bool
}

// eventDate dates a verb of the sentence. A temporal expression of the
// verb's own clause (one inside a comma insertion only dates the verbs of
// that insertion) gives the date when it is not after the article date;
// an anaphoric one ("the day before") counts from the most recent
// explicit date mentioned before it in the article, else from the
// article date. Without one the article date applies.
func (c *Coder) eventDate(s *sentence, v *verb, date chronicle.Date) when {
	w := when{date: date, from: "article", precision: chronicle.PrecisionDay}
	if date.IsZero() {
		w.from, w.precision = "unknown", ""
	}
	doc := s.doc
	for ti := range doc.Timexes {
		tx := &doc.Timexes[ti]
		if tx.Sentence < s.index {
			continue
		}
		if tx.Sentence > s.index {
			break
		}
		if s.insertAtByte(tx.Start) != v.insert {
			continue
		}
		val := tx.Value
		if tx.Anaphoric {
			val = shiftDate(c.anchorBefore(doc, ti, date), tx.Shift, tx.Precision)
		}
		if val.IsZero() || !date.IsZero() && date.Before(val) {
			continue
		}
		if tx.Historical && s.presentTense(v) {
			// "Rwanda denies the charge, made since 1994": an act in
			// the present tense is not the historical one.
			continue
		}
		w.date, w.precision, w.from = val, tx.Precision, "text"
		if w.precision == "" {
			w.precision = chronicle.PrecisionDay
		}
		w.span = &chronicle.Span{Text: doc.Text[tx.Start:tx.End], Start: tx.Start, End: tx.End}
		w.historical = tx.Historical
		return w
	}
	return w
}

// anchorBefore returns the most recent explicit day-precision date the
// article mentions before its temporal expression ti, in the same
// sentence or the one before it, not after the article date; else the
// article date. A sentence without a date of its own reports in the
// article's time ("Aliyev said in a televised address …"), so a date
// further back no longer anchors "the day before".
func (c *Coder) anchorBefore(doc *text.Doc, ti int, date chronicle.Date) chronicle.Date {
	si := doc.Timexes[ti].Sentence
	for k := ti - 1; k >= 0; k-- {
		tx := &doc.Timexes[k]
		if tx.Sentence < si-1 {
			break
		}
		if tx.Anaphoric || tx.Value.IsZero() || tx.Precision != chronicle.PrecisionDay {
			continue
		}
		if !date.IsZero() && date.Before(tx.Value) {
			continue
		}
		return tx.Value
	}
	return date
}

// shiftDate moves d by n units of precision p, keeping the conventions
// of the language layer: weeks start on Monday, months and years on
// their first day.
func shiftDate(d chronicle.Date, n int, p chronicle.Precision) chronicle.Date {
	if d.IsZero() {
		return d
	}
	t := d.Time()
	switch p {
	case chronicle.PrecisionWeek:
		t = t.AddDate(0, 0, 7*n)
		t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case chronicle.PrecisionMonth:
		t = time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	case chronicle.PrecisionYear:
		t = time.Date(t.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		t = t.AddDate(0, 0, n)
	}
	return chronicle.DateOf(t)
}

// insertAtByte returns the comma insertion holding byte offset off, or
// {-1, -1}.
func (s *sentence) insertAtByte(off int) [2]int {
	for _, in := range s.inserts {
		if in[0] >= in[1] {
			continue
		}
		a := s.doc.Tokens[s.words[in[0]].tok].Start
		b := s.doc.Tokens[s.words[in[1]-1].tok].End
		if off >= a && off < b {
			return in
		}
	}
	return [2]int{-1, -1}
}

// presentTense reports whether a verb is in the simple present tense with no
// auxiliary ("denies", "say").
func (s *sentence) presentTense(v *verb) bool {
	t := s.words[v.m.Head].tag
	return (t == "VBZ" || t == "VBP") && v.grpStart == v.m.Start
}
