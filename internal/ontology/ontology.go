package ontology

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

//go:embed cameo.tsv actor-codes.tsv
var files embed.FS

// Code is one CAMEO event code with everything Chronicle reports about it.
type Code struct {
	Code      string  // "042"
	Name      string  // "Make a visit"
	Root      string  // "04"
	Goldstein float64 // Goldstein conflict-cooperation weight, -10 to +10
	// QuadClass is the GDELT scheme: 1 verbal cooperation (roots 01-05),
	// 2 material cooperation (06-08), 3 verbal conflict (09-13),
	// 4 material conflict (14-20).
	QuadClass int
	// PhoenixQuad is the Phoenix scheme: as GDELT, except 0 (neutral) for
	// roots 01-02 and 3 for root 16.
	PhoenixQuad int
	// PLOVER is the event's PLOVER type, mode and context under current
	// (2021) names. Type is empty for root 01, which PLOVER does not code.
	PLOVER chronicle.PLOVER
}

// ActorPart is one 3-letter part of a CAMEO actor code.
type ActorPart struct {
	Code   string // "GOV"
	Kind   string // "region", "type", "role", "attribute" or "org"
	Name   string // "Government"
	Sector string // PLOVER sector, "" for regions and some attributes
}

// Table is the parsed CAMEO event and actor code tables. It is read-only
// after New and safe for concurrent use.
type Table struct {
	codes  map[string]Code
	order  []string
	actors map[string]ActorPart
}

// New parses the embedded tables.
func New() (*Table, error) {
	t := &Table{codes: map[string]Code{}, actors: map[string]ActorPart{}}
	if err := readTSV(files, "cameo.tsv", 9, t.addCode); err != nil {
		return nil, err
	}
	if err := readTSV(files, "actor-codes.tsv", 4, t.addActor); err != nil {
		return nil, err
	}
	return t, nil
}

// readTSV calls add with the fields of each data row of an embedded TSV,
// skipping comments and the header row (whose first field is "code").
func readTSV(fsys fs.FS, name string, nfields int, add func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("ontology: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "code\t") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != nfields {
			return fmt.Errorf("ontology: %s line %d: %d fields, want %d", name, n, len(fields), nfields)
		}
		if err := add(fields); err != nil {
			return fmt.Errorf("ontology: %s line %d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ontology: read %s: %w", name, err)
	}
	return nil
}

func (t *Table) addCode(f []string) error {
	code := f[0]
	if !isDigits(code) || len(code) < 2 || len(code) > 4 {
		return fmt.Errorf("bad event code %q", code)
	}
	if f[2] != code[:2] {
		return fmt.Errorf("code %s: root %q does not match", code, f[2])
	}
	g, err := strconv.ParseFloat(f[3], 64)
	if err != nil || g < -10 || g > 10 {
		return fmt.Errorf("code %s: bad Goldstein value %q", code, f[3])
	}
	q, err1 := strconv.Atoi(f[4])
	pq, err2 := strconv.Atoi(f[5])
	if err1 != nil || err2 != nil || q < 1 || q > 4 || pq < 0 || pq > 4 {
		return fmt.Errorf("code %s: bad QuadClass %q/%q", code, f[4], f[5])
	}
	if _, dup := t.codes[code]; dup {
		return fmt.Errorf("code %s listed twice", code)
	}
	t.codes[code] = Code{
		Code: code, Name: f[1], Root: f[2], Goldstein: g,
		QuadClass: q, PhoenixQuad: pq,
		PLOVER: chronicle.PLOVER{Type: CurrentPLOVER(f[6]), Mode: f[7], Context: f[8]},
	}
	t.order = append(t.order, code)
	return nil
}

func (t *Table) addActor(f []string) error {
	code := f[0]
	if len(code) != 3 || strings.ToUpper(code) != code {
		return fmt.Errorf("bad actor code part %q", code)
	}
	switch f[1] {
	case "region", "type", "role", "attribute", "org":
	default:
		return fmt.Errorf("actor code %s: unknown kind %q", code, f[1])
	}
	if _, dup := t.actors[code]; dup {
		return fmt.Errorf("actor code %s listed twice", code)
	}
	t.actors[code] = ActorPart{Code: code, Kind: f[1], Name: f[2], Sector: f[3]}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Lookup returns the entry for a CAMEO event code. Dictionaries and other
// coders sometimes emit codes the table does not list; Lookup resolves them
// explicitly rather than guessing:
//
//   - trailing letters are dropped ("0233a" is read as "0233");
//   - a code that is still unknown falls back to its 3-digit parent, then to
//     its root ("0215" → "021", "099" → "09").
//
// The returned Code.Code names the entry actually used, so a caller can see
// that a fallback happened. Lookup reports false for codes that are not
// numeric, outside roots 01-20, or the null code "---".
func (t *Table) Lookup(code string) (Code, bool) {
	code = strings.TrimSpace(code)
	code = strings.TrimRightFunc(code, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	})
	if len(code) < 2 || len(code) > 4 || !isDigits(code) {
		return Code{}, false
	}
	for l := len(code); l >= 2; l-- {
		if c, ok := t.codes[code[:l]]; ok {
			return c, true
		}
	}
	return Code{}, false
}

// Codes returns every event code in table order (each root followed by its
// 3- and 4-digit codes).
func (t *Table) Codes() []Code {
	out := make([]Code, len(t.order))
	for i, c := range t.order {
		out[i] = t.codes[c]
	}
	return out
}

// Roots returns the 20 root entries, "01" to "20".
func (t *Table) Roots() []Code {
	var out []Code
	for _, c := range t.order {
		if len(c) == 2 {
			out = append(out, t.codes[c])
		}
	}
	return out
}

// ActorPart returns what a 3-letter actor code part means.
func (t *Table) ActorPart(code string) (ActorPart, bool) {
	p, ok := t.actors[strings.ToUpper(code)]
	return p, ok
}

// ActorParts returns every actor code part of one kind ("" for all),
// sorted by code.
func (t *Table) ActorParts(kind string) []ActorPart {
	var out []ActorPart
	for _, p := range t.actors {
		if kind == "" || p.Kind == kind {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b ActorPart) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// ValidActorRole reports whether role is a CAMEO role or attribute that may
// follow a country or region ("GOV", "MIL", "MOD", ...).
func (t *Table) ValidActorRole(role string) bool {
	p, ok := t.actors[strings.ToUpper(role)]
	return ok && (p.Kind == "role" || p.Kind == "attribute")
}

// IsRegion reports whether code is a CAMEO region primary part ("MEA").
func (t *Table) IsRegion(code string) bool {
	p, ok := t.actors[strings.ToUpper(code)]
	return ok && p.Kind == "region"
}

// Sector returns the PLOVER sector of a full actor code: the sector of its
// last role or type part ("USAGOV" → "government", "IGOUNO" → "igo",
// "IGOUNOREFHCR" → "refugee"), or "" when no part has one. Organisation
// tags and attributes do not change it.
func (t *Table) Sector(actorCode string) string {
	sector := ""
	for i := 0; i+3 <= len(actorCode); i += 3 {
		if p, ok := t.actors[actorCode[i:i+3]]; ok && p.Sector != "" && (p.Kind == "role" || p.Kind == "type") {
			sector = p.Sector
		}
	}
	return sector
}

// CurrentPLOVER maps PLOVER type names retired before the 2021 ontology to
// their current names: DEMAND → REQUEST, DISAPPROVE and INVESTIGATE →
// ACCUSE, FIGHT → ASSAULT. Other names are returned unchanged. Gold files
// coded with the older names can be compared after this mapping.
func CurrentPLOVER(name string) string {
	switch name {
	case "DEMAND":
		return "REQUEST"
	case "DISAPPROVE", "INVESTIGATE":
		return "ACCUSE"
	case "FIGHT":
		return "ASSAULT"
	}
	return name
}

// PLOVERTypes lists the 16 current PLOVER event types in quad order.
func PLOVERTypes() []string {
	return []string{
		"AGREE", "CONSULT", "SUPPORT", "CONCEDE",
		"COOPERATE", "AID", "RETREAT",
		"REQUEST", "ACCUSE", "REJECT", "THREATEN",
		"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
	}
}
