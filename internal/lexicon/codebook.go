package lexicon

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"github.com/chronicle-dev/chronicle/internal/ontology"
)

//go:embed country-codes.tsv
var countryCodesTSV []byte

// CodeBook checks actor and event codes against the CAMEO tables: the
// event codes and actor parts of internal/ontology and the country codes
// in country-codes.tsv. It is read-only after NewCodeBook.
type CodeBook struct {
	tab       *ontology.Table
	countries map[string]string // code → kind ("iso", "former", "cameo")
}

// NewCodeBook builds a CodeBook over tab (nil: the embedded ontology).
func NewCodeBook(tab *ontology.Table) (*CodeBook, error) {
	if tab == nil {
		var err error
		if tab, err = ontology.New(); err != nil {
			return nil, fmt.Errorf("lexicon: code tables: %w", err)
		}
	}
	b := &CodeBook{tab: tab, countries: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(countryCodesTSV))
	header := true
	for no := 1; sc.Scan(); no++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || len(f[0]) != 3 {
			return nil, fmt.Errorf("lexicon: country-codes.tsv line %d: want code, kind and name", no)
		}
		b.countries[f[0]] = f[1]
	}
	return b, nil
}

// IsCountry reports whether code is a country code a CAMEO actor code may
// start with (current ISO 3166-1, former, or CAMEO's own).
func (b *CodeBook) IsCountry(code string) bool { _, ok := b.countries[code]; return ok }

// Table returns the ontology the book checks against.
func (b *CodeBook) Table() *ontology.Table { return b.tab }

// isType reports whether part is a transnational type (IGO, NGO, ...).
func (b *CodeBook) isType(part string) bool {
	p, ok := b.tab.ActorPart(part)
	return ok && p.Kind == "type"
}

// ActorCodeProblems lists what is wrong with an actor code as written in
// an actors file ("USAGOV", "---GOV", "ELR/GAL" alternatives): each part
// must be 3 letters; the first a country, region, transnational type or
// "---"; the others roles, attributes, organisation tags, types, regions
// or countries. errs are definite mistakes; warns are unknown parts after
// a transnational type, which CAMEO leaves open for organisation tags.
func (b *CodeBook) ActorCodeProblems(code string) (errs, warns []string) {
	for _, alt := range strings.Split(code, "/") {
		if alt == "" {
			errs = append(errs, fmt.Sprintf("empty actor code in %q", code))
			continue
		}
		if len(alt)%3 != 0 {
			errs = append(errs, fmt.Sprintf("actor code %s is not a run of 3-letter parts", alt))
			continue
		}
		afterType := false
		for i := 0; i < len(alt); i += 3 {
			part := alt[i : i+3]
			if i == 0 {
				if part == "---" || b.IsCountry(part) || b.tab.IsRegion(part) || b.isType(part) {
					afterType = b.isType(part)
					continue
				}
				if p, ok := b.tab.ActorPart(part); ok {
					errs = append(errs, fmt.Sprintf("actor code %s starts with the %s %s (%s), not a country, region or type", alt, p.Kind, part, p.Name))
				} else {
					errs = append(errs, fmt.Sprintf("actor code %s starts with %s, which is no country, region or type", alt, part))
				}
				continue
			}
			if part == "---" {
				errs = append(errs, fmt.Sprintf("actor code %s has the null part --- after the first", alt))
				continue
			}
			if _, ok := b.tab.ActorPart(part); ok || b.IsCountry(part) {
				afterType = afterType || b.isType(part)
				continue
			}
			if afterType {
				warns = append(warns, fmt.Sprintf("actor code %s has %s, no organisation tag the ontology lists", alt, part))
			} else {
				errs = append(errs, fmt.Sprintf("actor code %s has %s, no CAMEO role, attribute or tag", alt, part))
			}
		}
	}
	return errs, warns
}

// AgentCodeProblems lists what is wrong with an agent code ("GOV",
// "GOVFRM"): every part must be a role, attribute, transnational type or
// organisation tag.
func (b *CodeBook) AgentCodeProblems(code string) []string {
	if len(code) == 0 || len(code)%3 != 0 {
		return []string{fmt.Sprintf("agent code %s is not a run of 3-letter parts", code)}
	}
	var errs []string
	for i := 0; i < len(code); i += 3 {
		part := code[i : i+3]
		p, ok := b.tab.ActorPart(part)
		switch {
		case !ok && b.IsCountry(part):
			errs = append(errs, fmt.Sprintf("agent code %s has the country %s; agents add roles to a country", code, part))
		case !ok:
			errs = append(errs, fmt.Sprintf("agent code %s has %s, no CAMEO role, attribute or type", code, part))
		case p.Kind == "region":
			errs = append(errs, fmt.Sprintf("agent code %s has the region %s; agents add roles to a country", code, part))
		}
	}
	return errs
}

// EventCodeProblem checks an event code: "" and "---" (no event) are
// fine; a code in the CAMEO table is fine; a code the table only knows by
// its parent ("0233a", "0215") is a warning; anything else an error.
func (b *CodeBook) EventCodeProblem(code string) (sev Severity, msg string) {
	if code == "" || code == "---" {
		return "", ""
	}
	c, ok := b.tab.Lookup(code)
	switch {
	case !ok:
		return SevError, fmt.Sprintf("event code %s is not a CAMEO code", code)
	case c.Code != code:
		return SevWarning, fmt.Sprintf("event code %s is not in the CAMEO table; a coder reads it as %s (%s)", code, c.Code, c.Name)
	}
	return "", ""
}
