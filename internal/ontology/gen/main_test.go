package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommittedTableIsGenerated regenerates cameo.tsv from ../shared and
// checks the committed file is what the generator writes.
func TestCommittedTableIsGenerated(t *testing.T) {
	src := filepath.Join("..", "..", "..", "..", "shared", "docs", "ontology")
	if _, err := os.Stat(filepath.Join(src, "cameo-goldstein.tsv")); err != nil {
		t.Skip("reference tables not present:", err)
	}
	got, err := generate(src, "supplement.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "cameo.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("internal/ontology/cameo.tsv is stale: run go generate ./internal/ontology")
	}
}

func TestGenerateFromFixtures(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cameo-goldstein.tsv", "code\tgoldstein\tphoenix_quad\tname\n04\t1.0\t1\t\n040\t1.0\t1\tConsult\n042\t1.9\t1\tMake a visit\n19\t-10.0\t4\t\n190\t-10.0\t4\tUse force\n")
	write("CAMEO2PLOVER-2021.txt", "# t\n04: CONSULT\n040: CONSULT, , # Consult\n042: CONSULT, visit, # Make a visit\n0421: CONSULT, visit, diplomatic # State visit\n19: FIGHT\n190: FIGHT, , crime; corruption # Use force\n")
	write("supp.tsv", "04\tConsult\n19\tFight\n")
	out, err := generate(dir, filepath.Join(dir, "supp.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"04\tConsult\t04\t1.0\t1\t1\tCONSULT\t\t\n",
		"0421\tState visit\t04\t1.9\t1\t1\tCONSULT\tvisit\tdiplomatic\n", // Goldstein from parent
		"19\tFight\t19\t-10.0\t4\t4\tASSAULT\t\t\n",                      // FIGHT renamed
		"190\tUse force\t19\t-10.0\t4\t4\tASSAULT\t\tcrime;corruption\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	write("supp.tsv", "04\tConsult\n")
	if _, err := generate(dir, filepath.Join(dir, "supp.tsv")); err == nil {
		t.Error("root 19 without a name: want an error")
	}
	write("supp.tsv", "4x\tBad\n")
	if _, err := generate(dir, filepath.Join(dir, "supp.tsv")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad supplement code: err = %v", err)
	}
}

// FuzzGenerate feeds arbitrary source tables to the generator: it must
// return an error or a table whose rows all have nine fields.
func FuzzGenerate(f *testing.F) {
	f.Add("code\tgoldstein\tphoenix_quad\tname\n04\t1.0\t1\t\n042\t1.9\t1\tMake a visit\n", "04: CONSULT\n042: CONSULT, visit, # Make a visit\n", "04\tConsult\n")
	f.Add("01\tx\t0\n", "01 CONSULT\n", "")
	f.Add("", "~~~\n", "19\tFight\t\tFIGHT\n")
	f.Fuzz(func(t *testing.T, gold, plover, supp string) {
		dir := t.TempDir()
		for name, body := range map[string]string{"cameo-goldstein.tsv": gold, "CAMEO2PLOVER-2021.txt": plover, "supp.tsv": supp} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out, err := generate(dir, filepath.Join(dir, "supp.tsv"))
		if err != nil {
			return
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			if n := len(strings.Split(line, "\t")); n != 9 {
				t.Fatalf("row %q has %d fields", line, n)
			}
		}
	})
}
