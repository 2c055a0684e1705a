package lexicon

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle"
)

// parseActors reads an actors file into p.d.Actors.
//
// An entry is a primary line "PHRASE [CODE]" (code optional), then "+"
// synonym lines and tab-indented "[CODE restriction]" lines in any order;
// "---STOP---" ends the file.
func (p *parser) parseActors(data []byte) error {
	lines := splitLines(data)
	cur := -1 // index of the entry being read
	entries := 0
	for _, ln := range lines {
		if c := ln.text[0]; c != '+' && c != '\t' && c != ' ' {
			entries++
		}
	}
	p.d.Actors = slices.Grow(p.d.Actors, entries)
	for i, ln := range lines {
		if err := p.checkCtx(i); err != nil {
			return err
		}
		t := ln.text
		trim := strings.TrimSpace(t)
		if strings.Contains(trim, "---STOP---") {
			break
		}
		indented := t[0] == ' ' || t[0] == '\t'
		switch {
		case indented && strings.HasPrefix(trim, "["):
			if cur < 0 {
				p.warn(ln.no, "date restriction before any actor; skipped")
				continue
			}
			c, err := p.datedCode(ln.no, trim)
			if err != nil {
				p.warn(ln.no, "%v; line skipped", err)
				continue
			}
			p.d.Actors[cur].Codes = append(p.d.Actors[cur].Codes, c)
		case strings.HasPrefix(trim, "+"):
			if cur < 0 {
				p.warn(ln.no, "synonym before any actor; skipped")
				continue
			}
			before, inside, _, hasCode, _ := bracket(trim[1:])
			ph := phraseOf(before)
			if len(ph.Words) == 0 {
				p.warn(ln.no, "empty synonym; skipped")
				continue
			}
			if hasCode {
				// TABARI allowed a code on a synonym line; PETRARCH uses the
				// entry's codes. Keep it as a default only if the entry has none.
				p.warn(ln.no, "code [%s] on a synonym line ignored", inside)
			}
			p.d.Actors[cur].Synonyms = append(p.d.Actors[cur].Synonyms, ph)
		case indented && trim == "":
			continue
		default:
			if strings.HasPrefix(trim, "<") {
				continue // stray tag
			}
			before, inside, after, hasCode, closed := bracket(trim)
			ph := phraseOf(before)
			if len(ph.Words) == 0 {
				p.warn(ln.no, "actor line without a phrase; skipped")
				cur = -1
				continue
			}
			a := Actor{Primary: ph, Comment: ln.comment, Pos: p.pos(ln.no)}
			// The primary line may carry several codes, TABARI's in-line
			// form: "NAME [AAAGOV 820101-911231] [ELI]".
			for hasCode {
				if !closed {
					p.warn(ln.no, "unclosed code bracket")
				}
				c, err := p.datedCode(ln.no, "["+inside+"]")
				if err != nil {
					p.warn(ln.no, "%v; code ignored", err)
				} else {
					a.Codes = append(a.Codes, c)
				}
				_, inside, after, hasCode, closed = bracket(after)
			}
			p.d.Actors = append(p.d.Actors, a)
			cur = len(p.d.Actors) - 1
		}
	}
	return nil
}

// datedCode parses "[CODE]", "[CODE <DATE]", "[CODE >DATE]" or
// "[CODE DATE-DATE]" (spaces around the dash allowed).
func (p *parser) datedCode(no int, s string) (DatedCode, error) {
	_, inside, _, ok, _ := bracket(s)
	if !ok || inside == "" {
		return DatedCode{}, p.errorf(no, "empty code")
	}
	code, rest, _ := strings.Cut(inside, " ")
	code = strings.TrimSpace(code)
	rest = strings.TrimSpace(rest)
	c := DatedCode{Code: code, Pos: p.pos(no)}
	if code == "" {
		return c, p.errorf(no, "empty code")
	}
	switch {
	case rest == "":
	case rest[0] == '<' || rest[0] == '>':
		d, err := parseDictDate(strings.TrimSpace(rest[1:]))
		if err != nil {
			return c, p.errorf(no, "date restriction %q: %v", rest, err)
		}
		if rest[0] == '<' {
			c.To = d
		} else {
			c.From = d
		}
	case strings.Contains(rest, "-"):
		a, b, _ := strings.Cut(rest, "-")
		from, err := parseDictDate(strings.TrimSpace(a))
		if err != nil {
			return c, p.errorf(no, "date restriction %q: %v", rest, err)
		}
		to, err := parseDictDate(strings.TrimSpace(b))
		if err != nil {
			return c, p.errorf(no, "date restriction %q: %v", rest, err)
		}
		if to.Before(from) {
			return c, p.errorf(no, "date restriction %q ends before it starts", rest)
		}
		c.From, c.To = from, to
	default:
		return c, p.errorf(no, "date restriction %q: want <DATE, >DATE or DATE-DATE", rest)
	}
	return c, nil
}

// parseDictDate reads YYYYMMDD or YYMMDD (00-30 → 20YY, else 19YY, as
// KEDS, TABARI and PETRARCH do).
func parseDictDate(s string) (chronicle.Date, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			s = s[:i]
			break
		}
	}
	var y, m, d int
	switch {
	case len(s) >= 8:
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:8])
	case len(s) == 6:
		y, _ = strconv.Atoi(s[:2])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
		m, _ = strconv.Atoi(s[2:4])
		d, _ = strconv.Atoi(s[4:6])
	default:
		return chronicle.Date{}, errBadDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return chronicle.Date{}, errBadDate
	}
	return chronicle.Date{Year: y, Month: time.Month(m), Day: d}, nil
}

var errBadDate = errorString("want a real day as YYYYMMDD or YYMMDD")

type errorString string

func (e errorString) Error() string { return string(e) }
