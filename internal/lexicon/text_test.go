package lexicon_test

import (
	"slices"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// TestSplitPhraseAgreesWithText checks that dictionary phrases split into
// the same tokens as internal/text gives running text, so matchers see
// equal strings.
func TestSplitPhraseAgreesWithText(t *testing.T) {
	a, err := text.NewAnalyzer()
	if err != nil {
		t.Skipf("text analyzer unavailable: %v", err)
	}
	tests := []struct {
		sentence string // a sentence containing the phrase
		phrase   string // the phrase as a dictionary writes it
	}{
		{"The U.S. Embassy said nothing.", "THE_U.S._EMBASSY"},
		{"Iran's leader spoke on Monday.", "IRAN'S_LEADER"},
		{"They didn't attack the town.", "DID_N'T"},
		{"They did n't attack the town.", "DID_N'T"},
		{"Officials in Barad-dur refused.", "OFFICIALS_IN_BARAD-DUR"},
		{"President George W. Bush arrived.", "PRESIDENT_GEORGE_W._BUSH"},
		{"Côte d'Ivoire’s president met him.", "CÔTE_D'IVOIRE"},
		{"The al-Qaeda group claimed it.", "AL-QAEDA_GROUP"},
	}
	for _, tt := range tests {
		doc := a.Analyze(tt.sentence, chronicle.Date{Year: 2024, Month: 1, Day: 1})
		var norms []string
		for _, tok := range doc.Tokens {
			norms = append(norms, tok.Norm)
		}
		want := lexicon.SplitPhrase(tt.phrase)
		found := false
		for i := range norms {
			if i+len(want) <= len(norms) && slices.Equal(norms[i:i+len(want)], want) {
				found = true
			}
		}
		if !found {
			t.Errorf("phrase %q → %q not found in text tokens %q", tt.phrase, want, norms)
		}
	}
}
