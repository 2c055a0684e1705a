package text

import (
	"bytes"
	"math"
	"slices"
	"testing"
)

func TestModelRoundTrip(t *testing.T) {
	feats := map[uint64][]weight{
		hashString(hashTemplate(6), "attack"): {{0, 3.25}, {2, -1.5}},
		hashString(hashTemplate(6), "the"):    {{1, 7}},
		hashTemplate(0):                       {{2, 0.001}},
	}
	var buf bytes.Buffer
	if err := encodeModel(&buf, []string{"NN", "DT", "VB"}, feats, map[string]uint8{"of": 1}); err != nil {
		t.Fatal(err)
	}
	m, err := decodeModel(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.classes) != 3 || m.classes[2] != "VB" || m.dict["of"] != 1 {
		t.Fatalf("classes %v dict %v", m.classes, m.dict)
	}
	tests := []struct {
		feats []uint64
		want  string
	}{
		{[]uint64{hashString(hashTemplate(6), "attack")}, "NN"},
		{[]uint64{hashString(hashTemplate(6), "the")}, "DT"},
		{[]uint64{hashString(hashTemplate(6), "attack"), hashString(hashTemplate(6), "the")}, "DT"},
	}
	scores := make([]int32, 3)
	for _, tt := range tests {
		if got := m.classes[m.score(tt.feats, scores)]; got != tt.want {
			t.Errorf("score(%v) = %s, want %s", tt.feats, got, tt.want)
		}
	}
	// Quantisation keeps weights within one step of the truth.
	for _, w := range m.weights(hashString(hashTemplate(6), "attack")) {
		want := map[uint8]float32{0: 3.25, 2: -1.5}[w.class]
		if math.Abs(float64(w.w-want)) > 7.0/32000 {
			t.Errorf("class %d weight %v, want %v", w.class, w.w, want)
		}
	}
	if _, err := decodeModel([]byte("not gzip")); err == nil {
		t.Error("decodeModel accepted garbage")
	}
}

func TestTrainerLearnsSeparableData(t *testing.T) {
	tr := newTrainer(2)
	a, b := hashTemplate(1), hashTemplate(2)
	scores := make([]float64, 2)
	for range 5 {
		tr.update(0, tr.predict([]uint64{a}, scores), []uint64{a})
		tr.update(1, tr.predict([]uint64{b}, scores), []uint64{b})
	}
	// Class 0 wins ties, so only feature b needed updates.
	if avg := tr.averaged(0); len(avg[b]) != 2 || len(avg[a]) != 0 {
		t.Fatalf("averaged weights %v", avg)
	}
	if tr.predict([]uint64{a}, scores) != 0 || tr.predict([]uint64{b}, scores) != 1 {
		t.Error("trainer did not separate two features")
	}
}

func TestLemmas(t *testing.T) {
	a := newTestAnalyzer(t)
	tests := []struct{ norm, tag, want string }{
		{"said", "VBD", "say"}, {"met", "VBD", "meet"}, {"attacked", "VBD", "attack"},
		{"attacked", "VBN", "attack"}, {"stopped", "VBD", "stop"}, {"used", "VBN", "use"},
		{"agreed", "VBD", "agree"}, {"carried", "VBD", "carry"}, {"says", "VBZ", "say"},
		{"pushes", "VBZ", "push"}, {"attacking", "VBG", "attack"}, {"making", "VBG", "make"},
		{"dying", "VBG", "die"}, {"is", "VBZ", "be"}, {"were", "VBD", "be"}, {"had", "VBD", "have"},
		{"countries", "NNS", "country"}, {"talks", "NNS", "talk"}, {"wolves", "NNS", "wolf"},
		{"churches", "NNS", "church"}, {"children", "NNS", "child"}, {"gunmen", "NNS", "gunman"},
		{"crisis", "NN", "crisis"}, {"news", "NN", "news"}, {"n't", "RB", "not"}, {"wo", "MD", "will"},
		{"fled", "VBD", "flee"}, {"sought", "VBD", "seek"}, {"ties", "NNS", "tie"},
	}
	for _, tt := range tests {
		if got := a.lemmas.lemma(tt.norm, tt.tag); got != tt.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", tt.norm, tt.tag, got, tt.want)
		}
	}
}

// TestFeatureSplit checks that the tagger and chunker, which add the
// features of the previous labels from a table and look the rest up,
// use exactly the features the models were trained on, and that a
// priors row scores like looking its features up.
func TestFeatureSplit(t *testing.T) {
	forms := []string{"the", "general", "!digits", "denied", "it", "."}
	texts := []string{"The", "general", "12", "denied", "it", "."}
	tags := []string{"DT", "NN", "CD", "VBD", "PRP", "."}
	labels := []struct{ p1, p2 uint8 }{{tagStart, tagStart2}, {3, tagStart}, {0, 7}, {21, 21}}
	a := newTestAnalyzer(t)
	for i := range forms {
		for _, l := range labels {
			cases := []struct {
				name       string
				m          *model
				pr         *priors
				full, word []uint64
				prior      []uint64
			}{
				{"tagger", a.tagger.m, &a.tagger.priors,
					tagFeatures(nil, forms, texts, i, l.p1, l.p2),
					tagWordFeatures(nil, forms, texts, i, l.p1),
					tagPriorFeatures(nil, l.p1, l.p2)},
				{"chunker", a.chunker.m, &a.chunker.priors,
					chunkFeatures(nil, forms, tags, i, l.p1, l.p2),
					chunkWordFeatures(nil, forms, tags, i, l.p1),
					chunkPriorFeatures(nil, l.p1, l.p2)},
			}
			for _, tc := range cases {
				split := slices.Concat(tc.prior, tc.word)
				full := slices.Clone(tc.full)
				slices.Sort(split)
				slices.Sort(full)
				if !slices.Equal(split, full) {
					t.Fatalf("%s word %d labels %v: split features differ from the trained ones", tc.name, i, l)
				}
				n := len(tc.m.classes)
				want := make([]int32, n)
				bestWant := tc.m.score(tc.full, want)
				got := make([]int32, n)
				bestGot := tc.m.scoreFrom(tc.word, tc.pr.row(l.p1, l.p2), got)
				if bestGot != bestWant || !slices.Equal(got, want) {
					t.Fatalf("%s word %d labels %v: scores %v (best %d), want %v (best %d)", tc.name, i, l, got, bestGot, want, bestWant)
				}
			}
		}
	}
}

// TestChunkTagRows checks the chunker's dense tag rows the same way: the
// tag features and the rest are the trained set, and scoring from the
// rows gives the scores of looking every feature up.
func TestChunkTagRows(t *testing.T) {
	forms := []string{"``", "the", "general", "denied", "it", "."}
	tags := []string{"``", "DT", "NN", "VBD", "PRP", "."}
	toks := make([]Token, len(tags))
	for i, tag := range tags {
		toks[i].Tag = tag
	}
	a := newTestAnalyzer(t)
	ch := a.chunker
	syms, ok := ch.rows.symbols(toks, nil)
	if !ok {
		t.Fatalf("tags %v not all known", tags)
	}
	if _, ok := ch.rows.symbols([]Token{{Tag: "NN"}, {Tag: "NOT-A-TAG"}}, nil); ok {
		t.Fatal("an unknown tag was given a symbol")
	}
	labels := []struct{ p1, p2 uint8 }{{tagStart, tagStart2}, {3, tagStart}, {0, 7}, {21, 21}}
	nc := len(ch.m.classes)
	for i := range forms {
		for _, l := range labels {
			split := slices.Concat(chunkTagFeatures(nil, tags, i, l.p1), chunkRestFeatures(nil, forms, tags, i, l.p1))
			word := chunkWordFeatures(nil, forms, tags, i, l.p1)
			slices.Sort(split)
			slices.Sort(word)
			if !slices.Equal(split, word) {
				t.Fatalf("word %d labels %v: tag and rest features differ from the word features", i, l)
			}
			want := make([]int32, nc)
			bestWant := ch.m.score(chunkFeatures(nil, forms, tags, i, l.p1, l.p2), want)
			base := slices.Clone(ch.priors.row(l.p1, l.p2))
			ch.rows.addRows(base, syms, i, ch.priors.index(l.p1))
			got := make([]int32, nc)
			bestGot := ch.m.scoreFrom(chunkRestFeatures(nil, forms, tags, i, l.p1), base, got)
			if bestGot != bestWant || !slices.Equal(got, want) {
				t.Fatalf("word %d labels %v: scores %v (best %d), want %v (best %d)", i, l, got, bestGot, want, bestWant)
			}
		}
	}
}
