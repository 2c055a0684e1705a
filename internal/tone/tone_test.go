package tone

import (
	"math"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want float64
	}{
		{"", 0},
		{"The talks were held on Tuesday.", 0},
		{"Troops killed ten civilians.", -25},
		{"Leaders welcomed the ceasefire agreement and praised the progress.", 100 * 5.0 / 9}, // welcomed, ceasefire, agreement, praised, progress,
		{"ATTACK! Attack.", -100},
		{"The minister's visit: peace, and war.", 0},
	}
	for _, tc := range tests {
		if got := s.Score(tc.text); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Score(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse("word\n"); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("err = %v, want a line number", err)
	}
}

func FuzzScore(f *testing.F) {
	s, _ := New()
	f.Add("Troops killed ten civilians.")
	f.Fuzz(func(t *testing.T, text string) {
		if v := s.Score(text); math.IsNaN(v) || v < -100 || v > 100 {
			t.Fatalf("Score = %v", v)
		}
	})
}

func BenchmarkScore(b *testing.B) {
	s, _ := New()
	text := strings.Repeat("Troops killed ten civilians while leaders welcomed the ceasefire agreement. ", 12)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s.Score(text)
	}
}
