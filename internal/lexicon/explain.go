package lexicon

import (
	"fmt"
	"slices"

	"github.com/chronicle-dev/chronicle"
)

// Explanation says which dictionary entries match a run of tokens and
// why each yields the code it does. Build one with Dictionary.Explain.
type Explanation struct {
	Tokens []string
	Date   chronicle.Date // the date codes were resolved for; zero when none
	Actors []ActorMatch
	Agents []AgentMatch
	Verbs  []VerbExplanation
}

// ActorMatch is the longest actor phrase found at a position.
type ActorMatch struct {
	Start, End int // token range
	Actor      *Actor
	Phrase     Phrase // which of the entry's phrases matched
	// Shadowed are other entries that define the same phrase; the first
	// loaded (Actor) wins, so they never code it.
	Shadowed []*Actor
	// Codes are the entry's codes in file order with the reason each does
	// or does not apply on Date; Code is the one that applies ("" none).
	Codes []CodeChoice
	Code  string
}

// CodeChoice is one of an actor's codes judged for a date.
type CodeChoice struct {
	DatedCode
	Applies bool
	Why     string
}

// AgentMatch is the longest agent phrase found at a position, with the
// code it gives alone and combined with the country of the actor just
// before it, if any ("Israeli soldiers": ISR + [~MIL] = ISRMIL).
type AgentMatch struct {
	Start, End int
	Agent      *Agent
	Plural     bool // a plural form matched
	Alone      string
	Country    string // the preceding actor's country part, "" when none
	Combined   string // Agent.Apply(Country) when Country != ""
}

// VerbExplanation is one verb form found at a position.
type VerbExplanation struct {
	VerbMatch
	Family *VerbFamily
	Verb   *Verb
	Form   []string // the matched form's tokens
	// Code and Paired are the default code (the verb's own, else the
	// family's) coded when no pattern of the family matches.
	Code, Paired string
	OwnCode      bool // the verb line carries its own code
}

// Explain finds the actor, agent and verb entries matching tokens
// (normalised, as text.Token.Norm) and resolves actor codes for date
// (zero: only default codes apply). Actors and agents are taken longest
// first, left to right, without overlap within each kind; verbs are
// reported at every token.
func (d *Dictionary) Explain(tokens []string, date chronicle.Date) *Explanation {
	e := &Explanation{Tokens: tokens, Date: date}
	for i := 0; i < len(tokens); {
		a, n := d.LongestActor(tokens, i)
		if a == nil {
			i++
			continue
		}
		m := ActorMatch{Start: i, End: i + n, Actor: a, Phrase: matchedPhrase(a, tokens[i:i+n])}
		m.Codes, m.Code = explainCodes(a, date)
		key := phraseKey(m.Phrase.Words)
		for k := range d.Actors {
			o := &d.Actors[k]
			if o == a {
				continue
			}
			for _, ph := range o.Phrases() {
				if phraseKey(ph.Words) == key {
					m.Shadowed = append(m.Shadowed, o)
					break
				}
			}
		}
		e.Actors = append(e.Actors, m)
		i += n
	}
	for i := 0; i < len(tokens); {
		g, n := d.LongestAgent(tokens, i)
		if g == nil {
			i++
			continue
		}
		m := AgentMatch{Start: i, End: i + n, Agent: g, Alone: g.Apply("")}
		m.Plural = !slices.Equal(g.Phrase.Words, tokens[i:i+n])
		for _, a := range e.Actors {
			if a.End <= i && len(a.Code) >= 3 {
				m.Country = a.Code[:3]
			}
		}
		if m.Country != "" {
			m.Combined = g.Apply(m.Country)
		}
		e.Agents = append(e.Agents, m)
		i += n
	}
	for i := range tokens {
		for _, vm := range d.VerbsAt(tokens, i) {
			v := d.Verb(vm)
			code, paired := d.VerbCode(vm)
			e.Verbs = append(e.Verbs, VerbExplanation{
				VerbMatch: vm, Family: d.VerbFamily(vm), Verb: v, Form: v.Forms[vm.Form],
				Code: code, Paired: paired, OwnCode: v.Code != "",
			})
		}
	}
	return e
}

// matchedPhrase returns the entry's phrase equal to words.
func matchedPhrase(a *Actor, words []string) Phrase {
	for _, ph := range a.Phrases() {
		if slices.Equal(ph.Words, words) {
			return ph
		}
	}
	return a.Primary
}

// explainCodes judges each code of a for date, as CodeEntryAt chooses:
// the first restricted code covering date, else the first default.
func explainCodes(a *Actor, date chronicle.Date) ([]CodeChoice, string) {
	chosen, firstDefault := -1, -1
	for k, c := range a.Codes {
		if c.Restricted() && chosen < 0 && !date.IsZero() && c.Covers(date) {
			chosen = k
		}
		if !c.Restricted() && firstDefault < 0 {
			firstDefault = k
		}
	}
	restrictedWon := chosen >= 0
	if chosen < 0 {
		chosen = firstDefault
	}
	out := make([]CodeChoice, len(a.Codes))
	for k, c := range a.Codes {
		ch := CodeChoice{DatedCode: c, Applies: k == chosen}
		switch {
		case c.Restricted() && date.IsZero():
			ch.Why = fmt.Sprintf("restricted to %s; no date given, so only default codes apply", span(c.From, c.To))
		case c.Restricted() && !c.Covers(date):
			ch.Why = fmt.Sprintf("%s is outside %s", date, span(c.From, c.To))
		case c.Restricted() && k == chosen:
			ch.Why = fmt.Sprintf("%s is within %s, the first restriction covering it", date, span(c.From, c.To))
		case c.Restricted():
			ch.Why = fmt.Sprintf("covers %s too, but %s at line %d comes first", date, a.Codes[chosen].Code, a.Codes[chosen].Pos.Line)
		case k != firstDefault:
			ch.Why = "a second default code; the first default wins"
		case restrictedWon:
			ch.Why = fmt.Sprintf("default code, unused: a restricted code covers %s", date)
		case date.IsZero():
			ch.Why = "default code (no date given)"
		default:
			ch.Why = fmt.Sprintf("default code: no restriction covers %s", date)
		}
		out[k] = ch
	}
	if chosen < 0 {
		return out, ""
	}
	return out, a.Codes[chosen].Code
}
