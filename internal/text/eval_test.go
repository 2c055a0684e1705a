package text

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/sharedtest"
)

// sharedDir is ../shared, when its training data is there.
func sharedDir(t testing.TB) string {
	t.Helper()
	return filepath.Dir(sharedtest.Path(t, "nlp-data"))
}

func newTestAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// tagWords tags and chunks pre-tokenised words, one sentence.
func (a *Analyzer) tagWords(words []string) []Token {
	toks := make([]Token, len(words))
	for i, w := range words {
		toks[i] = Token{Text: w, Norm: string(appendNorm(nil, w)), SpaceAfter: true}
	}
	var sc tagScratch
	a.tagger.tag(strings.Join(words, " "), toks, &sc)
	a.chunker.chunk(toks, &sc)
	return toks
}

type span3 struct {
	kind        string
	first, last int
}

// iobChunks reads chunks out of IOB labels the conlleval way.
func iobChunks(labels []string) []span3 {
	var out []span3
	cur := span3{first: -1}
	for i, l := range labels {
		b, k, _ := strings.Cut(l, "-")
		if cur.first >= 0 && (l == "O" || b == "B" || k != cur.kind) {
			cur.last = i
			out = append(out, cur)
			cur = span3{first: -1}
		}
		if l != "O" && cur.first < 0 {
			cur = span3{kind: k, first: i}
		}
	}
	if cur.first >= 0 {
		cur.last = len(labels)
		out = append(out, cur)
	}
	return out
}

type prf struct{ tp, guessed, gold int }

func (p *prf) add(guess, gold []span3) {
	set := map[span3]bool{}
	for _, g := range gold {
		set[g] = true
	}
	for _, g := range guess {
		if set[g] {
			p.tp++
		}
	}
	p.guessed += len(guess)
	p.gold += len(gold)
}

func (p prf) f1() (prec, rec, f float64) {
	prec = float64(p.tp) / float64(max(p.guessed, 1))
	rec = float64(p.tp) / float64(max(p.gold, 1))
	if prec+rec > 0 {
		f = 2 * prec * rec / (prec + rec)
	}
	return
}

func TestCoNLL2000TestSet(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "nlp-data", "conll2000", "test.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := readCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAnalyzer(t)
	correct, total := 0, 0
	var ours, withGoldTags prf
	for _, s := range sents {
		toks := a.tagWords(s.words)
		guess := make([]string, len(toks))
		for i, tok := range toks {
			if tok.Tag == s.tags[i] {
				correct++
			}
			total++
			guess[i] = tok.Chunk
		}
		gold := iobChunks(s.chunks)
		ours.add(iobChunks(guess), gold)
		// The same chunker fed the corpus's own tags.
		for i := range toks {
			toks[i].Tag = s.tags[i]
		}
		var sc tagScratch
		sc.forms = trainForms(s.words)
		a.chunker.chunk(toks, &sc)
		for i, tok := range toks {
			guess[i] = tok.Chunk
		}
		withGoldTags.add(iobChunks(guess), gold)
	}
	acc := float64(correct) / float64(total)
	p, r, f1 := ours.f1()
	_, _, f1g := withGoldTags.f1()
	t.Logf("CoNLL-2000 test: %d tokens, POS accuracy %.4f; chunks P %.4f R %.4f F1 %.4f (F1 %.4f with the corpus tags)", total, acc, p, r, f1, f1g)
	if acc < 0.96 {
		t.Errorf("POS accuracy %.4f < 0.96", acc)
	}
	if f1 < 0.92 {
		t.Errorf("chunk F1 %.4f < 0.92", f1)
	}
}

func TestPennTreebankSample(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "nlp-data", "ptb-sample.mrg"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, _, err := readTreebank(f)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAnalyzer(t)
	correct, total := 0, 0
	for _, s := range sents {
		for i, tok := range a.tagWords(s.words) {
			if tok.Tag == s.tags[i] {
				correct++
			}
			total++
		}
	}
	acc := float64(correct) / float64(total)
	t.Logf("Penn Treebank sample: %d sentences, %d tokens, POS accuracy %.4f", len(sents), total, acc)
	if acc < 0.95 {
		t.Errorf("POS accuracy %.4f < 0.95", acc)
	}
}

// TestPetrarchGoldParses runs the whole analyzer on the gold records'
// raw text and compares tags and base noun phrases with their Treebank
// parses, aligning tokens by the characters they cover.
func TestPetrarchGoldParses(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "gold", "petrarch-unit.dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := newTestAnalyzer(t)
	agree, total, unaligned, records := 0, 0, 0, 0
	var nps prf
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var rec struct {
			Text  string `json:"text"`
			Parse string `json:"parse"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Parse == "" {
			continue
		}
		_, gold, goldNPs, err := parseTree(rec.Parse, 0)
		if err != nil {
			t.Fatal(err)
		}
		records++
		d := a.Analyze(rec.Text, chronicle.Date{})
		goldText := make([]string, len(gold.words))
		for i, w := range gold.words {
			goldText[i] = treebankText(w)
		}
		ourText := make([]string, len(d.Tokens))
		for i, tok := range d.Tokens {
			ourText[i] = tok.Norm
		}
		align := alignTokens(goldText, ourText) // gold token → our token, or -1
		for i, j := range align {
			total++
			if j < 0 {
				unaligned++
				continue
			}
			if sameTag(d.Tokens[j].Tag, gold.tags[i]) {
				agree++
			}
		}
		// Base NPs as ranges of our tokens; a gold NP whose ends did not
		// align counts as missed.
		var guessNP, goldNP []span3
		for _, c := range iobChunksOf(d.Tokens) {
			if c.kind == "NP" {
				guessNP = append(guessNP, c)
			}
		}
		for _, np := range goldNPs {
			first, last := align[np[0]], align[np[1]-1]
			if first < 0 || last < 0 {
				goldNP = append(goldNP, span3{"missing", -1, -1})
				continue
			}
			goldNP = append(goldNP, span3{"NP", first, last + 1})
		}
		nps.add(guessNP, goldNP)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	acc := float64(agree) / float64(total)
	p, r, f1 := nps.f1()
	t.Logf("petrarch gold: %d records, %d Treebank tokens (%d not aligned, counted as disagreeing), tag agreement %.4f; base NP P %.4f R %.4f F1 %.4f", records, total, unaligned, acc, p, r, f1)
	if acc < 0.95 {
		t.Errorf("tag agreement %.4f < 0.95", acc)
	}
	if f1 < 0.90 {
		t.Errorf("base NP F1 %.4f < 0.90", f1)
	}
}

func iobChunksOf(toks []Token) []span3 {
	labels := make([]string, len(toks))
	for i, t := range toks {
		labels[i] = t.Chunk
	}
	return iobChunks(labels)
}

// treebankText undoes Treebank spellings of quotes so tokens can be
// aligned with raw text.
func treebankText(w string) string {
	switch w {
	case "``", "''":
		return "\""
	}
	return w
}

func sameTag(ours, gold string) bool {
	return ours == canonTag(gold)
}

// alignTokens aligns two token sequences by their longest common
// subsequence (case-insensitive) and returns, for each token of a, the
// index of its partner in b or -1.
func alignTokens(a, b []string) []int {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if strings.EqualFold(a[i], b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := make([]int, n)
	i, j := 0, 0
	for i < n {
		switch {
		case j < m && strings.EqualFold(a[i], b[j]):
			out[i] = j
			i++
			j++
		case j < m && lcs[i][j+1] >= lcs[i+1][j]:
			j++
		default:
			out[i] = -1
			i++
		}
	}
	return out
}
