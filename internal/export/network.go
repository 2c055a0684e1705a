package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/chronicle-dev/chronicle"
)

// networkWriter aggregates events into the actor network (one row per
// ordered actor pair, so memory grows with pairs, not events) and writes
// it as GraphML or a tab-separated edge list when closed.
type networkWriter struct {
	w     *bufio.Writer
	edges bool
	pairs map[[2]string]*edgeAgg
	nodes map[string]int
}

type edgeAgg struct {
	count, coop, conflict int
	goldstein             float64
}

func newNetworkWriter(w io.Writer, edgeList bool) *networkWriter {
	return &networkWriter{w: bufio.NewWriterSize(w, 64<<10), edges: edgeList,
		pairs: map[[2]string]*edgeAgg{}, nodes: map[string]int{}}
}

func (n *networkWriter) write(ev *chronicle.Event) error {
	s, t := ev.Source.Code, ev.Target.Code
	if s == "" || t == "" {
		return nil
	}
	k := [2]string{s, t}
	a := n.pairs[k]
	if a == nil {
		a = &edgeAgg{}
		n.pairs[k] = a
	}
	a.count++
	a.goldstein += ev.Goldstein
	switch ev.QuadClass {
	case 1, 2:
		a.coop++
	case 3, 4:
		a.conflict++
	}
	n.nodes[s]++
	if t != s {
		n.nodes[t]++
	}
	return nil
}

// sortedEdges returns the aggregated edges by descending count, then codes.
func (n *networkWriter) sortedEdges() []chronicle.NetworkEdge {
	out := make([]chronicle.NetworkEdge, 0, len(n.pairs))
	for k, a := range n.pairs {
		out = append(out, chronicle.NetworkEdge{Source: k[0], Target: k[1], Count: a.count,
			Cooperation: a.coop, Conflict: a.conflict, Goldstein: a.goldstein / float64(a.count)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out
}

func (n *networkWriter) close() error {
	edges := n.sortedEdges()
	if n.edges {
		writeTSVRow(n.w, []string{"source", "target", "count", "cooperation", "conflict", "goldstein"})
		for _, e := range edges {
			writeTSVRow(n.w, []string{e.Source, e.Target, strconv.Itoa(e.Count), strconv.Itoa(e.Cooperation),
				strconv.Itoa(e.Conflict), strconv.FormatFloat(e.Goldstein, 'f', 3, 64)})
		}
		return n.w.Flush()
	}
	codes := make([]string, 0, len(n.nodes))
	for c := range n.nodes {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	w := n.w
	w.WriteString(xml.Header)
	w.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">` + "\n")
	w.WriteString(`  <key id="count" for="node" attr.name="count" attr.type="int"/>` + "\n")
	w.WriteString(`  <key id="weight" for="edge" attr.name="count" attr.type="int"/>` + "\n")
	w.WriteString(`  <key id="coop" for="edge" attr.name="cooperation" attr.type="int"/>` + "\n")
	w.WriteString(`  <key id="conf" for="edge" attr.name="conflict" attr.type="int"/>` + "\n")
	w.WriteString(`  <key id="gs" for="edge" attr.name="goldstein" attr.type="double"/>` + "\n")
	w.WriteString(`  <graph id="chronicle" edgedefault="directed">` + "\n")
	for _, c := range codes {
		fmt.Fprintf(w, "    <node id=\"%s\"><data key=\"count\">%d</data></node>\n", xmlEscape(c), n.nodes[c])
	}
	for i, e := range edges {
		fmt.Fprintf(w, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\"><data key=\"weight\">%d</data><data key=\"coop\">%d</data><data key=\"conf\">%d</data><data key=\"gs\">%.3f</data></edge>\n",
			i, xmlEscape(e.Source), xmlEscape(e.Target), e.Count, e.Cooperation, e.Conflict, e.Goldstein)
	}
	w.WriteString("  </graph>\n</graphml>\n")
	return w.Flush()
}

func xmlEscape(s string) string {
	var b []byte
	w := bufWriter{&b}
	xml.EscapeText(w, []byte(s))
	return string(b)
}

type bufWriter struct{ b *[]byte }

func (w bufWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }
