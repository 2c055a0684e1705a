package text

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"
)

// taggedSent is one sentence of a training or test corpus.
type taggedSent struct {
	words, tags, chunks []string
}

// canonTag spells bracket tags the Penn Treebank way.
func canonTag(t string) string {
	switch t {
	case "(":
		return "-LRB-"
	case ")":
		return "-RRB-"
	}
	return t
}

// canonWord undoes the Treebank's bracket escapes.
func canonWord(w string) string {
	switch w {
	case "-LRB-", "-LCB-", "-LSB-":
		return "("
	case "-RRB-", "-RCB-", "-RSB-":
		return ")"
	}
	return w
}

// readCoNLL reads CoNLL-2000 chunking data: "word POS chunk" lines, a
// blank line between sentences.
func readCoNLL(r io.Reader) ([]taggedSent, error) {
	var out []taggedSent
	var cur taggedSent
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			if len(cur.words) > 0 {
				out = append(out, cur)
				cur = taggedSent{}
			}
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("conll line %d: want 3 fields, got %d", n, len(f))
		}
		cur.words = append(cur.words, canonWord(f[0]))
		cur.tags = append(cur.tags, canonTag(f[1]))
		cur.chunks = append(cur.chunks, f[2])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll line %d: %w", n, err)
	}
	if len(cur.words) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// readTreebank reads Penn Treebank bracketed parses and returns their
// tagged words (empty elements dropped) and base noun phrases.
func readTreebank(r io.Reader) ([]taggedSent, [][][2]int, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("treebank: %w", err)
	}
	var sents []taggedSent
	var nps [][][2]int
	s := string(data)
	for i := 0; i < len(s); {
		for i < len(s) && s[i] != '(' {
			i++
		}
		if i >= len(s) {
			break
		}
		end, ts, np, err := parseTree(s, i)
		if err != nil {
			return nil, nil, err
		}
		if len(ts.words) > 0 {
			sents = append(sents, ts)
			nps = append(nps, np)
		}
		i = end
	}
	return sents, nps, nil
}

// parseTree reads one bracketed tree starting at s[i] == '('. It returns
// the end offset, the tagged words and the token ranges of base NPs (NP
// brackets containing no other NP).
func parseTree(s string, i int) (int, taggedSent, [][2]int, error) {
	var ts taggedSent
	var nps [][2]int
	type frame struct {
		label string
		first int
		hasNP bool
	}
	var stack []frame
	for i < len(s) {
		switch c := s[i]; {
		case c == '(':
			i++
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '(' && s[j] != ')' && s[j] != '\n' {
				j++
			}
			label := s[i:j]
			i = j
			for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
				i++
			}
			if i < len(s) && s[i] != '(' && s[i] != ')' {
				// A leaf: (TAG word).
				k := i
				for k < len(s) && s[k] != ')' {
					k++
				}
				word := strings.TrimSpace(s[i:k])
				if k >= len(s) {
					return 0, ts, nil, fmt.Errorf("treebank: unclosed leaf at %d", i)
				}
				i = k + 1
				if label != "-NONE-" {
					ts.words = append(ts.words, canonWord(word))
					ts.tags = append(ts.tags, canonTag(label))
				}
				continue
			}
			stack = append(stack, frame{label: label, first: len(ts.words)})
		case c == ')':
			i++
			if len(stack) == 0 {
				return i, ts, nps, nil
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			isNP := f.label == "NP" || strings.HasPrefix(f.label, "NP-")
			if isNP && !f.hasNP && len(ts.words) > f.first {
				nps = append(nps, [2]int{f.first, len(ts.words)})
			}
			if len(stack) > 0 && (isNP || f.hasNP) {
				stack[len(stack)-1].hasNP = true
			}
			if len(stack) == 0 {
				return i, ts, nps, nil
			}
		default:
			i++
		}
	}
	return i, ts, nps, nil
}

// readMASC reads the word_TAG files of the MASC zip archive, written
// genres only.
func readMASC(zr *zip.Reader) ([]taggedSent, error) {
	var out []taggedSent
	for _, f := range zr.File {
		if !strings.Contains(f.Name, "/written/") || path.Ext(f.Name) != ".txt" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("masc %s: %w", f.Name, err)
		}
		sc := bufio.NewScanner(rc)
		sc.Buffer(make([]byte, 1<<20), 1<<22)
		for sc.Scan() {
			var cur taggedSent
			ok := true
			for _, tok := range strings.Fields(sc.Text()) {
				k := strings.LastIndexByte(tok, '_')
				if k <= 0 {
					ok = false
					break
				}
				w, t := tok[:k], tok[k+1:]
				switch t {
				case "-", "...", "--":
					t = ":"
				}
				if !validTag(t) {
					ok = false
					break
				}
				cur.words = append(cur.words, canonWord(w))
				cur.tags = append(cur.tags, canonTag(t))
				if t == "." {
					out = append(out, cur)
					cur = taggedSent{}
				}
			}
			if ok && len(cur.words) > 0 {
				out = append(out, cur)
			}
		}
		rc.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("masc %s: %w", f.Name, err)
		}
	}
	return out, nil
}

// validTag reports whether t is a Penn Treebank part-of-speech tag.
func validTag(t string) bool {
	switch t {
	case "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD",
		"NN", "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR",
		"RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
		"WDT", "WP", "WP$", "WRB", "#", "$", ".", ",", ":", "(", ")", "``", "''",
		"-LRB-", "-RRB-":
		return true
	}
	return false
}
