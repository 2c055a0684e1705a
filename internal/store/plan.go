package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// Event queries choose their own access path. SQLite's planner, given the
// statistics of a table whose filter columns have few distinct values,
// prefers skip-scans that read most of an index; on a million events that
// costs seconds. Instead the store estimates how many events each filter
// condition matches (a count through its index, stopped at a cap) and
// drives the query by the most selective one: that index alone (SQLite's
// INDEXED BY), every other condition evaluated on the rows it yields (its
// columns written +col, which keeps SQLite from using their indexes).
// Listings with no selective condition walk the date index newest first and
// stop after one page. This part is SQLite-specific; a PostgreSQL store
// would leave the choice to its planner.

// term is one condition of an event filter. Columns in cond are written
// "@e.col"; rendering replaces "@" with "" (index usable) or "+" (not).
type term struct {
	cond string
	args []any
	// index drives a query by this term alone ("" when it cannot, or
	// when several indexes serve it together: or).
	index string
	or    bool
	// branches, for an or term, are its parts each served by one index;
	// aggregates run once per branch, each branch excluding the rows of
	// the branches before it, and add up the results.
	branches []term
	// counts estimate the matches: each a query returning a count.
	counts []countQuery
	date   bool // the date range term
	// plain, when set, replaces the rendering without indexes.
	plain string
}

type countQuery struct {
	sql  string
	args []any
}

func (t term) render(indexed bool) string {
	switch {
	case indexed:
		return strings.ReplaceAll(t.cond, "@", "")
	case t.plain != "":
		return t.plain
	}
	return strings.ReplaceAll(t.cond, "@", "+")
}

// capped counts the rows of an index matching cond, up to limit.
func capped(index, cond string, args []any, limit int) countQuery {
	return countQuery{
		sql:  `SELECT COUNT(*) FROM (SELECT 1 FROM events e INDEXED BY ` + index + ` WHERE ` + strings.ReplaceAll(cond, "@", "") + ` LIMIT ?)`,
		args: append(append([]any{}, args...), limit),
	}
}

// prefixTerm is a code-prefix condition on col, served by index.
func prefixTerm(col, index, p string, limit int) term {
	c, a := prefixRange("@"+col, p)
	return term{cond: c, args: a, index: index, counts: []countQuery{capped(index, c, a, limit)}}
}

// eventTerms turns a filter into terms; limit caps the estimates.
func eventTerms(f chronicle.EventFilter, limit int) []term {
	var ts []term
	if p := strings.ToUpper(strings.TrimSpace(f.Actor)); p != "" {
		s := prefixTerm("e.src_code", "events_src", p, limit)
		t := prefixTerm("e.tgt_code", "events_tgt", p, limit)
		ts = append(ts, term{cond: "(" + s.cond + " OR " + t.cond + ")", args: append(append([]any{}, s.args...), t.args...), or: true,
			counts: append(s.counts, t.counts...), branches: []term{s, t}})
	}
	if p := strings.ToUpper(strings.TrimSpace(f.Source)); p != "" {
		ts = append(ts, prefixTerm("e.src_code", "events_src", p, limit))
	}
	if p := strings.ToUpper(strings.TrimSpace(f.Target)); p != "" {
		ts = append(ts, prefixTerm("e.tgt_code", "events_tgt", p, limit))
	}
	if p := strings.TrimSpace(f.Code); p != "" {
		ts = append(ts, prefixTerm("e.code", "events_code", p, limit))
	}
	eq := func(col, index string, v any) term {
		c := "@" + col + " = ?"
		return term{cond: c, args: []any{v}, index: index, counts: []countQuery{capped(index, c, []any{v}, limit)}}
	}
	if r := strings.TrimSpace(f.Root); r != "" {
		ts = append(ts, eq("e.root", "events_root", r))
	}
	if p := strings.ToUpper(strings.TrimSpace(f.PLOVER)); p != "" {
		ts = append(ts, eq("e.plover_type", "events_plover", p))
	}
	if c := strings.ToUpper(strings.TrimSpace(f.Country)); c != "" {
		a, b, d := eq("e.loc_country", "events_loc_country", c), eq("e.src_country", "events_src_country", c), eq("e.tgt_country", "events_tgt_country", c)
		t := term{cond: "(" + a.cond + " OR " + b.cond + " OR " + d.cond + ")", args: []any{c, c, c}, or: true,
			counts: []countQuery{a.counts[0], b.counts[0], d.counts[0]}}
		if len(c) == 3 && c != "---" {
			// When another term drives, test the actor codes' first
			// three letters (the same as the country columns for an
			// ISO code), which the covering indexes hold.
			t.plain = "(+e.loc_country = ? OR substr(e.src_code, 1, 3) = ? OR substr(e.tgt_code, 1, 3) = ?)"
		}
		ts = append(ts, t)
	}
	if f.Modality != "" {
		ts = append(ts, term{cond: "@e.modality = ?", args: []any{string(f.Modality)}})
	}
	if strings.TrimSpace(f.Query) != "" {
		q := FTSQuery(f.Query)
		if q == "" {
			q = `""` // nothing searchable: match nothing
		}
		ts = append(ts, term{
			cond: `@e.id IN (SELECT m.event_id FROM mentions m WHERE m.seq IN
				(SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?))`,
			args: []any{q}, or: true,
			counts: []countQuery{{sql: `SELECT COUNT(*) FROM (SELECT 1 FROM mentions_fts WHERE mentions_fts MATCH ? LIMIT ?)`,
				args: []any{q, limit}}},
		})
	}
	if a := strings.TrimSpace(f.Article); a != "" {
		ts = append(ts, term{
			cond: `@e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id = ?)`,
			args: []any{a}, or: true,
			counts: []countQuery{{sql: `SELECT COUNT(*) FROM (SELECT 1 FROM mentions WHERE article_id = ? LIMIT ?)`,
				args: []any{a, limit}}},
		})
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		var conds []string
		var args []any
		if !f.From.IsZero() {
			conds = append(conds, "@e.date >= ?")
			args = append(args, dateString(f.From))
		}
		if !f.To.IsZero() {
			conds = append(conds, "@e.date <> ''", "@e.date <= ?")
			args = append(args, dateString(f.To))
		}
		c := strings.Join(conds, " AND ")
		ts = append(ts, term{cond: c, args: args, index: "events_date", date: true,
			counts: []countQuery{capped("events_date", c, args, limit)}})
	}
	return ts
}

// eventPlan is a chosen access path: the FROM clause and the conditions.
// An aggregate over an actor runs as several branches whose results add
// up (see term.branches); a plan has at least one.
type eventPlan struct {
	branches []planBranch
	// dateOrder is set when the plan walks the date index in order.
	dateOrder bool
}

type planBranch struct {
	from  string
	where []string
	args  []any
}

// estimate returns the capped match count of a term.
func (s *Store) estimate(ctx context.Context, t term) (int, error) {
	total := 0
	for _, c := range t.counts {
		var n int
		if err := s.r.QueryRowContext(ctx, c.sql, c.args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("estimate: %w", err)
		}
		total += n
	}
	return total, nil
}

// planEvents chooses how to run a query over the events matching f.
// ordered is set for listings (newest first, one page): they walk the
// date index unless some term matches fewer than limit events.
func (s *Store) planEvents(ctx context.Context, f chronicle.EventFilter, ordered bool, limit int) (eventPlan, error) {
	ts := eventTerms(f, limit)
	best, bestN := -1, 0
	if len(ts) > 1 || ordered && len(ts) == 1 && !ts[0].date {
		for i, t := range ts {
			if len(t.counts) == 0 {
				continue
			}
			n, err := s.estimate(ctx, t)
			if err != nil {
				return eventPlan{}, err
			}
			if best < 0 || n < bestN || n == bestN && t.date {
				best, bestN = i, n
			}
		}
	} else if len(ts) == 1 && len(ts[0].counts) > 0 {
		best = 0
	}
	if !ordered && best >= 0 && len(ts[best].branches) > 0 {
		// One branch per index of the driving term; later branches
		// exclude what earlier ones counted.
		var p eventPlan
		for bi, br := range ts[best].branches {
			b := planBranch{from: "events e INDEXED BY " + br.index}
			b.where = append(b.where, br.render(true))
			b.args = append(b.args, br.args...)
			for _, prev := range ts[best].branches[:bi] {
				b.where = append(b.where, "NOT ("+prev.render(false)+")")
				b.args = append(b.args, prev.args...)
			}
			for i, t := range ts {
				if i != best {
					b.where = append(b.where, t.render(false))
					b.args = append(b.args, t.args...)
				}
			}
			p.branches = append(p.branches, b)
		}
		return p, nil
	}
	b := planBranch{from: "events e"}
	p := eventPlan{}
	switch {
	case ordered && (best < 0 || bestN >= limit || ts[best].date):
		// Nothing selective: walk the dates newest first.
		b.from = "events e INDEXED BY events_date"
		p.dateOrder = true
		best = -1
		for i, t := range ts {
			if t.date {
				best = i
			}
		}
	case best >= 0 && ts[best].index != "":
		b.from = "events e INDEXED BY " + ts[best].index
	}
	for i, t := range ts {
		b.where = append(b.where, t.render(i == best))
		b.args = append(b.args, t.args...)
	}
	p.branches = []planBranch{b}
	return p, nil
}
