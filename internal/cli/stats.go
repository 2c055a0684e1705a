package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

func runStats(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "stats", "[--db FILE] [--format text|json]")
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	format := fs.String("format", "text", "output: text or json")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) > 0 || (*format != "text" && *format != "json") {
		fs.Usage()
		return ExitUsage
	}
	st, code := openExisting(ctx, env, "stats", *db)
	if st == nil {
		return code
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle stats: %v\n", err)
		return ExitFailure
	}
	if *format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		out := struct {
			Articles       int            `json:"articles"`
			NearDuplicates int            `json:"near_duplicates"`
			Sentences      int            `json:"sentences"`
			Mentions       int            `json:"mentions"`
			Events         int            `json:"events"`
			FirstDate      string         `json:"first_date"`
			LastDate       string         `json:"last_date"`
			Sources        map[string]int `json:"sources"`
			Bytes          int64          `json:"bytes"`
		}{s.Articles, s.NearDuplicates, s.Sentences, s.Mentions, s.Events,
			s.FirstDate.String(), s.LastDate.String(), s.Sources, s.Bytes}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(env.Stderr, "chronicle stats: %v\n", err)
			return ExitFailure
		}
		return ExitOK
	}
	w := env.Stdout
	fmt.Fprintf(w, "database        %s (%.1f MB)\n", st.Path(), float64(s.Bytes)/1e6)
	fmt.Fprintf(w, "articles        %d\n", s.Articles)
	fmt.Fprintf(w, "near-duplicates %d\n", s.NearDuplicates)
	if !s.FirstDate.IsZero() {
		fmt.Fprintf(w, "dates           %s to %s\n", s.FirstDate, s.LastDate)
	}
	fmt.Fprintf(w, "sentences       %d\n", s.Sentences)
	fmt.Fprintf(w, "mentions        %d\n", s.Mentions)
	fmt.Fprintf(w, "events          %d\n", s.Events)
	if len(s.Sources) > 0 {
		fmt.Fprintln(w, "sources")
		names := slices.SortedFunc(maps.Keys(s.Sources), func(a, b string) int {
			return cmp.Or(cmp.Compare(s.Sources[b], s.Sources[a]), cmp.Compare(a, b))
		})
		for _, n := range names {
			label := n
			if label == "" {
				label = "(none)"
			}
			fmt.Fprintf(w, "  %-30s %d\n", label, s.Sources[n])
		}
	}
	return ExitOK
}
