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
	return l.pick(c, l.verbs, l.nouns, w)
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
	return l.pick(c, l.nouns, l.verbs, w)
}

// pick returns the first candidate that is a known base form of the
// word's kind, else of the other kind ("pledged" → the noun "pledge"),
// else the most plausible spelling, else w.
func (l *lemmatizer) pick(cands []string, known, other map[string]string, w string) string {
	for _, c := range cands {
		if b, ok := known[c]; ok {
			return b
		}
	}
	for _, c := range cands {
		if b, ok := other[c]; ok {
			return b
		}
	}
	if len(cands) == 0 {
		return w
	}
	// A stem that cannot end an English word takes back its "e":
	// "pledg" → "pledge", "argu" → "argue", "forc" → "force".
	for _, c := range cands {
		if strings.HasSuffix(c, "e") && len(c) > 1 && needsE(c[:len(c)-1]) {
			return c
		}
	}
	return cands[0]
}

func needsE(stem string) bool {
	for _, end := range []string{"dg", "v", "z", "c", "u", "rs", "ps", "ns", "bl", "pl", "tl", "dl", "gl", "kl", "fl", "at", "iz", "ys", "ag", "it"} {
		if strings.HasSuffix(stem, end) && !strings.HasSuffix(stem, "ss") {
			return true
		}
	}
	return false
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
