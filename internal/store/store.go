// Package store keeps Chronicle's articles, sentences, mentions and events in
// one embedded SQLite file (the pure-Go modernc.org/sqlite driver).
//
// The database runs in WAL mode with synchronous=NORMAL: a crash loses at
// most the last transactions, never consistency. Writes go through a single
// connection, reads through a pool, so readers never wait for the writer.
// Every schema change is a numbered SQL file under migrations/, applied once
// in its own transaction and recorded in schema_migrations. The SQL is kept
// portable to PostgreSQL where that costs nothing; the FTS5 tables and their
// triggers are the SQLite-only part and live in their own migrations.
//
// Articles are deduplicated on write: the same id and text is a duplicate,
// the same text under another id is a duplicate of the first, a text whose
// SimHash is within Hamming distance 3 of a stored one is stored and linked
// to it as a near-duplicate, and a known id with different text is a
// conflict and is not stored. Title and text are indexed for full-text
// search (FTS5, BM25 ranking, « » highlighted snippets) in the same
// transaction as the article.
//
// The coder's output is stored by PutCoded (or PutSentences and
// PutMentions): every field of every mention, its claim, and the coder
// version that produced it, replacing what an earlier run coded for the
// same article. Mentions are clustered into events on write by the rule of
// package cluster: each write re-clusters the mentions that could share an
// event with what it changed, so events, their counts and the per-day
// totals behind timelines are always consistent with the mentions.
// Recluster rebuilds every event, for example under another window.
//
// Event queries (chronicle.EventReader) page with keyset cursors over
// (date, id), stream with EachEvent, and choose their index from the
// filter's estimated selectivity (see plan.go), which keeps timeline,
// network and listing queries fast on millions of events.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chronicle-dev/chronicle/internal/cluster"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open Chronicle database. It is safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB // one connection: every write
	r    *sql.DB // a pool of read-only connections

	// mu serialises write transactions and guards clusterOpt.
	mu sync.Mutex
	// clusterOpt is the clustering rule applied on writes.
	clusterOpt cluster.Options
	// listingCap and aggregateCap tune how event queries are planned.
	listingCap, aggregateCap int

	// verMu guards verConn, the read connection DataVersion asks.
	verMu   sync.Mutex
	verConn *sql.Conn
}

// Open opens the database at path, creating it when it does not exist, and
// brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// database/sql hands a freed connection to a random waiter, so a
	// pool smaller than the number of concurrent readers gives some
	// requests very long waits. Connections are cheap (each caches at
	// most 8 MB); allow plenty.
	n := max(16, runtime.GOMAXPROCS(0)*4)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &Store{path: path, w: w, r: r, clusterOpt: cluster.DefaultOptions(),
		listingCap: defaultListingCap, aggregateCap: defaultAggregateCap}, nil
}

// dsn builds the driver connection string: WAL, NORMAL sync, a busy
// timeout, foreign keys, and for the writer immediate transactions so two
// processes writing the same file wait instead of failing on upgrade.
func dsn(p string, readOnly bool) string {
	q := url.Values{}
	pragmas := []string{
		"busy_timeout(10000)",
		"journal_mode(WAL)",
		"synchronous(NORMAL)",
		"foreign_keys(1)",
		"temp_store(MEMORY)",
	}
	if readOnly {
		pragmas = append(pragmas, "query_only(1)", "cache_size(-8000)", "mmap_size(268435456)")
	} else {
		pragmas = append(pragmas, "cache_size(-65536)")
		q.Set("_txlock", "immediate")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	return "file:" + p + "?" + q.Encode()
}

// Close closes the database, checkpointing the write-ahead log.
func (s *Store) Close() error {
	s.closeVersionConn()
	errR := s.r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Best effort: leave a small WAL behind; an error here loses nothing.
	_, _ = s.w.ExecContext(ctx, "PRAGMA optimize")
	_, _ = s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	errW := s.w.Close()
	if err := errors.Join(errW, errR); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path returns the database file name.
func (s *Store) Path() string { return s.path }

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migration files in version order.
func migrations() ([]migration, error) {
	ents, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", name)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", prev, name, v)
		}
		seen[v] = name
		b, err := migrationFiles.ReadFile(path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies every migration not yet recorded, each in a transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := applyMigration(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&n); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.r.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return int(v.Int64), nil
}

// IntegrityCheck runs SQLite's integrity check and the FTS index checks
// and returns an error describing the first problem found.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if m != "ok" {
			msgs = append(msgs, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(msgs) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(msgs, "; "))
	}
	for _, t := range []string{"articles_fts", "mentions_fts"} {
		// The 'integrity-check' command compares the index with its
		// content table; it needs a writable connection.
		s.mu.Lock()
		_, err := s.w.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES ('integrity-check')", t, t))
		s.mu.Unlock()
		if err != nil {
			return fmt.Errorf("integrity check %s: %w", t, err)
		}
	}
	return nil
}

// fileSize returns the size of the database file and its WAL.
func fileSize(p string) int64 {
	var n int64
	for _, f := range []string{p, p + "-wal"} {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}
