package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/cputime"
)

// bigEvents is the size of the synthetic event database.
const bigEvents = 1_000_000

// bigVersion names the generator; a cached database of another version
// is rebuilt.
const bigVersion = "synthetic-events-v1"

// synthCode is one CAMEO code the generator draws from, with its table
// values (facts from the CAMEO codebook and PLOVER).
type synthCode struct {
	code, plover string
	quad         int
	goldstein    float64
	weight       int
}

// synthCodes is a small, realistic mix: statements and consultations are
// common, force rarer.
func synthCodes() []synthCode {
	return []synthCode{
		{"010", "", 1, 0, 20}, {"020", "", 1, 3, 6}, {"036", "COOPERATE", 1, 4, 5},
		{"042", "CONSULT", 1, 1.9, 12}, {"043", "CONSULT", 1, 2.8, 8}, {"046", "CONSULT", 1, 7, 6},
		{"051", "COOPERATE", 2, 3.4, 5}, {"057", "AGREE", 2, 8, 3}, {"070", "AID", 2, 7, 4},
		{"0233", "AID", 2, 7.4, 2}, {"111", "", 3, -2, 7}, {"130", "THREATEN", 3, -4.4, 4},
		{"141", "PROTEST", 3, -6.5, 5}, {"173", "SEIZE", 4, -5, 3}, {"190", "FIGHT", 4, -10, 4},
		{"193", "FIGHT", 4, -10, 2}, {"195", "FIGHT", 4, -10, 3}, {"180", "ASSAULT", 4, -9, 1},
	}
}

// synthCountries are drawn with Zipf-like weights 1/rank.
func synthCountries() []string {
	return strings.Fields(`USA RUS CHN UKR ISR PSE GBR FRA DEU IRN SYR IRQ TUR IND PAK AFG JPN KOR PRK SAU
		EGY NGA ZAF KEN ETH SDN YEM LBN JOR QAT ARE BRA MEX VEN COL ARG CAN AUS IDN PHL
		THA MMR VNM MYS BGD LKA NPL POL HUN ROU SRB GRC ITA ESP NLD BEL SWE NOR FIN CUB`)
}

func synthRoles() []string {
	return []string{"", "GOV", "GOV", "MIL", "OPP", "REB", "CVL", "BUS", "MED", "JUD"}
}

// synthEvent makes the i-th synthetic event deterministically.
func synthEvent(r *rand.Rand, i int, countries []string, cum []float64, codes []synthCode, codeCum []int) chronicle.Event {
	pick := func() string {
		x := r.Float64() * cum[len(cum)-1]
		k, _ := slices.BinarySearch(cum, x)
		return countries[min(k, len(countries)-1)]
	}
	roles := synthRoles()
	src := pick()
	tgt := pick()
	for tgt == src && r.IntN(4) > 0 {
		tgt = pick()
	}
	x := r.IntN(codeCum[len(codeCum)-1])
	k, _ := slices.BinarySearch(codeCum, x+1)
	c := codes[k]
	e := chronicle.Event{
		ID:        fmt.Sprintf("ev_%08d", i),
		Date:      day("2015-01-01").AddDays(r.IntN(3652)),
		Source:    chronicle.Actor{Code: src + roles[r.IntN(len(roles))], Text: "source " + src},
		Target:    chronicle.Actor{Code: tgt + roles[r.IntN(len(roles))], Text: "target " + tgt},
		Code:      c.code,
		Root:      c.code[:2],
		QuadClass: c.quad,
		Goldstein: c.goldstein,
		PLOVER:    chronicle.PLOVER{Type: c.plover},
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
	if r.IntN(10) < 6 {
		country := tgt
		if r.IntN(3) == 0 {
			country = src
		}
		e.Location = &chronicle.Location{Name: "capital of " + country, Country: country, Precision: chronicle.PrecisionCity,
			Lat: r.Float64()*180 - 90, Lon: r.Float64()*360 - 180}
	}
	e.NumMentions = 1 + r.IntN(5)
	e.NumArticles = 1 + r.IntN(e.NumMentions)
	e.NumSources = 1 + r.IntN(e.NumArticles)
	return e
}

// bulkInsertEvents writes n synthetic events straight into the events
// table: the fast path for building benchmark databases (no mentions, no
// clustering). Like any bulk load it drops the events table's indexes and
// triggers first, inserts in large transactions, then recreates them from
// their stored definitions and recomputes the per-day totals.
func bulkInsertEvents(ctx context.Context, s *Store, n int) error {
	countries := synthCountries()
	cum := make([]float64, len(countries))
	total := 0.0
	for i := range countries {
		total += 1 / float64(i+1)
		cum[i] = total
	}
	codes := synthCodes()
	codeCum := make([]int, len(codes))
	t := 0
	for i, c := range codes {
		t += c.weight
		codeCum[i] = t
	}
	var defs []string
	err := s.write(ctx, "drop event indexes", func(w *writer) error {
		rows, err := w.tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master
			WHERE tbl_name = 'events' AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
		if err != nil {
			return err
		}
		var drops []string
		for rows.Next() {
			var typ, name, def string
			if err := rows.Scan(&typ, &name, &def); err != nil {
				rows.Close()
				return err
			}
			defs = append(defs, def)
			drops = append(drops, "DROP "+strings.ToUpper(typ)+" "+name)
		}
		rows.Close()
		for _, d := range drops {
			if _, err := w.tx.ExecContext(ctx, d); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	const batch = 100_000
	for start := 0; start < n; start += batch {
		err := s.write(ctx, "bulk events", func(w *writer) error {
			for i := start; i < min(start+batch, n); i++ {
				e := synthEvent(r, i, countries, cum, codes, codeCum)
				if err := w.insertEvent(&e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return s.write(ctx, "recreate event indexes", func(w *writer) error {
		for _, d := range defs {
			if _, err := w.tx.ExecContext(ctx, d); err != nil {
				return fmt.Errorf("%s: %w", d, err)
			}
		}
		_, err := w.tx.ExecContext(ctx, `DELETE FROM event_days;
			INSERT INTO event_days (day, month, quad_class, plover_type, n, goldstein_sum)
			SELECT day, MIN(CAST(substr(date, 1, 4) AS INTEGER) * 12 + CAST(substr(date, 6, 2) AS INTEGER) - 1),
				quad_class, plover_type, COUNT(*), SUM(goldstein) FROM events
			WHERE date <> '' GROUP BY day, quad_class, plover_type`)
		return err
	})
}

// bigStore opens the million-event database, building it on first use in
// the temporary directory (or CHRONICLE_BIG_DIR) and reusing it after.
func bigStore(b *testing.B) *Store {
	if os.Getenv("CHRONICLE_BIG") != "1" {
		b.Skip("set CHRONICLE_BIG=1 to build and query a database of one million events")
	}
	dir := os.Getenv("CHRONICLE_BIG_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	p := filepath.Join(dir, "chronicle-"+bigVersion+".db")
	ctx := context.Background()
	s, err := Open(ctx, p)
	if err != nil {
		b.Fatal(err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n != bigEvents {
		if _, err := s.w.ExecContext(ctx, `DELETE FROM events; DELETE FROM event_days`); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := bulkInsertEvents(ctx, s, bigEvents); err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		if _, err := s.w.ExecContext(ctx, `ANALYZE`); err != nil {
			b.Fatal(err)
		}
		st, _ := s.Stats(ctx)
		b.Logf("built %d events in %v (%.0f events/s), database %.0f MB", bigEvents, el.Round(time.Millisecond),
			float64(bigEvents)/el.Seconds(), float64(st.Bytes)/(1<<20))
	}
	return s
}

// BenchmarkMillionEvents measures the serving queries on one million
// events and reports the median and 99th-percentile latency of each.
// Run with CHRONICLE_BIG=1 go test -run '^$' -bench MillionEvents -benchtime 200x.
func BenchmarkMillionEvents(b *testing.B) {
	s := bigStore(b)
	defer s.Close()
	ctx := context.Background()
	year := chronicle.EventFilter{From: day("2020-01-01"), To: day("2020-12-31")}
	month := chronicle.EventFilter{From: day("2021-03-01"), To: day("2021-03-31")}
	// A cursor ten pages deep.
	deep := ""
	for range 10 {
		_, next, err := s.Events(ctx, chronicle.EventFilter{Actor: "USA", Limit: 50, Cursor: deep})
		if err != nil {
			b.Fatal(err)
		}
		deep = next
	}
	queries := []struct {
		name string
		run  func() (int, error)
	}{
		{"timeline/all/month", func() (int, error) {
			tl, err := s.Timeline(ctx, chronicle.EventFilter{}, chronicle.Month)
			return len(tl), err
		}},
		{"timeline/all/day", func() (int, error) {
			tl, err := s.Timeline(ctx, chronicle.EventFilter{}, chronicle.Day)
			return len(tl), err
		}},
		{"timeline/actor=SYR/week", func() (int, error) {
			tl, err := s.Timeline(ctx, chronicle.EventFilter{Actor: "SYR"}, chronicle.Week)
			return len(tl), err
		}},
		{"timeline/source=USA,year/day", func() (int, error) {
			f := year
			f.Source = "USA"
			tl, err := s.Timeline(ctx, f, chronicle.Day)
			return len(tl), err
		}},
		{"timeline/root=19,year/week", func() (int, error) {
			f := year
			f.Root = "19"
			tl, err := s.Timeline(ctx, f, chronicle.Week)
			return len(tl), err
		}},
		{"network/month/min1", func() (int, error) {
			n, err := s.Network(ctx, month, 1)
			return len(n.Edges), err
		}},
		{"network/actor=IRN,year/min2", func() (int, error) {
			f := year
			f.Actor = "IRN"
			n, err := s.Network(ctx, f, 2)
			return len(n.Edges), err
		}},
		{"network/plover=FIGHT,month/min1", func() (int, error) {
			f := month
			f.PLOVER = "FIGHT"
			n, err := s.Network(ctx, f, 1)
			return len(n.Edges), err
		}},
		{"events/all", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{Limit: 50})
			return len(es), err
		}},
		{"events/actor=USA", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{Actor: "USA", Limit: 50})
			return len(es), err
		}},
		{"events/actor=USA/page11", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{Actor: "USA", Limit: 50, Cursor: deep})
			return len(es), err
		}},
		{"events/dyad=USA>CHN", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{Source: "USA", Target: "CHN", Limit: 50})
			return len(es), err
		}},
		{"events/country=CUB", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{Country: "CUB", Limit: 50})
			return len(es), err
		}},
		{"events/code=195,month", func() (int, error) {
			f := month
			f.Code, f.Limit = "195", 50
			es, _, err := s.Events(ctx, f)
			return len(es), err
		}},
		{"events/plover=AGREE,negated", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{PLOVER: "AGREE", Modality: chronicle.Negated, Limit: 50})
			return len(es), err
		}},
		{"events/actor=NOR,root=19", func() (int, error) {
			es, _, err := s.Events(ctx, chronicle.EventFilter{Actor: "NOR", Root: "19", Limit: 50})
			return len(es), err
		}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			if n, err := q.run(); err != nil || n == 0 {
				b.Fatalf("%d results, %v", n, err)
			}
			var ds, cpu []time.Duration
			for b.Loop() {
				t, c := time.Now(), cputime.Process()
				if _, err := q.run(); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(t))
				cpu = append(cpu, cputime.Process()-c)
			}
			reportPercentiles(b, "", ds)
			reportPercentiles(b, "cpu-", cpu)
		})
	}
	// Concurrent readers: the same mix from 8 goroutines.
	b.Run("mixed/8-concurrent", func(b *testing.B) {
		var mu sync.Mutex
		var ds []time.Duration
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				t := time.Now()
				if _, err := queries[i%len(queries)].run(); err != nil {
					b.Error(err)
					return
				}
				d := time.Since(t)
				mu.Lock()
				ds = append(ds, d)
				mu.Unlock()
				i++
			}
		})
		reportPercentiles(b, "", ds)
	})
}

func reportPercentiles(b *testing.B, prefix string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	at := func(p float64) float64 {
		return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), prefix+"p50-ms")
	b.ReportMetric(at(0.99), prefix+"p99-ms")
	b.ReportMetric(0, "ns/op")
}
