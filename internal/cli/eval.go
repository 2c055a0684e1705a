package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/eval"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/text"
)

func runEval(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "eval", "--gold FILE [--dict DIR] [--json]")
	gold := fs.String("gold", "", "gold file (JSON Lines) to score against")
	dict := fs.String("dict", "", "code with the PETRARCH-format dictionaries in `DIR` instead of the built-in ones")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if *gold == "" || len(pos) > 0 {
		fs.Usage()
		return ExitUsage
	}
	if reports, err := isReportsGold(*gold); err == nil && reports {
		// Event reports are scored through the whole pipeline (eval_reports.go).
		return runEvalReports(ctx, env, *gold, *dict, *asJSON)
	}
	f, err := os.Open(*gold)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	recs, err := eval.ReadGold(f, *gold)
	f.Close()
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	coding, err := pipeline.Load(ctx, pipeline.Config{DictDir: *dict, Options: coder.DefaultOptions()})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	rep, err := eval.Run(ctx, recs, GoldCoder(coding.Analyzer, coding.Coder))
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	return writeEvalReport(env, rep, *asJSON)
}

// writeEvalReport prints a scoring report as text or indented JSON.
func writeEvalReport(env Env, rep interface{ WriteText(io.Writer) error }, asJSON bool) int {
	var err error
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.WriteText(env.Stdout)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle eval: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

// GoldCoder codes gold records with the options each record's config
// sets: require_dyad, new_actor_length, and comma_emin/comma_emax for
// attribution tails.
func GoldCoder(an *text.Analyzer, base *coder.Coder) eval.CodeFunc {
	return func(_ context.Context, rec eval.Record) ([]chronicle.Mention, error) {
		art, err := rec.Article()
		if err != nil {
			return nil, err
		}
		cd := base.WithOptions(coder.Options{
			RequireDyad:    rec.RequireDyad(),
			NewActorLength: rec.NewActorLength(),
			TailMin:        rec.ConfigInt("comma_emin", 0),
			TailMax:        rec.ConfigInt("comma_emax", 0),
		})
		return cd.Code(an.Analyze(art.Text, art.Date), art), nil
	}
}
