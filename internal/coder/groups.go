package coder

import (
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coref"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

// unit is one noun phrase holding dictionary pieces: an actor, an agent,
// or both ("Gondor's foreign minister").
type unit struct {
	start, end int
	base       string // actor code, "" when the phrase has only an agent
	agent      *lexicon.Agent
	entity     string
	former     bool // "former President Obama", "ex-minister"
	link       *coref.Link
}

// code composes the unit's actor and agent. An office title with a
// person coded as an elite at the date ("President Obama", the
// dictionary's ELI outside the tenure it knows) takes the title's role
// instead of ELI, unless the title is a past one ("former President").
func (u unit) code() string {
	base := u.base
	if u.agent != nil && u.former && isOffice(u.agent.Code) {
		// "former President Obama", "a former Gondor minister": an
		// elite, not the office.
		if len(base) < 3 {
			return "---ELI"
		}
		return base[:3] + "ELI"
	}
	if u.agent != nil && !u.former && len(base) == 6 && base[3:] == "ELI" {
		base = base[:3]
	}
	return compose(base, u.agent)
}

// isOffice reports whether an agent code is a public office: government,
// legislature or judiciary.
func isOffice(code string) bool {
	return strings.HasPrefix(code, "GOV") || strings.HasPrefix(code, "LEG") || strings.HasPrefix(code, "JUD")
}

// compose joins an actor code and an agent code: "GON" + "[~GOV]" →
// "GONGOV", "ARN" + "[NGO~]" → "NGOARN". A role the actor code already
// carries is not added twice ("HGWGOVMED" + "GOVMED").
func compose(base string, g *lexicon.Agent) string {
	if g == nil {
		return base
	}
	if base == "" {
		return g.Apply("")
	}
	if g.Placement == lexicon.Prefix {
		if strings.HasPrefix(base, g.Code) {
			return base
		}
		return g.Code + base
	}
	if len(base) > 3 && strings.Contains(base[3:], g.Code) {
		return base
	}
	return base + g.Code
}

// buildGroups turns pieces into units, units into compound groups, and
// applies "agent of country" and adjective forwarding.
func (c *Coder) buildGroups(s *sentence, date chronicle.Date) {
	var units []unit
	for pi := 0; pi < len(s.pieces); pi++ {
		p := s.pieces[pi]
		u := unit{start: p.start, end: p.end}
		c.addPiece(&u, p, date)
		// Pieces of one noun phrase: "Dagolath 's first Deputy Prime
		// Minister Telemar".
		for pi+1 < len(s.pieces) {
			q := s.pieces[pi+1]
			if q.start-u.end > 3 || !s.npGap(u.end, q.start) {
				break
			}
			if q.actor != nil && u.base != "" && u.agent == nil && p.actor != nil && q.start == u.end {
				// Two actors side by side with nothing between them
				// are two phrases unless an agent joins them.
				if q.actor.CodeAt(date) != "" && countryOf(firstCode(q.actor.CodeAt(date))) != countryOf(u.base) {
					break
				}
			}
			c.addPiece(&u, q, date)
			u.end = q.end
			pi++
		}
		if u.base == "" && u.agent == nil {
			continue
		}
		u.former = s.formerBefore(u.start, u.end)
		if u.agent == nil && len(u.base) == 3 && s.ethnic(u) {
			// "ethnic Albanians in Serbia": civilians of an ethnic group,
			// not the country their name comes from; they take the
			// country that follows like any agent.
			u.base, u.agent = "", c.civilians
		}
		units = append(units, u)
	}
	if len(units) == 0 {
		return
	}
	// Compound groups: units joined by "and"/"or" and list commas.
	type link uint8
	const (
		lNone link = iota
		lAnd
		lComma
	)
	links := make([]link, len(units))
	for i := 1; i < len(units); i++ {
		links[i] = lNone
		a, b := units[i-1].end, units[i].start
		hasAnd, ok := false, b > a
		for k := a; k < b; k++ {
			w := s.norms[k]
			switch {
			case w == "and" || w == "or" || w == "&":
				hasAnd = true
			case w == "," || w == "both" || s.cls[k]&clDet != 0 && w != "'s" && w != "'":
			default:
				ok = false
			}
		}
		if ok {
			if hasAnd {
				links[i] = lAnd
			} else {
				links[i] = lComma
			}
		}
	}
	var gu [][]unit
	for i := 0; i < len(units); {
		j := i + 1
		lastAnd := -1
		for j < len(units) && links[j] != lNone {
			if links[j] == lAnd {
				lastAnd = j
			}
			j++
		}
		if lastAnd < 0 {
			j = i + 1
		} else {
			j = lastAnd + 1
		}
		gu = append(gu, units[i:j])
		i = j
	}
	// "the ambassadors of Arnor, Osgiliath and Gondor", "soldiers from
	// Gondor", "lawmakers and officials in Fornost and Gondor": agents
	// take the countries that follow them.
	merged := make([]bool, len(gu))
	for gi := 0; gi+1 < len(gu); gi++ {
		g, h := gu[gi], gu[gi+1]
		last := g[len(g)-1]
		if last.base != "" || last.agent == nil || !allBased(h) || !s.agentPrepGap(last.end, h[0].start) {
			continue
		}
		if g[0].start > 0 && s.possessive(g[0].start-1) {
			// "its troops from Gondor" are the subject's, not Gondor's.
			continue
		}
		var out []unit
		if !allAgents(g) {
			// "Ithilen and the government of Gondor": only the last
			// conjunct is the agent of what follows.
			out = append(out, g[:len(g)-1]...)
			g = g[len(g)-1:]
		}
		for _, a := range g {
			for _, b := range h {
				u := b
				u.agent = a.agent
				u.former = a.former || b.former
				u.start, u.end = a.start, b.end
				if len(h) > 1 || len(g) > 1 {
					// Text of a product member: the agent and the country.
					u.start, u.end = b.start, b.end
				}
				out = append(out, u)
			}
		}
		gu[gi] = out
		merged[gi+1] = true
		gi++
	}
	for gi := 0; gi < len(gu); gi++ {
		if merged[gi] {
			continue
		}
		g := gu[gi]
		start, end := g[0].start, g[len(g)-1].end
		if gi+1 < len(gu) && merged[gi+1] {
			end = gu[gi+1][len(gu[gi+1])-1].end
		}
		// "Danish media and government": the adjective's country goes
		// to the bare agents that follow it in the compound. With a
		// determiner ("the Danish media and government") the phrases are
		// coordinated whole and the adjective stays with the first.
		det := g[0].start > 0 && s.cls[g[0].start-1]&clDet != 0
		if len(g) > 1 && g[0].base != "" && g[0].agent != nil && !det {
			for k := 1; k < len(g); k++ {
				if g[k].base == "" {
					g[k].base = g[0].base
				}
			}
		}
		s.groups = append(s.groups, group{start: start, end: end, members: membersOf(g)})
	}
	for gi, g := range s.groups {
		if g.start >= 0 && g.start < len(s.groupAt) {
			s.groupAt[g.start] = gi
		}
	}
}

func membersOf(us []unit) []member {
	ms := make([]member, len(us))
	for i, u := range us {
		ms[i] = member{code: u.code(), entity: u.entity, start: u.start, end: u.end, link: u.link}
	}
	return ms
}

func allAgents(us []unit) bool {
	for _, u := range us {
		if u.base != "" || u.agent == nil {
			return false
		}
	}
	return true
}

func allBased(us []unit) bool {
	for _, u := range us {
		if u.base == "" {
			return false
		}
	}
	return true
}

// agentPrepGap reports whether words [a, b) are "of", "from" or "in",
// optionally followed by a determiner.
func (s *sentence) agentPrepGap(a, b int) bool {
	// A plural noun may follow an agent noun ("opposition groups in
	// Zimbabwe"); an agent used as an adjective modifies the noun
	// instead ("the civilian toll of Israeli operations").
	if a > 0 && a < b && s.words[a-1].tag != "JJ" && s.words[a].tag == "NNS" && s.pieceAt[a] < 0 && !s.isVerb[a] {
		a++
	}
	if b-a < 1 || b-a > 2 || s.cls[a]&clAgentPrep == 0 {
		return false
	}
	return b-a == 1 || s.cls[a+1]&clDet != 0
}

// npGap reports whether words [a, b) can sit inside one noun phrase
// between two dictionary pieces.
func (s *sentence) npGap(a, b int) bool {
	for k := a; k < b; k++ {
		if s.breaksNP(k) || s.norms[k] == "," {
			return false
		}
		if s.cls[k]&clDet != 0 && s.norms[k] != "'s" && s.norms[k] != "'" {
			// A determiner opens a new noun phrase.
			return false
		}
	}
	return true
}

// addPiece adds an actor or agent piece to a unit.
func (c *Coder) addPiece(u *unit, p piece, date chronicle.Date) {
	if p.link != nil {
		if u.base == "" {
			u.base = p.link.Code
			u.entity = p.link.Entity
			u.link = p.link
		}
		return
	}
	if p.actor != nil {
		code := firstCode(p.actor.CodeAt(date))
		if code == "" {
			return
		}
		if u.base == "" {
			u.base = code
		}
		u.entity = p.actor.Entity()
		return
	}
	if u.agent == nil {
		u.agent = p.agent
	}
}

// firstCode is the first of alternative codes ("ELR/GAL" → "ELR").
func firstCode(code string) string {
	if i := strings.IndexByte(code, '/'); i >= 0 {
		return code[:i]
	}
	return strings.ToUpper(strings.TrimSpace(code))
}

func countryOf(code string) string {
	if len(code) < 3 {
		return code
	}
	return code[:3]
}

// formerBefore reports whether a past-office word ("former", "ex-",
// "ousted") sits in the unit's words [a, b) or right before them, past
// at most one determiner or country word.
func (s *sentence) formerBefore(a, b int) bool {
	lo := max(a-2, 0)
	for k := lo; k < b; k++ {
		if s.cls[k]&clFormer != 0 || strings.HasPrefix(s.norms[k], "ex-") {
			return true
		}
	}
	return false
}

// ethnic reports whether a unit coded as a bare country names an ethnic
// group: "ethnic Albanians".
func (s *sentence) ethnic(u unit) bool {
	return u.start > 0 && s.norms[u.start-1] == "ethnic"
}
