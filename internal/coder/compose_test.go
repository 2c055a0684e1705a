package coder

import (
	"testing"

	"github.com/chronicle-dev/chronicle/internal/lexicon"
)

func TestCompose(t *testing.T) {
	gov := &lexicon.Agent{Code: "GOV", Placement: lexicon.Suffix}
	govmed := &lexicon.Agent{Code: "GOVMED", Placement: lexicon.Suffix}
	ngo := &lexicon.Agent{Code: "NGO", Placement: lexicon.Prefix}
	tests := []struct {
		base  string
		agent *lexicon.Agent
		want  string
	}{
		{"GON", nil, "GON"},
		{"GON", gov, "GONGOV"},
		{"", gov, "---GOV"},
		{"---", gov, "---GOV"},
		{"HGWGOVMED", govmed, "HGWGOVMED"},
		{"USAGOV", gov, "USAGOV"},
		{"ARN", ngo, "NGOARN"},
		{"NGOARN", ngo, "NGOARN"},
		{"", ngo, "NGO"},
	}
	for _, tt := range tests {
		if got := compose(tt.base, tt.agent); got != tt.want {
			t.Errorf("compose(%q, %v) = %q, want %q", tt.base, tt.agent, got, tt.want)
		}
	}
}

func TestWordsFile(t *testing.T) {
	m, err := loadWords()
	if err != nil {
		t.Fatal(err)
	}
	for w, cl := range map[string]wordClass{"of": clPrep | clAgentPrep, "would": clModal | clHypothetical, "said": clReport, "n't": clNeg, "inc": clCorp} {
		if m[w]&cl != cl {
			t.Errorf("%q classes %b, want %b set", w, m[w], cl)
		}
	}
}

func TestIntentFile(t *testing.T) {
	m, err := loadIntent()
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{"070": "033", "073": "0333", "0874": "0356", "163": "1312", "190": "1384", "195": "1384", "040": "040", "111": "111"}
	for code, want := range tests {
		if got := intentCode(m, code); got != want {
			t.Errorf("intentCode(%q) = %q, want %q", code, got, want)
		}
	}
}
