// Command gen writes internal/ontology/cameo.tsv, Chronicle's CAMEO code
// table, from the two reference tables in a source directory
// (cameo-goldstein.tsv and CAMEO2PLOVER-2021.txt) and the facts in
// supplement.tsv next to this file.
//
// Usage, from the module root or through go generate:
//
//	go run ./internal/ontology/gen ../shared/docs/ontology
//
// The source directory is resolved against the working directory; the
// supplement and the output are found from the module root, so the command
// gives the same file wherever it is run.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

type row struct {
	code      string
	name      string
	goldstein string // as written in the source, "" when unknown
	plover    [3]string
	hasPLOVER bool
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen SOURCE_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		slog.Error("generate cameo.tsv", "err", err)
		os.Exit(1)
	}
}

func run(src string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	out, err := generate(src, filepath.Join(root, "internal", "ontology", "gen", "supplement.tsv"))
	if err != nil {
		return err
	}
	dst := filepath.Join(root, "internal", "ontology", "cameo.tsv")
	if err := os.WriteFile(dst, out, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", dst, err)
	}
	slog.Info("wrote CAMEO table", "path", dst, "bytes", len(out))
	return nil
}

// generate builds the contents of cameo.tsv from the source directory and
// the supplement file.
func generate(src, supplement string) ([]byte, error) {
	rows := map[string]*row{}
	get := func(code string) *row {
		r := rows[code]
		if r == nil {
			r = &row{code: code}
			rows[code] = r
		}
		return r
	}
	if err := readGoldstein(filepath.Join(src, "cameo-goldstein.tsv"), get); err != nil {
		return nil, err
	}
	if err := readPLOVER(filepath.Join(src, "CAMEO2PLOVER-2021.txt"), get); err != nil {
		return nil, err
	}
	if err := readSupplement(supplement, get); err != nil {
		return nil, err
	}
	return render(rows)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

func validCode(c string) bool {
	if len(c) < 2 || len(c) > 4 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return false
		}
	}
	n, _ := strconv.Atoi(c[:2])
	return n >= 1 && n <= 20
}

// lines calls fn with each non-blank, non-comment line and its number.
func lines(path string, fn func(n int, line string) error) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n, err)
		}
	}
	return sc.Err()
}

func readGoldstein(path string, get func(string) *row) error {
	header := true
	return lines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if header {
			header = false
			if f[0] == "code" {
				return nil
			}
		}
		if len(f) < 3 || !validCode(f[0]) {
			return fmt.Errorf("want code, goldstein, phoenix_quad[, name]; got %q", line)
		}
		if _, err := strconv.ParseFloat(f[1], 64); err != nil {
			return fmt.Errorf("goldstein %q: %w", f[1], err)
		}
		r := get(f[0])
		r.goldstein = f[1]
		if len(f) > 3 && strings.TrimSpace(f[3]) != "" {
			r.name = strings.TrimSpace(f[3])
		}
		return nil
	})
}

// readPLOVER reads lines "CODE: TYPE, mode, context # name". Two-digit lines
// are section headings and carry no row of their own. The first line for a
// code wins.
func readPLOVER(path string, get func(string) *row) error {
	return lines(path, func(n int, line string) error {
		if strings.HasPrefix(line, "~") {
			return nil
		}
		code, rest, ok := strings.Cut(line, ":")
		code = strings.TrimSpace(code)
		if !ok || !validCode(code) {
			return fmt.Errorf("want CODE: TYPE, mode, context # name; got %q", line)
		}
		if len(code) == 2 {
			return nil
		}
		body, name, _ := strings.Cut(rest, "#")
		f := strings.Split(body, ",")
		for len(f) < 3 {
			f = append(f, "")
		}
		r := get(code)
		if r.hasPLOVER {
			return nil
		}
		r.hasPLOVER = true
		r.plover = [3]string{clean(f[0]), clean(f[1]), cleanContext(f[2])}
		if r.name == "" {
			r.name = strings.TrimSpace(name)
		}
		return nil
	})
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanContext joins multiple contexts with ";" and no spaces.
func cleanContext(s string) string {
	var parts []string
	for p := range strings.SplitSeq(s, ";") {
		if p = clean(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ";")
}

func readSupplement(path string, get func(string) *row) error {
	return lines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		for len(f) < 6 {
			f = append(f, "")
		}
		if !validCode(f[0]) {
			return fmt.Errorf("bad code %q", f[0])
		}
		r := get(f[0])
		if f[1] != "" {
			r.name = f[1]
		}
		if f[2] != "" {
			if _, err := strconv.ParseFloat(f[2], 64); err != nil {
				return fmt.Errorf("goldstein %q: %w", f[2], err)
			}
			r.goldstein = f[2]
		}
		if f[3] != "" {
			r.plover = [3]string{clean(f[3]), clean(f[4]), cleanContext(f[5])}
			r.hasPLOVER = true
		}
		return nil
	})
}

func gdeltQuad(root int) int {
	switch {
	case root <= 5:
		return 1
	case root <= 8:
		return 2
	case root <= 13:
		return 3
	}
	return 4
}

func phoenixQuad(root int) int {
	switch {
	case root <= 2:
		return 0
	case root == 16:
		return 3
	}
	return gdeltQuad(root)
}

func render(rows map[string]*row) ([]byte, error) {
	codes := make([]string, 0, len(rows))
	for c := range rows {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	// Fill gaps from the nearest ancestor: a 4-digit code from its 3-digit
	// parent, a 3-digit code from its root; a root takes its PLOVER type
	// (without mode or context) from its "X0" code. Codes sort parents first,
	// so a filled parent passes its values on.
	for _, c := range codes {
		r := rows[c]
		if len(c) == 2 {
			if x0 := rows[c+"0"]; x0 != nil && !r.hasPLOVER {
				r.plover = [3]string{x0.plover[0], "", ""}
				r.hasPLOVER = true
			}
		}
	}
	for _, c := range codes {
		r := rows[c]
		for l := len(c) - 1; l >= 2 && (r.goldstein == "" || !r.hasPLOVER); l-- {
			p := rows[c[:l]]
			if p == nil {
				continue
			}
			if r.goldstein == "" {
				r.goldstein = p.goldstein
			}
			if !r.hasPLOVER && p.hasPLOVER {
				r.plover, r.hasPLOVER = p.plover, true
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("# CAMEO event codes with Goldstein values, QuadClass (GDELT and Phoenix schemes) and PLOVER type.\n")
	b.WriteString("# Generated by internal/ontology/gen from the CAMEO/Goldstein and CAMEO-to-PLOVER 2021 tables; do not edit.\n")
	b.WriteString("code\tname\troot\tgoldstein\tquad_gdelt\tquad_phoenix\tplover_type\tplover_mode\tplover_context\n")
	for _, c := range codes {
		r := rows[c]
		g, pl := r.goldstein, r.plover
		if r.name == "" {
			return nil, fmt.Errorf("code %s has no name", c)
		}
		if g == "" {
			return nil, fmt.Errorf("code %s has no Goldstein value", c)
		}
		rt, _ := strconv.Atoi(c[:2])
		pl[0] = upgrade(pl[0])
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", c, r.name, c[:2], g, gdeltQuad(rt), phoenixQuad(rt), pl[0], pl[1], pl[2])
	}
	return b.Bytes(), nil
}

// upgrade maps PLOVER type names retired before 2021 to their current names.
func upgrade(t string) string {
	switch t {
	case "DEMAND":
		return "REQUEST"
	case "DISAPPROVE", "INVESTIGATE":
		return "ACCUSE"
	case "FIGHT":
		return "ASSAULT"
	}
	return t
}
