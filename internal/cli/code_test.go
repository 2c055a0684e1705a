package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// worldDict is the coder's invented-world dictionary set.
func worldDict(t testing.TB) string {
	return filepath.Join(repoRoot(t), "internal", "coder", "testdata", "world")
}

func TestCode(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": "date 2020-05-01\n\nArnor attacked Gondor. Rohan visited Mordor.\n",
		"b.jsonl": `{"id": "b1", "date": "2020-05-02", "text": "Gondor's foreign minister condemned Mordor."}` + "\n" +
			`{"id": "b2", "date": "2020-05-03", "text": "Arnor and Gondor condemned Mordor."}` + "\n",
	})
	status, out, errs := cliRun(t, "", "code", "--dict", worldDict(t), filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.jsonl"))
	if status != ExitOK {
		t.Fatalf("status %d, stderr %s", status, errs)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m struct {
			ArticleID string `json:"article_id"`
			Date      string `json:"date"`
			Source    struct{ Code, Text string }
			Target    struct{ Code string }
			Code      string `json:"code"`
			Root      string `json:"root"`
			Modality  string `json:"modality"`
			Evidence  struct {
				Text       string
				Start, End int
			}
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		got = append(got, strings.Join([]string{m.ArticleID, m.Date, m.Source.Code, m.Target.Code, m.Code, m.Root, m.Modality}, " "))
	}
	want := []string{
		"a 2020-05-01 ARN GON 190 19 asserted",
		"a 2020-05-01 ROH MOR 042 04 asserted",
		"a 2020-05-01 MOR ROH 043 04 asserted",
		"b1 2020-05-02 GONGOVFRM MOR 111 11 asserted",
		"b2 2020-05-03 ARN MOR 111 11 asserted",
		"b2 2020-05-03 GON MOR 111 11 asserted",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(errs, "coded 3 articles") {
		t.Errorf("summary missing: %s", errs)
	}
}

func TestCodeFormatsAndOptions(t *testing.T) {
	in := `{"id": "s", "date": "2020-05-01", "text": "Arnor protested. Arnor attacked Gondor."}` + "\n"
	tests := []struct {
		name   string
		args   []string
		status int
		want   []string
		not    []string
	}{
		{"tsv", []string{"--format", "tsv"}, ExitOK, []string{"article_id\tsentence\tdate", "s\t1\t2020-05-01\tARN\tGON\t190\t19\t4"}, nil},
		{"text", []string{"--format=text"}, ExitOK, []string{"ARN (Arnor) -> GON (Gondor)  190"}, nil},
		{"require dyad off", []string{"--require-dyad=false", "--format", "tsv"}, ExitOK, []string{"s\t0\t2020-05-01\tARN\t\t140"}, nil},
		{"require dyad on", []string{"--format", "tsv"}, ExitOK, nil, []string{"\t140\t"}},
		{"bad format", []string{"--format", "xml"}, ExitUsage, nil, nil},
		{"petrarch conventions with --dict", []string{"--format", "tsv"}, ExitOK, []string{"\tARN\tGON\t070\t"}, nil},
		{"chronicle conventions", []string{"--format", "tsv", "--conventions", "chronicle"}, ExitOK, []string{"\tARN\tGON\t033\t"}, nil},
		{"bad conventions", []string{"--conventions", "tabari"}, ExitUsage, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"code", "--dict", worldDict(t)}, tt.args...)
			in := in
			if strings.Contains(tt.name, "conventions") {
				in = `{"id": "f", "date": "2020-05-01", "text": "Arnor will send aid to Gondor."}` + "\n"
			}
			status, out, errs := cliRun(t, in, append(args, "-")...)
			if status != tt.status {
				t.Fatalf("status %d, want %d; stderr %s", status, tt.status, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestCodeRejected(t *testing.T) {
	in := `{"id": "ok", "date": "2020-05-01", "text": "Arnor attacked Gondor."}` + "\n" + `{"id": "bad", "date": "2020-13-45", "text": "x"}` + "\n"
	status, out, errs := cliRun(t, in, "code", "--dict", worldDict(t), "-")
	if status != ExitRejected || !strings.Contains(out, `"code":"190"`) || !strings.Contains(errs, "rejected") {
		t.Errorf("status %d, out %s, stderr %s", status, out, errs)
	}
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	lines := `{"id": "W-1", "date": "2020-05-01", "text": "Arnor attacked Gondor.", "expected": [{"source": "ARN", "target": "GON", "code": "190"}], "category": "W", "evaluated": true}
{"id": "W-2", "date": "2020-05-01", "text": "Arnor protested.", "expected": [{"source": "ARN", "target": "---", "code": "140"}], "category": "W", "evaluated": true, "config": {"require_dyad": "false"}}
{"id": "W-3", "date": "2020-05-01", "text": "Arnor visited Gondor.", "expected": [{"source": "ARN", "target": "GON", "code": "042"}], "category": "V", "evaluated": true}
`
	if err := os.WriteFile(gold, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out, errs := cliRun(t, "", "eval", "--gold", gold, "--dict", worldDict(t))
	if status != ExitOK {
		t.Fatalf("status %d, stderr %s", status, errs)
	}
	for _, w := range []string{"3 records evaluated (0 skipped), 2 exactly right: 66.7%", "W-3 [V]", "produced: ARN→GON 042", "GON→ARN 043"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	status, out, _ = cliRun(t, "", "eval", "--gold", gold, "--dict", worldDict(t), "--json")
	var rep struct {
		Records, Correct int
		Wrong            []struct{ ID string }
	}
	if status != ExitOK || json.Unmarshal([]byte(out), &rep) != nil || rep.Records != 3 || rep.Correct != 2 || len(rep.Wrong) != 1 || rep.Wrong[0].ID != "W-3" {
		t.Errorf("--json: status %d, %+v\n%s", status, rep, out)
	}
	if status, _, _ := cliRun(t, "", "eval"); status != ExitUsage {
		t.Errorf("eval without --gold: status %d, want %d", status, ExitUsage)
	}
}
