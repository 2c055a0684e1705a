package text

import (
	"embed"
	"fmt"
)

// The trained models. Rebuild them with `go generate ./internal/text/...`
// (needs ../shared/nlp-data).
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
