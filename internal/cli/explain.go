package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cluster"
)

// runExplain prints everything Chronicle knows about one stored event:
// what it is and where its date and place came from, every mention with
// its evidence sentence marked up, the dictionary pattern that matched and
// any claim, why the mentions were clustered, and how the clustering would
// come apart under a narrower rule.
func runExplain(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "explain", "EVENT_ID [--db FILE] [--window N] [--json]")
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	window := fs.Int("window", 0, "show how the mentions would be grouped with a date window of `N` days (the undo preview)")
	asJSON := fs.Bool("json", false, "print the event, its mentions and the explanation as JSON")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) != 1 || *window < 0 {
		fs.Usage()
		return ExitUsage
	}
	st, code := openExisting(ctx, env, "explain", *db)
	if st == nil {
		return code
	}
	defer st.Close()
	e, err := st.Event(ctx, pos[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle explain: %v\n", err)
		if errors.Is(err, chronicle.ErrNotFound) {
			return ExitUsage
		}
		return ExitFailure
	}
	why, err := st.ExplainEvent(ctx, e.ID)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle explain: %v\n", err)
		return ExitFailure
	}
	x := explainEvent(e, why, cluster.DefaultOptions(), cluster.Options{Window: *window})
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(x)
	} else {
		err = x.writeText(env.Stdout)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle explain: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

// explanation is what chronicle explain prints.
type explanation struct {
	Event chronicle.Event `json:"event"`
	// Representative is the id of the mention the event's fields come from.
	Representative string `json:"representative"`
	// Marked holds each mention's evidence sentence with the source,
	// verb and target marked, by mention id.
	Marked map[string]string `json:"marked"`
	// Clustering is the clustering rule's own account of the merge.
	Clustering string `json:"clustering"`
	// Rule are the parameters of the rule the store applied.
	Rule cluster.Options `json:"rule"`
	// Undo shows how the same mentions group under the preview rule.
	UndoRule   cluster.Options `json:"undo_rule"`
	UndoEvents [][]string      `json:"undo_events"`
}

func explainEvent(e chronicle.Event, why string, rule, undo cluster.Options) explanation {
	x := explanation{Event: e, Clustering: why, Rule: rule, UndoRule: undo, Marked: map[string]string{}}
	if len(e.Mentions) > 0 {
		x.Representative = e.Mentions[cluster.Representative(e.Mentions)].ID
	}
	outlets := map[string]string{}
	for _, m := range e.Mentions {
		x.Marked[m.ID] = markEvidence(m)
		outlets[m.ArticleID] = m.Outlet
	}
	for _, g := range undo.Cluster(e.Mentions, func(a string) string { return outlets[a] }) {
		ids := make([]string, len(g.Mentions))
		for i, m := range g.Mentions {
			ids[i] = m.ID
		}
		sort.Strings(ids)
		x.UndoEvents = append(x.UndoEvents, ids)
	}
	sort.Slice(x.UndoEvents, func(i, j int) bool { return x.UndoEvents[i][0] < x.UndoEvents[j][0] })
	return x
}

// markEvidence returns the mention's evidence sentence with the source in
// [[S: …]], the verb in <<…>> and the target in [[T: …]], where they lie
// in the sentence (an actor found by coreference in another sentence is
// not marked there).
func markEvidence(m chronicle.Mention) string {
	ev := m.Evidence
	type mark struct {
		start, end int
		open, shut string
	}
	var ms []mark
	add := func(start, end int, open, shut string) {
		if end <= start || start < ev.Start || end > ev.End || end-ev.Start > len(ev.Text) {
			return
		}
		start, end = start-ev.Start, end-ev.Start
		for _, o := range ms {
			if start < o.end && o.start < end {
				return // overlapping marks would nest badly; keep the first
			}
		}
		ms = append(ms, mark{start, end, open, shut})
	}
	add(m.Verb.Start, m.Verb.End, "<<", ">>")
	add(m.Source.Start, m.Source.End, "[[S: ", "]]")
	add(m.Target.Start, m.Target.End, "[[T: ", "]]")
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	var b strings.Builder
	at := 0
	for _, k := range ms {
		b.WriteString(ev.Text[at:k.start])
		b.WriteString(k.open)
		b.WriteString(ev.Text[k.start:k.end])
		b.WriteString(k.shut)
		at = k.end
	}
	b.WriteString(ev.Text[at:])
	return b.String()
}

func actorLine(a chronicle.Actor) string {
	if a.Code == "" && a.Text == "" {
		return "(none)"
	}
	s := orNone(a.Code)
	if a.Text != "" {
		s += fmt.Sprintf(" %q", a.Text)
	}
	if a.Entity != "" && a.Entity != a.Text {
		s += " (" + a.Entity + ")"
	}
	if a.Resolved != nil {
		s += fmt.Sprintf(", resolved from %q at %d-%d", a.Resolved.Text, a.Resolved.Start, a.Resolved.End)
	}
	return s
}

func dateLine(m chronicle.Mention) string {
	if m.Date.IsZero() {
		return "unknown (the article has no date and the sentence none)"
	}
	s := m.Date.String()
	if m.DatePrecision != "" {
		s += " (" + string(m.DatePrecision) + ")"
	}
	switch m.DateFrom {
	case "text":
		s += " from the text"
		if m.DateSpan != nil {
			s += fmt.Sprintf(": %q at %d-%d, resolved against the article date", m.DateSpan.Text, m.DateSpan.Start, m.DateSpan.End)
		}
	case "article":
		s += " from the article date (the sentence names no date)"
	case "":
	default:
		s += " from " + m.DateFrom
		if m.DateSpan != nil {
			s += fmt.Sprintf(": %q at %d-%d", m.DateSpan.Text, m.DateSpan.Start, m.DateSpan.End)
		}
	}
	return s
}

func placeLine(l *chronicle.Location) string {
	if l == nil {
		return "unknown (no place resolved for the event)"
	}
	s := l.Name
	if l.Admin1 != "" && l.Admin1 != l.Name {
		s += ", " + l.Admin1
	}
	s += fmt.Sprintf(", %s (%.4f, %.4f), precision %s", l.Country, l.Lat, l.Lon, orNone(string(l.Precision)))
	if l.GeonameID != 0 {
		s += fmt.Sprintf(", GeoNames %d", l.GeonameID)
	}
	if l.Evidence != nil {
		s += fmt.Sprintf("; evidence %q at %d-%d", l.Evidence.Text, l.Evidence.Start, l.Evidence.End)
	}
	return s
}

func (x explanation) writeText(w io.Writer) error {
	var b strings.Builder
	e := x.Event
	var rep *chronicle.Mention
	for i := range e.Mentions {
		if e.Mentions[i].ID == x.Representative {
			rep = &e.Mentions[i]
		}
	}
	fmt.Fprintf(&b, "event %s\n", e.ID)
	fmt.Fprintf(&b, "  code      %s (root %s), PLOVER %s", orNone(e.Code), orNone(e.Root), orNone(e.PLOVER.Type))
	if e.PLOVER.Mode != "" {
		fmt.Fprintf(&b, " mode %s", e.PLOVER.Mode)
	}
	fmt.Fprintf(&b, ", quad class %d, Goldstein %.1f\n", e.QuadClass, e.Goldstein)
	fmt.Fprintf(&b, "  source    %s\n  target    %s\n", actorLine(e.Source), actorLine(e.Target))
	fmt.Fprintf(&b, "  modality  %s\n", orNone(string(e.Modality)))
	if rep != nil {
		fmt.Fprintf(&b, "  date      %s\n", dateLine(*rep))
		loc := e.Location
		if rep.Location != nil && e.Location != nil && rep.Location.Name == e.Location.Name {
			loc = rep.Location // the mention's copy carries the evidence
		}
		fmt.Fprintf(&b, "  place     %s\n", placeLine(loc))
		fmt.Fprintf(&b, "  fields from mention %s (the representative)\n", rep.ID)
	} else {
		fmt.Fprintf(&b, "  date      %s\n  place     %s\n", e.Date, placeLine(e.Location))
	}
	fmt.Fprintf(&b, "  counts    %d mention(s), %d article(s), %d source(s); tone %.2f\n", e.NumMentions, e.NumArticles, e.NumSources, e.Tone)

	fmt.Fprintf(&b, "\nmentions (source [[S: ]], verb << >>, target [[T: ]]):\n")
	for i, m := range e.Mentions {
		fmt.Fprintf(&b, "\n%d. %s — article %s sentence %d", i+1, m.ID, m.ArticleID, m.Sentence)
		if m.Outlet != "" {
			fmt.Fprintf(&b, " (%s)", m.Outlet)
		}
		if m.URL != "" {
			fmt.Fprintf(&b, " %s", m.URL)
		}
		fmt.Fprintf(&b, "\n   %s\n", x.Marked[m.ID])
		fmt.Fprintf(&b, "   code %s PLOVER %s, modality %s; source %s; target %s\n", orNone(m.Code), orNone(m.PLOVER.Type),
			orNone(string(m.Modality)), actorLine(m.Source), actorLine(m.Target))
		fmt.Fprintf(&b, "   verb %q at %d-%d; pattern %s\n", m.Verb.Text, m.Verb.Start, m.Verb.End, orNone(m.Pattern))
		fmt.Fprintf(&b, "   date %s\n   place %s\n", dateLine(m), placeLine(m.Location))
		if c := m.Claim; c != nil {
			fmt.Fprintf(&b, "   claim: %s %s %q", actorLine(c.Speaker), c.Verb.Text, c.Content.Text)
			if c.Addressee != nil {
				fmt.Fprintf(&b, " to %s", actorLine(*c.Addressee))
			}
			fmt.Fprintf(&b, ", stance %s\n", orNone(c.Stance))
		}
		if len(m.Issues) > 0 {
			fmt.Fprintf(&b, "   issues %s\n", strings.Join(m.Issues, ", "))
		}
		if m.CoderVersion != "" {
			fmt.Fprintf(&b, "   coded by %s\n", m.CoderVersion)
		}
	}

	fmt.Fprintf(&b, "\nwhy these mentions are one event:\n%s", x.Clustering)

	fmt.Fprintf(&b, "\nhow to undo it:\n")
	fmt.Fprintf(&b, "  the rule's parameters: date window %d day(s); same source, target, CAMEO root and modality class;\n", x.Rule.Window)
	fmt.Fprintf(&b, "  codes one a prefix of the other or the same PLOVER type; same location country when both are known.\n")
	fmt.Fprintf(&b, "  Every mention is stored as coded; clustering only assigns event ids, so reclustering the store\n")
	fmt.Fprintf(&b, "  under other options (store.Recluster) regroups them and reclustering with window %d restores this.\n", x.Rule.Window)
	fmt.Fprintf(&b, "  With a date window of %d day(s) (--window) these mentions would form %d event(s):\n", x.UndoRule.Window, len(x.UndoEvents))
	for i, ids := range x.UndoEvents {
		fmt.Fprintf(&b, "    %d. %s\n", i+1, strings.Join(ids, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
