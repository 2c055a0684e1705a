package text

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
)

// FuzzAnalyze checks the invariants of every layer on arbitrary text:
// offsets within bounds and increasing, Token.Text equal to the slice of
// the text it names, sentences tiling the tokens in order, chunks and
// clauses inside their sentences.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", " ", "\n\n", "U.S. Sen. John F. Kennedy didn't say \"We're here.\" The end...",
		"GAZA CITY, Nov 8 (Reuters) - Israeli jets struck.\n\nHeadline\n\nBody text.",
		"$5.2% <SRD> https://x.y/z?a=1. bob@example.com n't 's '' `` -- — … pro- anti-",
		"“Quote,” he said. ‘Single’ ’s", "\xff\xfe bad utf8 \xc3", "a.b.c. A. B. ... .. . ,,",
		"Mahmoud Abbas, the Palestinian president, said on Tuesday, according to the ministry.",
	} {
		f.Add(s)
	}
	a, err := NewAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := a.Analyze(s, chronicle.Date{Year: 2024, Month: 1, Day: 1})
		checkDoc(t, d)
	})
}

func checkDoc(t *testing.T, d *Doc) {
	t.Helper()
	prevEnd := 0
	for i, tok := range d.Tokens {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(d.Text) {
			t.Fatalf("token %d [%d,%d) after %d in %d bytes", i, tok.Start, tok.End, prevEnd, len(d.Text))
		}
		if tok.Text != d.Text[tok.Start:tok.End] {
			t.Fatalf("token %d text %q != %q", i, tok.Text, d.Text[tok.Start:tok.End])
		}
		if strings.TrimSpace(tok.Text) == "" && utf8.ValidString(tok.Text) {
			t.Fatalf("token %d is blank: %q", i, tok.Text)
		}
		if tok.Tag == "" || tok.Chunk == "" {
			t.Fatalf("token %d %q has tag %q chunk %q", i, tok.Text, tok.Tag, tok.Chunk)
		}
		prevEnd = tok.End
	}
	next := 0
	for i, s := range d.Sentences {
		if s.FirstTok != next || s.LastTok <= s.FirstTok || s.LastTok > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d), want start %d", i, s.FirstTok, s.LastTok, next)
		}
		if s.Start != d.Tokens[s.FirstTok].Start || s.End != d.Tokens[s.LastTok-1].End {
			t.Fatalf("sentence %d offsets [%d,%d) do not match its tokens", i, s.Start, s.End)
		}
		next = s.LastTok
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
	prev := 0
	for i, c := range d.Chunks {
		if c.First < prev || c.Last <= c.First || c.Last > len(d.Tokens) || c.Head < c.First || c.Head >= c.Last {
			t.Fatalf("chunk %d %+v after %d", i, c, prev)
		}
		if d.sentenceAt(d.Tokens[c.First].Start) != d.sentenceAt(d.Tokens[c.Last-1].Start) {
			t.Fatalf("chunk %d crosses a sentence", i)
		}
		for _, p := range c.Conjuncts {
			if p[0] < c.First || p[1] > c.Last || p[1] <= p[0] {
				t.Fatalf("chunk %d conjunct %v outside [%d,%d)", i, p, c.First, c.Last)
			}
		}
		if c.Appos >= len(d.Chunks) || c.Appos == i {
			t.Fatalf("chunk %d apposition %d", i, c.Appos)
		}
		prev = c.Last
	}
	for i, c := range d.Clauses {
		s := d.Sentences[c.Sentence]
		if c.First < s.FirstTok || c.Last > s.LastTok || c.Last <= c.First {
			t.Fatalf("clause %d [%d,%d) outside sentence [%d,%d)", i, c.First, c.Last, s.FirstTok, s.LastTok)
		}
		if c.Speaker[0] >= 0 && (c.Speaker[0] < s.FirstTok || c.Speaker[1] > s.LastTok || c.Speaker[1] <= c.Speaker[0]) {
			t.Fatalf("clause %d speaker %v outside its sentence", i, c.Speaker)
		}
	}
	for i, n := range d.Names {
		if n.First < 0 || n.Last > len(d.Tokens) || n.Last <= n.First {
			t.Fatalf("name %d [%d,%d)", i, n.First, n.Last)
		}
	}
	for i, x := range d.Timexes {
		if x.Start < 0 || x.End > len(d.Text) || x.End <= x.Start || x.Sentence < 0 || x.Sentence >= len(d.Sentences) {
			t.Fatalf("timex %d %+v", i, x)
		}
	}
	for i, q := range d.Quotes {
		if q.Start < 0 || q.End > len(d.Text) || q.End <= q.Start {
			t.Fatalf("quote %d %+v", i, q)
		}
	}
}

// FuzzDecodeModel feeds the model reader corrupt input: it must return an
// error or a usable model, never panic.
func FuzzDecodeModel(f *testing.F) {
	var buf bytes.Buffer
	feats := map[uint64][]weight{hashTemplate(1): {{0, 1.5}, {1, -0.5}}, hashTemplate(2): {{1, 2}}}
	if err := encodeModel(&buf, []string{"NN", "VB"}, feats, map[string]uint8{"the": 0}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Add([]byte("CHRNPCP1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeModel(b)
		if err != nil {
			return
		}
		scores := make([]int32, len(m.classes))
		c := m.score([]uint64{hashTemplate(1), hashTemplate(2)}, scores)
		if c < 0 || c >= len(m.classes) {
			t.Fatalf("class %d of %d", c, len(m.classes))
		}
	})
}
