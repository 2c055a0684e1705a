package lexicon

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cputime"
	"github.com/chronicle-dev/chronicle/internal/sharedtest"
)

func sharedDir(tb testing.TB, name string) string {
	tb.Helper()
	return sharedtest.Path(tb, "dictionaries", name)
}

// quiet is an Options that discards log output.
func quiet() Options {
	return Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func BenchmarkLoadPhoenix(b *testing.B) {
	dir := sharedDir(b, "phoenix")
	ctx := context.Background()
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		if _, err := LoadDirWith(ctx, dir, quiet()); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per load (all threads) is reported next to wall time
	// because wall time is meaningless on a shared, oversubscribed host.
	b.ReportMetric(float64((cputime.Process()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func verbPatternCount(d *Dictionary) (verbs, patterns int) {
	for _, f := range d.Verbs.Families {
		verbs += len(f.Verbs)
		patterns += len(f.Patterns)
	}
	return verbs, patterns
}

func TestLoadPhoenix(t *testing.T) {
	d, err := LoadDirWith(context.Background(), sharedDir(t, "phoenix"), quiet())
	if err != nil {
		t.Fatal(err)
	}
	verbs, patterns := verbPatternCount(d)
	counts := []struct {
		what      string
		got, want int
	}{
		{"actors", len(d.Actors), 27252},
		{"agents", len(d.Agents), 3374},
		{"verb families", len(d.Verbs.Families), 396},
		{"verbs", verbs, 1860},
		{"patterns", patterns, 11005},
		{"synsets", len(d.Verbs.Synsets), 38},
		{"discards", len(d.Discards), 506},
		{"issues", len(d.Issues), 3157},
		{"warnings", d.Warnings, 27},
		{"actor files", len(d.Files[KindActors]), 3},
		{"verb files", len(d.Files[KindVerbs]), 1}, // CAMEO.2.0.txt is not read
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}

	actors := []struct {
		phrase string
		date   chronicle.Date
		entity string
		code   string
	}{
		// Date-restricted codes of US presidents (Phoenix.Countries.actors.txt).
		{"president barack obama", day(2010, 6, 1), "Barack Obama", "USAGOV"},
		{"obama", day(1990, 6, 1), "Barack Obama", "USAELI"},
		{"obama", day(2005, 6, 1), "Barack Obama", ""}, // no default code
		{"george w. bush", day(2005, 6, 1), "George W. Bush", "USAGOV"},
		// Both presidents Bush list "PRESIDENT_BUSH"; the first entry
		// (George H. W. Bush, in office 1989-1993) wins.
		{"president bush", day(1990, 6, 1), "George Bush", "USAGOV"},
		{"president bush", day(1995, 6, 1), "George Bush", "USAELI"},
		{"george h. w. bush", day(1995, 6, 1), "George Bush", "USAELI"},
		{"united states of america", day(2012, 6, 1), "United States Of America", "USA"},
		{"hamas", day(2012, 6, 1), "Hamas", "PSEREBHMS"},
		{"sheikh ahmed yassin", day(1995, 6, 1), "Sheikh Ahmed Yassin", "PSEREBHMS"},
		{"sheikh ahmed yassin", day(2005, 6, 1), "Sheikh Ahmed Yassin", ""},
	}
	for _, tt := range actors {
		toks := strings.Fields(tt.phrase)
		a, n := d.LongestActor(toks, 0)
		if a == nil || n != len(toks) {
			t.Errorf("LongestActor(%q) = %v, %d", tt.phrase, a, n)
			continue
		}
		if a.Entity() != tt.entity || a.CodeAt(tt.date) != tt.code {
			t.Errorf("%q on %v: entity %q code %q; want %q %q", tt.phrase, tt.date, a.Entity(), a.CodeAt(tt.date), tt.entity, tt.code)
		}
	}

	agents := []struct {
		phrase, code string
	}{
		{"police", "---COP"},
		{"policemen", "---COP"},
		{"foreign ministry", "---GOV"},
		{"former prime ministers", "---ELI"},
		{"deparment of environment", "---ENV"}, // "[~ENV}" in the file
	}
	for _, tt := range agents {
		toks := strings.Fields(tt.phrase)
		g, n := d.LongestAgent(toks, 0)
		if g == nil || n != len(toks) || g.Apply("") != tt.code {
			t.Errorf("LongestAgent(%q) = %+v, %d; want %s", tt.phrase, g, n, tt.code)
		}
	}

	verbsAt := []struct {
		sentence string
		at       int
		family   string
		end      int
	}{
		{"leaders met in geneva", 1, "MEET_PEOPLE", 2},
		{"leaders met with rebels", 1, "MEET_PEOPLE", 3},
		{"police cordoned off the square", 1, "EXCLUDE", 3},
		{"troops fought back", 1, "PHYSICAL_CONFLICT", 3},
	}
	for _, tt := range verbsAt {
		ms := d.VerbsAt(strings.Fields(tt.sentence), tt.at)
		if len(ms) == 0 || d.VerbFamily(ms[0]).Label != tt.family || ms[0].End != tt.end {
			t.Errorf("VerbsAt(%q, %d) = %+v; want %s ending at %d", tt.sentence, tt.at, ms, tt.family, tt.end)
		}
	}
	if x, _ := d.DiscardIn(strings.Fields("live on espn2 tonight")); x == nil || !x.Story {
		t.Errorf("DiscardIn(espn2) = %+v, want a story discard", x)
	}
	is := d.IssuesIn(strings.Fields("new kindergartens opened"))
	if len(is) != 1 || is[0].Issue.Code != "EARLY_CHILDHOOD_EDUCATION" {
		t.Errorf("IssuesIn(kindergartens) = %+v", is)
	}
	t.Logf("phoenix: %d actors, %d agents, %d families, %d verbs, %d patterns, %d synsets, %d discards, %d issues, %d warnings",
		len(d.Actors), len(d.Agents), len(d.Verbs.Families), verbs, patterns, len(d.Verbs.Synsets), len(d.Discards), len(d.Issues), d.Warnings)
}

func TestLoadPetrarchValidate(t *testing.T) {
	d, err := LoadDirWith(context.Background(), sharedDir(t, "petrarch-validate"), quiet())
	if err != nil {
		t.Fatal(err)
	}
	verbs, patterns := verbPatternCount(d)
	counts := []struct {
		what      string
		got, want int
	}{
		{"actors", len(d.Actors), 128},
		{"agents", len(d.Agents), 95},
		{"verb families", len(d.Verbs.Families), 261},
		{"verbs", verbs, 269},
		{"patterns", patterns, 474},
		{"synsets", len(d.Verbs.Synsets), 17},
		{"discards", len(d.Discards), 9},
		{"warnings", d.Warnings, 1}, // "--- DELAY [120] [031:031] ---"
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	codes := []struct {
		phrase string
		date   chronicle.Date
		code   string
	}{
		{"sam gamgee", day(2007, 1, 1), "HOBCIV"},
		{"sam gamgee", day(2010, 1, 10), "ORCHOB"}, // first matching restriction wins
		{"sam gamgee", day(2011, 1, 10), "HOBMIL"},
		{"sam gamgee", day(2014, 1, 10), "HOBELI"},
		{"smeagol", day(1994, 1, 1), "HOB"},
		{"smeagol", day(1997, 1, 1), "HOBGOV"},
		{"interpol", day(1997, 1, 1), "IGOCOPITP"},
		{"u.s.", day(1997, 1, 1), "USA"},
	}
	for _, tt := range codes {
		toks := strings.Fields(tt.phrase)
		a, n := d.LongestActor(toks, 0)
		if a == nil || n != len(toks) || a.CodeAt(tt.date) != tt.code {
			t.Errorf("%q on %v: got %+v", tt.phrase, tt.date, a)
		}
	}
	// Substitution sets and multi-word verbs of the validation suite.
	if g, n := d.LongestAgent([]string{"congresswomen"}, 0); g == nil || n != 1 || g.Apply("USA") != "USALEG" {
		t.Errorf("congresswomen agent = %+v", g)
	}
	if g, _ := d.LongestAgent(strings.Fields("ministries of silly walks"), 0); g == nil {
		t.Error("!MINST!_OF_SILLY_WALKS not expanded")
	}
	ms := d.VerbsAt(strings.Fields("they wire tapped phones"), 2)
	if len(ms) == 0 || d.VerbFamily(ms[0]).Label != "CONFISCATE" || ms[0].Start != 1 {
		t.Errorf("VerbsAt(wire tapped) = %+v", ms)
	}
	ms = d.VerbsAt(strings.Fields("talks broke down"), 1)
	if len(ms) == 0 || ms[0].End != 3 {
		t.Errorf("VerbsAt(broke down) = %+v", ms)
	}
}

// sentences are token lists for the matcher benchmarks.
func benchSentences() [][]string {
	return [][]string{
		strings.Fields("u.s. president barack obama met with israeli prime minister benjamin netanyahu in washington on monday , the white house said ."),
		strings.Fields("police cordoned off the square after protesters clashed with security forces near the parliament building in cairo ."),
		strings.Fields("the united nations security council condemned the attack and urged both sides to return to talks over the ceasefire ."),
	}
}

func BenchmarkLongestActor(b *testing.B) {
	d, err := LoadDirWith(context.Background(), sharedDir(b, "phoenix"), quiet())
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences()
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sents {
			for i := range s {
				d.LongestActor(s, i)
				d.LongestAgent(s, i)
			}
		}
	}
}

func BenchmarkVerbsAt(b *testing.B) {
	d, err := LoadDirWith(context.Background(), sharedDir(b, "phoenix"), quiet())
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences()
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sents {
			for i := range s {
				d.VerbsAt(s, i)
			}
		}
	}
}

func BenchmarkDiscardsIssues(b *testing.B) {
	d, err := LoadDirWith(context.Background(), sharedDir(b, "phoenix"), quiet())
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences()
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sents {
			d.DiscardIn(s)
			d.IssuesIn(s)
		}
	}
}
