package eval

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

const goldLines = `{"id": "R1", "date": "1995-01-01", "text": "Arnor met Gondor.", "expected": [{"source": "ARN", "target": "GON", "code": "031"}, {"source": "GON", "target": "ARN", "code": "032"}], "category": "DEMO", "evaluated": true, "config": {"require_dyad": "False", "new_actor_length": "2", "comma_emax": 8}}
{"id": "R2", "date": "1995-01-02", "text": "Nothing here.", "expected": [], "category": "DEMO", "evaluated": true, "expect_no_events": true, "config": {}}

{"id": "R3", "date": "1995-01-03", "text": "Skipped.", "expected": [], "category": "X", "evaluated": false}
{"id": "R4", "date": "1995-01-04", "text": "Bad.", "expected": [], "category": "ERROR", "evaluated": true, "expect_error": "dateline"}
`

func TestReadGold(t *testing.T) {
	recs, err := ReadGold(strings.NewReader(goldLines), "gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("got %d records, want 4", len(recs))
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"line of R3", recs[2].Line, 4},
		{"require_dyad False", recs[0].RequireDyad(), false},
		{"require_dyad default", recs[1].RequireDyad(), true},
		{"new_actor_length", recs[0].NewActorLength(), 2},
		{"numeric config", recs[0].ConfigInt("comma_emax", 0), 8},
		{"absent config", recs[1].ConfigInt("comma_emax", 7), 7},
		{"evaluated false", recs[2].Evaluated, false},
		{"expect_error", recs[3].ExpectError, "dateline"},
		{"wants no events", recs[3].WantsNoEvents(), true},
		{"suite", recs[0].Suite, PETRARCH},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	a, err := recs[0].Article()
	if err != nil || a.Date != (chronicle.Date{Year: 1995, Month: 1, Day: 1}) || a.ID != "R1" {
		t.Errorf("Article() = %+v, %v", a, err)
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bad json", "{\"id\": \"A\"\n", "g.jsonl line 1"},
		{"no id", "{\"text\": \"x\"}\n", "no id"},
		{"bad date", "\n{\"id\": \"A\", \"date\": \"1995-13-45\"}\n", "g.jsonl line 2"},
	}
	for _, tt := range tests {
		_, err := ReadGold(strings.NewReader(tt.in), "g.jsonl")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestPLOVERNames(t *testing.T) {
	line := `{"id": "P1", "text": "x", "suite": "plover-gsr-cameo", "expected": [{"source": "USA", "target": "", "code": "DEMAND"}, {"source": "IRQ", "target": "IRN", "code": "FIGHT"}], "category": "DEMAND"}`
	recs, err := ReadGold(strings.NewReader(line), "p")
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	if r.Suite != PLOVER || r.Expected[0].Code != "REQUEST" || r.Expected[1].Code != "ASSAULT" {
		t.Errorf("got suite %s, codes %v", r.Suite, r.Expected)
	}
	for in, want := range map[string]string{"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "fight": "ASSAULT", "AGREE": "AGREE"} {
		if got := PLOVERName(in); got != want {
			t.Errorf("PLOVERName(%q) = %q, want %q", in, got, want)
		}
	}
}

func mention(src, tgt, code, plover string) chronicle.Mention {
	return chronicle.Mention{Source: chronicle.Actor{Code: src}, Target: chronicle.Actor{Code: tgt}, Code: code, PLOVER: chronicle.PLOVER{Type: plover}}
}

func TestScore1(t *testing.T) {
	pet := Record{ID: "A", Suite: PETRARCH, Expected: []Tuple{{"ARN", "GON", "064"}, {"---GOV", "---", "023"}}}
	plv := Record{ID: "P", Suite: PLOVER, Expected: []Tuple{{"USA", "", "REQUEST"}}}
	none := Record{ID: "N", Suite: PETRARCH, ExpectNoEvents: true}
	tests := []struct {
		name      string
		rec       Record
		ms        []chronicle.Mention
		err       error
		correct   bool
		event     Score
		countries Score
	}{
		{"exact, null target written as empty", pet, []chronicle.Mention{mention("ARN", "GON", "064", ""), mention("---GOV", "", "023", "")}, nil, true,
			Score{TP: 2}, Score{TP: 2}},
		{"duplicates count once", pet, []chronicle.Mention{mention("ARN", "GON", "064", ""), mention("ARN", "GON", "064", ""), mention("---GOV", "", "023", "")}, nil, true,
			Score{TP: 2}, Score{TP: 2}},
		{"wrong code, right countries", pet, []chronicle.Mention{mention("ARN", "GON", "061", ""), mention("---GOV", "", "023", "")}, nil, false,
			Score{TP: 1, FP: 1, FN: 1}, Score{TP: 2}},
		{"extra event", pet, []chronicle.Mention{mention("ARN", "GON", "064", ""), mention("---GOV", "", "023", ""), mention("GON", "ARN", "064", "")}, nil, false,
			Score{TP: 2, FP: 1}, Score{TP: 2, FP: 1}},
		{"nothing produced", pet, nil, nil, false, Score{FN: 2}, Score{FN: 2}},
		{"no events wanted", none, nil, nil, true, Score{}, Score{}},
		{"coder error", pet, nil, errors.New("boom"), false, Score{FN: 2}, Score{FN: 2}},
		{"plover wildcard target", plv, []chronicle.Mention{mention("USA", "IRQ", "102", "REQUEST")}, nil, true, Score{TP: 1}, Score{TP: 1}},
		{"plover wrong type", plv, []chronicle.Mention{mention("USA", "IRQ", "111", "ACCUSE")}, nil, false, Score{FP: 1, FN: 1}, Score{TP: 1}},
	}
	for _, tt := range tests {
		res := Score1(tt.rec, tt.ms, tt.err)
		if res.Correct != tt.correct {
			t.Errorf("%s: correct = %v, want %v (%+v)", tt.name, res.Correct, tt.correct, res.Produced)
		}
		ev := res.Scores.Event
		if ev.TP != tt.event.TP || ev.FP != tt.event.FP || ev.FN != tt.event.FN {
			t.Errorf("%s: event score %+v, want %+v", tt.name, ev, tt.event)
		}
		co := res.Scores.Countries
		if co.TP != tt.countries.TP || co.FP != tt.countries.FP || co.FN != tt.countries.FN {
			t.Errorf("%s: countries score %+v, want %+v", tt.name, co, tt.countries)
		}
	}
}

func TestRun(t *testing.T) {
	recs, err := ReadGold(strings.NewReader(goldLines), "gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	code := func(_ context.Context, r Record) ([]chronicle.Mention, error) {
		switch r.ID {
		case "R1":
			return []chronicle.Mention{mention("ARN", "GON", "031", "")}, nil
		case "R4":
			return nil, errors.New("dateline")
		}
		return nil, nil
	}
	rep, err := Run(context.Background(), recs, code)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 3 || rep.Skipped != 1 || rep.Correct != 2 || rep.Errors != 1 {
		t.Errorf("records %d skipped %d correct %d errors %d, want 3 1 2 1", rep.Records, rep.Skipped, rep.Correct, rep.Errors)
	}
	if e := rep.Scores.Event; e.TP != 1 || e.FN != 1 || e.FP != 0 || e.Precision != 1 || e.Recall != 0.5 {
		t.Errorf("event score %+v", e)
	}
	if len(rep.Categories) != 2 || rep.Categories[0].Name != "DEMO" || rep.Categories[0].Correct != 1 || rep.Categories[1].Name != "ERROR" {
		t.Errorf("categories %+v", rep.Categories)
	}
	if len(rep.Wrong) != 1 || rep.Wrong[0].ID != "R1" {
		t.Fatalf("wrong %+v", rep.Wrong)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 records evaluated (1 skipped), 2 exactly right: 66.7%", "R1 [DEMO]", "expected: ARN→GON 031; GON→ARN 032", "produced: ARN→GON 031", "DEMO      2        1"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func FuzzReadGold(f *testing.F) {
	for _, l := range strings.Split(goldLines, "\n") {
		f.Add(l)
	}
	f.Add(`{"id":"x","config":{"require_dyad":null,"new_actor_length":[1]},"expected":[{"code":"FIGHT"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := ReadGold(strings.NewReader(s), "f")
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.ID == "" {
				t.Fatalf("record without id accepted: %q", s)
			}
			_ = r.RequireDyad()
			_ = r.NewActorLength()
			Score1(r, nil, nil)
		}
	})
}
