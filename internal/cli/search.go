package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// searchLine is one result of `search --format jsonl`.
type searchLine struct {
	ID      string  `json:"id"`
	Date    string  `json:"date"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

func runSearch(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "search", "[--db FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--format text|jsonl] QUERY")
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	limit := fs.Int("limit", 20, "results per page")
	cursor := fs.String("cursor", "", "page cursor printed by the previous page")
	format := fs.String("format", "text", "output: text or jsonl")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	f := chronicle.ArticleFilter{Query: strings.Join(pos, " "), Limit: *limit, Cursor: *cursor}
	var err error
	if f.From, err = flagDate("--from", *from); err == nil {
		f.To, err = flagDate("--to", *to)
	}
	if err == nil && *format != "text" && *format != "jsonl" {
		err = fmt.Errorf("--format %q: want text or jsonl", *format)
	}
	if err == nil && *limit < 1 {
		err = fmt.Errorf("--limit %d: want at least 1", *limit)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle search: %v\n", err)
		return ExitUsage
	}
	st, code := openExisting(ctx, env, "search", *db)
	if st == nil {
		return code
	}
	defer st.Close()
	hits, next, err := st.SearchArticles(ctx, f)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle search: %v\n", err)
		return ExitFailure
	}
	if *format == "jsonl" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, h := range hits {
			if err := enc.Encode(searchLine{h.Article.ID, h.Article.Date.String(), h.Article.Title, h.Snippet, h.Score}); err != nil {
				fmt.Fprintf(env.Stderr, "chronicle search: %v\n", err)
				return ExitFailure
			}
		}
	} else {
		for _, h := range hits {
			date := h.Article.Date.String()
			if date == "" {
				date = "????-??-??"
			}
			head := date + "  " + h.Article.ID
			if h.Article.Title != "" {
				head += "  " + h.Article.Title
			}
			fmt.Fprintf(env.Stdout, "%s\n    %s\n", head, strings.Join(strings.Fields(h.Snippet), " "))
		}
		if len(hits) == 0 {
			fmt.Fprintln(env.Stderr, "chronicle search: no articles match")
		}
	}
	if next != "" {
		fmt.Fprintf(env.Stderr, "chronicle search: more results: --cursor %s\n", next)
	}
	return ExitOK
}

// flagDate parses an optional YYYY-MM-DD flag value.
func flagDate(name, v string) (chronicle.Date, error) {
	if v == "" {
		return chronicle.Date{}, nil
	}
	d, err := chronicle.ParseDate(v)
	if err != nil {
		return d, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// openExisting opens the database for a command that reads it, refusing
// to create an empty one when the path is wrong.
func openExisting(ctx context.Context, env Env, cmd, flagValue string) (*store.Store, int) {
	path := dbPath(env, flagValue)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(env.Stderr, "chronicle %s: no database at %s (run chronicle ingest first, or pass --db)\n", cmd, path)
		return nil, ExitFailure
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle %s: %v\n", cmd, err)
		return nil, ExitFailure
	}
	return st, ExitOK
}
