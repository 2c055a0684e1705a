package geo

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chronicle-dev/chronicle/internal/geo/internal/fold"
	"github.com/chronicle-dev/chronicle/internal/sharedtest"
)

func sharedDir(t *testing.T) string { t.Helper(); return sharedtest.Path(t) }

// TestGoldEventLocations scores EventLocation against the records of the
// PLOVER gold file that name an event location: right when the chosen
// place has the expected name, or lies within 50 km of a place of that
// name, or, for a country, is in that country.
func TestGoldEventLocations(t *testing.T) {
	path := filepath.Join(sharedDir(t), "gold", "plover-gsr.dev.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no gold file: %v", err)
	}
	defer f.Close()
	g := gazetteer(t)
	var total, right int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Text     string `json:"text"`
			EventLoc struct {
				Name string `json:"name"`
			} `json:"event_loc"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.EventLoc.Name == "" {
			continue
		}
		total++
		got, ok := g.EventLocation(rec.Text, 0, len(rec.Text), -1, g.ArticleContext(rec.Text))
		if ok && g.sameOrNear(got, rec.EventLoc.Name) {
			right++
			continue
		}
		t.Logf("line %d: want %q, got %q (%s) in %q", line, rec.EventLoc.Name, got.Location.Name, got.Location.Country, rec.Text)
	}
	if total == 0 {
		t.Skip("no records with an event location")
	}
	share := float64(right) / float64(total)
	t.Logf("event location right in %d of %d gold records (%.2f)", right, total, share)
	if share < 0.6 {
		t.Errorf("event location right in %.2f of gold records, want >= 0.6", share)
	}
}

func (g *Gazetteer) sameOrNear(got Resolved, want string) bool {
	if fold.Key(got.Location.Name) == fold.Key(want) {
		return true
	}
	for _, p := range g.Lookup(want) {
		if p.Kind == Country && got.Location.Country == p.Country {
			return true
		}
		if p.Kind != Country && Distance(got.Location, g.Location(p)) <= 50 {
			return true
		}
	}
	return false
}
