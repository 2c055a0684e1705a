// Package geo is Chronicle's gazetteer and place resolver.
//
// The gazetteer is compiled from GeoNames data (CC BY 4.0, see README.md)
// into embedded tables under data/: every populated place of the GeoNames
// cities500 dump with its coordinates, population, feature code and
// alternate names; the first-level administrative regions; and a
// hand-written country table with ISO, FIPS 10-4 and CAMEO codes.
//
// Load parses the tables once; the *Gazetteer it returns is read-only and
// safe for concurrent use, so a program should load it once and share it.
// FindPlaces finds and disambiguates the place names of a sentence,
// ArticleContext gathers the article-wide evidence that disambiguation
// uses, and EventLocation picks the place where a sentence's event happened.
package geo

//go:generate sh -c "cd gen && npm ci --no-audit --no-fund"
//go:generate go run ./gen -dir gen -out data

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/geo/internal/fold"
)

//go:embed data/places-*.tsv.gz data/regions.tsv data/countries.tsv data/region_aliases.tsv data/common_words.txt data/not_places.txt data/place_aliases.tsv
var dataFS embed.FS

// Kind says what sort of place a Place is.
type Kind uint8

// Kinds of place, from most to least exact.
const (
	City    Kind = iota // a populated place: city, town, village or quarter
	Region              // a first-level administrative region
	Country             // a country or territory with an ISO code
)

// Place is one gazetteer entry.
type Place struct {
	GeonameID  int    // GeoNames id; 0 for regions and countries
	Name       string // name as GeoNames writes it, accents kept
	Country    string // ISO 3166-1 alpha-3
	Admin1     string // GeoNames first-level region code ("GZ", "GA")
	Lat, Lon   float64
	Population int
	Feature    string // GeoNames feature code: PPL, PPLA, PPLC, ...; ADM1 or PCLI
	Kind       Kind
}

// Precision returns how exact a location at this place is.
func (p Place) Precision() chronicle.Precision {
	switch p.Kind {
	case Region:
		return chronicle.PrecisionRegion
	case Country:
		return chronicle.PrecisionCountry
	}
	return chronicle.PrecisionCity
}

// CountryInfo is one row of the country table.
type CountryInfo struct {
	ISO2, ISO3 string
	FIPS       string // FIPS 10-4, as GDELT writes it; "" when none
	CAMEO      string // CAMEO country code
	Name       string
	Aliases    []string // other names used in text ("U.S.", "Britain")
	Demonyms   []string // "Israeli", "Palestinian"
	// Lat and Lon are the country's representative point: its capital
	// (the GeoNames PPLC place) or, where the gazetteer lists no capital,
	// its most populous place. HasPoint is false when it has neither.
	Lat, Lon float64
	HasPoint bool
	Capital  string // name of the place that gave the point
}

// RegionInfo is a first-level administrative region.
type RegionInfo struct {
	Country string // ISO alpha-3
	Code    string // GeoNames admin1 code
	Name    string
	// Lat and Lon are the region's representative point; Point says how it
	// was chosen: "centroid" (mean of the region's places), "seat" (its
	// capital), "largest" (its most populous place) or "none".
	Lat, Lon float64
	Point    string
}

// preference marks an alias that, on its own, means its region rather
// than a same-named city ("Gaza").
type preference struct {
	key   string
	place int32
}

// entry links one place to a lookup key; entries of one key form a list.
type entry struct {
	place int32
	next  int32 // index+1 of the next entry of the same key, 0 at the end
	alt   bool  // the key comes from an alternate name, not the place's name
}

// Gazetteer holds the places and the indexes over them. It is immutable
// after Load and safe for concurrent use.
type Gazetteer struct {
	places   []Place
	index    *keyIndex
	entries  []entry
	maxWords int

	countries map[string]*CountryInfo // by ISO3
	byISO2    map[string]string
	byFIPS    map[string]string
	regions   map[string]*RegionInfo // by "ISO3.admin1"
	regionIdx map[string]int32       // "ISO3.admin1" → place index
	regionBy  map[string]string      // "ISO3|region name" → admin1 code
	preferred map[preference]bool    // (alias key, region place) where the alias means the region
	demonyms  map[string]string      // folded demonym → ISO3
	common    map[string]bool        // one-word names that are ordinary English words
	never     map[string]bool        // names that are never places ("Hamas")
}

// Load parses the embedded tables.
func Load() (*Gazetteer, error) {
	g := &Gazetteer{
		index:     newKeyIndex(450000),
		countries: make(map[string]*CountryInfo, 256),
		byISO2:    make(map[string]string, 256),
		byFIPS:    make(map[string]string, 256),
		regions:   make(map[string]*RegionInfo, 4000),
		regionIdx: make(map[string]int32, 4000),
		regionBy:  make(map[string]string, 4000),
		preferred: make(map[preference]bool),
		demonyms:  make(map[string]string, 300),
		common:    make(map[string]bool, 2500),
		never:     make(map[string]bool, 100),
	}
	if err := g.loadCountries(); err != nil {
		return nil, err
	}
	if err := g.loadPlaces(); err != nil {
		return nil, err
	}
	if err := g.loadRegions(); err != nil {
		return nil, err
	}
	if err := g.loadRegionAliases(); err != nil {
		return nil, err
	}
	if err := g.loadPlaceAliases(); err != nil {
		return nil, err
	}
	g.addCountryPlaces()
	for _, list := range []struct {
		file string
		set  map[string]bool
	}{{"data/common_words.txt", g.common}, {"data/not_places.txt", g.never}} {
		b, err := dataFS.ReadFile(list.file)
		if err != nil {
			return nil, fmt.Errorf("geo: %w", err)
		}
		for _, w := range strings.Split(string(b), "\n") {
			if w != "" && w[0] != '#' {
				list.set[fold.Key(w)] = true
			}
		}
	}
	return g, nil
}

// rows calls fn with the tab-separated fields of each data line of a table,
// skipping comments, the header line starting with header, and blank lines.
func rows(name, text, header string, want int, fn func(line int, f []string) error) error {
	line := 0
	f := make([]string, 0, 12)
	for text != "" {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		line++
		if l == "" || l[0] == '#' || header != "" && strings.HasPrefix(l, header) {
			continue
		}
		f = f[:0]
		for {
			a, rest, ok := strings.Cut(l, "\t")
			f = append(f, a)
			if !ok {
				break
			}
			l = rest
		}
		if len(f) < want {
			return fmt.Errorf("geo: %s line %d: %d fields, want %d", name, line, len(f), want)
		}
		if err := fn(line, f); err != nil {
			return fmt.Errorf("geo: %s line %d: %w", name, line, err)
		}
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func (g *Gazetteer) loadCountries() error {
	b, err := dataFS.ReadFile("data/countries.tsv")
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	return rows("countries.tsv", string(b), "iso2\t", 7, func(_ int, f []string) error {
		c := &CountryInfo{ISO2: f[0], ISO3: f[1], FIPS: f[2], CAMEO: f[3], Name: f[4],
			Aliases: splitList(f[5]), Demonyms: splitList(f[6])}
		if len(c.ISO2) != 2 || len(c.ISO3) != 3 {
			return fmt.Errorf("bad ISO codes %q %q", c.ISO2, c.ISO3)
		}
		if _, dup := g.countries[c.ISO3]; dup {
			return fmt.Errorf("country %s listed twice", c.ISO3)
		}
		g.countries[c.ISO3] = c
		g.byISO2[c.ISO2] = c.ISO3
		if c.FIPS != "" {
			g.byFIPS[c.FIPS] = c.ISO3
		}
		for _, d := range c.Demonyms {
			g.demonyms[fold.Key(d)] = c.ISO3
		}
		return nil
	})
}

// shard is one parsed file of the places table: its places and their keys,
// with place indexes local to the shard.
type shard struct {
	places []Place
	keys   []shardKey
}

type shardKey struct {
	key   string
	place int32
	alt   bool
}

// loadPlaces decompresses and parses the shards of the places table in
// parallel and indexes them in file order, so the result does not depend
// on scheduling.
func (g *Gazetteer) loadPlaces() error {
	names, err := fs.Glob(dataFS, "data/places-*.tsv.gz")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("geo: no places table embedded (%v)", err)
	}
	slices.Sort(names)
	// Each shard is decompressed and parsed in its own goroutine while
	// this one indexes the shards already done, in file order.
	shards := make([]shard, len(names))
	errs := make([]error, len(names))
	done := make([]chan struct{}, len(names))
	for k, name := range names {
		done[k] = make(chan struct{})
		go func() {
			defer close(done[k])
			shards[k], errs[k] = g.parseShard(name)
		}()
	}
	g.entries = make([]entry, 0, 420000)
	base := int32(0)
	for k := range shards {
		<-done[k]
		if errs[k] != nil {
			for _, d := range done[k+1:] {
				<-d
			}
			return errs[k]
		}
		for _, key := range shards[k].keys {
			g.add(key.key, base+key.place, key.alt)
		}
		base += int32(len(shards[k].places))
		shards[k].keys = nil
	}
	// Room for the places, the regions and the countries: no regrowth.
	g.places = make([]Place, 0, int(base)+5000)
	for _, sh := range shards {
		g.places = append(g.places, sh.places...)
	}
	capital := make(map[string]int32)
	largest := make(map[string]int32)
	for i, p := range g.places {
		at := int32(i + 1)
		if p.Feature == "PPLC" && (capital[p.Country] == 0 || p.Population > g.places[capital[p.Country]-1].Population) {
			capital[p.Country] = at
		}
		if largest[p.Country] == 0 || p.Population > g.places[largest[p.Country]-1].Population {
			largest[p.Country] = at
		}
	}
	for iso3, c := range g.countries {
		at := capital[iso3]
		if at == 0 {
			at = largest[iso3]
		}
		if at == 0 {
			continue
		}
		p := g.places[at-1]
		c.Lat, c.Lon, c.HasPoint, c.Capital = p.Lat, p.Lon, true, p.Name
	}
	return nil
}

// parseShard reads one file of the places table. Names and keys are
// substrings of the decompressed text: one allocation for them all.
func (g *Gazetteer) parseShard(name string) (shard, error) {
	compressed, err := dataFS.ReadFile(name)
	if err != nil {
		return shard{}, fmt.Errorf("geo: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return shard{}, fmt.Errorf("geo: %s: %w", name, err)
	}
	var sb strings.Builder
	// The gzip trailer holds the uncompressed size (mod 2^32).
	if n := len(compressed); n >= 4 {
		sb.Grow(int(binary.LittleEndian.Uint32(compressed[n-4:])))
	}
	if _, err := io.Copy(&sb, zr); err != nil {
		return shard{}, fmt.Errorf("geo: %s: %w", name, err)
	}
	text := sb.String()
	lines := strings.Count(text, "\n")
	sh := shard{places: make([]Place, 0, lines), keys: make([]shardKey, 0, 2*lines)}
	err = rows(path.Base(name), text, "", 9, func(_ int, f []string) error {
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("geonameid: %w", err)
		}
		lat, err := parseDecimal(f[4])
		if err != nil {
			return fmt.Errorf("lat: %w", err)
		}
		lon, err := parseDecimal(f[5])
		if err != nil {
			return fmt.Errorf("lon: %w", err)
		}
		pop, err := strconv.Atoi(f[6])
		if err != nil {
			return fmt.Errorf("population: %w", err)
		}
		if _, ok := g.countries[f[2]]; !ok {
			return fmt.Errorf("country %q not in countries.tsv", f[2])
		}
		i := int32(len(sh.places))
		sh.places = append(sh.places, Place{GeonameID: id, Name: f[1], Country: f[2], Admin1: f[3],
			Lat: lat, Lon: lon, Population: pop, Feature: f[7], Kind: City})
		primary, alternates, _ := strings.Cut(f[8], "||")
		for primary != "" {
			var k string
			k, primary, _ = strings.Cut(primary, "|")
			sh.keys = append(sh.keys, shardKey{k, i, false})
		}
		for alternates != "" {
			var k string
			k, alternates, _ = strings.Cut(alternates, "|")
			sh.keys = append(sh.keys, shardKey{k, i, true})
		}
		return nil
	})
	return sh, err
}

// parseDecimal reads a plain decimal such as "-12.34567" faster than
// strconv.ParseFloat, with the same result: both the digits and the power
// of ten are exact in a float64, so their quotient is correctly rounded.
// Other forms fall back to strconv.
func parseDecimal(s string) (float64, error) {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return strconv.ParseFloat(s, 64)
		}
	}
	if digits == 0 || digits > 15 {
		return strconv.ParseFloat(s, 64)
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, nil
}

var pow10 = [16]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// add indexes place i under key k, an alternate name's key when alt.
func (g *Gazetteer) add(k string, i int32, alt bool) {
	if k == "" {
		return
	}
	at := g.index.slot(k)
	g.entries = append(g.entries, entry{place: i, next: g.index.heads[at], alt: alt})
	g.index.heads[at] = int32(len(g.entries))
	if sp := strings.IndexByte(k, ' '); sp > 0 {
		g.index.slot(k[:sp]) // mark the first word as a prefix
		g.maxWords = max(g.maxWords, strings.Count(k, " ")+1)
	}
}

func (g *Gazetteer) loadRegions() error {
	b, err := dataFS.ReadFile("data/regions.tsv")
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	return rows("regions.tsv", string(b), "", 7, func(_ int, f []string) error {
		r := &RegionInfo{Country: f[0], Code: f[1], Name: f[2], Point: f[5]}
		if f[3] != "" {
			var err1, err2 error
			r.Lat, err1 = strconv.ParseFloat(f[3], 64)
			r.Lon, err2 = strconv.ParseFloat(f[4], 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad point %q %q", f[3], f[4])
			}
		}
		key := r.Country + "." + r.Code
		g.regions[key] = r
		g.regionBy[r.Country+"|"+r.Name] = r.Code
		if r.Point == "none" {
			return nil // a region without a point cannot locate an event
		}
		i := int32(len(g.places))
		g.places = append(g.places, Place{Name: r.Name, Country: r.Country, Admin1: r.Code,
			Lat: r.Lat, Lon: r.Lon, Feature: "ADM1", Kind: Region})
		g.regionIdx[key] = i
		k := fold.Key(r.Name)
		g.add(k, i, false)
		// "Kyiv Oblast" is also found as "Kyiv" followed by "oblast" or
		// "region", see regionWords.
		for _, suffix := range []string{" oblast", " governorate", " province", " region", " district", " state", " county", " city"} {
			if base, ok := strings.CutSuffix(k, suffix); ok && base != "" {
				g.add(base, i, false)
			}
		}
		return nil
	})
}

func (g *Gazetteer) loadRegionAliases() error {
	b, err := dataFS.ReadFile("data/region_aliases.tsv")
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	return rows("region_aliases.tsv", string(b), "alias\t", 4, func(_ int, f []string) error {
		i, ok := g.regionIdx[f[1]+"."+f[2]]
		if !ok {
			return fmt.Errorf("alias %q: no region %s.%s with a point", f[0], f[1], f[2])
		}
		k := fold.Key(f[0])
		if !slices.Contains(g.lookupIdx(k), i) {
			g.add(k, i, false)
		}
		if f[3] == "yes" {
			g.preferred[preference{k, i}] = true
		}
		return nil
	})
}

func (g *Gazetteer) loadPlaceAliases() error {
	b, err := dataFS.ReadFile("data/place_aliases.tsv")
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	want := make(map[int][]string)
	err = rows("place_aliases.tsv", string(b), "alias\t", 2, func(_ int, f []string) error {
		id, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("geonameid: %w", err)
		}
		want[id] = append(want[id], f[0])
		return nil
	})
	if err != nil {
		return err
	}
	for i, p := range g.places {
		if aliases, ok := want[p.GeonameID]; ok && p.Kind == City {
			for _, a := range aliases {
				g.add(fold.Key(a), int32(i), false)
			}
			delete(want, p.GeonameID)
		}
	}
	for id, aliases := range want {
		return fmt.Errorf("geo: place_aliases.tsv: %v: no place with geonameid %d", aliases, id)
	}
	return nil
}

func (g *Gazetteer) addCountryPlaces() {
	codes := make([]string, 0, len(g.countries))
	for iso3 := range g.countries {
		codes = append(codes, iso3)
	}
	slices.Sort(codes)
	for _, iso3 := range codes {
		c := g.countries[iso3]
		if !c.HasPoint {
			continue
		}
		i := int32(len(g.places))
		g.places = append(g.places, Place{Name: c.Name, Country: iso3, Lat: c.Lat, Lon: c.Lon, Feature: "PCLI", Kind: Country})
		g.add(fold.Key(c.Name), i, false)
		for _, a := range c.Aliases {
			g.add(fold.Key(a), i, false)
		}
	}
}

// lookupIdx returns the indexes of the places with key k.
func (g *Gazetteer) lookupIdx(k string) []int32 {
	var out []int32
	for _, e := range g.lookupEntries(k) {
		out = append(out, e.place)
	}
	return out
}

// lookupEntries returns the index entries of key k.
func (g *Gazetteer) lookupEntries(k string) []entry {
	at := g.index.find(k)
	if at < 0 {
		return nil
	}
	var out []entry
	for e := g.index.heads[at]; e != 0; e = g.entries[e-1].next {
		out = append(out, g.entries[e-1])
	}
	return out
}

// Len returns the number of places of each kind.
func (g *Gazetteer) Len() (cities, regions, countries int) {
	for _, p := range g.places {
		switch p.Kind {
		case City:
			cities++
		case Region:
			regions++
		case Country:
			countries++
		}
	}
	return
}

// Lookup returns the places called name, whatever its case and accents,
// by their names or alternate names: countries first, then regions, then
// places by falling population.
func (g *Gazetteer) Lookup(name string) []Place {
	idx := g.lookupIdx(fold.Key(name))
	out := make([]Place, len(idx))
	for j, i := range idx {
		out[j] = g.places[i]
	}
	slices.SortStableFunc(out, func(a, b Place) int {
		if a.Kind != b.Kind {
			return int(b.Kind) - int(a.Kind)
		}
		return b.Population - a.Population
	})
	return out
}

// Country returns the country with ISO alpha-3 code iso3.
func (g *Gazetteer) Country(iso3 string) (CountryInfo, bool) {
	c, ok := g.countries[iso3]
	if !ok {
		return CountryInfo{}, false
	}
	return *c, true
}

// Countries returns the number of countries in the table.
func (g *Gazetteer) Countries() int { return len(g.countries) }

// Region returns the first-level region admin1 of country iso3.
func (g *Gazetteer) Region(iso3, admin1 string) (RegionInfo, bool) {
	r, ok := g.regions[iso3+"."+admin1]
	if !ok {
		return RegionInfo{}, false
	}
	return *r, true
}

// Regions returns the number of first-level regions.
func (g *Gazetteer) Regions() int { return len(g.regions) }

// FIPS returns the FIPS 10-4 code of country iso3, "" when it has none.
func (g *Gazetteer) FIPS(iso3 string) string {
	if c, ok := g.countries[iso3]; ok {
		return c.FIPS
	}
	return ""
}

// FIPSOf returns the FIPS 10-4 country code GDELT writes for a location:
// the country's code, except that the Gaza Strip has its own code GZ while
// the rest of Palestine is WE (West Bank).
func (g *Gazetteer) FIPSOf(loc chronicle.Location) string {
	if loc.Country == "PSE" && (loc.Admin1 == "Gaza Strip" || loc.Admin1 == "GZ") {
		return "GZ"
	}
	return g.FIPS(loc.Country)
}

// ADM1Code returns the GDELT-style first-level region code of a location:
// its country's FIPS 10-4 code followed by the GeoNames admin1 code of its
// region ("USGA", "UP05"), the country's FIPS code alone for a
// country-level location, "" when the country has no FIPS code. GeoNames
// admin1 codes are the FIPS 10-4 subdivision codes for most countries and
// ISO 3166-2 or national codes for some (US states, UK nations), as GDELT
// writes them for the US.
func (g *Gazetteer) ADM1Code(loc chronicle.Location) string {
	fips := g.FIPSOf(loc)
	if fips == "" || loc.Admin1 == "" || loc.Country == "PSE" {
		// For Palestine the FIPS code already names the territory (WE, GZ).
		return fips
	}
	if code, ok := g.regionBy[loc.Country+"|"+loc.Admin1]; ok {
		return fips + code
	}
	return fips
}

// ISO3FromFIPS returns the ISO alpha-3 code of a FIPS 10-4 country code
// ("GM" → "DEU"; "GZ" → "PSE"), "" when unknown.
func (g *Gazetteer) ISO3FromFIPS(fips string) string {
	if fips == "GZ" {
		return "PSE"
	}
	return g.byFIPS[fips]
}

// ISO3FromISO2 returns the ISO alpha-3 code of an alpha-2 code, "" when
// unknown.
func (g *Gazetteer) ISO3FromISO2(iso2 string) string { return g.byISO2[iso2] }

// Location returns the place as a chronicle.Location, with the name of its
// first-level region and no evidence.
func (g *Gazetteer) Location(p Place) chronicle.Location {
	loc := chronicle.Location{Name: p.Name, Country: p.Country, GeonameID: p.GeonameID,
		Lat: p.Lat, Lon: p.Lon, Precision: p.Precision()}
	if p.Admin1 != "" {
		if r, ok := g.regions[p.Country+"."+p.Admin1]; ok {
			loc.Admin1 = r.Name
		}
	}
	return loc
}

// Distance returns the great-circle distance between two locations in
// kilometres (haversine formula, mean Earth radius 6371 km).
func Distance(a, b chronicle.Location) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
