// Command train rebuilds the part-of-speech tagger and chunker models of
// package text from the CoNLL-2000 (and optionally MASC) corpora:
//
//	go run ./internal/text/cmd/train -data ../shared/nlp-data -out internal/text/model
//
// It is run by `go generate ./internal/text/...`.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/chronicle-dev/chronicle/internal/text"
)

func main() {
	data := flag.String("data", "../shared/nlp-data", "directory with conll2000/ and masc_tagged.zip")
	out := flag.String("out", "model", "directory to write tagger.bin.gz, chunker.bin.gz and lemma_bases.txt to")
	iters := flag.Int("iter", 6, "training iterations")
	masc := flag.Bool("masc", true, "add MASC written genres to the tagger's training data")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *data, *out, *iters, *masc); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, data, out string, iters int, masc bool) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	m, err := text.Train(ctx, text.TrainOptions{DataDir: data, Iterations: iters, UseMASC: masc, Logger: log})
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{"tagger.bin.gz": m.Tagger, "chunker.bin.gz": m.Chunker, "lemma_bases.txt": m.LemmaBases} {
		p := filepath.Join(out, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
		log.Info("wrote model", "file", p, "bytes", len(b))
	}
	return nil
}
