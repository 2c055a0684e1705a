// Package export writes stored events in the file formats the field's
// tools already read: the GDELT 2.0 event and mentions tables, the Phoenix
// TSV, PLOVER JSON Lines, a flat CSV, GeoJSON, the actor network as GraphML
// or an edge list, and Parquet.
//
// Every writer streams: it takes an iterator of events and holds at most
// one event (plus, for the network formats, one row per actor pair) in
// memory, however many events there are.
package export

import (
	"context"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// Codes converts country codes at the edges: Chronicle keeps ISO-3166
// alpha-3 inside, GDELT geography uses FIPS 10-4 (the gazetteer
// implements it).
type Codes interface {
	// FIPSOf is the FIPS 10-4 country code of a location (GZ for the Gaza
	// Strip, WE for the West Bank).
	FIPSOf(loc chronicle.Location) string
	// ADM1Code is GDELT's region code: FIPS country + region ("UP05"),
	// or "" when the region is not known.
	ADM1Code(loc chronicle.Location) string
}

// Options tune a writer.
type Options struct {
	// Codes converts ISO alpha-3 to FIPS for the GDELT and Phoenix geo
	// columns; nil leaves them empty.
	Codes Codes
	// Progress, when set, is called after each event is written.
	Progress func(n int)
}

// Format names an output format.
type Format string

// The formats Export writes.
const (
	GDELT         Format = "gdelt"
	GDELTMentions Format = "gdelt-mentions"
	Phoenix       Format = "phoenix"
	PLOVER        Format = "plover"
	CSV           Format = "csv"
	GeoJSON       Format = "geojson"
	GraphML       Format = "graphml"
	EdgeList      Format = "edgelist"
	Parquet       Format = "parquet"
)

// Formats lists every format with a one-line description.
func Formats() map[Format]string {
	return map[Format]string{
		GDELT:         "GDELT 2.0 event table, 61 tab-separated columns",
		GDELTMentions: "GDELT 2.0 mentions table, 16 tab-separated columns",
		Phoenix:       "Phoenix event data TSV",
		PLOVER:        "PLOVER JSON Lines",
		CSV:           "one flat row per event, with a header",
		GeoJSON:       "FeatureCollection of located events",
		GraphML:       "actor network as GraphML",
		EdgeList:      "actor network as a tab-separated edge list",
		Parquet:       "typed, compressed columns (zstd)",
	}
}

// FormatNames returns the format names, sorted.
func FormatNames() []string {
	var names []string
	for f := range Formats() {
		names = append(names, string(f))
	}
	sort.Strings(names)
	return names
}

// NeedsMentions reports whether a format reads Event.Mentions (for
// evidence, offsets, URLs or sentence ids); the network and map formats
// do not.
func NeedsMentions(f Format) bool {
	switch f {
	case GeoJSON, GraphML, EdgeList:
		return false
	}
	return true
}

// Write writes events to w in format f and returns how many were written.
// It stops at the first error from the iterator, the writer or ctx.
func Write(ctx context.Context, w io.Writer, f Format, events iter.Seq2[chronicle.Event, error], opt Options) (int, error) {
	var ew eventWriter
	switch f {
	case GDELT:
		ew = newGDELTWriter(w, opt)
	case GDELTMentions:
		ew = newGDELTMentionsWriter(w)
	case Phoenix:
		ew = newPhoenixWriter(w, opt)
	case PLOVER:
		ew = newPLOVERWriter(w)
	case CSV:
		ew = newCSVWriter(w)
	case GeoJSON:
		ew = newGeoJSONWriter(w)
	case GraphML:
		ew = newNetworkWriter(w, false)
	case EdgeList:
		ew = newNetworkWriter(w, true)
	case Parquet:
		ew = newParquetWriter(w)
	default:
		return 0, fmt.Errorf("export: unknown format %q (want one of %s)", f, strings.Join(FormatNames(), ", "))
	}
	n := 0
	for ev, err := range events {
		if err != nil {
			return n, fmt.Errorf("export %s: reading events: %w", f, err)
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if err := ew.write(&ev); err != nil {
			return n, fmt.Errorf("export %s: event %s: %w", f, ev.ID, err)
		}
		n++
		if opt.Progress != nil {
			opt.Progress(n)
		}
	}
	if err := ew.close(); err != nil {
		return n, fmt.Errorf("export %s: %w", f, err)
	}
	return n, nil
}

// eventWriter is one format's writer.
type eventWriter interface {
	write(*chronicle.Event) error
	close() error
}

// actorParts splits a CAMEO actor code into its primary part (country,
// region or transnational type) and 3-letter role/attribute parts.
func actorParts(code string) (primary string, rest []string) {
	if len(code) < 3 {
		return "", nil
	}
	primary = code[:3]
	for i := 3; i+3 <= len(code); i += 3 {
		rest = append(rest, code[i:i+3])
	}
	return primary, rest
}

// isTransnational reports whether a CAMEO primary code is a type, not a
// country.
func isTransnational(p string) bool {
	switch p {
	case "IGO", "NGO", "IMG", "MNC", "UIS":
		return true
	}
	return false
}

// isRole reports whether p is a CAMEO role code (GDELT's Type1..3
// columns); any other 3-letter part after the primary is a known group,
// ethnic or religious attribute.
func isRole(p string) bool {
	switch p {
	case "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP", "REB", "INS",
		"SEP", "UAF", "CRM", "CVL", "BUS", "MED", "HLH", "EDU", "LAB", "REF",
		"ELI", "HRI", "REL", "AGR", "ENV", "DEV", "MOD", "RAD", "IGO", "NGO",
		"IMG", "MNC", "SET", "UIS", "PRO", "MUS":
		return true
	}
	return false
}

// actorColumns is how GDELT splits an actor code.
type actorColumns struct {
	code, country, knownGroup, ethnic, religion1, religion2 string
	types                                                   [3]string
}

func splitActor(code string) actorColumns {
	c := actorColumns{code: code}
	primary, rest := actorParts(code)
	if primary == "" || primary == "---" {
		// unknown country; roles still count
	} else if isTransnational(primary) {
		c.types[0] = primary
	} else {
		c.country = primary
	}
	ti := 0
	if c.types[0] != "" {
		ti = 1
	}
	for _, p := range rest {
		switch {
		case isRole(p) && ti < 3:
			c.types[ti] = p
			ti++
		case c.knownGroup == "":
			c.knownGroup = p
		}
	}
	return c
}

// firstMention returns the event's first mention, or nil.
func firstMention(ev *chronicle.Event) *chronicle.Mention {
	if len(ev.Mentions) == 0 {
		return nil
	}
	return &ev.Mentions[0]
}

// actorName is the human name of an actor for the name columns.
func actorName(a chronicle.Actor) string {
	if a.Entity != "" {
		return a.Entity
	}
	return a.Text
}

// clean removes tabs and newlines so a value fits in one TSV cell.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\r', '\n':
			return ' '
		}
		return r
	}, s)
}
