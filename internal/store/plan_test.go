package store

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// matches is the event filter written plainly, as the reference the
// planned queries are checked against (Query excluded).
func matches(e chronicle.Event, f chronicle.EventFilter) bool {
	pre := func(code, p string) bool { return strings.HasPrefix(code, strings.ToUpper(p)) }
	loc := ""
	if e.Location != nil {
		loc = e.Location.Country
	}
	switch {
	case f.Actor != "" && !pre(e.Source.Code, f.Actor) && !pre(e.Target.Code, f.Actor),
		f.Source != "" && !pre(e.Source.Code, f.Source),
		f.Target != "" && !pre(e.Target.Code, f.Target),
		f.Code != "" && !strings.HasPrefix(e.Code, f.Code),
		f.Root != "" && e.Root != f.Root,
		f.PLOVER != "" && e.PLOVER.Type != f.PLOVER,
		f.Country != "" && loc != f.Country && e.Source.Country() != f.Country && e.Target.Country() != f.Country,
		f.Modality != "" && e.Modality != f.Modality,
		!f.From.IsZero() && (e.Date.IsZero() || e.Date.Before(f.From)),
		!f.To.IsZero() && (e.Date.IsZero() || f.To.Before(e.Date)):
		return false
	}
	return true
}

// TestPlannedQueriesMatchReference runs every query shape under plan
// thresholds that force each access path (selective index, date walk,
// actor branches) and compares with a plain computation over all events.
func TestPlannedQueriesMatchReference(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := bulkInsertEvents(ctx, s, 4000); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var all []chronicle.Event
	for e, err := range s.EachEvent(ctx, chronicle.EventFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, e)
	}
	if len(all) != 4000 {
		t.Fatalf("%d events", len(all))
	}
	filters := []chronicle.EventFilter{
		{Actor: "USA"}, {Actor: "SYR"}, {Source: "usa", Target: "CHN"}, {Country: "ISR"}, {Actor: "RUS", Root: "19"},
		{Code: "04", Modality: chronicle.Negated}, {PLOVER: "FIGHT", From: day("2018-01-01"), To: day("2018-06-30")},
		{Actor: "IRN", From: day("2020-01-01"), To: day("2021-12-31")}, {From: day("2022-03-01")}, {To: day("2015-02-01")},
		{Actor: "USAGOV", Country: "RUS", PLOVER: "CONSULT"}, {Source: "ZZZ"},
	}
	for _, caps := range [][2]int{{1, 1}, {30, 30}, {1 << 30, 1 << 30}} {
		s.listingCap, s.aggregateCap = caps[0], caps[1]
		for _, f := range filters {
			name := fmt.Sprintf("caps %v filter %+v", caps, f)
			var want []chronicle.Event
			for _, e := range all {
				if matches(e, f) {
					want = append(want, e)
				}
			}
			// Listing, paged.
			var got []chronicle.Event
			g := f
			g.Limit = 37
			for {
				es, next, err := s.Events(ctx, g)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				got = append(got, es...)
				if next == "" {
					break
				}
				g.Cursor = next
			}
			if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
				t.Errorf("%s: events %d, want %d", name, len(got), len(want))
			}
			// Timeline by month.
			tl, err := s.Timeline(ctx, f, chronicle.Month)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			wantTL := map[string][2]float64{}
			for _, e := range want {
				k := fmt.Sprintf("%04d-%02d-01", e.Date.Year, e.Date.Month)
				v := wantTL[k]
				wantTL[k] = [2]float64{v[0] + 1, v[1] + e.Goldstein}
			}
			gotTL := map[string][2]float64{}
			for _, b := range tl {
				if b.Count > 0 {
					gotTL[b.Period] = [2]float64{float64(b.Count), math.Round(b.Goldstein*float64(b.Count)*1e6) / 1e6}
				}
			}
			for k, v := range wantTL {
				wantTL[k] = [2]float64{v[0], math.Round(v[1]*1e6) / 1e6}
			}
			if !reflect.DeepEqual(gotTL, wantTL) && !(len(gotTL) == 0 && len(wantTL) == 0) {
				t.Errorf("%s: timeline differs: %d buckets, want %d", name, len(gotTL), len(wantTL))
			}
			// Network with min 1.
			net, err := s.Network(ctx, f, 1)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			wantNet := map[string]int{}
			for _, e := range want {
				wantNet[e.Source.Code+">"+e.Target.Code]++
			}
			gotNet := map[string]int{}
			for _, e := range net.Edges {
				gotNet[e.Source+">"+e.Target] = e.Count
			}
			if !reflect.DeepEqual(gotNet, wantNet) && !(len(gotNet) == 0 && len(wantNet) == 0) {
				t.Errorf("%s: network differs: %d edges, want %d", name, len(gotNet), len(wantNet))
			}
			var codes []string
			for _, n := range net.Nodes {
				codes = append(codes, n.Code)
			}
			sort.Strings(codes)
			if len(net.Nodes) > 0 && net.Nodes[0].Count == 0 {
				t.Errorf("%s: node without events: %v", name, net.Nodes[0])
			}
		}
	}
}
