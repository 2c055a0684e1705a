package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"
	"unicode"

	"github.com/chronicle-dev/chronicle"
)

// PutStatus says what PutArticles did with one article.
type PutStatus int

// The outcomes of storing an article.
const (
	// New: stored.
	New PutStatus = iota
	// Duplicate: the same id and text, or the same text under another id,
	// is already stored; nothing was written. DuplicateOf names the stored
	// article.
	Duplicate
	// NearDuplicate: stored, and linked through DuplicateOf to a stored
	// article whose SimHash is within NearDistance bits.
	NearDuplicate
	// Conflict: the id is stored with a different text; nothing was
	// written.
	Conflict
)

// String names the status as the ingest summary prints it.
func (p PutStatus) String() string {
	switch p {
	case New:
		return "new"
	case Duplicate:
		return "duplicate"
	case NearDuplicate:
		return "near-duplicate"
	case Conflict:
		return "conflict"
	}
	return fmt.Sprintf("PutStatus(%d)", int(p))
}

// NearDistance is the largest Hamming distance between two SimHash
// sketches that makes the later article a near-duplicate.
const NearDistance = 3

// PutResult is the outcome for one article of a PutArticles call.
type PutResult struct {
	ID          string
	Status      PutStatus
	DuplicateOf string
}

// dateString formats a date for the database: YYYY-MM-DD or "".
func dateString(d chronicle.Date) string { return d.String() }

// parseDateColumn reads a date column; "" is the zero Date.
func parseDateColumn(s string) (chronicle.Date, error) {
	if s == "" {
		return chronicle.Date{}, nil
	}
	return chronicle.ParseDate(s)
}

// ContentHash is the fallback for articles stored without a Hash: the hex
// SHA-256 of the text with every run of whitespace collapsed to one space
// and the ends trimmed.
func ContentHash(text string) string {
	h := sha256.New()
	var buf []byte
	space := false
	for _, r := range strings.TrimSpace(text) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = append(buf, string(r)...)
		if len(buf) > 4096 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}

// bands splits a sketch into its four 16-bit bands.
func bands(sketch uint64) [4]int64 {
	return [4]int64{
		int64(sketch & 0xffff),
		int64(sketch >> 16 & 0xffff),
		int64(sketch >> 32 & 0xffff),
		int64(sketch >> 48 & 0xffff),
	}
}

// putArticleStmts are the prepared statements of one PutArticles call.
type putArticleStmts struct {
	lookup, near, insert, band *sql.Stmt
}

func prepareArticleStmts(ctx context.Context, tx *sql.Tx) (*putArticleStmts, error) {
	var p putArticleStmts
	var err error
	prep := func(dst **sql.Stmt, q string) {
		if err != nil {
			return
		}
		*dst, err = tx.PrepareContext(ctx, q)
	}
	prep(&p.lookup, `SELECT id, hash FROM articles WHERE id = ? OR hash = ?`)
	prep(&p.near, `SELECT a.id, a.sketch, a.duplicate_of
		FROM sketch_bands b JOIN articles a ON a.seq = b.article_seq
		WHERE (b.band = 0 AND b.value = ?) OR (b.band = 1 AND b.value = ?)
		   OR (b.band = 2 AND b.value = ?) OR (b.band = 3 AND b.value = ?)
		ORDER BY a.seq LIMIT 256`)
	prep(&p.insert, `INSERT INTO articles
		(id, date, title, text, url, source, origin, hash, sketch, duplicate_of, notes, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	prep(&p.band, `INSERT INTO sketch_bands (band, value, article_seq) VALUES (0, ?, ?), (1, ?, ?), (2, ?, ?), (3, ?, ?)`)
	if err != nil {
		p.close()
		return nil, err
	}
	return &p, nil
}

func (p *putArticleStmts) close() {
	for _, s := range []*sql.Stmt{p.lookup, p.near, p.insert, p.band} {
		if s != nil {
			s.Close()
		}
	}
}

// PutArticles stores articles in one transaction and reports, in order,
// what happened to each. Callers batch a few hundred articles per call.
// An article without a Hash gets ContentHash of its text; one without a
// Sketch is not checked for near-duplicates. Added is set to now when
// zero. An error means nothing of the batch was stored.
func (s *Store) PutArticles(ctx context.Context, as []chronicle.Article) ([]PutResult, error) {
	if len(as) == 0 {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	defer tx.Rollback()
	st, err := prepareArticleStmts(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	defer st.close()
	// Every article this transaction inserts gets a seq above the
	// largest stored one (seq is the rowid, and the writer is ours).
	var lastSeq int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM articles").Scan(&lastSeq); err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	now := time.Now().UTC()
	res := make([]PutResult, len(as))
	for i := range as {
		r, err := st.put(ctx, &as[i], now)
		if err != nil {
			return nil, fmt.Errorf("put article %q: %w", as[i].ID, err)
		}
		res[i] = r
	}
	// The batch is indexed by one statement at the end. FTS5 writes its
	// pending index data to disk at every statement savepoint, and the
	// inserts above open one each (foreign keys, multi-row inserts):
	// indexing article by article wrote one tiny segment per article and
	// spent a third of ingest merging them.
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text)
		SELECT seq, title, text FROM articles WHERE seq > ? ORDER BY seq`, lastSeq); err != nil {
		return nil, fmt.Errorf("put articles: index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	return res, nil
}

func (p *putArticleStmts) put(ctx context.Context, a *chronicle.Article, now time.Time) (PutResult, error) {
	if a.ID == "" {
		return PutResult{}, errors.New("empty id")
	}
	hash := a.Hash
	if hash == "" {
		hash = ContentHash(a.Text)
	}
	res := PutResult{ID: a.ID}

	// Exact duplicates and conflicts: the id or the hash is known.
	rows, err := p.lookup.QueryContext(ctx, a.ID, hash)
	if err != nil {
		return res, err
	}
	var sameID, sameIDHash, sameHash string
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return res, err
		}
		if id == a.ID {
			sameID, sameIDHash = id, h
		} else if h == hash {
			sameHash = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	switch {
	case sameID != "" && sameIDHash == hash:
		res.Status, res.DuplicateOf = Duplicate, sameID
		return res, nil
	case sameID != "":
		res.Status = Conflict
		return res, nil
	case sameHash != "":
		res.Status, res.DuplicateOf = Duplicate, sameHash
		return res, nil
	}

	// Near-duplicates: a stored sketch sharing a band and within
	// NearDistance bits. The link goes to the original of the closest
	// match, so re-publications of one story all point at the first.
	dupOf := a.DuplicateOf
	var bs [4]int64
	if a.Sketch != 0 {
		bs = bands(a.Sketch)
		rows, err := p.near.QueryContext(ctx, bs[0], bs[1], bs[2], bs[3])
		if err != nil {
			return res, err
		}
		best := NearDistance + 1
		for rows.Next() {
			var id string
			var sk int64
			var orig sql.NullString
			if err := rows.Scan(&id, &sk, &orig); err != nil {
				rows.Close()
				return res, err
			}
			if d := bits.OnesCount64(uint64(sk) ^ a.Sketch); d < best {
				best = d
				dupOf = id
				if orig.Valid && orig.String != "" {
					dupOf = orig.String
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		if best <= NearDistance {
			res.Status, res.DuplicateOf = NearDuplicate, dupOf
		}
	}

	added := a.Added
	if added.IsZero() {
		added = now
	}
	var dup any
	if dupOf != "" {
		dup = dupOf
	}
	r, err := p.insert.ExecContext(ctx, a.ID, dateString(a.Date), a.Title, a.Text, a.URL, a.Source, a.Origin,
		hash, int64(a.Sketch), dup, strings.Join(a.Notes, "\n"), added.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return res, err
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return res, err
	}
	if a.Sketch != 0 {
		if _, err := p.band.ExecContext(ctx, bs[0], seq, bs[1], seq, bs[2], seq, bs[3], seq); err != nil {
			return res, err
		}
	}
	a.Hash, a.DuplicateOf, a.Added = hash, dupOf, added
	return res, nil
}

// articleColumns are the columns scanArticle reads, in order.
const articleColumns = `a.id, a.date, a.title, a.text, a.url, a.source, a.origin, a.hash, a.sketch,
	a.duplicate_of, a.notes, a.added`

type scanner interface{ Scan(dest ...any) error }

func scanArticle(sc scanner, extra ...any) (chronicle.Article, error) {
	var a chronicle.Article
	var date, notes, added string
	var sketch int64
	var dup sql.NullString
	dest := append([]any{&a.ID, &date, &a.Title, &a.Text, &a.URL, &a.Source, &a.Origin, &a.Hash, &sketch,
		&dup, &notes, &added}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return a, err
	}
	var err error
	if a.Date, err = parseDateColumn(date); err != nil {
		return a, fmt.Errorf("article %s: %w", a.ID, err)
	}
	a.Sketch = uint64(sketch)
	a.DuplicateOf = dup.String
	if notes != "" {
		a.Notes = strings.Split(notes, "\n")
	}
	if a.Added, err = time.Parse(time.RFC3339Nano, added); err != nil {
		return a, fmt.Errorf("article %s added: %w", a.ID, err)
	}
	return a, nil
}

// Article returns the stored article with the given id, or an error
// wrapping chronicle.ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (chronicle.Article, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %q: %w", id, chronicle.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("article %q: %w", id, err)
	}
	return a, nil
}

// Search page sizes.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

func pageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// SearchArticles finds articles matching f. With a query the hits are
// ranked by BM25 (title matches weigh three times text matches) and carry
// a snippet with the matches wrapped in « »; without one, every article in
// the date range is listed newest first with the opening of its text as
// the snippet. The returned cursor fetches the next page; it is empty on
// the last page. Articles of unknown date match only when no date bound
// is set.
func (s *Store) SearchArticles(ctx context.Context, f chronicle.ArticleFilter) ([]chronicle.ArticleHit, string, error) {
	limit := pageSize(f.Limit)
	cur, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", fmt.Errorf("search articles: %w", err)
	}
	var where []string
	var args []any
	if !f.From.IsZero() {
		where = append(where, "a.date >= ?")
		args = append(args, dateString(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "a.date <> ''", "a.date <= ?")
		args = append(args, dateString(f.To))
	}
	if strings.TrimSpace(f.Query) == "" {
		return s.listArticles(ctx, where, args, cur, limit)
	}
	q := FTSQuery(f.Query)
	if q == "" {
		return nil, "", nil
	}
	if cur.Kind != "" && cur.Kind != cursorOffset {
		return nil, "", fmt.Errorf("search articles: cursor is not for a ranked search")
	}
	where = append([]string{"articles_fts MATCH ?"}, where...)
	args = append([]any{q}, args...)
	args = append(args, limit+1, cur.Offset)
	query := `SELECT ` + articleColumns + `,
		snippet(articles_fts, -1, '«', '»', '…', 24),
		bm25(articles_fts, 3.0, 1.0) AS score
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY score, a.seq LIMIT ? OFFSET ?`
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, "", fmt.Errorf("search articles %q: %w", f.Query, err)
	}
	defer rows.Close()
	var hits []chronicle.ArticleHit
	for rows.Next() {
		var h chronicle.ArticleHit
		var score float64
		if h.Article, err = scanArticle(rows, &h.Snippet, &score); err != nil {
			return nil, "", fmt.Errorf("search articles %q: %w", f.Query, err)
		}
		h.Score = -score // bm25 is lower for better matches
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("search articles %q: %w", f.Query, err)
	}
	next := ""
	if len(hits) > limit {
		hits = hits[:limit]
		next = cursor{Kind: cursorOffset, Offset: cur.Offset + limit}.encode()
	}
	return hits, next, nil
}

// listArticles pages through articles newest first, keyset on (date, seq).
func (s *Store) listArticles(ctx context.Context, where []string, args []any, cur cursor, limit int) ([]chronicle.ArticleHit, string, error) {
	switch cur.Kind {
	case "":
	case cursorKeyset:
		where = append(where, "(a.date < ? OR (a.date = ? AND a.seq < ?))")
		args = append(args, cur.Date, cur.Date, cur.Seq)
	default:
		return nil, "", fmt.Errorf("list articles: cursor is not for a listing")
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, limit+1)
	rows, err := s.r.QueryContext(ctx, `SELECT `+articleColumns+`, a.seq FROM articles a `+cond+
		` ORDER BY a.date DESC, a.seq DESC LIMIT ?`, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var hits []chronicle.ArticleHit
	var seqs []int64
	for rows.Next() {
		var h chronicle.ArticleHit
		var seq int64
		if h.Article, err = scanArticle(rows, &seq); err != nil {
			return nil, "", fmt.Errorf("list articles: %w", err)
		}
		h.Snippet = opening(h.Article.Text, 200)
		hits = append(hits, h)
		seqs = append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list articles: %w", err)
	}
	next := ""
	if len(hits) > limit {
		hits = hits[:limit]
		last := hits[limit-1].Article
		next = cursor{Kind: cursorKeyset, Date: dateString(last.Date), Seq: seqs[limit-1]}.encode()
	}
	return hits, next, nil
}

// opening returns the start of text up to about n bytes, cut at a word
// boundary, with an ellipsis when shortened.
func opening(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8Start(text[cut]) {
			cut--
		}
	}
	return text[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
