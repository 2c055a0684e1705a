package coder

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed data/words.txt
var wordsFile string

// wordClass is a bit set of the closed classes a word belongs to.
type wordClass uint16

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
)

var classNames = map[string]wordClass{
	"prep": clPrep, "agentprep": clAgentPrep, "subord": clSubord, "conj": clConj,
	"det": clDet, "aux": clAux, "modal": clModal, "neg": clNeg, "be": clBe,
	"future": clFuture, "hypothetical": clHypothetical, "report": clReport, "corp": clCorp,
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
