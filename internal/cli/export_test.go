package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunThenExport codes the demo corpus with `chronicle run` and exports
// it in every format, reading each file back.
func TestRunThenExport(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	code, out, errs := cliRun(t, "", "run", "--quiet", "--db", db, filepath.Join(repoRoot(t), "testdata", "demo"))
	if code != ExitOK {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "event mentions") {
		t.Fatalf("run summary: %q", out)
	}
	lines := func(b []byte) int { return bytes.Count(b, []byte("\n")) }
	export := func(format string, extra ...string) []byte {
		t.Helper()
		path := filepath.Join(dir, "out."+format)
		args := append([]string{"export", "--quiet", "--db", db, "--format", format, "-o", path}, extra...)
		if code, _, errs := cliRun(t, "", args...); code != ExitOK {
			t.Fatalf("export %s: exit %d: %s", format, code, errs)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	gdelt := export("gdelt")
	events := lines(gdelt)
	if events == 0 {
		t.Fatal("no events exported")
	}
	sc := bufio.NewScanner(bytes.NewReader(gdelt))
	for sc.Scan() {
		if n := strings.Count(sc.Text(), "\t") + 1; n != 61 {
			t.Fatalf("GDELT row with %d columns: %q", n, sc.Text())
		}
	}
	if m := lines(export("gdelt-mentions")); m < events {
		t.Errorf("%d mention rows for %d events", m, events)
	}
	if p := lines(export("phoenix")); p != events+1 {
		t.Errorf("phoenix: %d lines, want header + %d", p, events)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(export("plover")), []byte("\n")) {
		var rec struct {
			EventType string `json:"event_type"`
			TextInfo  []struct {
				Text       string `json:"text"`
				Start, End int
			} `json:"text_info"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("plover line %s: %v", line, err)
		}
		if len(rec.TextInfo) == 0 || rec.TextInfo[0].End <= rec.TextInfo[0].Start {
			t.Errorf("plover record without evidence offsets: %s", line)
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(export("csv"))).ReadAll()
	if err != nil || len(rows) != events+1 {
		t.Errorf("csv: %d rows, err %v", len(rows), err)
	}
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(export("geojson"), &fc); err != nil || len(fc.Features) == 0 {
		t.Errorf("geojson: %d features, err %v", len(fc.Features), err)
	}
	if err := xml.Unmarshal(export("graphml"), new(struct{})); err != nil {
		t.Errorf("graphml: %v", err)
	}
	if pq := export("parquet"); !bytes.HasPrefix(pq, []byte("PAR1")) || !bytes.HasSuffix(pq, []byte("PAR1")) {
		t.Errorf("parquet file lacks its magic")
	}
	// Filters as in the API narrow the export.
	if few := lines(export("gdelt", "--root", "19", "--from", "2020-01-01")); few >= events {
		t.Errorf("filtered export has %d of %d events", few, events)
	}
	// A bad format fails without leaving a file behind.
	bad := filepath.Join(dir, "bad.out")
	if code, _, _ := cliRun(t, "", "export", "--db", db, "--format", "xlsx", "-o", bad); code != ExitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed export left a file")
	}
}
