package coder_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
)

var dateLine = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\s+`)

// TestSeedArticle codes the shared seed article with the built-in
// dictionaries and checks the events the issue lists.
func TestSeedArticle(t *testing.T) {
	dir := shared(t, "seed")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skip("no seed article")
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	m := dateLine.FindSubmatch(raw)
	if m == nil {
		t.Fatalf("%s: no date line", files[0])
	}
	date, err := chronicle.ParseDate(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw[len(m[0]):])
	dict, err := lexicon.LoadFS(context.Background(), builtin.FS)
	if err != nil {
		t.Fatal(err)
	}
	cd := coder.New(dict, newTable(t), coder.DefaultOptions())
	ms := cd.Code(newAnalyzer(t).Analyze(text, date), chronicle.Article{ID: "seed", Date: date, Text: text})
	for _, x := range ms {
		t.Logf("%d %s %s→%s %s %s", x.Sentence, x.Date, x.Source.Code, x.Target.Code, x.Code, x.Modality)
	}
	prev := date.AddDays(-1)
	has := func(root, src, tgt string, d chronicle.Date) bool {
		for _, x := range ms {
			if x.Root == root && strings.HasPrefix(x.Source.Code, src) && strings.HasPrefix(x.Target.Code, tgt) && (d.IsZero() || x.Date == d) {
				return true
			}
		}
		return false
	}
	declined, resolved := false, false
	for _, x := range ms {
		if strings.Contains(x.Evidence.Text, "would not push") && (x.Root == "12" || x.Modality == chronicle.Negated) {
			declined = true
		}
		if x.Source.Resolved != nil && strings.HasPrefix(x.Source.Code, "USAGOV") {
			resolved = true
		}
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{"US–Palestinian meeting, 04, on the article date", has("04", "USAGOV", "PSEGOV", date)},
		{"Abbas's demand, 10", has("10", "PSE", "ISR", chronicle.Date{})},
		{"Abbas's criticism of Israel, 11", has("11", "PSE", "ISR", chronicle.Date{})},
		{"Abbas's appeal to the US, 02", has("02", "PSE", "USA", chronicle.Date{})},
		{"US commitment to aid, 03 or 07", has("03", "USA", "", chronicle.Date{}) || has("07", "USA", "", chronicle.Date{})},
		{"meeting with Arab officials the day before", has("04", "USA", "ARB", prev)},
		{"Arab outrage at Israel, 11", has("11", "ARB", "ISR", chronicle.Date{})},
		{"the US not pushing for a ceasefire, negated or 12", declined},
		{"a 'He …' sentence coded with Blinken", resolved},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("missing: %s", c.what)
		}
	}
	for _, x := range ms {
		if x.Date.Before(prev) || date.Before(x.Date) {
			t.Errorf("event dated %s, outside %s..%s: %s→%s %s", x.Date, prev, date, x.Source.Code, x.Target.Code, x.Code)
		}
		if strings.Contains(x.Evidence.Text, "would not push") && x.Root == "02" && x.Modality != chronicle.Negated {
			t.Errorf("declining to push for a ceasefire coded as an appeal: %+v", x)
		}
	}
}
