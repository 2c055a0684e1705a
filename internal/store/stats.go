package store

import (
	"context"
	"fmt"

	"github.com/chronicle-dev/chronicle"
)

// Stats summarises what a store holds.
type Stats struct {
	Articles       int
	NearDuplicates int
	Sentences      int
	Mentions       int
	Events         int
	// FirstDate and LastDate bound the known article dates.
	FirstDate, LastDate chronicle.Date
	// Sources counts articles per source ("" for articles without one).
	Sources map[string]int
	// Bytes is the size of the database file and its write-ahead log.
	Bytes int64
}

// Stats counts the store's contents.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Sources: map[string]int{}}
	var first, last string
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT COUNT(*) FROM sentences),
		(SELECT COUNT(*) FROM mentions),
		(SELECT COUNT(*) FROM events),
		COALESCE((SELECT MIN(date) FROM articles WHERE date <> ''), ''),
		COALESCE((SELECT MAX(date) FROM articles WHERE date <> ''), '')`).
		Scan(&st.Articles, &st.NearDuplicates, &st.Sentences, &st.Mentions, &st.Events, &first, &last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if st.FirstDate, err = parseDateColumn(first); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if st.LastDate, err = parseDateColumn(last); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT source, COUNT(*) FROM articles GROUP BY source`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		st.Sources[src] = n
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Bytes = fileSize(s.path)
	return st, nil
}
