package store

import (
	"context"
	"fmt"
	"iter"

	"github.com/chronicle-dev/chronicle"
)

// ArticlesToCode streams, in the order they were stored, the articles
// that version has not coded yet: never coded, or coded by another coder
// version (new rules or changed dictionaries). With all set it streams
// every article. It reads a page at a time, so memory stays constant, and
// it is what makes `chronicle run` resumable.
func (s *Store) ArticlesToCode(ctx context.Context, version string, all bool) iter.Seq2[chronicle.Article, error] {
	const page = 256
	return func(yield func(chronicle.Article, error) bool) {
		var after int64
		for {
			q := `SELECT ` + articleColumns + `, a.seq FROM articles a`
			args := []any{}
			if !all {
				q += ` LEFT JOIN coded c ON c.article_id = a.id WHERE (c.coder_version IS NULL OR c.coder_version <> ?) AND a.seq > ?`
				args = append(args, version, after)
			} else {
				q += ` WHERE a.seq > ?`
				args = append(args, after)
			}
			q += ` ORDER BY a.seq LIMIT ?`
			args = append(args, page)
			rows, err := s.r.QueryContext(ctx, q, args...)
			if err != nil {
				yield(chronicle.Article{}, fmt.Errorf("articles to code: %w", err))
				return
			}
			var batch []chronicle.Article
			for rows.Next() {
				a, err := scanArticle(rows, &after)
				if err != nil {
					rows.Close()
					yield(chronicle.Article{}, fmt.Errorf("articles to code: %w", err))
					return
				}
				batch = append(batch, a)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				yield(chronicle.Article{}, fmt.Errorf("articles to code: %w", err))
				return
			}
			for _, a := range batch {
				if !yield(a, nil) {
					return
				}
			}
			if len(batch) < page {
				return
			}
		}
	}
}

// CountToCode counts the articles ArticlesToCode would stream.
func (s *Store) CountToCode(ctx context.Context, version string, all bool) (int, error) {
	q := `SELECT COUNT(*) FROM articles a`
	var args []any
	if !all {
		q += ` LEFT JOIN coded c ON c.article_id = a.id WHERE c.coder_version IS NULL OR c.coder_version <> ?`
		args = append(args, version)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles to code: %w", err)
	}
	return n, nil
}
