package lexicon

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"

	"github.com/chronicle-dev/chronicle"
)

// Severity grades a lint finding.
type Severity string

// Finding severities. An error changes what a coder produces in a way the
// author cannot have meant (a phrase that codes two ways, a code no table
// knows); a warning is dead or redundant text, or something a reader of
// the file should look at.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Lint checks (Finding.Check).
const (
	CheckDuplicate = "duplicate" // the same phrase, verb or pattern defined twice alike
	CheckConflict  = "conflict"  // the same phrase, verb or pattern defined twice with different codes
	CheckCode      = "code"      // an actor, agent or event code the CAMEO tables do not know
	CheckTenure    = "tenure"    // overlapping date-restricted codes of one actor
	CheckDate      = "date"      // a malformed date restriction (reported by the loader)
	CheckLoader    = "loader"    // another line the loader skipped or repaired
)

// Finding is one problem lint found, located by file and line.
type Finding struct {
	Pos      Pos      `json:"-"`
	Severity Severity `json:"severity"`
	Check    string   `json:"check"`
	Message  string   `json:"message"`
}

// String formats the finding as "file:line: severity: message".
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Pos, f.Severity, f.Message)
}

// Lint checks a loaded dictionary: phrases, verbs and patterns defined
// twice (duplicates when alike, conflicts when they code differently),
// codes the CAMEO tables do not know, and overlapping tenures (two
// periods of one actor with different codes, or an ELI period inside an
// office period). Loader warnings are not in the Dictionary; collect them
// with a WarningCollector passed to the loader. Findings are sorted by
// file and line.
func Lint(d *Dictionary, book *CodeBook) []Finding {
	l := &linter{d: d, book: book}
	l.actors()
	l.agents()
	l.verbs()
	l.discardsAndIssues()
	SortFindings(l.out)
	return l.out
}

// SortFindings orders findings by file, line, severity (errors first)
// and message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			strings.Compare(string(a.Severity), string(b.Severity)),
			strings.Compare(a.Message, b.Message),
		)
	})
}

type linter struct {
	d    *Dictionary
	book *CodeBook
	out  []Finding
}

func (l *linter) add(pos Pos, sev Severity, check, format string, args ...any) {
	l.out = append(l.out, Finding{Pos: pos, Severity: sev, Check: check, Message: fmt.Sprintf(format, args...)})
}

func phraseKey(words []string) string { return strings.Join(words, " ") }

func (l *linter) actors() {
	first := make(map[string]int, 3*len(l.d.Actors)) // phrase → actor index
	for i := range l.d.Actors {
		a := &l.d.Actors[i]
		for _, ph := range a.Phrases() {
			key := phraseKey(ph.Words)
			j, seen := first[key]
			switch {
			case !seen:
				first[key] = i
			case j == i:
				l.add(a.Pos, SevWarning, CheckDuplicate, "phrase %s is listed twice in the entry %s", ph.Text, a.Primary.Text)
			default:
				b := &l.d.Actors[j]
				if d, ca, cb, differ := firstDifference(b, a); differ {
					l.add(a.Pos, SevError, CheckConflict, "phrase %s codes %s here but %s in %s at %s, which wins (%s)",
						ph.Text, orNone(cb), orNone(ca), b.Primary.Text, b.Pos, dateWord(d))
				} else {
					l.add(a.Pos, SevWarning, CheckDuplicate, "phrase %s is already defined with the same codes by %s at %s; this one is never used",
						ph.Text, b.Primary.Text, b.Pos)
				}
			}
		}
		if len(a.Codes) == 0 {
			l.add(a.Pos, SevWarning, CheckCode, "actor %s has no code", a.Primary.Text)
		}
		for _, c := range a.Codes {
			errs, warns := l.book.ActorCodeProblems(c.Code)
			for _, e := range errs {
				l.add(c.Pos, SevError, CheckCode, "%s", e)
			}
			for _, w := range warns {
				l.add(c.Pos, SevWarning, CheckCode, "%s", w)
			}
		}
		l.tenures(a)
	}
}

func orNone(code string) string {
	if code == "" {
		return "nothing"
	}
	return code
}

func dateWord(d chronicle.Date) string {
	if d.IsZero() {
		return "on an undated sentence"
	}
	return "on " + d.String()
}

// firstDifference reports the earliest date (the zero date first) on
// which two actors code differently, and their codes then.
func firstDifference(a, b *Actor) (chronicle.Date, string, string, bool) {
	dates := []chronicle.Date{{}}
	for _, x := range [2]*Actor{a, b} {
		for _, c := range x.Codes {
			for _, d := range []chronicle.Date{c.From, c.To} {
				if !d.IsZero() {
					dates = append(dates, d.AddDays(-1), d, d.AddDays(1))
				}
			}
		}
	}
	slices.SortFunc(dates, func(x, y chronicle.Date) int { return x.Compare(y) })
	for _, d := range dates {
		if ca, cb := a.CodeAt(d), b.CodeAt(d); ca != cb {
			return d, ca, cb, true
		}
	}
	return chronicle.Date{}, "", "", false
}

// overlap returns the first and last day two restricted codes share;
// ok is false when they share none. A zero bound is open.
func overlap(a, b DatedCode) (lo, hi chronicle.Date, ok bool) {
	lo, hi = a.From, a.To
	if lo.IsZero() || (!b.From.IsZero() && lo.Before(b.From)) {
		lo = b.From
	}
	if hi.IsZero() || (!b.To.IsZero() && b.To.Before(hi)) {
		hi = b.To
	}
	if !lo.IsZero() && !hi.IsZero() && hi.Before(lo) {
		return lo, hi, false
	}
	return lo, hi, true
}

// overlapDays is the number of days in [lo, hi], or -1 when a bound is
// open.
func overlapDays(lo, hi chronicle.Date) int {
	if lo.IsZero() || hi.IsZero() {
		return -1
	}
	return int(hi.Time().Sub(lo.Time()).Hours()/24) + 1
}

func span(lo, hi chronicle.Date) string {
	f := func(d chronicle.Date, open string) string {
		if d.IsZero() {
			return open
		}
		return d.String()
	}
	return f(lo, "always") + ".." + f(hi, "now")
}

func isELI(code string) bool { return strings.HasSuffix(code, "ELI") }

// tenures checks the date-restricted codes of one actor against each
// other. Two periods may share their boundary day (the handover; the one
// listed first wins it); a longer overlap is reported.
func (l *linter) tenures(a *Actor) {
	for i := range a.Codes {
		ci := a.Codes[i]
		if !ci.Restricted() {
			continue
		}
		for j := i + 1; j < len(a.Codes); j++ {
			cj := a.Codes[j]
			if !cj.Restricted() {
				continue
			}
			lo, hi, ok := overlap(ci, cj)
			if !ok {
				continue
			}
			n := overlapDays(lo, hi)
			eliI, eliJ := isELI(ci.Code), isELI(cj.Code)
			if n == 1 {
				if eliI && !eliJ {
					l.add(cj.Pos, SevWarning, CheckTenure, "%s: on the handover day %s the %s code at line %d wins over %s because it is listed first",
						a.Primary.Text, lo, ci.Code, ci.Pos.Line, cj.Code)
				}
				continue
			}
			days := fmt.Sprintf("%d days", n)
			if n < 0 {
				days = "an open-ended span"
			}
			switch {
			case eliI != eliJ:
				l.add(cj.Pos, SevError, CheckTenure, "%s: ELI period overlaps the office period %s (line %d) on %s (%s); %s wins there",
					a.Primary.Text, officeCode(ci, cj), ci.Pos.Line, span(lo, hi), days, ci.Code)
			case ci.Code == cj.Code:
				l.add(cj.Pos, SevWarning, CheckTenure, "%s: two %s periods overlap on %s (%s)", a.Primary.Text, ci.Code, span(lo, hi), days)
			default:
				l.add(cj.Pos, SevError, CheckTenure, "%s: %s period overlaps the %s period (line %d) on %s (%s); %s wins there",
					a.Primary.Text, cj.Code, ci.Code, ci.Pos.Line, span(lo, hi), days, ci.Code)
			}
		}
	}
}

func officeCode(a, b DatedCode) string {
	if isELI(a.Code) {
		return b.Code
	}
	return a.Code
}

type agentRef struct{ i int }

func (l *linter) agents() {
	first := make(map[string]agentRef, 2*len(l.d.Agents))
	for i := range l.d.Agents {
		g := &l.d.Agents[i]
		for k, ph := range append([]Phrase{g.Phrase}, g.Plurals...) {
			key := phraseKey(ph.Words)
			r, seen := first[key]
			if !seen {
				first[key] = agentRef{i}
				continue
			}
			if r.i == i {
				continue // a plural equal to the phrase
			}
			o := &l.d.Agents[r.i]
			what := "phrase"
			if k > 0 {
				what = "plural"
			}
			if o.Code == g.Code && o.Placement == g.Placement {
				if o.Pos != g.Pos { // one substitution-set line may yield a phrase twice
					l.add(g.Pos, SevWarning, CheckDuplicate, "agent %s %s is already defined alike at %s", what, ph.Text, o.Pos)
				}
				continue
			}
			l.add(g.Pos, SevError, CheckConflict, "agent %s %s codes %s here but %s at %s, which wins",
				what, ph.Text, agentCode(g), agentCode(o), o.Pos)
		}
		for _, e := range l.book.AgentCodeProblems(g.Code) {
			l.add(g.Pos, SevError, CheckCode, "%s", e)
		}
	}
}

func agentCode(g *Agent) string {
	if g.Placement == Prefix {
		return "[" + g.Code + "~]"
	}
	return "[~" + g.Code + "]"
}

func (l *linter) event(pos Pos, codes ...string) {
	for _, c := range codes {
		if sev, msg := l.book.EventCodeProblem(c); sev != "" {
			l.add(pos, sev, CheckCode, "%s", msg)
		}
	}
}

type verbRefLint struct{ fam, verb int }

func (l *linter) verbs() {
	first := map[string]verbRefLint{}
	fams := l.d.Verbs.Families
	for fi := range fams {
		f := &fams[fi]
		l.event(f.Pos, f.Code, f.Paired)
		for vi := range f.Verbs {
			v := &f.Verbs[vi]
			l.event(v.Pos, v.Code, v.Paired)
			key := phraseKey(v.Phrase.Words)
			r, seen := first[key]
			if !seen {
				first[key] = verbRefLint{fi, vi}
				continue
			}
			of := &fams[r.fam]
			ov := &of.Verbs[r.verb]
			if r.fam == fi {
				l.add(v.Pos, SevWarning, CheckDuplicate, "verb %s is listed twice in %s (first at line %d)", v.Phrase.Text, f.Label, ov.Pos.Line)
				continue
			}
			code, ocode := effCode(f, v), effCode(of, ov)
			if code == ocode {
				l.add(v.Pos, SevWarning, CheckDuplicate, "verb %s is in %s and, first, in %s at %s (both [%s])", v.Phrase.Text, f.Label, of.Label, ov.Pos, code)
			} else {
				l.add(v.Pos, SevError, CheckConflict, "verb %s is in %s [%s] and, first, in %s [%s] at %s", v.Phrase.Text, f.Label, code, of.Label, ocode, ov.Pos)
			}
		}
		seen := map[string]*Pattern{}
		for pi := range f.Patterns {
			p := &f.Patterns[pi]
			l.event(p.Pos, p.Code, p.Paired)
			s := PatternString(p)
			key := s[:strings.LastIndex(s, " [")]
			o, dup := seen[key]
			if !dup {
				seen[key] = p
				continue
			}
			if o.Code == p.Code && o.Paired == p.Paired {
				l.add(p.Pos, SevWarning, CheckDuplicate, "pattern %s repeats line %d of %s", key, o.Pos.Line, f.Label)
			} else {
				l.add(p.Pos, SevError, CheckConflict, "pattern %s codes [%s] here but [%s] at line %d, which is tried first",
					key, pairedCode(p.Code, p.Paired), pairedCode(o.Code, o.Paired), o.Pos.Line)
			}
		}
	}
}

// effCode is the code a verb codes when no pattern matches.
func effCode(f *VerbFamily, v *Verb) string {
	if v.Code != "" {
		return pairedCode(v.Code, v.Paired)
	}
	return pairedCode(f.Code, f.Paired)
}

func (l *linter) discardsAndIssues() {
	seen := map[string]Pos{}
	for _, x := range l.d.Discards {
		key := fmt.Sprintf("%s|%t|%t", phraseKey(x.Phrase.Words), x.Story, x.Whole)
		if p, dup := seen[key]; dup {
			l.add(x.Pos, SevWarning, CheckDuplicate, "discard %s repeats %s", x.Phrase.Text, p)
			continue
		}
		seen[key] = x.Pos
	}
	clear(seen)
	for _, is := range l.d.Issues {
		key := fmt.Sprintf("%s|%s|%s|%t|%t", is.Phrase.Text, is.Code, is.Category, is.Ignore, is.Story)
		if p, dup := seen[key]; dup {
			l.add(is.Pos, SevWarning, CheckDuplicate, "issue line %s repeats %s", is.Phrase.Text, p)
			continue
		}
		seen[key] = is.Pos
	}
}

// WarningCollector records the warnings a loader logs as findings. Pass
// its Logger in Options; it is safe for the concurrent loaders.
type WarningCollector struct {
	mu  sync.Mutex
	out []Finding
}

// Logger returns a logger whose warnings (and worse) the collector keeps.
func (c *WarningCollector) Logger() *slog.Logger { return slog.New(collectHandler{c: c}) }

// Findings returns the collected warnings as findings, sorted: malformed
// date restrictions are errors (check "date"), other skipped or repaired
// lines warnings (check "loader").
func (c *WarningCollector) Findings() []Finding {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Clone(c.out)
	SortFindings(out)
	return out
}

type collectHandler struct {
	c     *WarningCollector
	attrs []slog.Attr
}

func (h collectHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (h collectHandler) Handle(_ context.Context, r slog.Record) error {
	f := Finding{Severity: SevWarning, Check: CheckLoader, Message: strings.TrimPrefix(r.Message, "lexicon: ")}
	var extra []string
	visit := func(a slog.Attr) bool {
		switch a.Key {
		case "file":
			f.Pos.File = a.Value.String()
		case "line":
			if a.Value.Kind() == slog.KindInt64 {
				f.Pos.Line = int(a.Value.Int64())
			}
		default:
			extra = append(extra, a.Key+"="+a.Value.String())
		}
		return true
	}
	for _, a := range h.attrs {
		visit(a)
	}
	r.Attrs(visit)
	// Parser errors repeat "lexicon FILE:LINE: " and the sentinel.
	if f.Pos.File != "" {
		f.Message = strings.Replace(f.Message, fmt.Sprintf("lexicon %s:%d: ", f.Pos.File, f.Pos.Line), "", 1)
	}
	f.Message = strings.Replace(f.Message, ": "+ErrSyntax.Error(), "", 1)
	if len(extra) > 0 {
		f.Message += " (" + strings.Join(extra, ", ") + ")"
	}
	if strings.Contains(f.Message, "date restriction") {
		f.Severity, f.Check = SevError, CheckDate
	}
	h.c.mu.Lock()
	h.c.out = append(h.c.out, f)
	h.c.mu.Unlock()
	return nil
}

func (h collectHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return collectHandler{c: h.c, attrs: append(slices.Clone(h.attrs), as...)}
}

func (h collectHandler) WithGroup(string) slog.Handler { return h }
