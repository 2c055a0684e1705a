package coder

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed data/words.txt
var wordsFile string

//go:embed data/intent.txt
var intentFile string

// wordClass is a bit set of the closed classes a word belongs to.
type wordClass uint32

const (
	clPrep wordClass = 1 << iota
	clAgentPrep
	clSubord
	clConj
	clDet
	clAux
	clModal
	clNeg
	clBe
	clFuture
	clHypothetical
	clReport
	clCorp
	clIntent
	clFormer
	clCondemn
	clRefuse
	clDeny
	clHolding
	clPlace
)

var classNames = map[string]wordClass{
	"prep": clPrep, "agentprep": clAgentPrep, "subord": clSubord, "conj": clConj,
	"det": clDet, "aux": clAux, "modal": clModal, "neg": clNeg, "be": clBe,
	"future": clFuture, "hypothetical": clHypothetical, "report": clReport, "corp": clCorp,
	"intent": clIntent, "former": clFormer, "condemn": clCondemn, "refuse": clRefuse, "deny": clDeny, "holding": clHolding, "place": clPlace,
}

// loadWords reads data/words.txt into a word → classes map.
func loadWords() (map[string]wordClass, error) {
	m := make(map[string]wordClass, 256)
	for n, line := range strings.Split(wordsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		cl, ok := classNames[f[0]]
		if !ok {
			return nil, fmt.Errorf("coder words.txt line %d: unknown class %q", n+1, f[0])
		}
		for _, w := range f[1:] {
			m[w] |= cl
		}
	}
	return m, nil
}

// loadIntent reads data/intent.txt: act code prefix → intent code.
func loadIntent() (map[string]string, error) {
	m := make(map[string]string, 64)
	for n, line := range strings.Split(intentFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 || !validCode(f[0]) || !validCode(f[1]) {
			return nil, fmt.Errorf("coder intent.txt line %d: want two event codes, got %q", n+1, line)
		}
		if _, dup := m[f[0]]; dup {
			return nil, fmt.Errorf("coder intent.txt line %d: %s listed twice", n+1, f[0])
		}
		m[f[0]] = f[1]
	}
	return m, nil
}

// intentCode returns the code of the intent to perform act code (the
// longest listed prefix decides), or code itself when none is listed.
func intentCode(m map[string]string, code string) string {
	for n := len(code); n >= 2; n-- {
		if c, ok := m[code[:n]]; ok {
			return c
		}
	}
	return code
}
