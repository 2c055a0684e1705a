package bench

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// synthVersion names the generator and loader; a cached store written by
// another version is rebuilt.
const synthVersion = "bench-synth-v2"

// eventsPerArticle is how many synthetic events share one stored article
// (each event has one mention, in one of the articles).
const eventsPerArticle = 500

// StoreInfo describes a synthetic store.
type StoreInfo struct {
	Path     string
	Events   int
	Articles int
	Built    bool          // false when a cached store was reused
	Took     time.Duration // time to build, when Built
	Bytes    int64         // database and WAL size
}

// SyntheticStore opens the store of n synthetic events cached in dir,
// building it first when it is missing, incomplete or was written by
// another generator or schema version. Every event has one mention whose
// evidence sentence is in the full-text index, so the q filter has
// something to find. Two processes must not build the same store at once.
func SyntheticStore(ctx context.Context, dir string, n int, log *slog.Logger) (*store.Store, StoreInfo, error) {
	if n <= 0 {
		return nil, StoreInfo{}, fmt.Errorf("synthetic store: want a positive number of events, got %d", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, StoreInfo{}, fmt.Errorf("synthetic store: %w", err)
	}
	p := filepath.Join(dir, fmt.Sprintf("chronicle-%s-%d.db", synthVersion, n))
	info := StoreInfo{Path: p, Events: n, Articles: articlesFor(n)}
	marker := p + ".ok"
	if want, err := os.ReadFile(marker); err == nil {
		// Compare with the schema a new store gets before opening the
		// cached one: opening would first migrate a million rows.
		v, err := currentSchema(ctx, dir)
		if err != nil {
			return nil, info, err
		}
		if string(want) == markerText(n, v) {
			st, err := store.Open(ctx, p)
			if err != nil {
				return nil, info, err
			}
			info.Bytes = fileSize(p)
			return st, info, nil
		}
		log.Info("synthetic store is stale; rebuilding", "path", p)
	}
	start := time.Now()
	log.Info("building synthetic store", "path", p, "events", n)
	v, err := buildSynthetic(ctx, p, n)
	if err != nil {
		removeDB(p)
		return nil, info, fmt.Errorf("synthetic store %s: %w", p, err)
	}
	if err := os.WriteFile(marker, []byte(markerText(n, v)), 0o644); err != nil {
		return nil, info, fmt.Errorf("synthetic store: %w", err)
	}
	info.Built, info.Took = true, time.Since(start)
	st, err := store.Open(ctx, p)
	if err != nil {
		return nil, info, err
	}
	info.Bytes = fileSize(p)
	return st, info, nil
}

// currentSchema returns the schema version a new store gets.
func currentSchema(ctx context.Context, dir string) (int, error) {
	d, err := os.MkdirTemp(dir, "schema-")
	if err != nil {
		return 0, fmt.Errorf("synthetic store: %w", err)
	}
	defer os.RemoveAll(d)
	st, err := store.Open(ctx, filepath.Join(d, "schema.db"))
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.SchemaVersion(ctx)
}

func articlesFor(n int) int { return (n + eventsPerArticle - 1) / eventsPerArticle }

func markerText(n, schema int) string {
	return fmt.Sprintf("%s events=%d schema=%d\n", synthVersion, n, schema)
}

func removeDB(p string) {
	for _, f := range []string{p, p + "-wal", p + "-shm", p + ".ok"} {
		os.Remove(f)
	}
}

func fileSize(p string) int64 {
	var n int64
	for _, f := range []string{p, p + "-wal"} {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// buildSynthetic writes a fresh store of n events at p and returns its
// schema version. Articles go through the store's own write path; events,
// their mentions and the mentions' full-text rows are bulk-loaded the way
// the store's million-event benchmark does it: the tables' indexes are
// dropped, rows are inserted in large transactions, then the indexes are
// recreated from their stored definitions. The store's triggers stay, so
// whatever it derives from events (the per-day totals) it derives itself.
func buildSynthetic(ctx context.Context, p string, n int) (int, error) {
	removeDB(p)
	g, err := NewGenerator()
	if err != nil {
		return 0, err
	}
	st, err := store.Open(ctx, p)
	if err != nil {
		return 0, err
	}
	schema, err := st.SchemaVersion(ctx)
	if err == nil {
		err = putSyntheticArticles(ctx, st, articlesFor(n))
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", "file:"+p+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=foreign_keys(1)&_pragma=cache_size(-262144)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	defs, err := dropIndexes(ctx, db, "events", "mentions")
	if err != nil {
		return 0, fmt.Errorf("drop indexes: %w", err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	const batch = 50_000
	for lo := 0; lo < n; lo += batch {
		if err := insertBatch(ctx, db, g, r, lo, min(lo+batch, n)); err != nil {
			return 0, fmt.Errorf("events %d-%d: %w", lo, min(lo+batch, n)-1, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	for _, d := range defs {
		if _, err := tx.ExecContext(ctx, d); err != nil {
			return 0, fmt.Errorf("recreate %q: %w", d, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	if _, err := db.ExecContext(ctx, `ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return 0, fmt.Errorf("analyze: %w", err)
	}
	return schema, nil
}

func articleID(k int) string { return fmt.Sprintf("syn-%06d", k) }

// putSyntheticArticles stores the k short articles the mentions point to.
func putSyntheticArticles(ctx context.Context, st *store.Store, k int) error {
	var as []chronicle.Article
	for i := range k {
		a := chronicle.Article{
			ID:     articleID(i),
			Date:   firstDay().AddDays(i * spanDays / max(k, 1)),
			Title:  fmt.Sprintf("Synthetic wire roundup %d", i),
			Text:   fmt.Sprintf("Synthetic wire roundup number %d: officials met, argued and signed agreements across %d capitals.", i, 1+i%190),
			Source: fmt.Sprintf("wire%d", i%7),
		}
		ingest.Fingerprint(&a)
		as = append(as, a)
		if len(as) == 500 || i == k-1 {
			if _, err := st.PutArticles(ctx, as); err != nil {
				return err
			}
			as = as[:0]
		}
	}
	return nil
}

// dropIndexes drops the indexes of tables (not the automatic ones of
// their keys and unique columns) and returns their definitions.
func dropIndexes(ctx context.Context, db *sql.DB, tables ...string) ([]string, error) {
	q := `SELECT type, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (` + strings.TrimSuffix(strings.Repeat("?,", len(tables)), ",") + `)`
	args := make([]any, len(tables))
	for i, t := range tables {
		args[i] = t
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var defs, drops []string
	for rows.Next() {
		var typ, name, def string
		if err := rows.Scan(&typ, &name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		defs = append(defs, def)
		drops = append(drops, "DROP "+strings.ToUpper(typ)+" "+name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, d := range drops {
		if _, err := db.ExecContext(ctx, d); err != nil {
			return nil, fmt.Errorf("%s: %w", d, err)
		}
	}
	return defs, nil
}

const (
	synthEventCols = `id, date, day, src_code, src_text, src_country, tgt_code, tgt_text, tgt_country,
		code, root, quad_class, goldstein, plover_type, plover_mode, plover_context, modality,
		has_location, loc_name, loc_country, loc_lat, loc_lon, loc_precision,
		num_mentions, num_articles, num_sources`
	synthMentionCols = `seq, id, event_id, article_id, sentence, date, date_from, src_code, src_text, tgt_code, tgt_text,
		code, root, quad_class, goldstein, plover_type, plover_mode, plover_context, modality,
		has_location, loc_name, loc_country, loc_lat, loc_lon, loc_precision,
		evidence_text, evidence_start, evidence_end, coder_version`
)

func insertSQL(table, cols string) string {
	n := strings.Count(cols, ",") + 1
	return "INSERT INTO " + table + " (" + cols + ") VALUES (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
}

// insertBatch inserts events lo..hi-1 with their mentions in one
// transaction.
func insertBatch(ctx context.Context, db *sql.DB, g *Generator, r *rand.Rand, lo, hi int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var stmts [3]*sql.Stmt
	for i, q := range []string{insertSQL("events", synthEventCols), insertSQL("mentions", synthMentionCols),
		`INSERT INTO mentions_fts (rowid, evidence_text) VALUES (?, ?)`} {
		if stmts[i], err = tx.PrepareContext(ctx, q); err != nil {
			return err
		}
		defer stmts[i].Close()
	}
	for i := lo; i < hi; i++ {
		s := g.Event(r, i)
		e := &s.Event
		hasLoc, locName, locCountry, lat, lon, prec := 0, "", "", 0.0, 0.0, ""
		if l := e.Location; l != nil {
			hasLoc, locName, locCountry, lat, lon, prec = 1, l.Name, l.Country, l.Lat, l.Lon, string(l.Precision)
		}
		date := e.Date.String()
		_, err := stmts[0].ExecContext(ctx, e.ID, date, e.Date.Time().Unix()/86400,
			e.Source.Code, e.Source.Text, e.Source.Country(), e.Target.Code, e.Target.Text, e.Target.Country(),
			e.Code, e.Root, e.QuadClass, e.Goldstein, e.PLOVER.Type, e.PLOVER.Mode, e.PLOVER.Context, string(e.Modality),
			hasLoc, locName, locCountry, lat, lon, prec, e.NumMentions, e.NumArticles, e.NumSources)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		seq := int64(i) + 1
		_, err = stmts[1].ExecContext(ctx, seq, "mn_syn"+strconv.Itoa(i), e.ID, articleID(i/eventsPerArticle), 0, date, "article",
			e.Source.Code, e.Source.Text, e.Target.Code, e.Target.Text,
			e.Code, e.Root, e.QuadClass, e.Goldstein, e.PLOVER.Type, e.PLOVER.Mode, e.PLOVER.Context, string(e.Modality),
			hasLoc, locName, locCountry, lat, lon, prec, s.Evidence, 0, len(s.Evidence), synthVersion)
		if err != nil {
			return fmt.Errorf("mention of %s: %w", e.ID, err)
		}
		if _, err := stmts[2].ExecContext(ctx, seq, s.Evidence); err != nil {
			return fmt.Errorf("index mention of %s: %w", e.ID, err)
		}
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}
