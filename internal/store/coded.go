package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cluster"
)

// CodedArticle is what the coder produced for one article.
type CodedArticle struct {
	ArticleID string
	// CoderVersion is recorded for the article (CodedVersion); when a
	// mention has no CoderVersion of its own it gets this one.
	CoderVersion string
	Sentences    []chronicle.Sentence
	Mentions     []chronicle.Mention
}

// PutSentences replaces the sentences of an article.
func (s *Store) PutSentences(ctx context.Context, articleID string, ss []chronicle.Sentence) error {
	return s.write(ctx, "put sentences of "+articleID, func(w *writer) error {
		return w.putSentences(articleID, ss)
	})
}

// PutMentions replaces an article's mentions with ms (a recode) and
// re-clusters every event the old or new mentions touch. Mentions without
// an id get a stable one from their position in the article.
func (s *Store) PutMentions(ctx context.Context, articleID string, ms []chronicle.Mention) error {
	return s.write(ctx, "put mentions of "+articleID, func(w *writer) error {
		if err := w.putMentions(articleID, ms, ""); err != nil {
			return err
		}
		return w.recluster()
	})
}

// PutCoded stores the sentences and mentions of many articles in one
// transaction, records the coder version of each, and re-clusters the
// events they touch once at the end. It is the pipeline's write path.
func (s *Store) PutCoded(ctx context.Context, articles []CodedArticle) error {
	if len(articles) == 0 {
		return nil
	}
	return s.write(ctx, fmt.Sprintf("put %d coded articles", len(articles)), func(w *writer) error {
		now := time.Now().UTC().Format(time.RFC3339)
		for _, ca := range articles {
			if err := w.putSentences(ca.ArticleID, ca.Sentences); err != nil {
				return fmt.Errorf("article %s: %w", ca.ArticleID, err)
			}
			if err := w.putMentions(ca.ArticleID, ca.Mentions, ca.CoderVersion); err != nil {
				return fmt.Errorf("article %s: %w", ca.ArticleID, err)
			}
			if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO coded (article_id, coder_version, coded_at) VALUES (?, ?, ?)
				ON CONFLICT (article_id) DO UPDATE SET coder_version = excluded.coder_version, coded_at = excluded.coded_at`,
				ca.ArticleID, ca.CoderVersion, now); err != nil {
				return fmt.Errorf("article %s: %w", ca.ArticleID, err)
			}
		}
		return w.recluster()
	})
}

// CodedVersion returns the coder version that last coded the article
// through PutCoded, or "" when it never was.
func (s *Store) CodedVersion(ctx context.Context, articleID string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT coder_version FROM coded WHERE article_id = ?`, articleID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("coded version of %s: %w", articleID, err)
	}
	return v, nil
}

// DeleteArticle removes an article with its sentences, mentions and
// search index entries, and re-clusters the events its mentions were in.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	return s.write(ctx, "delete article "+id, func(w *writer) error {
		if err := w.deleteMentions(id); err != nil {
			return err
		}
		r, err := w.tx.ExecContext(w.ctx, `DELETE FROM articles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("article %q: %w", id, chronicle.ErrNotFound)
		}
		return w.recluster()
	})
}

// Recluster rebuilds every event from the stored mentions under opt and
// keeps opt for later writes. Mentions are never changed, only regrouped,
// so clustering can be undone by reclustering with the old options.
func (s *Store) Recluster(ctx context.Context, opt cluster.Options) error {
	return s.write(ctx, "recluster", func(w *writer) error {
		s.clusterOpt = opt
		w.opt = opt
		rows, err := w.tx.QueryContext(w.ctx, `SELECT DISTINCT src_code, tgt_code, root FROM mentions`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k clusterScope
			if err := rows.Scan(&k.src, &k.tgt, &k.root); err != nil {
				rows.Close()
				return err
			}
			w.touch(k, chronicle.Date{}, true)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM events`); err != nil {
			return err
		}
		return w.recluster()
	})
}

// writer is one write transaction and what it has touched.
type writer struct {
	ctx context.Context
	tx  *sql.Tx
	opt cluster.Options
	// scopes holds, per (source, target, root), the date range of the
	// mentions written or removed; oldEvents the events they were in.
	scopes    map[clusterScope]*dateRange
	oldEvents map[string]bool
	stmts     map[string]*sql.Stmt
	// unindexed lists the seqs of mentions inserted but not yet in
	// mentions_fts; see indexMentions.
	unindexed []int64
}

type clusterScope struct{ src, tgt, root string }

// dateRange is what was touched in one scope: the dates of the dated
// mentions, whether an undated one was touched, and whether the whole
// scope must be re-clustered.
type dateRange struct {
	dates   map[chronicle.Date]bool
	undated bool
	all     bool
}

// write runs fn in a write transaction.
func (s *Store) write(ctx context.Context, what string, fn func(*writer) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, opt: s.clusterOpt, scopes: map[clusterScope]*dateRange{},
		oldEvents: map[string]bool{}, stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, st := range w.stmts {
			st.Close()
		}
	}()
	if err := fn(w); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := w.indexMentions(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// stmt returns q prepared once per transaction.
func (w *writer) stmt(q string) (*sql.Stmt, error) {
	st, ok := w.stmts[q]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, q); err != nil {
			return nil, err
		}
		w.stmts[q] = st
	}
	return st, nil
}

// exec runs a statement prepared once per transaction.
func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

// query runs a query prepared once per transaction.
func (w *writer) query(q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

func (w *writer) touch(k clusterScope, date chronicle.Date, all bool) {
	r := w.scopes[k]
	if r == nil {
		r = &dateRange{dates: map[chronicle.Date]bool{}}
		w.scopes[k] = r
	}
	switch {
	case all:
		r.all = true
	case date.IsZero():
		r.undated = true
	default:
		r.dates[date] = true
	}
}

func (w *writer) putSentences(articleID string, ss []chronicle.Sentence) error {
	if _, err := w.exec(`DELETE FROM sentences WHERE article_id = ?`, articleID); err != nil {
		return err
	}
	for _, x := range ss {
		if _, err := w.exec(`INSERT INTO sentences (article_id, idx, start_off, end_off) VALUES (?, ?, ?, ?)`,
			articleID, x.Index, x.Start, x.End); err != nil {
			return fmt.Errorf("sentence %d: %w", x.Index, err)
		}
	}
	return nil
}

// deleteMentions removes an article's mentions, noting their scopes and
// events for re-clustering.
func (w *writer) deleteMentions(articleID string) error {
	rows, err := w.query(`SELECT src_code, tgt_code, root, date, event_id FROM mentions WHERE article_id = ?`, articleID)
	if err != nil {
		return err
	}
	n := 0
	for rows.Next() {
		var k clusterScope
		var date string
		var ev sql.NullString
		if err := rows.Scan(&k.src, &k.tgt, &k.root, &date, &ev); err != nil {
			rows.Close()
			return err
		}
		d, err := parseDateColumn(date)
		if err != nil {
			rows.Close()
			return err
		}
		w.touch(k, d, false)
		if ev.Valid {
			w.oldEvents[ev.String] = true
		}
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	// The delete trigger removes index entries: mentions inserted
	// earlier in this transaction must be indexed first.
	if err := w.indexMentions(); err != nil {
		return err
	}
	_, err = w.exec(`DELETE FROM mentions WHERE article_id = ?`, articleID)
	return err
}

// indexMentions adds the mentions inserted since the last call to the
// full-text index, with one statement per 500. FTS5 writes its pending
// index data to disk at every statement savepoint, so indexing mention by
// mention between the other inserts wrote one tiny segment per mention
// and spent much of the write merging them.
func (w *writer) indexMentions() error {
	for len(w.unindexed) > 0 {
		n := min(len(w.unindexed), 500)
		args := make([]any, n)
		for i, seq := range w.unindexed[:n] {
			args[i] = seq
		}
		if _, err := w.exec(`INSERT INTO mentions_fts (rowid, evidence_text)
			SELECT seq, evidence_text FROM mentions WHERE seq IN (`+placeholders(n)+`) ORDER BY seq`, args...); err != nil {
			return fmt.Errorf("index mentions: %w", err)
		}
		w.unindexed = w.unindexed[n:]
	}
	return nil
}

func (w *writer) putMentions(articleID string, ms []chronicle.Mention, version string) error {
	if err := w.deleteMentions(articleID); err != nil {
		return err
	}
	seen := map[string]int{}
	insert := `INSERT INTO mentions (` + mentionColumns + `) VALUES (` + placeholders(strings.Count(mentionColumns, ",")+1) + `)`
	for i := range ms {
		m := ms[i] // a copy: the caller's slice is not changed
		if m.ArticleID == "" {
			m.ArticleID = articleID
		}
		if m.ArticleID != articleID {
			return fmt.Errorf("mention %d belongs to article %q", i, m.ArticleID)
		}
		if m.ID == "" {
			m.ID = mentionID(&m)
		}
		if n := seen[m.ID]; n > 0 {
			// Two mentions the coder located identically: keep both.
			seen[m.ID] = n + 1
			m.ID = fmt.Sprintf("%s-%d", m.ID, n+1)
		}
		seen[m.ID]++
		if m.CoderVersion == "" {
			m.CoderVersion = version
		}
		if m.Root == "" && len(m.Code) >= 2 {
			m.Root = m.Code[:2]
		}
		m.EventID = ""
		r, err := w.exec(insert, mentionArgs(&m)...)
		if err != nil {
			return fmt.Errorf("mention %s: %w", m.ID, err)
		}
		seq, err := r.LastInsertId()
		if err != nil {
			return err
		}
		w.unindexed = append(w.unindexed, seq)
		if m.Claim != nil {
			if _, err := w.exec(`INSERT INTO claims (mention_seq, `+claimColumns+`) VALUES (?, `+
				placeholders(strings.Count(claimColumns, ",")+1)+`)`, append([]any{seq}, claimArgs(m.Claim)...)...); err != nil {
				return fmt.Errorf("claim of mention %s: %w", m.ID, err)
			}
		}
		w.touch(clusterScope{m.Source.Code, m.Target.Code, m.Root}, m.Date, false)
	}
	return nil
}

// loaded is a mention read back for clustering.
type loaded struct {
	m      chronicle.Mention
	source string
}

// recluster re-runs clustering over the neighbourhood of what this
// transaction wrote or removed, and replaces the events involved. The
// neighbourhood is every mention of a touched (source, target, root) whose
// date is within the window of a touched date, plus every mention of an
// event any of those belonged to, so events outside it stay whole and
// untouched. Greedy clustering in date order can in rare chains group a
// neighbourhood differently from a full Recluster; Recluster is the
// reference.
func (w *writer) recluster() error {
	if len(w.scopes) == 0 && len(w.oldEvents) == 0 {
		return nil
	}
	ms := map[string]loaded{}
	events := map[string]bool{}
	for id := range w.oldEvents {
		events[id] = true
	}
	for k, r := range w.scopes {
		if err := w.loadScope(k, r, ms, events); err != nil {
			return err
		}
	}
	// Complete every event involved: its mentions outside the windows.
	full := mentionSelect() + `WHERE m.seq = ?`
	done := map[string]bool{}
	for {
		var pending []string
		for id := range events {
			if !done[id] {
				pending = append(pending, id)
				done[id] = true
			}
		}
		if len(pending) == 0 {
			break
		}
		for _, id := range pending {
			missing, err := w.missingMentions(id, ms)
			if err != nil {
				return err
			}
			for _, seq := range missing {
				if err := w.loadMentions(full, []any{seq}, ms, events); err != nil {
					return err
				}
			}
		}
	}
	// Drop the old events and write the new ones.
	for id := range events {
		if _, err := w.exec(`DELETE FROM events WHERE id = ?`, id); err != nil {
			return err
		}
	}
	list := make([]chronicle.Mention, 0, len(ms))
	sources := make(map[string]string, len(ms))
	for _, l := range ms {
		list = append(list, l.m)
		sources[l.m.ArticleID] = l.source
	}
	slices.SortFunc(list, func(a, b chronicle.Mention) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range w.opt.Cluster(list, func(id string) string { return sources[id] }) {
		if err := w.insertEvent(&e); err != nil {
			return err
		}
		for _, m := range e.Mentions {
			if ms[m.ID].m.EventID == e.ID {
				continue
			}
			if _, err := w.exec(`UPDATE mentions SET event_id = ? WHERE id = ?`, e.ID, m.ID); err != nil {
				return err
			}
		}
	}
	w.scopes = map[clusterScope]*dateRange{}
	w.oldEvents = map[string]bool{}
	return nil
}

// loadScope loads the mentions of one scope within the window of a
// touched date: the touched dates widened by the window and merged into
// runs, one query per run.
func (w *writer) loadScope(k clusterScope, r *dateRange, ms map[string]loaded, events map[string]bool) error {
	base := mentionSelect() + `WHERE m.src_code = ? AND m.tgt_code = ? AND m.root = ?`
	if r.all {
		return w.loadMentions(base, []any{k.src, k.tgt, k.root}, ms, events)
	}
	if r.undated {
		if err := w.loadMentions(base+` AND m.date = ''`, []any{k.src, k.tgt, k.root}, ms, events); err != nil {
			return err
		}
	}
	days := make([]chronicle.Date, 0, len(r.dates))
	for d := range r.dates {
		days = append(days, d)
	}
	slices.SortFunc(days, chronicle.Date.Compare)
	q := base + ` AND m.date >= ? AND m.date <= ?`
	win := w.opt.Window
	for i := 0; i < len(days); {
		lo, hi := days[i].AddDays(-win), days[i].AddDays(win)
		j := i + 1
		for j < len(days) && !hi.Before(days[j].AddDays(-win-1)) {
			hi = days[j].AddDays(win)
			j++
		}
		if err := w.loadMentions(q, []any{k.src, k.tgt, k.root, lo.String(), hi.String()}, ms, events); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// missingMentions returns the seq of the mentions of an event not yet in ms.
func (w *writer) missingMentions(eventID string, ms map[string]loaded) ([]int64, error) {
	rows, err := w.query(`SELECT seq, id FROM mentions WHERE event_id = ?`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var seq int64
		var id string
		if err := rows.Scan(&seq, &id); err != nil {
			return nil, err
		}
		if _, ok := ms[id]; !ok {
			out = append(out, seq)
		}
	}
	return out, rows.Err()
}

func (w *writer) loadMentions(q string, args []any, ms map[string]loaded, events map[string]bool) error {
	rows, err := w.query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		m, src, err := scanFullMention(rows)
		if err != nil {
			return err
		}
		if _, ok := ms[m.ID]; ok {
			continue
		}
		ms[m.ID] = loaded{m: m, source: src}
		if m.EventID != "" {
			events[m.EventID] = true
		}
	}
	return rows.Err()
}

// epochDay is the day number of a date: days since 1970-01-01.
func epochDay(d chronicle.Date) int64 {
	if d.IsZero() {
		return 0
	}
	return d.Time().Unix() / 86400
}

// eventColumns are the events table's columns in eventArgs order.
const eventColumns = `id, date, day, src_code, src_text, src_entity, src_country,
	tgt_code, tgt_text, tgt_entity, tgt_country, code, root, quad_class, goldstein,
	plover_type, plover_mode, plover_context, modality,
	has_location, loc_name, loc_country, loc_admin1, loc_geoname_id, loc_lat, loc_lon, loc_precision,
	num_mentions, num_articles, num_sources`

func eventArgs(e *chronicle.Event) []any {
	args := []any{e.ID, dateString(e.Date), epochDay(e.Date),
		e.Source.Code, e.Source.Text, e.Source.Entity, e.Source.Country(),
		e.Target.Code, e.Target.Text, e.Target.Entity, e.Target.Country(),
		e.Code, e.Root, e.QuadClass, e.Goldstein, e.PLOVER.Type, e.PLOVER.Mode, e.PLOVER.Context, string(e.Modality)}
	args = append(args, locationArgs(e.Location)...)
	return append(args, e.NumMentions, e.NumArticles, e.NumSources)
}

func (w *writer) insertEvent(e *chronicle.Event) error {
	_, err := w.exec(`INSERT INTO events (`+eventColumns+`) VALUES (`+placeholders(strings.Count(eventColumns, ",")+1)+`)`,
		eventArgs(e)...)
	if err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	return nil
}
