// Package cluster groups the mentions of one real happening into one event.
//
// The rule is explicit so that every merge can be explained and undone.
// Two mentions can belong to the same event only when all of these hold:
//
//  1. the same source actor code and the same target actor code;
//  2. the same CAMEO root (the first two digits of the event code);
//  3. compatible event codes: one code is a prefix of the other ("04" and
//     "042"), or both carry the same PLOVER type;
//  4. the same modality class: "occurred" (asserted, reported, historical),
//     "unrealised" (future, hypothetical) or "negated";
//  5. the same location country when both mentions have a location;
//  6. dates within Options.Window days (1 by default); mentions of unknown
//     date only group with undated mentions of the same article.
//
// Mentions are taken in date order (then id). Each one joins the first
// event, in creation order, whose key (rule 1, 2 and 4) matches, that
// already holds a mention within the date window (rule 6), and whose every
// mention satisfies rules 3 and 5 with it; otherwise it starts a new event.
// Chains are therefore allowed in time (coverage over several days stays
// one event) but never in code or place.
//
// An event takes its fields from its representative mention: the earliest,
// and among the earliest the most specific (longest code, then one with a
// location, then the smallest id). Its location is the representative's,
// else that of the first mention that has one. Its id is a hash of the key
// and the id of its earliest mention, so clustering the same mentions again
// gives the same ids. Counts are of mentions, distinct articles and
// distinct article sources (an article whose outlet is unknown counts as a
// source of its own).
//
// Nothing is lost: the store keeps every mention with its event id and can
// cluster them again under a different rule.
package cluster

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// Options tune the rule.
type Options struct {
	// Window is the largest number of days between a mention and the
	// nearest mention of the event it joins.
	Window int
}

// DefaultOptions returns the rule as documented: a window of one day.
func DefaultOptions() Options { return Options{Window: 1} }

// Modality classes.
const (
	Occurred   = "occurred"
	Unrealised = "unrealised"
	Negated    = "negated"
)

// ModalityClass returns the class of a modality (rule 4). An empty or
// unknown modality counts as asserted.
func ModalityClass(m chronicle.Modality) string {
	switch m {
	case chronicle.Negated:
		return Negated
	case chronicle.Future, chronicle.Hypothetical:
		return Unrealised
	}
	return Occurred
}

// Key is what must be equal for two mentions to share an event.
type Key struct {
	Source, Target, Root, Modality string
}

// KeyOf returns a mention's key.
func KeyOf(m chronicle.Mention) Key {
	return Key{Source: m.Source.Code, Target: m.Target.Code, Root: m.Root, Modality: ModalityClass(m.Modality)}
}

// String formats the key as "SRC>TGT/root/modality".
func (k Key) String() string {
	return k.Source + ">" + k.Target + "/" + k.Root + "/" + k.Modality
}

// CodesCompatible applies rule 3.
func CodesCompatible(a, b chronicle.Mention) bool {
	if strings.HasPrefix(a.Code, b.Code) || strings.HasPrefix(b.Code, a.Code) {
		return true
	}
	return a.PLOVER.Type != "" && a.PLOVER.Type == b.PLOVER.Type
}

// CountriesCompatible applies rule 5.
func CountriesCompatible(a, b chronicle.Mention) bool {
	ca, cb := locCountry(a), locCountry(b)
	return ca == "" || cb == "" || ca == cb
}

func locCountry(m chronicle.Mention) string {
	if m.Location == nil {
		return ""
	}
	return m.Location.Country
}

// daysBetween returns |a-b| in days.
func daysBetween(a, b chronicle.Date) int {
	d := int(a.Time().Sub(b.Time()).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}

// near applies rule 6 to two mentions.
func (o Options) near(a, b chronicle.Mention) bool {
	if a.Date.IsZero() || b.Date.IsZero() {
		return a.Date.IsZero() && b.Date.IsZero() && a.ArticleID == b.ArticleID
	}
	return daysBetween(a.Date, b.Date) <= o.Window
}

// group is an event being built. Besides its members it keeps what the
// rule checks against: the distinct (code, PLOVER type) pairs, the
// location countries, and the latest day of a member.
type group struct {
	key       Key
	members   []chronicle.Mention
	codes     []codePair
	countries []string
	lastDay   int64
	undated   bool // the group holds undated mentions (of one article)
}

type codePair struct{ code, plover string }

// epochDay is a date as days since 1970-01-01.
func epochDay(d chronicle.Date) int64 { return d.Time().Unix() / 86400 }

func (g *group) add(m chronicle.Mention) {
	g.members = append(g.members, m)
	cp := codePair{m.Code, m.PLOVER.Type}
	if !slices.Contains(g.codes, cp) {
		g.codes = append(g.codes, cp)
	}
	if c := locCountry(m); c != "" && !slices.Contains(g.countries, c) {
		g.countries = append(g.countries, c)
	}
	if m.Date.IsZero() {
		g.undated = true
	} else if d := epochDay(m.Date); d > g.lastDay || len(g.members) == 1 {
		g.lastDay = d
	}
}

// accepts reports whether m, taken in date order, may join g: within the
// window of the group's latest mention (the nearest one, since members
// come earlier), and compatible with every member's code and country.
func (o Options) accepts(g *group, m chronicle.Mention) bool {
	if m.Date.IsZero() {
		if !g.undated || g.members[0].ArticleID != m.ArticleID {
			return false
		}
	} else if g.undated || epochDay(m.Date)-g.lastDay > int64(o.Window) {
		return false
	}
	for _, cp := range g.codes {
		if !CodesCompatible(chronicle.Mention{Code: cp.code, PLOVER: chronicle.PLOVER{Type: cp.plover}}, m) {
			return false
		}
	}
	if c := locCountry(m); c != "" {
		for _, x := range g.countries {
			if x != c {
				return false
			}
		}
	}
	return true
}

// byDateID orders mentions by date (unknown first), then id.
func byDateID(a, b chronicle.Mention) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Cluster groups mentions into events under the rule. sourceOf returns
// the source (outlet) of an article, for the source count; it may be nil.
// The events come in order of their first mention; each has its mentions,
// in date order, with EventID set.
func (o Options) Cluster(ms []chronicle.Mention, sourceOf func(articleID string) string) []chronicle.Event {
	sorted := slices.Clone(ms)
	slices.SortStableFunc(sorted, byDateID)
	var groups []*group
	open := map[Key][]*group{}
	for _, m := range sorted {
		k := KeyOf(m)
		var joined bool
		if !m.Date.IsZero() {
			// Mentions come in date order: a group past the window, or
			// of undated mentions, can take no more. Drop it.
			day := epochDay(m.Date)
			live := open[k][:0]
			for _, g := range open[k] {
				if !g.undated && day-g.lastDay <= int64(o.Window) {
					live = append(live, g)
				}
			}
			open[k] = live
		}
		for _, g := range open[k] {
			if o.accepts(g, m) {
				g.add(m)
				joined = true
				break
			}
		}
		if !joined {
			g := &group{key: k}
			g.add(m)
			groups = append(groups, g)
			open[k] = append(open[k], g)
		}
	}
	events := make([]chronicle.Event, len(groups))
	for i, g := range groups {
		events[i] = build(g, sourceOf)
	}
	return events
}

// Cluster groups mentions with the default options.
func Cluster(ms []chronicle.Mention, sourceOf func(articleID string) string) []chronicle.Event {
	return DefaultOptions().Cluster(ms, sourceOf)
}

// EventID returns the id of the event with the given key whose earliest
// mention has the given id.
func EventID(k Key, earliestMention string) string {
	h := sha256.Sum256([]byte(k.String() + "\x00" + earliestMention))
	return "ev_" + hex.EncodeToString(h[:10])
}

// Representative returns the index of the mention an event takes its
// fields from: the earliest, then the longest code, then one with a
// location, then the smallest id.
func Representative(ms []chronicle.Mention) int {
	best := -1
	for i, m := range ms {
		if best < 0 || moreRepresentative(m, ms[best]) {
			best = i
		}
	}
	return best
}

func moreRepresentative(a, b chronicle.Mention) bool {
	if c := a.Date.Compare(b.Date); c != 0 {
		// Unknown dates (zero) sort first but are the least informative.
		if a.Date.IsZero() || b.Date.IsZero() {
			return b.Date.IsZero()
		}
		return c < 0
	}
	if len(a.Code) != len(b.Code) {
		return len(a.Code) > len(b.Code)
	}
	if (a.Location != nil) != (b.Location != nil) {
		return a.Location != nil
	}
	return a.ID < b.ID
}

func build(g *group, sourceOf func(string) string) chronicle.Event {
	ms := g.members
	rep := ms[Representative(ms)]
	e := chronicle.Event{
		ID:        EventID(g.key, ms[0].ID),
		Date:      rep.Date,
		Source:    rep.Source,
		Target:    rep.Target,
		Code:      rep.Code,
		Root:      rep.Root,
		QuadClass: rep.QuadClass,
		Goldstein: rep.Goldstein,
		PLOVER:    rep.PLOVER,
		Modality:  rep.Modality,
		Location:  rep.Location,
	}
	if e.Location == nil {
		for _, m := range ms {
			if m.Location != nil {
				e.Location = m.Location
				break
			}
		}
	}
	articles := map[string]bool{}
	sources := map[string]bool{}
	for i := range ms {
		ms[i].EventID = e.ID
		articles[ms[i].ArticleID] = true
		// An article whose outlet is unknown still comes from some source:
		// it counts as one of its own.
		s := "\x00" + ms[i].ArticleID
		if sourceOf != nil {
			if name := sourceOf(ms[i].ArticleID); name != "" {
				s = name
			}
		}
		sources[s] = true
	}
	e.NumMentions, e.NumArticles, e.NumSources = len(ms), len(articles), len(sources)
	e.Mentions = ms
	return e
}

// Explain says in plain words why the mentions of an event were merged,
// under the default options.
func Explain(e chronicle.Event, ms []chronicle.Mention) string {
	return DefaultOptions().Explain(e, ms)
}

// Explain says in plain words why the mentions of an event were merged:
// the shared key, then each mention in the order the rule took them, with
// the earlier mention that brought it within the date window and how its
// code and place agree with the event's.
func (o Options) Explain(e chronicle.Event, ms []chronicle.Mention) string {
	var b strings.Builder
	sorted := slices.Clone(ms)
	slices.SortStableFunc(sorted, byDateID)
	fmt.Fprintf(&b, "event %s: %d mention(s) in %d article(s) from %d source(s)\n", e.ID, e.NumMentions, e.NumArticles, e.NumSources)
	if len(sorted) == 0 {
		b.WriteString("no mentions are stored for this event\n")
		return b.String()
	}
	k := KeyOf(sorted[0])
	fmt.Fprintf(&b, "shared: source %s, target %s, CAMEO root %s, modality class %s\n",
		orNone(k.Source), orNone(k.Target), orNone(k.Root), k.Modality)
	fmt.Fprintf(&b, "rule: same source, target, root and modality class; codes one a prefix of the other or the same PLOVER type; "+
		"same location country when both are known; dated within %d day(s) of a mention already in the event\n", o.Window)
	rep := sorted[Representative(sorted)]
	for i, m := range sorted {
		fmt.Fprintf(&b, "%d. %s %s code %s", i+1, m.ID, dateOrUnknown(m.Date), orNone(m.Code))
		if m.PLOVER.Type != "" {
			fmt.Fprintf(&b, " (%s)", m.PLOVER.Type)
		}
		fmt.Fprintf(&b, ", article %s sentence %d", m.ArticleID, m.Sentence)
		if c := locCountry(m); c != "" {
			fmt.Fprintf(&b, ", in %s", c)
		}
		var why []string
		if i == 0 {
			why = append(why, "earliest mention: gives the event its id")
		} else {
			if KeyOf(m) != k {
				why = append(why, "DIFFERENT KEY "+KeyOf(m).String())
			}
			link := -1
			for j := range i {
				if o.near(sorted[j], m) {
					link = j
				}
			}
			switch {
			case link < 0:
				why = append(why, "NOT within the date window of an earlier mention")
			case m.Date.IsZero():
				why = append(why, fmt.Sprintf("undated, same article as %s", sorted[link].ID))
			default:
				why = append(why, fmt.Sprintf("%d day(s) from %s", daysBetween(m.Date, sorted[link].Date), sorted[link].ID))
			}
			switch {
			case m.Code == rep.Code:
				why = append(why, "same code as the event")
			case strings.HasPrefix(rep.Code, m.Code) || strings.HasPrefix(m.Code, rep.Code):
				why = append(why, fmt.Sprintf("code %s and %s: one a prefix of the other", orNone(m.Code), orNone(rep.Code)))
			case CodesCompatible(m, rep):
				why = append(why, "same PLOVER type "+m.PLOVER.Type)
			default:
				why = append(why, "code INCOMPATIBLE with "+rep.Code)
			}
			if !CountriesCompatible(m, rep) {
				why = append(why, "country DIFFERS from "+locCountry(rep))
			}
		}
		if m.ID == rep.ID {
			why = append(why, "representative: the event's fields come from it")
		}
		fmt.Fprintf(&b, " — %s\n", strings.Join(why, "; "))
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func dateOrUnknown(d chronicle.Date) string {
	if d.IsZero() {
		return "date unknown"
	}
	return d.String()
}
