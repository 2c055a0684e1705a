package coref

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/titles.tsv data/names.tsv
var dataFS embed.FS

// title is one line of data/titles.tsv.
type title struct {
	words  []string // the phrase as tokens ("secretary", "of", "state")
	key    string   // what a later definite phrase refers back to; "" for forms of address
	head   string   // the general title ("minister")
	role   string   // CAMEO role the office implies, "" for none
	gender byte     // 'm', 'f' or 0
}

// tables are the embedded word lists, parsed once per Resolver.
type tables struct {
	titles  []title
	byFirst map[string][]int32 // first word → indices into titles, longest first
	maxLen  int
	// heads are the title heads and keys as single words or phrases, so
	// that "the minister" and "the foreign minister" are recognised as
	// title phrases.
	heads map[string]bool
	names map[string]byte // first word of a name → 'm' or 'f'
}

func loadTables() (*tables, error) {
	t := &tables{byFirst: make(map[string][]int32), heads: make(map[string]bool), names: make(map[string]byte)}
	err := readTSV("data/titles.tsv", 6, func(f []string) error {
		ti := title{words: strings.Fields(f[0]), key: dash(f[1]), head: dash(f[2]), role: dash(f[3])}
		g, err := genderOf(f[4])
		if err != nil {
			return err
		}
		ti.gender = g
		if len(ti.words) == 0 {
			return fmt.Errorf("empty title")
		}
		t.byFirst[ti.words[0]] = append(t.byFirst[ti.words[0]], int32(len(t.titles)))
		t.maxLen = max(t.maxLen, len(ti.words))
		if ti.key != "" {
			t.heads[ti.key] = true
			t.heads[ti.head] = true
		}
		t.titles = append(t.titles, ti)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for w, ix := range t.byFirst {
		// Longest first, so the first match at a word is the longest.
		for i := 1; i < len(ix); i++ {
			for j := i; j > 0 && len(t.titles[ix[j]].words) > len(t.titles[ix[j-1]].words); j-- {
				ix[j], ix[j-1] = ix[j-1], ix[j]
			}
		}
		t.byFirst[w] = ix
	}
	err = readTSV("data/names.tsv", 2, func(f []string) error {
		g, err := genderOf(f[1])
		if err != nil {
			return err
		}
		t.names[f[0]] = g
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func genderOf(s string) (byte, error) {
	switch s {
	case "m", "f":
		return s[0], nil
	case "-":
		return 0, nil
	}
	return 0, fmt.Errorf("gender %q: want m, f or -", s)
}

// readTSV calls fn with the fields of each non-comment line of an
// embedded table, which must have n tab-separated fields.
func readTSV(name string, n int, fn func([]string) error) error {
	data, err := dataFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("coref: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for no := 1; sc.Scan(); no++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			return fmt.Errorf("coref: %s line %d: %d fields, want %d", name, no, len(f), n)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("coref: %s line %d: %w", name, no, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("coref: %s: %w", name, err)
	}
	return nil
}

// titleAt returns the longest title starting at norms[i] (index into
// titles) and its length; -1, 0 when none.
func (t *tables) titleAt(norms []string, i int) (int, int) {
	for _, ix := range t.byFirst[norms[i]] {
		w := t.titles[ix].words
		if i+len(w) > len(norms) {
			continue
		}
		ok := true
		for k := 1; k < len(w); k++ {
			if norms[i+k] != w[k] {
				ok = false
				break
			}
		}
		if ok {
			return int(ix), len(w)
		}
	}
	return -1, 0
}
