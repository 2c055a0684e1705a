package geo

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/geo/internal/fold"
)

// Resolved is a place name found in text and the place it was resolved to.
type Resolved struct {
	Place Place
	// Location is Place as a chronicle.Location with Evidence set to the
	// words that named it, modifiers included ("the occupied West Bank",
	// "northern Gaza").
	Location chronicle.Location
	// Confidence that the words name this place, in (0, 1).
	Confidence float64
	// Cue is the locative preposition that governs the name ("in", "near",
	// "outside"), "" when there is none.
	Cue string
	// Modifier is set when the name is used attributively before another
	// capitalised word ("Gaza health officials", "the Kyiv Mayor"): it then
	// names the speaker's affiliation more often than the event's place.
	Modifier bool
	// Candidates is how many gazetteer entries the name had.
	Candidates int
	// Dateline is set on the place taken from the article's dateline.
	Dateline bool
}

// Context is article-wide evidence for disambiguation: the countries and
// regions the article mentions unambiguously and its dateline place.
// ArticleContext builds one; the zero Context is valid and means no
// evidence.
type Context struct {
	Countries map[string]int // ISO3 → mentions (places and demonyms)
	Regions   map[string]int // "ISO3.admin1" → mentions
	Dateline  *Resolved

	// own counts what each name contributed ("paris|FRA", "paris|FRA.11"),
	// so that a name is not evidence for its own reading.
	own map[string]int
	// persons are one-word names the article uses as a person's name
	// ("President Abbas", "Mahmoud Abbas"): not places anywhere in it.
	persons map[string]bool
}

// word is one word of the scanned text.
type word struct {
	start, end int // byte offsets into the text, possessive 's excluded
	upper      bool
	possessive bool
	join       bool // the next word follows across a space, hyphen or abbreviation dot
	initial    bool // first word of the scanned span
}

// maxNameWords bounds how many words one name may span.
const maxNameWords = 6

// scan splits text[start:end] into words.
func scan(text string, start, end int, words []word) []word {
	words = words[:0]
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += n
			continue
		}
		w := word{start: i, upper: unicode.IsUpper(r)}
		for i < end {
			r, n := utf8.DecodeRuneInString(text[i:end])
			if isWordRune(r) {
				i += n
				continue
			}
			// An apostrophe inside a word (Ta'izz) belongs to it.
			if fold.IsApostrophe(r) && i+n < end {
				r2, _ := utf8.DecodeRuneInString(text[i+n : end])
				if unicode.IsLetter(r2) {
					i += n
					continue
				}
			}
			break
		}
		w.end = i
		// "d'Ivoire", "l'Aquila": an elided article before a capital.
		if !w.upper {
			if r1, n1 := utf8.DecodeRuneInString(text[w.start:w.end]); n1 < w.end-w.start {
				if r2, n2 := utf8.DecodeRuneInString(text[w.start+n1 : w.end]); fold.IsApostrophe(r2) && unicode.IsLetter(r1) {
					r3, _ := utf8.DecodeRuneInString(text[w.start+n1+n2 : w.end])
					w.upper = unicode.IsUpper(r3)
				}
			}
		}
		// Possessive: "Georgia's", "Gaza’s".
		for _, s := range []string{"'s", "’s"} {
			if strings.HasSuffix(text[w.start:w.end], s) && w.end-len(s) > w.start {
				w.end -= len(s)
				w.possessive = true
				break
			}
		}
		if len(words) == 0 {
			w.initial = true
		}
		words = append(words, w)
	}
	for k := 0; k+1 < len(words); k++ {
		w := &words[k]
		if w.possessive {
			continue
		}
		gap := text[w.end:words[k+1].start]
		switch gap {
		case " ", "-", ".":
			w.join = true
		case ". ":
			// "St. Petersburg", "U.S. Virgin Islands": only after a short
			// capitalised abbreviation.
			w.join = w.upper && w.end-w.start <= 3
		case "  ", "\u00a0":
			w.join = true
		}
	}
	return words
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Words that may stand between a locative preposition and a place name.
var skippable = map[string]bool{
	"the": true, "of": true, "city": true, "town": true, "village": true, "capital": true,
	"region": true, "province": true, "area": true, "nearby": true, "border": true, "camp": true,
	"outskirts": true, "centre": true, "center": true, "heart": true, "streets": true,
	"refugee": true, "southern": true, "northern": true, "eastern": true, "western": true,
	"central": true, "occupied": true, "besieged": true, "northeastern": true, "northwestern": true,
	"southeastern": true, "southwestern": true, "north": true, "south": true, "east": true, "west": true,
	"disputed": true, "restive": true, "war": true, "torn": true, "embattled": true,
	"a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"hometown": true, "suburb": true, "suburbs": true, "neighbourhood": true, "neighborhood": true,
	"port": true, "district": true, "county": true, "state": true, "governorate": true,
}

// Locative prepositions, and how strongly each marks the event's place.
var cues = map[string]float64{
	"in": 1, "at": 1, "near": 1, "outside": 1, "inside": 1, "across": 0.9, "throughout": 0.9,
	"around": 0.8, "into": 0.8, "on": 0.5, "from": 0.3, "to": 0.3, "toward": 0.3, "towards": 0.3,
	"within": 0.9, "off": 0.7, "over": 0.4, "through": 0.6, "via": 0.2, "between": 0.6, "and": 0,
}

// Modifiers kept in the evidence span before a name.
var modifiers = map[string]bool{
	"southern": true, "northern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"occupied": true, "besieged": true,
}

// Words that make a following name a person or title, not a place.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "president": true, "minister": true, "king": true,
	"queen": true, "prince": true, "sheikh": true, "general": true, "gen": true, "col": true,
	"sen": true, "senator": true, "rep": true, "gov": true, "governor": true, "judge": true,
	"pope": true, "lt": true, "sgt": true, "capt": true, "secretary": true, "chancellor": true,
	"sir": true, "lord": true, "lady": true, "emir": true, "ayatollah": true, "imam": true, "rabbi": true,
}

// Words after a name that say it is a region ("Kherson region").
var regionWords = map[string]bool{
	"region": true, "province": true, "oblast": true, "governorate": true, "state": true,
	"district": true, "county": true, "territory": true, "strip": true,
}

// Words after a hyphen that make a place name attributive.
var attributive = map[string]bool{
	"based": true, "backed": true, "led": true, "born": true, "bound": true, "controlled": true,
	"held": true, "allied": true, "aligned": true, "funded": true, "supported": true, "run": true,
	"made": true, "brokered": true, "style": true, "friendly": true, "sponsored": true, "linked": true,
}

var monthsAndDays = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

// Words near a US state's name that mark the state rather than a country
// of the same name ("Georgia's governor").
var usStateWords = map[string]bool{"governor": true, "gov": true, "state": true, "county": true, "legislature": true, "statehouse": true}

// scanner holds reusable buffers for one FindPlaces call.
type scanner struct {
	g     *Gazetteer
	text  string
	words []word
	buf   []byte
	keys  [maxNameWords]int // key length after each word
}

func (s *scanner) norm(w word) string {
	s.buf = fold.Append(s.buf[:0], s.text[w.start:w.end])
	return string(s.buf)
}

// match finds the longest name starting at word i and returns the index of
// its last word and its key, or -1.
func (s *scanner) match(i int) (int, string) {
	g, words := s.g, s.words
	w := words[i]
	if !w.upper {
		return -1, ""
	}
	s.buf = s.buf[:0]
	best := -1
	var bestKey string
	limit := min(maxNameWords, max(g.maxWords, 1))
	for j := i; j < len(words) && j-i < limit; j++ {
		if j > i && !words[j-1].join {
			break
		}
		s.buf = fold.Append(s.buf, s.text[words[j].start:words[j].end])
		at := g.index.findBytes(s.buf)
		if j == i && at < 0 {
			break // neither a name nor the first word of one
		}
		if words[j].upper && at >= 0 && g.index.heads[at] != 0 {
			best, bestKey = j, g.index.keys[at]
		}
		if words[j].possessive {
			break
		}
	}
	return best, bestKey
}

// FindPlaces finds the place names in text[start:end] (usually one
// sentence of an article) and resolves each to the most likely place given
// ctx. Names are the longest capitalised word sequences that the
// gazetteer knows; one-word names that are also ordinary English words
// ("Hope", "Police", "March") count only after a locative preposition or
// with a qualifier ("Nice, France"). Results are in text order.
func (g *Gazetteer) FindPlaces(text string, start, end int, ctx Context) []Resolved {
	if start < 0 {
		start = 0
	}
	if end > len(text) {
		end = len(text)
	}
	if start >= end {
		return nil
	}
	s := &scanner{g: g, text: text, words: scan(text, start, end, nil), buf: make([]byte, 0, 64)}
	var out []Resolved
	prevLast, prevCue := -10, ""
	for i := 0; i < len(s.words); i++ {
		last, key := s.match(i)
		if last < 0 {
			continue
		}
		r, next, ok := s.resolve(i, last, key, ctx, false)
		if ok {
			// "in Deir al-Balah and Khan Younis": a coordinated name shares
			// the preposition of the first.
			if r.Cue == "" && prevCue != "" && s.coordinated(prevLast, i) {
				r.Cue = prevCue
				r.Confidence = math.Min(0.99, r.Confidence+0.25*cues[prevCue])
			}
			out = append(out, r)
			prevLast, prevCue = next, r.Cue
		}
		i = next
	}
	return out
}

// listContinues reports whether word q is followed by another list item:
// "and"/"or" or a comma, then a capitalised word.
func (s *scanner) listContinues(q int) bool {
	if q+1 >= len(s.words) {
		return false
	}
	gap := s.text[s.words[q].end:s.words[q+1].start]
	next := s.words[q+1]
	if w := s.norm(next); (w == "and" || w == "or") && q+2 < len(s.words) {
		return s.words[q+2].upper
	}
	return (gap == ", " || gap == ",") && next.upper
}

// coordinated reports whether word i follows word a as the next item of a
// list: "A, B", "A and B", "A or B", "A, and B".
func (s *scanner) coordinated(a, i int) bool {
	if a < 0 || i <= a || i > a+2 {
		return false
	}
	gap := s.text[s.words[a].end:s.words[a+1].start]
	if i == a+1 {
		return gap == ", "
	}
	w := s.norm(s.words[a+1])
	return (w == "and" || w == "or") && (gap == " " || gap == ", ") && s.text[s.words[a+1].end:s.words[i].start] == " "
}

// resolve disambiguates the name over words[i..last] and returns the
// result, the index of the last word it consumed, and whether it is a place.
//
// bare resolves the name without a following "region" or "city" word.
func (s *scanner) resolve(i, last int, key string, ctx Context, bare bool) (Resolved, int, bool) {
	g, words := s.g, s.words
	consumed := last
	if g.never[key] {
		return Resolved{}, last, false
	}
	ents := g.lookupEntries(key)
	cands := make([]int32, len(ents))
	for k, e := range ents {
		cands[k] = e.place
	}
	multiword := last > i

	// Preceding words: modifiers, a locative preposition, or a title.
	evStart := words[i].start
	cue, cueWeight := "", 0.0
	titled, capBefore := false, false
	for k, steps := i-1, 0; k >= 0 && steps < 5; k, steps = k-1, steps+1 {
		gap := s.text[words[k].end:words[k+1].start]
		w := s.norm(words[k])
		if steps == 0 && gap == ". " && titles[w] {
			titled = true // "Mr. Jordan", "Gen. Hope"
			break
		}
		if gap != " " {
			break // only across plain spaces
		}
		cw, isCue := cues[w]
		if steps == 0 {
			if titles[w] {
				titled = true
				break
			}
			if words[k].upper && !modifiers[w] && !skippable[w] && !isCue {
				capBefore = true
			}
		}
		if isCue && w != "and" {
			cue, cueWeight = w, cw
			break
		}
		if !skippable[w] {
			break
		}
		if modifiers[w] && evStart == words[k+1].start {
			evStart = words[k].start
		}
	}
	if titled {
		return Resolved{}, last, false
	}
	evEnd := words[last].end

	// Following words: "region", a qualifier ", Texas", another capital.
	wantRegion, wantCity, modifier := false, false, false
	qualified := -1 // place index of the qualifying country or region
	if last+1 < len(s.words) {
		nw := words[last+1]
		gap := s.text[words[last].end:nw.start]
		nk := s.norm(nw)
		switch {
		case !bare && (gap == " " || gap == "-") && regionWords[nk] && !(nw.upper && nk == "state"):
			wantRegion = true
			evEnd, consumed = nw.end, last+1
		case !bare && gap == " " && !nw.upper && nk == "city":
			wantCity = true
			evEnd, consumed = nw.end, last+1
		case gap == ", " || gap == ",":
			if ql, qk := s.match(last + 1); ql >= 0 {
				for _, q := range g.lookupIdx(qk) {
					qp := g.places[q]
					if qp.Kind == City {
						continue
					}
					for _, c := range cands {
						p := g.places[c]
						if p.Country == qp.Country && (qp.Kind == Country || p.Admin1 == qp.Admin1) && p.Kind < qp.Kind {
							qualified = int(q)
						}
					}
				}
				// "Tehran, Isfahan and Shiraz" is a list, not Tehran in
				// Isfahan province.
				if qualified >= 0 && s.listContinues(ql) {
					qualified = -1
				}
				if qualified >= 0 {
					consumed = ql
				}
			}
		case gap == "-" && !nw.upper && attributive[nk]:
			// "Moscow-backed separatists", "a Gaza-based group".
			modifier = true
		case words[last].join && nw.upper && !words[last].possessive && gap == " ":
			if _, isCue := cues[nk]; !isCue && !monthsAndDays[nk] {
				modifier = true
			}
		}
	}

	// Common words and person names need support.
	if !multiword && qualified < 0 {
		if monthsAndDays[key] {
			return Resolved{}, last, false
		}
		// One or two letters ("Al" folds to Ål, Norway) name a place only
		// as a country alias ("US", "UK").
		if len(key) <= 2 && !hasKind(g, cands, Country) {
			return Resolved{}, last, false
		}
		// A common word is a place only after a locative preposition,
		// when a sizeable place or one in a country the article mentions
		// has the name, and not as the head of "University of", "Bank of".
		if g.common[key] && !hasBig(g, cands) {
			if cue == "" || cueWeight < 0.5 || words[i].initial || !s.supported(cands, ctx) {
				return Resolved{}, last, false
			}
			if last+1 < len(words) && s.norm(words[last+1]) == "of" {
				return Resolved{}, last, false
			}
		}
		if (capBefore || ctx.persons[key]) && !hasKind(g, cands, Country) {
			return Resolved{}, last, false
		}
		// A small place's name before another capitalised word is more
		// likely part of a person's or organisation's name ("Michael
		// Jordan", "Hope Hicks").
		if modifier && !hasBig(g, cands) && !hasPreferred(g, key, cands) {
			return Resolved{}, last, false
		}
		// An all-capitals short word ("IS", "AL") is an abbreviation, not a
		// name, unless it is a country alias such as "US" or "UK".
		if w := s.text[words[i].start:words[i].end]; len(w) <= 3 && strings.ToUpper(w) == w && !hasKind(g, cands, Country) {
			return Resolved{}, last, false
		}
	}

	// US state context words within a few words of the name.
	stateCue := false
	for k := max(0, i-4); k < min(len(words), last+5); k++ {
		if usStateWords[s.norm(words[k])] {
			stateCue = true
		}
	}

	best, bestScore, second := -1, math.Inf(-1), math.Inf(-1)
	for _, e := range ents {
		c, p := e.place, g.places[e.place]
		if wantRegion && p.Kind != Region {
			continue
		}
		// A small place known by this word only through an alternate name
		// (in another language, or a former name) needs support: "Abbas"
		// is a surname before it is Fort Abbas in Pakistan.
		if e.alt && !multiword && p.Kind == City && p.Population < 100000 && cueWeight < 0.5 &&
			qualified < 0 && ctx.Countries[p.Country] == 0 {
			continue
		}
		if wantCity && p.Kind != City {
			continue
		}
		sc := s.score(key, c, p, ctx, qualified, stateCue)
		switch {
		case sc > bestScore:
			if best >= 0 {
				second = bestScore
			}
			best, bestScore = int(c), sc
		case sc > second:
			second = sc
		}
	}
	if best < 0 {
		// "Kherson region" where the region is only known by its name:
		// fall back to the plain name.
		if wantRegion || wantCity {
			r, _, ok := s.resolve(i, last, key, ctx, true)
			return r, consumed, ok
		}
		return Resolved{}, last, false
	}
	p := g.places[best]

	conf := 0.6
	if multiword {
		conf += 0.1
	}
	conf += 0.25 * cueWeight
	if qualified >= 0 || wantRegion || wantCity {
		conf += 0.15
	}
	if !math.IsInf(second, -1) && bestScore-second < 1.5 {
		conf -= 0.15
	}
	if modifier {
		conf -= 0.25
	}
	if capBefore {
		conf -= 0.3
	}
	if words[i].initial && !multiword {
		conf -= 0.1
	}
	conf = math.Max(0.05, math.Min(0.99, conf))

	loc := g.Location(p)
	loc.Evidence = &chronicle.Span{Text: s.text[evStart:evEnd], Start: evStart, End: evEnd}
	return Resolved{Place: p, Location: loc, Confidence: conf, Cue: cue, Modifier: modifier,
		Candidates: len(cands)}, consumed, true
}

// hasBig reports whether a candidate is a country, a region, a capital or a
// city of a million people: names too prominent to be read as ordinary
// words ("Turkey", "Nice" is not).
func hasBig(g *Gazetteer, cands []int32) bool {
	for _, c := range cands {
		p := g.places[c]
		if p.Kind == Country || p.Feature == "PPLC" || p.Population >= 1_000_000 {
			return true
		}
	}
	return false
}

// supported reports whether a candidate is sizeable (50,000 people or
// more) or lies in a country the article mentions.
func (s *scanner) supported(cands []int32, ctx Context) bool {
	for _, c := range cands {
		p := s.g.places[c]
		if p.Population >= 50000 || p.Kind != City || ctx.Countries[p.Country] > 0 {
			return true
		}
	}
	return false
}

func hasPreferred(g *Gazetteer, key string, cands []int32) bool {
	for _, c := range cands {
		if g.preferred[preference{key, c}] {
			return true
		}
	}
	return false
}

func hasKind(g *Gazetteer, cands []int32, k Kind) bool {
	for _, c := range cands {
		if g.places[c].Kind == k {
			return true
		}
	}
	return false
}

// score rates candidate p for a name: prominence (kind, population,
// capital or seat) plus article evidence (its country or region mentioned)
// plus a qualifier in the text.
func (s *scanner) score(key string, i int32, p Place, ctx Context, qualified int, stateCue bool) float64 {
	g := s.g
	var sc float64
	switch p.Kind {
	case Country:
		sc = 8
	case Region:
		sc = 5
		if g.preferred[preference{key, i}] {
			sc = 9
		}
		if stateCue && p.Country == "USA" {
			sc += 4
		}
	default:
		sc = math.Log10(float64(p.Population) + 1)
		switch p.Feature {
		case "PPLC":
			sc += 2.5
		case "PPLA":
			sc += 1.5
		case "PPLA2":
			sc += 0.5
		}
	}
	if n := ctx.Countries[p.Country] - ctx.own[key+"|"+p.Country]; n > 0 {
		sc += 3 + math.Min(2, math.Log2(float64(n)))
	}
	if p.Admin1 != "" && p.Kind != Country {
		region := p.Country + "." + p.Admin1
		if ctx.Regions[region]-ctx.own[key+"|"+region] > 0 {
			sc += 3
		}
	}
	if qualified >= 0 {
		q := g.places[qualified]
		if p.Country == q.Country && (q.Kind == Country || p.Admin1 == q.Admin1) {
			sc += 10
		}
	}
	return sc
}

// ArticleContext gathers disambiguation evidence from a whole article: the
// countries of the places it names unambiguously (a name whose candidates
// all lie in one country, or whose best candidate clearly wins), the
// countries of its demonyms ("Israeli", "Palestinians"), the regions of its
// places, and its dateline place ("GAZA CITY, Nov 8 -", "KYIV (Reuters) —").
func (g *Gazetteer) ArticleContext(text string) Context {
	ctx := Context{Countries: make(map[string]int), Regions: make(map[string]int),
		own: make(map[string]int), persons: make(map[string]bool)}
	s := &scanner{g: g, text: text, words: scan(text, 0, len(text), nil), buf: make([]byte, 0, 64)}
	empty := Context{}
	for i := 0; i < len(s.words); i++ {
		if iso3, next := s.demonym(i); iso3 != "" {
			ctx.Countries[iso3]++
			i = next
			continue
		}
		last, key := s.match(i)
		if last < 0 {
			continue
		}
		if last == i && s.personLike(i) {
			ctx.persons[key] = true
			continue
		}
		r, next, ok := s.resolve(i, last, key, empty, false)
		i = next
		if !ok || r.Confidence < 0.4 || !g.unambiguous(key, r.Place) {
			continue
		}
		ctx.Countries[r.Place.Country]++
		ctx.own[key+"|"+r.Place.Country]++
		if r.Place.Admin1 != "" {
			region := r.Place.Country + "." + r.Place.Admin1
			ctx.Regions[region]++
			ctx.own[key+"|"+region]++
		}
	}
	if d, ok := g.dateline(text); ok {
		ctx.Dateline = &d
	}
	return ctx
}

// personLike reports whether the one-word name at word i follows a title
// ("President Abbas", "Mr. Jordan") or a capitalised word that is not a
// preposition, article or direction ("Mahmoud Abbas").
func (s *scanner) personLike(i int) bool {
	if i == 0 {
		return false
	}
	prev := s.words[i-1]
	gap := s.text[prev.end:s.words[i].start]
	w := s.norm(prev)
	if titles[w] && (gap == " " || gap == ". ") {
		return true
	}
	if gap != " " || !prev.upper || prev.initial || modifiers[w] || skippable[w] || monthsAndDays[w] {
		return false
	}
	if _, isCue := cues[w]; isCue {
		return false
	}
	// The previous word must not itself be a place ("Gaza Abbas" is odd,
	// but "Tbilisi Georgia" in a list is not a person).
	if last, _ := s.match(i - 1); last >= 0 {
		return false
	}
	return true
}

// demonym matches a one- or two-word demonym at word i ("Israeli",
// "South Sudanese", "Palestinians").
func (s *scanner) demonym(i int) (string, int) {
	w := s.words[i]
	if !w.upper {
		return "", i
	}
	k := s.norm(w)
	if i+1 < len(s.words) && w.join {
		two := k + " " + s.norm(s.words[i+1])
		if iso3, ok := s.g.demonyms[two]; ok {
			return iso3, i + 1
		}
		if iso3, ok := s.g.demonyms[strings.TrimSuffix(two, "s")]; ok {
			return iso3, i + 1
		}
	}
	if iso3, ok := s.g.demonyms[k]; ok {
		return iso3, i
	}
	if iso3, ok := s.g.demonyms[strings.TrimSuffix(k, "s")]; ok {
		return iso3, i
	}
	return "", i
}

// unambiguous reports whether a name's winning place is safe evidence of
// its country. A country or region name is when no country or region of
// another country shares it ("Georgia" is not); a city name is when its
// prominence beats every other country's candidate by a clear margin
// ("Houston" is, though Houston, Scotland exists).
func (g *Gazetteer) unambiguous(key string, won Place) bool {
	s := &scanner{g: g}
	wonScore := math.Inf(-1)
	other := math.Inf(-1)
	for _, c := range g.lookupIdx(key) {
		p := g.places[c]
		if p.Country == won.Country {
			wonScore = math.Max(wonScore, s.score(key, c, p, Context{}, -1, false))
			continue
		}
		if won.Kind != City {
			if p.Kind != City {
				return false
			}
			continue
		}
		other = math.Max(other, s.score(key, c, p, Context{}, -1, false))
	}
	return wonScore-other >= 2.5
}

// dateline resolves the place of an article's dateline: capitalised words
// at the very start of the text, before a dash or an agency in brackets.
func (g *Gazetteer) dateline(text string) (Resolved, bool) {
	head := text[:min(len(text), 120)]
	trimmed := strings.TrimLeft(head, " \t\r\n")
	off := len(head) - len(trimmed)
	cut := -1
	for _, sep := range []string{" - ", " — ", " – ", "—", "–", " (", "\n"} {
		if k := strings.Index(trimmed, sep); k > 0 && (cut < 0 || k < cut) {
			cut = k
		}
	}
	if cut <= 0 || cut > 80 {
		return Resolved{}, false
	}
	first, _, _ := strings.Cut(trimmed[:cut], " ")
	first = strings.TrimRight(first, ",")
	if len(first) < 2 || strings.ToUpper(first) != first || strings.ToLower(first) == first {
		return Resolved{}, false
	}
	found := g.FindPlaces(text, off, off+cut, Context{})
	if len(found) == 0 {
		return Resolved{}, false
	}
	r := found[0]
	r.Dateline = true
	return r, true
}

// Locate returns the location of a coder mention: EventLocation over the
// mention's sentence (m.Evidence) with its verb (m.Verb), or nil when the
// sentence and the dateline name no place or the best one is too unsure
// (confidence below 0.3). ctx is the article's ArticleContext.
func (g *Gazetteer) Locate(text string, m *chronicle.Mention, ctx Context) *chronicle.Location {
	verb := -1
	if m.Verb.End > m.Verb.Start {
		verb = m.Verb.Start
	}
	r, ok := g.EventLocation(text, m.Evidence.Start, m.Evidence.End, verb, ctx)
	if !ok || r.Confidence < 0.3 {
		return nil
	}
	loc := r.Location
	return &loc
}

// cueBonus is how much a preposition makes its place the event's place.
func cueBonus(cue string) float64 {
	switch cue {
	case "in", "at", "near", "outside", "inside", "across", "throughout", "within", "around", "into", "off":
		return 0.6
	case "":
		return 0
	}
	return 0.1
}

// EventLocation chooses where the event of a sentence happened. text is
// the article text, [start, end) the sentence, verb the byte offset of the
// event's verb (or -1 when unknown) and ctx the article's context from
// ArticleContext.
//
// Among the sentence's places it prefers, in this order of weight: a name
// governed by a locative preposition ("in", "at", "near", "outside"), or a
// city inside a region or country that is ("Chibok in Borno State"); a name
// after a reporting verb over the speaker's place before it ("Officials in
// Kyiv said ... shelled Izium"); a city over a region over a country; a
// confident resolution; a name used as a noun rather than attributively
// ("Gaza officials", "Moscow-backed"); and the name closest to the verb.
// When the sentence names no place, or only attributive ones, it returns
// the dateline place with Dateline set and a confidence of at most 0.4. ok
// is false when neither exists.
func (g *Gazetteer) EventLocation(text string, start, end, verb int, ctx Context) (Resolved, bool) {
	start, end = max(start, 0), min(end, len(text))
	places := g.FindPlaces(text, start, end, ctx)
	// Places before a reporting verb ("Officials in Tel Aviv said ...")
	// are where the speaker is when another place follows it.
	said := -1
	for _, v := range []string{" said", " says", " told", " announced", " according to", " reported"} {
		if start >= end {
			break
		}
		if k := strings.Index(text[start:end], v); k >= 0 && (said < 0 || start+k < said) {
			said = start + k
		}
	}
	placeAfterSaid := false
	for _, r := range places {
		if said >= 0 && r.Location.Evidence.Start > said {
			placeAfterSaid = true
		}
	}
	best, bestScore := -1, math.Inf(-1)
	for k, r := range places {
		sc := r.Confidence
		cue := r.Cue
		// "Saqqez in Kurdistan province": a city inside a region or
		// country that carries a preposition is as much the place, and
		// more exact.
		if r.Place.Kind == City {
			for _, o := range places {
				if o.Cue != "" && o.Place.Kind != City && o.Place.Country == r.Place.Country &&
					(o.Place.Kind == Country || o.Place.Admin1 == r.Place.Admin1) {
					if cueBonus(o.Cue) > cueBonus(cue) {
						cue = o.Cue
					}
					sc = math.Max(sc, o.Confidence)
				}
			}
		}
		sc += cueBonus(cue)
		if said >= 0 && r.Location.Evidence.Start < said {
			switch {
			case verb > said:
				sc -= 1 // the speaker's place; the event is reported after "said"
			case placeAfterSaid:
				sc -= 0.6
			}
		}
		switch r.Place.Kind {
		case City:
			sc += 0.3
		case Region:
			sc += 0.2
		}
		if r.Modifier {
			sc -= 0.5
		}
		if verb >= 0 && end > start {
			d := math.Abs(float64(r.Location.Evidence.Start - verb))
			sc -= 0.3 * d / float64(end-start)
		}
		if r.Modifier && ctx.Dateline != nil {
			continue // "Moscow-backed forces": the dateline says more
		}
		if sc > bestScore {
			best, bestScore = k, sc
		}
	}
	if best >= 0 {
		return places[best], true
	}
	if ctx.Dateline != nil {
		r := *ctx.Dateline
		r.Confidence = math.Min(r.Confidence, 0.4)
		return r, true
	}
	return Resolved{}, false
}
