// Package eval scores coded events against gold files: the PETRARCH unit
// tests (CAMEO codes on a fictional world) and the PLOVER gold standard
// records (PLOVER types on real sentences). It reads the gold JSON Lines of
// docs/contracts.md, runs a coder over every record and reports record
// exact-match accuracy, event precision, recall and F1 at several levels,
// a table per category and every record the coder got wrong.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// Suite names the kind of gold file a record belongs to.
type Suite string

// The suites eval understands.
const (
	// PETRARCH is the PETRARCH unit-test suite: codes are CAMEO event codes.
	PETRARCH Suite = "petrarch"
	// PLOVER is the PLOVER gold standard: codes are PLOVER event types.
	PLOVER Suite = "plover"
)

// Tuple is one event as the gold states it or as the coder produced it.
type Tuple struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
}

func (t Tuple) String() string {
	return fmt.Sprintf("%s→%s %s", orDash(t.Source), orDash(t.Target), t.Code)
}

func orDash(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Record is one gold line.
type Record struct {
	ID             string            `json:"id"`
	Date           string            `json:"date"`
	Text           string            `json:"text"`
	Expected       []Tuple           `json:"expected"`
	Category       string            `json:"category"`
	Evaluated      bool              `json:"evaluated"`
	ExpectNoEvents bool              `json:"expect_no_events"`
	ExpectError    string            `json:"expect_error"`
	Config         map[string]string `json:"config"`
	Suite          Suite             `json:"suite"`
	Notes          string            `json:"notes,omitempty"`

	// Line is the 1-based line of the record in its file.
	Line int `json:"-"`
}

// rawRecord is a gold line as written; config values and expect_error may
// be of any JSON type.
type rawRecord struct {
	ID             string                     `json:"id"`
	Date           string                     `json:"date"`
	Text           string                     `json:"text"`
	Expected       []Tuple                    `json:"expected"`
	Category       string                     `json:"category"`
	Evaluated      *bool                      `json:"evaluated"`
	ExpectNoEvents bool                       `json:"expect_no_events"`
	ExpectError    json.RawMessage            `json:"expect_error"`
	Config         map[string]json.RawMessage `json:"config"`
	Suite          string                     `json:"suite"`
	Notes          string                     `json:"notes"`
}

// Article returns the record as an article to code.
func (r Record) Article() (chronicle.Article, error) {
	a := chronicle.Article{ID: r.ID, Text: r.Text}
	if r.Date != "" {
		d, err := chronicle.ParseDate(r.Date)
		if err != nil {
			return a, fmt.Errorf("record %s: %w", r.ID, err)
		}
		a.Date = d
	}
	return a, nil
}

// RequireDyad is the record's require_dyad option (default true).
func (r Record) RequireDyad() bool {
	v, ok := r.Config["require_dyad"]
	if !ok || v == "" {
		return true
	}
	b, err := strconv.ParseBool(strings.ToLower(strings.TrimSpace(v)))
	if err != nil {
		return true
	}
	return b
}

// NewActorLength is the record's new_actor_length option (default 0).
func (r Record) NewActorLength() int {
	n, err := strconv.Atoi(strings.TrimSpace(r.Config["new_actor_length"]))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// ConfigInt returns a numeric config option, or def when absent or bad.
func (r Record) ConfigInt(key string, def int) int {
	v, ok := r.Config[key]
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}

// WantsNoEvents reports whether the record expects no events at all.
func (r Record) WantsNoEvents() bool {
	return len(r.Expected) == 0 || r.ExpectNoEvents || r.ExpectError != ""
}

// ReadGold reads gold records, one JSON object per line. Blank lines are
// skipped; a malformed line is an error naming its line.
func ReadGold(r io.Reader, name string) ([]Record, error) {
	var recs []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		rec, err := parseRecord(b)
		if err != nil {
			return nil, fmt.Errorf("gold %s line %d: %w", name, line, err)
		}
		rec.Line = line
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gold %s line %d: %w", name, line+1, err)
	}
	return recs, nil
}

func parseRecord(b []byte) (Record, error) {
	var raw rawRecord
	if err := json.Unmarshal(b, &raw); err != nil {
		return Record{}, err
	}
	if raw.ID == "" {
		return Record{}, fmt.Errorf("record has no id")
	}
	rec := Record{
		ID:             raw.ID,
		Date:           raw.Date,
		Text:           raw.Text,
		Category:       raw.Category,
		Evaluated:      raw.Evaluated == nil || *raw.Evaluated,
		ExpectNoEvents: raw.ExpectNoEvents,
		Notes:          raw.Notes,
	}
	if rec.Category == "" {
		rec.Category = "(none)"
	}
	if raw.Date != "" {
		if _, err := chronicle.ParseDate(raw.Date); err != nil {
			return Record{}, fmt.Errorf("record %s: %w", raw.ID, err)
		}
	}
	if s := scalar(raw.ExpectError); s != "" && s != "false" {
		rec.ExpectError = s
	}
	if len(raw.Config) > 0 {
		rec.Config = make(map[string]string, len(raw.Config))
		for k, v := range raw.Config {
			rec.Config[k] = scalar(v)
		}
	}
	rec.Suite = PETRARCH
	if strings.Contains(strings.ToLower(raw.Suite), "plover") {
		rec.Suite = PLOVER
	}
	if rec.Suite == PLOVER && isPLOVERType(rec.Category) {
		rec.Category = PLOVERName(rec.Category)
	}
	for _, t := range raw.Expected {
		t.Source = strings.ToUpper(strings.TrimSpace(t.Source))
		t.Target = strings.ToUpper(strings.TrimSpace(t.Target))
		t.Code = strings.TrimSpace(t.Code)
		if isPLOVERType(t.Code) {
			rec.Suite = PLOVER
			t.Code = PLOVERName(t.Code)
		}
		rec.Expected = append(rec.Expected, t)
	}
	return rec, nil
}

// scalar renders a JSON scalar as a string: strings unquoted, null as "".
func scalar(m json.RawMessage) string {
	if len(m) == 0 {
		return ""
	}
	var s string
	if err := json.Unmarshal(m, &s); err == nil {
		return s
	}
	t := strings.TrimSpace(string(m))
	if t == "null" {
		return ""
	}
	return t
}

// isPLOVERType reports whether a code is a PLOVER type name (letters)
// rather than a CAMEO code (digits, sometimes with a letter suffix).
func isPLOVERType(code string) bool {
	if len(code) < 3 {
		return false
	}
	for _, c := range code {
		if (c < 'A' || c > 'Z') && c != '_' {
			return false
		}
	}
	return true
}

// PLOVERName maps PLOVER type names used before PLOVER's renames to the
// current ones: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE,
// FIGHT is ASSAULT. Other names are returned upper-cased.
func PLOVERName(t string) string {
	t = strings.ToUpper(strings.TrimSpace(t))
	switch t {
	case "DEMAND":
		return "REQUEST"
	case "DISAPPROVE", "INVESTIGATE":
		return "ACCUSE"
	case "FIGHT":
		return "ASSAULT"
	}
	return t
}
