package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalReports scores a small event-reports gold file through
// chronicle eval: one report right on all four questions, one with the
// wrong expected place and date (so both must be listed as misses).
// Coordinates are the gazetteer's, as in testdata/reports.
func TestEvalReports(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full coding stack")
	}
	dir := t.TempDir()
	gold := filepath.Join(dir, "reports.jsonl")
	lines := `{"id":"R-1","date":"2019-10-18","text":"Lebanese demonstrators protested in Beirut on Thursday against a proposed tax on WhatsApp calls.","expected":[{"source":"LBN","target":"LBN","code":"PROTEST"}],"expected_date":"2019-10-17","expected_place":{"name":"Beirut","country":"LBN","precision":"city","lat":33.89332,"lon":35.50157},"expected_countries":["LBN"],"category":"protest"}
{"id":"R-2","date":"2017-07-10","text":"Iraqi troops battled Islamic State fighters in the old city of Mosul on Sunday.","expected":[{"source":"IRQ","target":"","code":"FIGHT"}],"expected_date":"2017-07-08","expected_place":{"name":"Baghdad","country":"IRQ","precision":"city","lat":33.34058,"lon":44.40088},"expected_countries":["IRQ"],"category":"battle"}
`
	if err := os.WriteFile(gold, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out, errs := cliRun(t, "", "eval", "--gold", gold)
	if status != ExitOK {
		t.Fatalf("status %d, stderr %s", status, errs)
	}
	for _, w := range []string{
		"event reports: 2",
		"right PLOVER type      1.000 (2)",
		"right event date       0.500 (1)",
		"right place (≤50 km)   0.500 (1)",
		"R-2 [battle] wrong: date, place",
		"expected: ASSAULT countries IRQ date 2017-07-08 place Baghdad",
		"date 2017-07-09 from text",
		"km from the expected one",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	status, out, _ = cliRun(t, "", "eval", "--gold", gold, "--json")
	var res struct {
		Reports int
		Type    float64
		Misses  []struct{ ID string }
	}
	if status != ExitOK || json.Unmarshal([]byte(out), &res) != nil || res.Reports != 2 || res.Type != 1 || len(res.Misses) != 1 || res.Misses[0].ID != "R-2" {
		t.Errorf("--json: status %d, %+v\n%s", status, res, out)
	}
}
