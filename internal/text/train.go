package text

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// TrainOptions says where the training corpora are and how to train.
type TrainOptions struct {
	// DataDir holds conll2000/train.txt and, when UseMASC is set,
	// masc_tagged.zip (the layout of ../shared/nlp-data).
	DataDir string
	// Iterations over the training data; 0 means the default.
	Iterations int
	// UseMASC adds the written genres of MASC to the tagger's training data.
	UseMASC bool
	Logger  *slog.Logger
}

// Models are the trained files, as embedded under model/.
type Models struct {
	Tagger     []byte // model/tagger.bin.gz
	Chunker    []byte // model/chunker.bin.gz
	LemmaBases []byte // model/lemma_bases.txt
}

// Train learns the part-of-speech tagger and the chunker and collects the
// base forms the lemmatizer chooses among. The CoNLL-2000 test set and the
// Penn Treebank sample are never read, so they stay held out for
// evaluation.
func Train(ctx context.Context, opts TrainOptions) (*Models, error) {
	if opts.Iterations <= 0 {
		opts.Iterations = 6
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	f, err := os.Open(filepath.Join(opts.DataDir, "conll2000", "train.txt"))
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	conll, err := readCoNLL(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	tagData := conll
	if opts.UseMASC {
		name := filepath.Join(opts.DataDir, "masc_tagged.zip")
		zr, err := zip.OpenReader(name)
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		masc, err := readMASC(&zr.Reader)
		zr.Close()
		if err != nil {
			return nil, fmt.Errorf("train %s: %w", name, err)
		}
		tagData = append(slices.Clip(conll), masc...)
	}
	var m Models
	log.Info("training tagger", "sentences", len(tagData), "iterations", opts.Iterations)
	m.Tagger, err = trainTagger(ctx, tagData, opts.Iterations, log)
	if err != nil {
		return nil, err
	}
	log.Info("training chunker", "sentences", len(conll), "iterations", opts.Iterations)
	m.Chunker, err = trainChunker(ctx, conll, opts.Iterations, log)
	if err != nil {
		return nil, err
	}
	m.LemmaBases = lemmaBases(tagData)
	return &m, nil
}

// lemmaBases lists the verbs seen in their base form (VB, VBP) and the
// nouns seen in the singular (NN), lower-case, words seen at least twice.
func lemmaBases(sents []taggedSent) []byte {
	count := map[string]int{}
	for _, s := range sents {
		for i, w := range s.words {
			kind := ""
			switch s.tags[i] {
			case "VB", "VBP":
				kind = "verb"
			case "NN":
				kind = "noun"
			default:
				continue
			}
			w = strings.ToLower(w)
			if len(w) < 2 || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
				continue
			}
			count[w+"\t"+kind]++
		}
	}
	lines := make([]string, 0, len(count))
	for k, n := range count {
		if n >= 2 || strings.HasSuffix(k, "\tverb") {
			lines = append(lines, k)
		}
	}
	slices.Sort(lines)
	var b bytes.Buffer
	b.WriteString("# Base forms seen in the tagger's training data: verbs tagged VB or VBP and\n")
	b.WriteString("# nouns tagged NN (seen at least twice). Written by go generate; the lemmatizer\n")
	b.WriteString("# picks the candidate lemma found here (\"used\" -> use, not us).\n")
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// trainForms returns the tagger forms of a corpus sentence's words.
func trainForms(words []string) []string {
	forms := make([]string, len(words))
	for i, w := range words {
		forms[i] = tagForm(string(appendNorm(nil, w)))
	}
	return forms
}

func classSet(sents []taggedSent, labels func(taggedSent) []string) ([]string, map[string]int) {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, l := range labels(s) {
			seen[l] = true
		}
	}
	classes := make([]string, 0, len(seen))
	for l := range seen {
		classes = append(classes, l)
	}
	slices.Sort(classes)
	idx := make(map[string]int, len(classes))
	for i, c := range classes {
		idx[c] = i
	}
	return classes, idx
}

func trainTagger(ctx context.Context, sents []taggedSent, iters int, log *slog.Logger) ([]byte, error) {
	classes, idx := classSet(sents, func(s taggedSent) []string { return s.tags })
	if len(classes) > maxClasses {
		return nil, fmt.Errorf("train tagger: %d tags", len(classes))
	}
	forms := make([][]string, len(sents))
	counts := map[string]map[int]int{}
	for k, s := range sents {
		forms[k] = trainForms(s.words)
		for i, f := range forms[k] {
			if counts[f] == nil {
				counts[f] = map[int]int{}
			}
			counts[f][idx[s.tags[i]]]++
		}
	}
	// Frequent words that nearly always take one tag skip the model.
	dict := map[string]uint8{}
	for f, byTag := range counts {
		total, best, bestN := 0, 0, 0
		for c, n := range byTag {
			total += n
			if n > bestN {
				best, bestN = c, n
			}
		}
		if total >= 20 && float64(bestN)/float64(total) >= 0.97 {
			dict[f] = uint8(best)
		}
	}
	tr := newTrainer(len(classes))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(2000, 1))
	scores := make([]float64, len(classes))
	var feats []uint64
	for it := range iters {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		correct, total := 0, 0
		for _, k := range order {
			s := sents[k]
			p1, p2 := uint8(tagStart), uint8(tagStart2)
			for i := range s.words {
				truth := idx[s.tags[i]]
				guess, ok := dict[forms[k][i]]
				if !ok {
					feats = tagFeatures(feats[:0], forms[k], s.words, i, p1, p2)
					guess = uint8(tr.predict(feats, scores))
					tr.update(truth, int(guess), feats)
				}
				if int(guess) == truth {
					correct++
				}
				total++
				p2, p1 = p1, guess
			}
		}
		log.Info("tagger iteration", "n", it+1, "train_accuracy", float64(correct)/float64(total))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	var buf bytes.Buffer
	if err := encodeModel(&buf, classes, tr.averaged(1.5), dict); err != nil {
		return nil, fmt.Errorf("train tagger: %w", err)
	}
	return buf.Bytes(), nil
}

func trainChunker(ctx context.Context, sents []taggedSent, iters int, log *slog.Logger) ([]byte, error) {
	classes, idx := classSet(sents, func(s taggedSent) []string { return s.chunks })
	if len(classes) > maxClasses {
		return nil, fmt.Errorf("train chunker: %d labels", len(classes))
	}
	forms := make([][]string, len(sents))
	for k, s := range sents {
		forms[k] = trainForms(s.words)
	}
	tr := newTrainer(len(classes))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(2000, 2))
	scores := make([]float64, len(classes))
	var feats []uint64
	for it := range iters {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		correct, total := 0, 0
		for _, k := range order {
			s := sents[k]
			p1, p2 := uint8(tagStart), uint8(tagStart2)
			for i := range s.words {
				truth := idx[s.chunks[i]]
				feats = chunkFeatures(feats[:0], forms[k], s.tags, i, p1, p2)
				guess := tr.predict(feats, scores)
				tr.update(truth, guess, feats)
				if guess == truth {
					correct++
				}
				total++
				p2, p1 = p1, uint8(guess)
			}
		}
		log.Info("chunker iteration", "n", it+1, "train_accuracy", float64(correct)/float64(total))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	var buf bytes.Buffer
	if err := encodeModel(&buf, classes, tr.averaged(1.5), nil); err != nil {
		return nil, fmt.Errorf("train chunker: %w", err)
	}
	return buf.Bytes(), nil
}
