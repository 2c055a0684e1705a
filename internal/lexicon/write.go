package lexicon

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// Write prints the entries of one kind of d in PETRARCH-1 syntax. Reading
// the output back gives the same entries (positions and original line
// texts aside): dates are written as YYYYMMDD, agents expanded from
// substitution sets are written one a line with "{}", and synsets are
// written before the verb blocks, sorted by name.
func Write(w io.Writer, d *Dictionary, k Kind) error {
	bw := bufio.NewWriter(w)
	switch k {
	case KindActors:
		writeActors(bw, d)
	case KindAgents:
		writeAgents(bw, d)
	case KindVerbs:
		writeVerbs(bw, d)
	case KindDiscards:
		writeDiscards(bw, d)
	case KindIssues:
		writeIssues(bw, d)
	default:
		return fmt.Errorf("lexicon: write: unknown dictionary kind %q", k)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lexicon: write %s: %w", k, err)
	}
	return nil
}

func writeComment(w *bufio.Writer, c string) {
	if c != "" {
		w.WriteString("  # ")
		w.WriteString(c)
	}
}

func dictDate(d chronicle.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

func writeActors(w *bufio.Writer, d *Dictionary) {
	for i := range d.Actors {
		a := &d.Actors[i]
		w.WriteString(a.Primary.Text)
		writeComment(w, a.Comment)
		w.WriteByte('\n')
		for _, s := range a.Synonyms {
			w.WriteString("+")
			w.WriteString(s.Text)
			w.WriteByte('\n')
		}
		for _, c := range a.Codes {
			w.WriteString("\t[")
			w.WriteString(c.Code)
			switch {
			case !c.From.IsZero() && !c.To.IsZero():
				w.WriteString(" " + dictDate(c.From) + "-" + dictDate(c.To))
			case !c.To.IsZero():
				w.WriteString(" <" + dictDate(c.To))
			case !c.From.IsZero():
				w.WriteString(" >" + dictDate(c.From))
			}
			w.WriteString("]\n")
		}
		w.WriteByte('\n')
	}
}

func writeAgents(w *bufio.Writer, d *Dictionary) {
	for i := range d.Agents {
		g := &d.Agents[i]
		w.WriteString(g.Phrase.Text)
		switch {
		case g.NoPlural:
			w.WriteString(" {}")
		case len(g.Plurals) > 0 && !samePhrases(g.Plurals, regularPlurals(g.Phrase)):
			w.WriteString(" {" + g.Plurals[0].Text + "}")
		}
		if g.Placement == Prefix {
			w.WriteString(" [" + g.Code + "~]")
		} else {
			w.WriteString(" [~" + g.Code + "]")
		}
		writeComment(w, g.Comment)
		w.WriteByte('\n')
	}
}

func samePhrases(a, b []Phrase) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i].Words, b[i].Words) {
			return false
		}
	}
	return true
}

func writeVerbs(w *bufio.Writer, d *Dictionary) {
	names := make([]string, 0, len(d.Verbs.Synsets))
	for n := range d.Verbs.Synsets {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		s := d.Verbs.Synsets[n]
		w.WriteString("&" + s.Name + "\n")
		for k, m := range s.Members {
			w.WriteString("+" + m.Text)
			if k < len(s.NoPlural) && s.NoPlural[k] && !strings.HasPrefix(m.Text, "&") {
				w.WriteByte('_')
			}
			w.WriteByte('\n')
		}
		w.WriteByte('\n')
	}
	for fi := range d.Verbs.Families {
		f := &d.Verbs.Families[fi]
		w.WriteString("--- " + f.Label + " [" + pairedCode(f.Code, f.Paired) + "] ---\n")
		for vi := range f.Verbs {
			v := &f.Verbs[vi]
			w.WriteString(markedVerb(v.Phrase.Words, v.Head))
			if len(v.Irregular) > 0 || len(v.Forms) == 1 {
				w.WriteString(" {")
				for k, irr := range v.Irregular {
					if k > 0 {
						w.WriteByte(' ')
					}
					head := 0
					for j, form := range v.Forms {
						if slices.Equal(form, irr.Words) {
							head = v.FormHeads[j]
							break
						}
					}
					if len(irr.Words) == 1 {
						w.WriteString(strings.ToUpper(irr.Words[0]))
					} else {
						w.WriteString(markedVerb(irr.Words, head))
					}
				}
				w.WriteString("}")
			}
			if v.Code != "" {
				w.WriteString(" [" + pairedCode(v.Code, v.Paired) + "]")
			}
			writeComment(w, v.Comment)
			w.WriteByte('\n')
		}
		for pi := range f.Patterns {
			p := &f.Patterns[pi]
			w.WriteString("- " + PatternString(p))
			writeComment(w, p.Comment)
			w.WriteByte('\n')
		}
		w.WriteByte('\n')
	}
	for _, x := range d.Verbs.Transforms {
		w.WriteString("~ " + strings.Join(x.Left, " ") + " = " + strings.Join(x.Right, " ") + "\n")
	}
}

func pairedCode(code, paired string) string {
	if paired != "" {
		return code + ":" + paired
	}
	return code
}

// markedVerb writes a verb's words joined by "_", marking the inflected
// word with "+" when the verb has more than one word.
func markedVerb(words []string, head int) string {
	var b strings.Builder
	for i, wd := range words {
		if i > 0 && !isClitic(wd) {
			b.WriteByte('_')
		}
		if i == head && len(words) > 1 {
			b.WriteByte('+')
		}
		b.WriteString(strings.ToUpper(wd))
	}
	return b.String()
}

// PatternString prints a pattern in PETRARCH-1 syntax without the leading
// "- ": "PRE_WORDS * POST WORDS [code]". It is the canonical form of the
// pattern (spacing normalised), for explanations.
func PatternString(p *Pattern) string {
	var b strings.Builder
	for _, e := range p.Pre {
		writeElem(&b, e)
		if e.Tight {
			b.WriteByte('_')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('*')
	for _, e := range p.Post {
		if e.Tight {
			b.WriteByte('_')
		} else {
			b.WriteByte(' ')
		}
		writeElem(&b, e)
	}
	b.WriteString(" [" + pairedCode(p.Code, p.Paired) + "]")
	return b.String()
}

func writeElem(b *strings.Builder, e Elem) {
	switch e.Kind {
	case ElemWord:
		b.WriteString(strings.ToUpper(e.Text))
	case ElemSynset:
		b.WriteString("&" + e.Text)
	case ElemSource:
		b.WriteByte('$')
	case ElemTarget:
		b.WriteByte('+')
	case ElemCompound:
		b.WriteByte('%')
	case ElemSkip:
		b.WriteByte('^')
	case ElemVerb:
		b.WriteByte('*')
	case ElemPhrase, ElemPrep:
		open, closeCh := "{", "}"
		if e.Kind == ElemPrep {
			open, closeCh = "(", ")"
		}
		b.WriteString(open)
		if e.Kind == ElemPrep && e.Text != "" {
			b.WriteString(" " + strings.ToUpper(e.Text))
		}
		for _, x := range e.Elems {
			if x.Tight {
				b.WriteByte('_')
			} else {
				b.WriteByte(' ')
			}
			writeElem(b, x)
		}
		b.WriteString(" " + closeCh)
	}
}

func writeDiscards(w *bufio.Writer, d *Dictionary) {
	for i := range d.Discards {
		x := &d.Discards[i]
		if x.Story {
			w.WriteByte('+')
		}
		w.WriteString(x.Phrase.Text)
		if x.Whole {
			w.WriteByte('_')
		}
		writeComment(w, x.Comment)
		w.WriteByte('\n')
	}
}

func writeIssues(w *bufio.Writer, d *Dictionary) {
	cat := ""
	open := false
	for i := range d.Issues {
		is := &d.Issues[i]
		if !open || is.Category != cat {
			if open && cat != "" {
				w.WriteString("</ISSUE>\n\n")
			}
			cat, open = is.Category, true
			if cat != "" {
				w.WriteString("<ISSUE CATEGORY=\"" + cat + "\">\n")
			}
		}
		switch {
		case is.Ignore && is.Story:
			w.WriteString("~~" + tildeSafe(is.Phrase.Text))
		case is.Ignore:
			w.WriteString("~" + tildeSafe(is.Phrase.Text))
		default:
			w.WriteString(is.Phrase.Text + " [" + is.Code + "]")
		}
		writeComment(w, is.Comment)
		w.WriteByte('\n')
	}
	if open && cat != "" {
		w.WriteString("</ISSUE>\n")
	}
}

// tildeSafe keeps an ignore phrase that itself starts with "~" from being
// read back as a story-level "~~" line.
func tildeSafe(s string) string {
	if strings.HasPrefix(s, "~") {
		return " " + s
	}
	return s
}
