package text

import (
	"fmt"
	"strings"
)

// lemmatizer maps inflected words to their dictionary forms using the
// irregular forms in data/irregular.txt, suffix rules, and the base forms
// seen in the training corpora (model/lemma_bases.txt) to choose among
// the candidates the rules propose ("used" → "use", not "us").
type lemmatizer struct {
	verbIrreg, nounIrreg map[string]string
	verbs, nouns         map[string]string // base form → itself, to share strings
}

func loadLemmatizer(bases []byte) (*lemmatizer, error) {
	l := &lemmatizer{
		verbIrreg: map[string]string{}, nounIrreg: map[string]string{},
		verbs: map[string]string{}, nouns: map[string]string{},
	}
	err := readLines("data/irregular.txt", func(line string, n int) error {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("want form<TAB>lemma<TAB>kind, got %q", line)
		}
		switch f[2] {
		case "verb":
			l.verbIrreg[f[0]] = f[1]
		case "noun":
			l.nounIrreg[f[0]] = f[1]
		default:
			return fmt.Errorf("unknown kind %q", f[2])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for n, line := range strings.Split(string(bases), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, kind, ok := strings.Cut(line, "\t")
		switch {
		case ok && kind == "verb":
			l.verbs[w] = w
		case ok && kind == "noun":
			l.nouns[w] = w
		default:
			return nil, fmt.Errorf("lemma bases line %d: want word<TAB>verb|noun, got %q", n+1, line)
		}
	}
	return l, nil
}

// lemma returns the dictionary form of a token with lower-case form norm
// and part-of-speech tag.
func (l *lemmatizer) lemma(norm, tag string) string {
	if len(tag) < 2 {
		return norm
	}
	switch tag {
	case "VBD", "VBN", "VBZ", "VBG", "VBP", "MD":
		if b, ok := l.verbIrreg[norm]; ok {
			return b
		}
		if tag == "VBP" || tag == "MD" {
			return norm
		}
		return l.verbLemma(norm, tag)
	case "NNS", "NNPS":
		if b, ok := l.nounIrreg[norm]; ok {
			return b
		}
		return l.nounLemma(norm)
	case "RB":
		if norm == "n't" {
			return "not"
		}
	case "POS":
		return "'s"
	}
	return norm
}

// verbLemma undoes regular verb inflections.
func (l *lemmatizer) verbLemma(w, tag string) string {
	var cands [4]string
	c := cands[:0]
	switch tag {
	case "VBZ":
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			c = append(c, w[:len(w)-3]+"y")
		case strings.HasSuffix(w, "es"):
			c = append(c, w[:len(w)-2], w[:len(w)-1])
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			c = append(c, w[:len(w)-1])
		}
	case "VBD", "VBN":
		switch {
		case strings.HasSuffix(w, "ied") && len(w) > 4:
			c = append(c, w[:len(w)-3]+"y")
		case strings.HasSuffix(w, "eed"):
			c = append(c, w[:len(w)-1], w[:len(w)-2])
		case strings.HasSuffix(w, "ed") && len(w) > 3:
			stem := w[:len(w)-2]
			c = append(c, stem, w[:len(w)-1])
			if undoubled, ok := undouble(stem); ok {
				c = append(c, undoubled)
			}
		}
	case "VBG":
		switch {
		case strings.HasSuffix(w, "ying") && len(w) > 5:
			c = append(c, w[:len(w)-3])
		case strings.HasSuffix(w, "ing") && len(w) > 4:
			stem := w[:len(w)-3]
			c = append(c, stem, stem+"e")
			if undoubled, ok := undouble(stem); ok {
				c = append(c, undoubled)
			}
		}
	}
	return pick(c, l.verbs, w)
}

// nounLemma undoes regular plurals.
func (l *lemmatizer) nounLemma(w string) string {
	var cands [4]string
	c := cands[:0]
	switch {
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") || len(w) < 3:
		return w
	case strings.HasSuffix(w, "men") && len(w) > 4:
		return w[:len(w)-2] + "an" // gunmen, chairmen
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		c = append(c, w[:len(w)-3]+"y", w[:len(w)-1])
	case strings.HasSuffix(w, "ves"):
		c = append(c, w[:len(w)-1], w[:len(w)-3]+"f", w[:len(w)-3]+"fe")
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "zes"):
		c = append(c, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s"):
		c = append(c, w[:len(w)-1])
	}
	return pick(c, l.nouns, w)
}

// pick returns the first candidate that is a known base form, else the
// first candidate, else w.
func pick(cands []string, known map[string]string, w string) string {
	for _, c := range cands {
		if b, ok := known[c]; ok {
			return b
		}
	}
	if len(cands) > 0 {
		return cands[0]
	}
	return w
}

// undouble turns "stopp" into "stop" when the stem ends in a doubled
// consonant.
func undouble(stem string) (string, bool) {
	n := len(stem)
	if n < 3 || stem[n-1] != stem[n-2] {
		return "", false
	}
	switch stem[n-1] {
	case 'b', 'd', 'g', 'l', 'm', 'n', 'p', 'r', 't', 'z':
		return stem[:n-1], true
	}
	return "", false
}
