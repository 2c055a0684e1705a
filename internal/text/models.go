package text

import (
	"embed"
	"fmt"
)

// The trained models. Rebuild them with `go generate ./internal/text/...`
// (needs ../shared/nlp-data; about a minute, and the output is the same
// bit for bit). The tagger learns from CoNLL-2000 train (WSJ sections
// 15-18) and the written genres of MASC, the chunker from CoNLL-2000
// train; the CoNLL-2000 test set and the Penn Treebank sample are held
// out for the figures in eval_test.go.
//
//go:generate go run ./cmd/train -data ../../../shared/nlp-data -out model
//go:embed model/tagger.bin.gz model/chunker.bin.gz model/lemma_bases.txt
var modelFS embed.FS

func loadModel(name string) (*model, error) {
	b, err := modelFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	m, err := decodeModel(b)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	return m, nil
}
