package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/eval"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
)

// isReportsGold reports whether the gold file holds event reports (lines
// with expected_date, expected_place or expected_countries).
func isReportsGold(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	return eval.IsReports(f)
}

// runEvalReports scores an event-reports gold file: every report is coded
// as chronicle run codes an article (language layer, coder, places), and
// scored for PLOVER type, actor country, event date and place.
func runEvalReports(ctx context.Context, env Env, path, dict string, asJSON bool) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	recs, err := eval.ReadReports(f, path)
	f.Close()
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	c, err := pipeline.Load(ctx, pipeline.Config{DictDir: dict, Options: pipeline.EventDataOptions()})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	res, err := eval.RunReports(ctx, recs, func(_ context.Context, rec eval.Record) ([]chronicle.Mention, error) {
		a, err := rec.Article()
		if err != nil {
			return nil, err
		}
		return c.Code(a).Coded.Mentions, nil
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	return writeEvalReport(env, res, asJSON)
}
