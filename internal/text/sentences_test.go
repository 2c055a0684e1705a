package text

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// A case of testdata/sentences.txt: a text and what the analyzer must
// find in it. See the head of that file for the format.
type sentenceCase struct {
	line   int
	text   string
	date   chronicle.Date
	checks [][2]string // key, value in file order
}

func readSentenceCases(t testing.TB) []sentenceCase {
	t.Helper()
	f, err := os.Open("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []sentenceCase
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("sentences.txt line %d: want key: value", n)
		}
		val = strings.ReplaceAll(strings.TrimSpace(val), `\n`, "\n")
		switch key {
		case "text":
			cases = append(cases, sentenceCase{line: n, text: val})
		case "date":
			if len(cases) == 0 {
				t.Fatalf("sentences.txt line %d: date before text", n)
			}
			d, err := chronicle.ParseDate(val)
			if err != nil {
				t.Fatalf("sentences.txt line %d: %v", n, err)
			}
			cases[len(cases)-1].date = d
		default:
			if len(cases) == 0 {
				t.Fatalf("sentences.txt line %d: %s before text", n, key)
			}
			c := &cases[len(cases)-1]
			c.checks = append(c.checks, [2]string{key, val})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

var (
	reKindItem   = regexp.MustCompile(`(\w+)\[([^\]]*)\](?:\{([^}]*)\})?(?:=(\S+))?`)
	reBareItem   = regexp.MustCompile(`(\^?)\[([^\]]*)\](?:\{([^}]*)\})?(?:=(\S+))?`)
	reApposItems = regexp.MustCompile(`\[([^\]]*)\]=\[([^\]]*)\]`)
)

func TestSentences(t *testing.T) {
	a := newTestAnalyzer(t)
	cases := readSentenceCases(t)
	sentences := 0
	for _, c := range cases {
		d := a.Analyze(c.text, c.date)
		sentences += len(d.Sentences)
		for _, ch := range c.checks {
			if err := checkCase(d, ch[0], ch[1]); err != nil {
				t.Errorf("sentences.txt line %d (%.40q…) %s: %v", c.line, c.text, ch[0], err)
			}
		}
	}
	if sentences < 150 {
		t.Errorf("testdata holds %d sentences, want at least 150", sentences)
	}
	t.Logf("%d cases, %d sentences", len(cases), sentences)
}

func span(d *Doc, first, last int) string {
	var b strings.Builder
	for k := first; k < last; k++ {
		if k > first {
			b.WriteByte(' ')
		}
		b.WriteString(d.Tokens[k].Text)
	}
	return b.String()
}

func checkCase(d *Doc, key, val string) error {
	switch key {
	case "sents":
		want := strings.Split(val, " || ")
		var got []string
		for _, s := range d.Sentences {
			got = append(got, d.Text[s.Start:s.End])
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("got %q", got)
		}
	case "toks":
		var got []string
		for _, t := range d.Tokens {
			got = append(got, t.Text)
		}
		if g := strings.Join(got, " "); g != val {
			return fmt.Errorf("got %q", g)
		}
	case "tags":
		for _, item := range strings.Fields(val) {
			k := strings.LastIndexByte(item, '/')
			word, tag := item[:k], item[k+1:]
			i := slices.IndexFunc(d.Tokens, func(t Token) bool { return t.Text == word })
			if i < 0 {
				return fmt.Errorf("no token %q", word)
			}
			if d.Tokens[i].Tag != tag {
				return fmt.Errorf("%q tagged %s, want %s", word, d.Tokens[i].Tag, tag)
			}
		}
	case "lemmas":
		for _, item := range strings.Fields(val) {
			word, lemma, _ := strings.Cut(item, "=")
			i := slices.IndexFunc(d.Tokens, func(t Token) bool { return t.Text == word })
			if i < 0 {
				return fmt.Errorf("no token %q", word)
			}
			if d.Tokens[i].Lemma != lemma {
				return fmt.Errorf("lemma of %q is %q, want %q", word, d.Tokens[i].Lemma, lemma)
			}
		}
	case "chunks":
		for _, m := range reKindItem.FindAllStringSubmatch(val, -1) {
			if findChunk(d, ChunkKind(m[1]), m[2]) < 0 {
				return fmt.Errorf("no %s chunk %q in %s", m[1], m[2], chunkList(d))
			}
		}
	case "heads":
		for _, m := range reBareItem.FindAllStringSubmatch(val, -1) {
			i := findChunk(d, NP, m[2])
			if i < 0 {
				return fmt.Errorf("no NP %q in %s", m[2], chunkList(d))
			}
			if h := d.Tokens[d.Chunks[i].Head].Text; h != m[4] {
				return fmt.Errorf("head of %q is %q, want %q", m[2], h, m[4])
			}
		}
	case "conj":
		for _, m := range reBareItem.FindAllStringSubmatch(val, -1) {
			parts := strings.Split(m[2], "|")
			ok := false
			for _, c := range d.Chunks {
				var got []string
				for _, p := range c.Conjuncts {
					got = append(got, span(d, p[0], p[1]))
				}
				ok = ok || slices.Equal(got, parts)
			}
			if !ok {
				return fmt.Errorf("no chunk with conjuncts %q in %s", parts, chunkList(d))
			}
		}
	case "appos":
		for _, m := range reApposItems.FindAllStringSubmatch(val, -1) {
			i := findChunk(d, NP, m[1])
			if i < 0 {
				return fmt.Errorf("no NP %q in %s", m[1], chunkList(d))
			}
			j := d.Chunks[i].Appos
			if j < 0 || span(d, d.Chunks[j].First, d.Chunks[j].Last) != m[2] {
				return fmt.Errorf("apposition of %q is %d, want %q", m[1], j, m[2])
			}
		}
	case "noappos":
		for _, c := range d.Chunks {
			if c.Appos >= 0 {
				return fmt.Errorf("unexpected apposition %q = %q", span(d, c.First, c.Last), span(d, d.Chunks[c.Appos].First, d.Chunks[c.Appos].Last))
			}
		}
	case "verbs":
		for _, m := range reBareItem.FindAllStringSubmatch(val, -1) {
			i := findChunk(d, VP, m[2])
			if i < 0 {
				return fmt.Errorf("no VP %q in %s", m[2], chunkList(d))
			}
			c := d.Chunks[i]
			got := []string{}
			if c.Negated {
				got = append(got, "neg")
			}
			if c.Passive {
				got = append(got, "pass")
			}
			if c.Modal != "" {
				got = append(got, "modal:"+c.Modal)
			}
			if c.Tense != "" {
				got = append(got, c.Tense)
			}
			if g := strings.Join(got, ","); g != m[4] {
				return fmt.Errorf("VP %q is %q, want %q", m[2], g, m[4])
			}
		}
	case "clauses":
		want := reKindItem.FindAllStringSubmatch(val, -1)
		if len(want) != len(d.Clauses) {
			return fmt.Errorf("got %d clauses %s, want %d", len(d.Clauses), clauseList(d), len(want))
		}
		for _, m := range want {
			ok := false
			for _, c := range d.Clauses {
				if string(c.Kind) != m[1] || span(d, c.First, c.Last) != m[2] {
					continue
				}
				sp := ""
				if c.Speaker[0] >= 0 {
					sp = span(d, c.Speaker[0], c.Speaker[1])
				}
				ok = sp == m[3]
			}
			if !ok {
				return fmt.Errorf("no clause %s in %s", m[0], clauseList(d))
			}
		}
	case "names":
		var got []string
		for _, n := range d.Names {
			s := "[" + span(d, n.First, n.Last) + "]"
			if n.SentenceInitial {
				s = "^" + s
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != val {
			return fmt.Errorf("got %s", g)
		}
	case "dates":
		want := reBareItem.FindAllStringSubmatch(val, -1)
		var got []string
		for _, x := range d.Timexes {
			got = append(got, fmt.Sprintf("[%s]=%s/%s", d.Text[x.Start:x.End], x.Value, x.Precision))
		}
		var ws []string
		for _, m := range want {
			ws = append(ws, m[0])
		}
		if !slices.Equal(got, ws) {
			return fmt.Errorf("got %q", got)
		}
	case "quotes":
		want := reBareItem.FindAllStringSubmatch(val, -1)
		var got []string
		for _, q := range d.Quotes {
			s := "[" + d.Text[q.Start:q.End] + "]"
			if q.Speaker != "" {
				s += "{" + q.Speaker + "}"
			}
			got = append(got, s)
		}
		var ws []string
		for _, m := range want {
			ws = append(ws, m[0])
		}
		if !slices.Equal(got, ws) {
			return fmt.Errorf("got %q", got)
		}
	case "noheadline":
		for _, s := range d.Sentences {
			if s.Headline {
				return fmt.Errorf("%q marked as a headline", d.Text[s.Start:s.End])
			}
		}
	case "dateline", "headline":
		for _, s := range d.Sentences {
			flag := s.Dateline
			if key == "headline" {
				flag = s.Headline
			}
			if flag && d.Text[s.Start:s.End] == val {
				return nil
			}
			if flag {
				return fmt.Errorf("%s is %q", key, d.Text[s.Start:s.End])
			}
		}
		return fmt.Errorf("no %s", key)
	default:
		return fmt.Errorf("unknown check")
	}
	return nil
}

func findChunk(d *Doc, kind ChunkKind, text string) int {
	for i, c := range d.Chunks {
		if c.Kind == kind && span(d, c.First, c.Last) == text {
			return i
		}
	}
	return -1
}

func chunkList(d *Doc) string {
	var b strings.Builder
	for _, c := range d.Chunks {
		fmt.Fprintf(&b, "%s[%s] ", c.Kind, span(d, c.First, c.Last))
	}
	return b.String()
}

func clauseList(d *Doc) string {
	var b strings.Builder
	for _, c := range d.Clauses {
		fmt.Fprintf(&b, "%s[%s]", c.Kind, span(d, c.First, c.Last))
		if c.Speaker[0] >= 0 {
			fmt.Fprintf(&b, "{%s}", span(d, c.Speaker[0], c.Speaker[1]))
		}
		b.WriteByte(' ')
	}
	return b.String()
}
