package text

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.txt
var dataFS embed.FS

// abbrevKind says how an abbreviation behaves at a sentence boundary.
type abbrevKind uint8

const (
	abbrevAny    abbrevKind = iota // may end a sentence before a sentence starter
	abbrevTitle                    // precedes a name or number, never ends a sentence
	abbrevNumber                   // keeps its stop only before a number
)

type abbrev struct {
	kind    abbrevKind
	needCap bool // the entry was written capitalised
}

// lexicon holds the word lists the tokenizer and splitter read from the
// embedded data files.
type lexicon struct {
	abbrev   map[string]abbrev // lower-case, with the final full stop
	starters map[string]bool   // lower-case sentence starters
	speech   map[string]bool   // lemmas of verbs of saying
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{abbrev: map[string]abbrev{}, starters: map[string]bool{}, speech: map[string]bool{}}
	err := readLines("data/abbreviations.txt", func(line string, n int) error {
		f := strings.Split(line, "\t")
		if len(f) != 2 || !strings.HasSuffix(f[0], ".") {
			return fmt.Errorf("want \"abbreviation.<TAB>kind\", got %q", line)
		}
		a := abbrev{needCap: unicode.IsUpper(firstRune(f[0]))}
		switch f[1] {
		case "any":
			a.kind = abbrevAny
		case "title":
			a.kind = abbrevTitle
		case "number":
			a.kind = abbrevNumber
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		lx.abbrev[strings.ToLower(f[0])] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readLines("data/sentence_starters.txt", func(line string, n int) error {
		lx.starters[strings.ToLower(line)] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readLines("data/speech_verbs.txt", func(line string, n int) error {
		lx.speech[strings.ToLower(line)] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return lx, nil
}

// readLines calls fn for every non-blank, non-comment line of an embedded
// data file.
func readLines(name string, fn func(line string, n int) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line, n); err != nil {
			return fmt.Errorf("%s line %d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// lookupAbbrev finds the abbreviation stem+".".
func (lx *lexicon) lookupAbbrev(stem string) (abbrev, bool) {
	if len(stem) > 15 {
		return abbrev{}, false
	}
	var buf [16]byte
	a, ok := lx.abbrev[string(append(lowerASCII(buf[:0], stem), '.'))]
	if !ok {
		return abbrev{}, false
	}
	if a.needCap {
		r, _ := utf8.DecodeRuneInString(stem)
		if !unicode.IsUpper(r) {
			return abbrev{}, false
		}
	}
	return a, true
}
