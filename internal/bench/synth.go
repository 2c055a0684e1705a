package bench

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/ontology"
)

//go:embed countries.tsv roots.tsv
var dataFiles embed.FS

// The synthetic store's dates span ten years from 2015-01-01.
const spanDays = 3653

func firstDay() chronicle.Date { return chronicle.Date{Year: 2015, Month: 1, Day: 1} }

// country is one row of countries.tsv.
type country struct {
	iso3, capital string
	lat, lon      float64
}

// root is one row of roots.tsv with the CAMEO codes under it.
type root struct {
	code     string
	perMille int
	verb     string
	codes    []ontology.Code
}

// Generator makes synthetic events that look like a news-coded store:
// about two hundred countries drawn with Zipf-like weights (so a few
// dyads dominate), every CAMEO root in a news-like mix, dates spread over
// ten years, six events in ten located. It is deterministic for a given
// random source and safe for concurrent use (it is read-only).
type Generator struct {
	countries []country
	cum       []float64 // cumulative 1/rank weights
	roots     []root
	rootCum   []int
	roles     []string
}

// NewGenerator reads the embedded country and root tables.
func NewGenerator() (*Generator, error) {
	g := &Generator{roles: []string{"", "GOV", "GOV", "MIL", "OPP", "REB", "CVL", "BUS", "MED", "JUD", "COP", "LEG"}}
	err := readTSV(dataFiles, "countries.tsv", 4, func(f []string) error {
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if len(f[0]) != 3 || err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return fmt.Errorf("want ISO3, capital, latitude, longitude; got %q", f)
		}
		g.countries = append(g.countries, country{f[0], f[1], lat, lon})
		return nil
	})
	if err != nil {
		return nil, err
	}
	tab, err := ontology.New()
	if err != nil {
		return nil, err
	}
	byRoot := map[string][]ontology.Code{}
	for _, c := range tab.Codes() {
		byRoot[c.Root] = append(byRoot[c.Root], c)
	}
	err = readTSV(dataFiles, "roots.tsv", 3, func(f []string) error {
		n, err := strconv.Atoi(f[1])
		if err != nil || n <= 0 || len(byRoot[f[0]]) == 0 {
			return fmt.Errorf("want a CAMEO root and a positive count; got %q", f)
		}
		g.roots = append(g.roots, root{code: f[0], perMille: n, verb: f[2], codes: byRoot[f[0]]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	total := 0.0
	for i := range g.countries {
		total += 1 / float64(i+1)
		g.cum = append(g.cum, total)
	}
	t := 0
	for _, r := range g.roots {
		t += r.perMille
		g.rootCum = append(g.rootCum, t)
	}
	return g, nil
}

// readTSV calls add with the fields of every data row of an embedded
// table, skipping comments and the header (the first non-comment row).
func readTSV(fsys fs.FS, name string, nfields int, add func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("bench tables: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if header {
			header = false
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != nfields {
			return fmt.Errorf("bench tables: %s line %d: %d fields, want %d", name, n, len(fields), nfields)
		}
		if err := add(fields); err != nil {
			return fmt.Errorf("bench tables: %s line %d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("bench tables: read %s: %w", name, err)
	}
	return nil
}

// Countries returns how many countries events are drawn from.
func (g *Generator) Countries() int { return len(g.countries) }

func (g *Generator) country(r *rand.Rand) country {
	x := r.Float64() * g.cum[len(g.cum)-1]
	k, _ := slices.BinarySearch(g.cum, x)
	return g.countries[min(k, len(g.countries)-1)]
}

// Synth is one synthetic event with the evidence sentence of its mention.
type Synth struct {
	Event    chronicle.Event
	Evidence string
}

// Event makes the i-th event from r.
func (g *Generator) Event(r *rand.Rand, i int) Synth {
	src := g.country(r)
	tgt := g.country(r)
	for tgt.iso3 == src.iso3 && r.IntN(4) > 0 {
		tgt = g.country(r)
	}
	x := r.IntN(g.rootCum[len(g.rootCum)-1])
	k, _ := slices.BinarySearch(g.rootCum, x+1)
	rt := g.roots[k]
	c := rt.codes[r.IntN(len(rt.codes))]
	e := chronicle.Event{
		ID:        fmt.Sprintf("ev_syn%08d", i),
		Date:      firstDay().AddDays(r.IntN(spanDays)),
		Source:    chronicle.Actor{Code: src.iso3 + g.roles[r.IntN(len(g.roles))], Text: src.capital + " officials"},
		Target:    chronicle.Actor{Code: tgt.iso3 + g.roles[r.IntN(len(g.roles))], Text: tgt.capital + " officials"},
		Code:      c.Code,
		Root:      c.Root,
		QuadClass: c.QuadClass,
		Goldstein: c.Goldstein,
		PLOVER:    c.PLOVER,
		Modality:  chronicle.Asserted,
	}
	switch m := r.IntN(100); {
	case m < 8:
		e.Modality = chronicle.Reported
	case m < 13:
		e.Modality = chronicle.Future
	case m < 17:
		e.Modality = chronicle.Negated
	case m < 20:
		e.Modality = chronicle.Hypothetical
	}
	place := ""
	if r.IntN(10) < 6 {
		at := tgt
		if r.IntN(3) == 0 {
			at = src
		}
		place = " in " + at.capital
		e.Location = &chronicle.Location{Name: at.capital, Country: at.iso3, Precision: chronicle.PrecisionCity,
			Lat: at.lat + r.Float64() - 0.5, Lon: at.lon + r.Float64() - 0.5}
	}
	e.NumMentions = 1 + r.IntN(5)
	e.NumArticles = 1 + r.IntN(e.NumMentions)
	e.NumSources = 1 + r.IntN(e.NumArticles)
	ev := fmt.Sprintf("Officials from %s %s %s%s on %s, according to %s.",
		src.capital, rt.verb, tgt.capital, place, e.Date, []string{"a statement", "witnesses", "state media", "diplomats"}[r.IntN(4)])
	return Synth{Event: e, Evidence: ev}
}
