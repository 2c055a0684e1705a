package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"sort"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle"
)

// The store serves every read the API, the web UI and the exporters need.
var _ chronicle.EventReader = (*Store)(nil)

// prefixRange returns a condition matching col values starting with p,
// written as a range so an index on col serves it.
func prefixRange(col, p string) (string, []any) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0x7f {
			b[i]++
			return "(" + col + " >= ? AND " + col + " < ?)", []any{p, string(b[:i+1])}
		}
	}
	return "substr(" + col + ", 1, ?) = ?", []any{len(p), p}
}

func whereClause(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// eventSelect selects the events columns from e.
func eventSelect() string { return `SELECT ` + prefixed(eventColumns, "e.") + ` FROM events e` }

func scanEvent(sc scanner) (chronicle.Event, error) {
	var e chronicle.Event
	var date, mod, srcCountry, tgtCountry string
	var dayNum int64
	var loc locationDest
	dest := []any{&e.ID, &date, &dayNum, &e.Source.Code, &e.Source.Text, &e.Source.Entity, &srcCountry,
		&e.Target.Code, &e.Target.Text, &e.Target.Entity, &tgtCountry, &e.Code, &e.Root, &e.QuadClass, &e.Goldstein,
		&e.PLOVER.Type, &e.PLOVER.Mode, &e.PLOVER.Context, &mod}
	dest = append(dest, loc.dest()...)
	dest = append(dest, &e.NumMentions, &e.NumArticles, &e.NumSources)
	if err := sc.Scan(dest...); err != nil {
		return e, err
	}
	var err error
	if e.Date, err = parseDateColumn(date); err != nil {
		return e, fmt.Errorf("event %s: %w", e.ID, err)
	}
	e.Modality = chronicle.Modality(mod)
	e.Location = loc.location()
	return e, nil
}

// Events returns a page of events matching f, newest first (ties by id,
// descending), and the cursor of the next page ("" on the last). Events
// of unknown date come last.
func (s *Store) Events(ctx context.Context, f chronicle.EventFilter) ([]chronicle.Event, string, error) {
	cur, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", fmt.Errorf("events: %w", err)
	}
	if cur.Kind == cursorOffset {
		return nil, "", fmt.Errorf("events: %w", errBadCursor)
	}
	limit := pageSize(f.Limit)
	es, err := s.eventPage(ctx, f, cur, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(es) > limit {
		es = es[:limit]
		last := es[limit-1]
		next = cursor{Kind: cursorKeyset, Date: dateString(last.Date), ID: last.ID}.encode()
	}
	return es, next, nil
}

// Default plan thresholds (see plan.go). listingCap is the estimated
// match count under which a listing is driven by its most selective
// condition and sorted, rather than found by walking the dates newest
// first; aggregateCap caps the estimates that choose how timelines and
// networks read events.
const (
	defaultListingCap   = 2000
	defaultAggregateCap = 20000
)

func (s *Store) eventPage(ctx context.Context, f chronicle.EventFilter, cur cursor, n int) ([]chronicle.Event, error) {
	p, err := s.planEvents(ctx, f, true, s.listingCap)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	b := p.branches[0] // listings never branch
	where, args := b.where, b.args
	if cur.Kind == cursorKeyset {
		if p.dateOrder {
			where = append(where, "(e.date < ? OR (e.date = ? AND e.id < ?))")
		} else {
			where = append(where, "(+e.date < ? OR (+e.date = ? AND +e.id < ?))")
		}
		args = append(args, cur.Date, cur.Date, cur.ID)
	}
	args = append(args, n)
	rows, err := s.r.QueryContext(ctx, `SELECT `+prefixed(eventColumns, "e.")+` FROM `+b.from+
		whereClause(where)+` ORDER BY e.date DESC, e.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var es []chronicle.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return es, nil
}

// EachEvent streams every event matching f in the order of Events, a page
// at a time, so memory stays constant however many match.
func (s *Store) EachEvent(ctx context.Context, f chronicle.EventFilter) iter.Seq2[chronicle.Event, error] {
	const page = 500
	return func(yield func(chronicle.Event, error) bool) {
		var cur cursor
		for {
			es, err := s.eventPage(ctx, f, cur, page)
			if err != nil {
				yield(chronicle.Event{}, err)
				return
			}
			for _, e := range es {
				if !yield(e, nil) {
					return
				}
			}
			if len(es) < page {
				return
			}
			last := es[len(es)-1]
			cur = cursor{Kind: cursorKeyset, Date: dateString(last.Date), ID: last.ID}
		}
	}
}

// Event returns one event with all its mentions (date order), each with
// its evidence, claim and offsets.
func (s *Store) Event(ctx context.Context, id string) (chronicle.Event, error) {
	e, err := scanEvent(s.r.QueryRowContext(ctx, eventSelect()+` WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("event %q: %w", id, chronicle.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("event %q: %w", id, err)
	}
	e.Mentions, err = s.mentions(ctx, `WHERE m.event_id = ? ORDER BY m.date, m.id`, id)
	if err != nil {
		return e, fmt.Errorf("event %q: %w", id, err)
	}
	return e, nil
}

// ArticleMentions returns the mentions coded in an article, in sentence
// order, with their event ids.
func (s *Store) ArticleMentions(ctx context.Context, articleID string) ([]chronicle.Mention, error) {
	ms, err := s.mentions(ctx, `WHERE m.article_id = ? ORDER BY m.sentence, m.evidence_start, m.verb_start, m.id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("mentions of %q: %w", articleID, err)
	}
	return ms, nil
}

// Sentences returns an article's stored sentences in order, with text.
func (s *Store) Sentences(ctx context.Context, articleID string) ([]chronicle.Sentence, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT s.idx, s.start_off, s.end_off, a.text FROM sentences s
		JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? ORDER BY s.idx`, articleID)
	if err != nil {
		return nil, fmt.Errorf("sentences of %q: %w", articleID, err)
	}
	defer rows.Close()
	var out []chronicle.Sentence
	for rows.Next() {
		x := chronicle.Sentence{ArticleID: articleID}
		var text string
		if err := rows.Scan(&x.Index, &x.Start, &x.End, &text); err != nil {
			return nil, fmt.Errorf("sentences of %q: %w", articleID, err)
		}
		if 0 <= x.Start && x.Start <= x.End && x.End <= len(text) {
			x.Text = text[x.Start:x.End]
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sentences of %q: %w", articleID, err)
	}
	return out, nil
}

// each runs a read query and calls fn for every row.
func (s *Store) each(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) mentions(ctx context.Context, cond string, args ...any) ([]chronicle.Mention, error) {
	rows, err := s.r.QueryContext(ctx, mentionSelect()+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []chronicle.Mention
	for rows.Next() {
		m, _, err := scanFullMention(rows)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// onlyDates reports whether a filter sets nothing but a date range.
func onlyDates(f chronicle.EventFilter) bool {
	f.From, f.To, f.Limit, f.Cursor = chronicle.Date{}, chronicle.Date{}, 0, ""
	return f == chronicle.EventFilter{}
}

// bucketStart returns the first day of the bucket holding day n (days
// since 1970-01-01): the day itself, its week's Monday, or its month's
// first day.
func bucketStart(n int64, iv chronicle.Interval) (chronicle.Date, error) {
	d := chronicle.DateOf(time.Unix(n*86400, 0).UTC())
	switch iv {
	case chronicle.Day, "":
		return d, nil
	case chronicle.Week:
		// 1970-01-01 was a Thursday; (n+3) mod 7 is 0 on Mondays.
		off := (n + 3) % 7
		if off < 0 {
			off += 7
		}
		return d.AddDays(-int(off)), nil
	case chronicle.Month:
		return chronicle.Date{Year: d.Year, Month: d.Month, Day: 1}, nil
	}
	return d, fmt.Errorf("unknown interval %q (want day, week or month)", iv)
}

// nextBucket returns the start of the bucket after the one starting at d.
func nextBucket(d chronicle.Date, iv chronicle.Interval) chronicle.Date {
	switch iv {
	case chronicle.Week:
		return d.AddDays(7)
	case chronicle.Month:
		return chronicle.DateOf(d.Time().AddDate(0, 1, 0))
	}
	return d.AddDays(1)
}

// Timeline counts the events matching f per day, week (starting Monday)
// or month, by QuadClass and PLOVER type, with the mean Goldstein value.
// Buckets run without gaps from the first to the last non-empty one;
// events of unknown date are left out. Filters that set only a date range
// are answered from per-day totals kept on write.
func (s *Store) Timeline(ctx context.Context, f chronicle.EventFilter, iv chronicle.Interval) ([]chronicle.TimelineBucket, error) {
	if _, err := bucketStart(0, iv); err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	type query struct {
		sql  string
		args []any
	}
	var queries []query
	// Rows are grouped by bucket in the database: the key is a day number
	// (days since 1970-01-01; for weeks, the Monday's) or a month number
	// (year * 12 + month - 1).
	dayKey := func(col string) string {
		if iv == chronicle.Week {
			// 1970-01-01 was a Thursday; (n + 3) mod 7 is 0 on Mondays.
			return col + " - ((" + col + " + 3) % 7 + 7) % 7"
		}
		return col
	}
	if onlyDates(f) {
		var where []string
		var args []any
		if !f.From.IsZero() {
			where = append(where, "day >= ?")
			args = append(args, epochDay(f.From))
		}
		if !f.To.IsZero() {
			where = append(where, "day <= ?")
			args = append(args, epochDay(f.To))
		}
		where = append(where, "n > 0")
		key := dayKey("day")
		if iv == chronicle.Month {
			key = "month"
		}
		q := `SELECT ` + key + `, quad_class, plover_type, SUM(n), SUM(goldstein_sum) FROM event_days` +
			whereClause(where) + ` GROUP BY ` + key + `, quad_class, plover_type`
		if iv == chronicle.Day {
			// One row per day and kind already: nothing to group.
			q = `SELECT day, quad_class, plover_type, n, goldstein_sum FROM event_days` + whereClause(where)
		}
		queries = append(queries, query{q, args})
	} else {
		p, err := s.planEvents(ctx, f, false, s.aggregateCap)
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		key := dayKey("e.day")
		if iv == chronicle.Month {
			key = "CAST(substr(e.date, 1, 4) AS INTEGER) * 12 + CAST(substr(e.date, 6, 2) AS INTEGER) - 1"
		}
		for _, b := range p.branches {
			where := append(b.where, "+e.date <> ''")
			queries = append(queries, query{`SELECT ` + key + `, e.quad_class, e.plover_type, COUNT(*), SUM(e.goldstein) FROM ` + b.from +
				whereClause(where) + ` GROUP BY ` + key + `, e.quad_class, e.plover_type`, b.args})
		}
	}
	type acc struct {
		b   chronicle.TimelineBucket
		sum float64
	}
	buckets := map[chronicle.Date]*acc{}
	byKey := map[int64]*acc{} // the same buckets by database key
	plovers := map[string]string{}
	for _, q := range queries {
		err := s.each(ctx, q.sql, q.args, func(rows *sql.Rows) error {
			var key int64
			var quad, n int
			var plover sql.RawBytes
			var sum float64
			if err := rows.Scan(&key, &quad, &plover, &n, &sum); err != nil {
				return err
			}
			a := byKey[key]
			if a == nil {
				start, _ := bucketStart(key, iv)
				if iv == chronicle.Month {
					start = chronicle.Date{Year: int(key / 12), Month: time.Month(key%12 + 1), Day: 1}
				}
				if a = buckets[start]; a == nil {
					a = &acc{b: chronicle.TimelineBucket{Period: start.String(), ByPLOVER: map[string]int{}}}
					buckets[start] = a
				}
				byKey[key] = a
			}
			a.b.Count += n
			if quad >= 1 && quad <= 4 {
				a.b.ByQuad[quad] += n
			}
			if len(plover) > 0 {
				// Intern the few type names instead of allocating one
				// string per row.
				name, ok := plovers[string(plover)]
				if !ok {
					name = string(plover)
					plovers[name] = name
				}
				a.b.ByPLOVER[name] += n
			}
			a.sum += sum
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
	}
	if len(buckets) == 0 {
		return nil, nil
	}
	starts := make([]chronicle.Date, 0, len(buckets))
	for d := range buckets {
		starts = append(starts, d)
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	var out []chronicle.TimelineBucket
	for d := starts[0]; !starts[len(starts)-1].Before(d); d = nextBucket(d, iv) {
		a := buckets[d]
		if a == nil {
			out = append(out, chronicle.TimelineBucket{Period: d.String(), ByPLOVER: map[string]int{}})
			continue
		}
		if a.b.Count > 0 {
			a.b.Goldstein = a.sum / float64(a.b.Count)
		}
		out = append(out, a.b)
	}
	return out, nil
}

// Network returns the actor network of the events matching f: an edge per
// ordered (source, target) pair with at least min events (counts of
// cooperation, QuadClass 1-2, and conflict, 3-4, and the mean Goldstein
// value), and a node per actor on a kept edge with the number of matching
// events it took part in. Edges come by count, descending.
func (s *Store) Network(ctx context.Context, f chronicle.EventFilter, min int) (chronicle.Network, error) {
	p, err := s.planEvents(ctx, f, false, s.aggregateCap)
	if err != nil {
		return chronicle.Network{}, fmt.Errorf("network: %w", err)
	}
	nodes := map[string]int{}
	type dyad struct{ src, tgt string }
	type acc struct {
		e   chronicle.NetworkEdge
		sum float64
	}
	dyads := map[dyad]*acc{}
	for _, b := range p.branches {
		err := s.each(ctx, `SELECT e.src_code, e.tgt_code, COUNT(*),
			SUM(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END),
			SUM(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END),
			SUM(e.goldstein)
			FROM `+b.from+whereClause(b.where)+` GROUP BY e.src_code, e.tgt_code`, b.args, func(rows *sql.Rows) error {
			var e chronicle.NetworkEdge
			var sum float64
			if err := rows.Scan(&e.Source, &e.Target, &e.Count, &e.Cooperation, &e.Conflict, &sum); err != nil {
				return err
			}
			if e.Source != "" {
				nodes[e.Source] += e.Count
			}
			if e.Target != "" && e.Target != e.Source {
				nodes[e.Target] += e.Count
			}
			if e.Source == "" || e.Target == "" {
				return nil
			}
			a := dyads[dyad{e.Source, e.Target}]
			if a == nil {
				dyads[dyad{e.Source, e.Target}] = &acc{e: e, sum: sum}
				return nil
			}
			a.e.Count += e.Count
			a.e.Cooperation += e.Cooperation
			a.e.Conflict += e.Conflict
			a.sum += sum
			return nil
		})
		if err != nil {
			return chronicle.Network{}, fmt.Errorf("network: %w", err)
		}
	}
	var edges []chronicle.NetworkEdge
	for _, a := range dyads {
		if a.e.Count < min {
			continue
		}
		a.e.Goldstein = a.sum / float64(a.e.Count)
		edges = append(edges, a.e)
	}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	net := chronicle.Network{Nodes: []chronicle.NetworkNode{}, Edges: edges}
	if net.Edges == nil {
		net.Edges = []chronicle.NetworkEdge{}
	}
	kept := map[string]bool{}
	for _, e := range edges {
		kept[e.Source], kept[e.Target] = true, true
	}
	for code := range kept {
		net.Nodes = append(net.Nodes, chronicle.NetworkNode{Code: code, Count: nodes[code]})
	}
	sort.Slice(net.Nodes, func(i, j int) bool {
		a, b := net.Nodes[i], net.Nodes[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Code < b.Code
	})
	return net, nil
}

// ExplainEvent says why the mentions of an event were merged, under the
// clustering rule the store applies (see package cluster).
func (s *Store) ExplainEvent(ctx context.Context, id string) (string, error) {
	e, err := s.Event(ctx, id)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	opt := s.clusterOpt
	s.mu.Unlock()
	return opt.Explain(e, e.Mentions), nil
}

// EachEventWithMentions streams the events matching f as EachEvent does,
// each with all its mentions (date order), loading the mentions of a
// page of events in one query rather than one query per event.
func (s *Store) EachEventWithMentions(ctx context.Context, f chronicle.EventFilter) iter.Seq2[chronicle.Event, error] {
	const page = 256
	return func(yield func(chronicle.Event, error) bool) {
		buf := make([]chronicle.Event, 0, page)
		flush := func() bool {
			if len(buf) == 0 {
				return true
			}
			ids := make([]any, len(buf))
			at := make(map[string]int, len(buf))
			for i, e := range buf {
				ids[i] = e.ID
				at[e.ID] = i
			}
			ms, err := s.mentions(ctx, ` WHERE m.event_id IN (`+placeholders(len(ids))+`) ORDER BY m.date, m.id`, ids...)
			if err != nil {
				yield(chronicle.Event{}, fmt.Errorf("mentions of %d events: %w", len(buf), err))
				return false
			}
			for _, m := range ms {
				i := at[m.EventID]
				buf[i].Mentions = append(buf[i].Mentions, m)
			}
			for _, e := range buf {
				if !yield(e, nil) {
					return false
				}
			}
			buf = buf[:0]
			return true
		}
		for e, err := range s.EachEvent(ctx, f) {
			if err != nil {
				yield(e, err)
				return
			}
			e.Mentions = nil
			buf = append(buf, e)
			if len(buf) == page && !flush() {
				return
			}
		}
		flush()
	}
}
