package geo

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// loadOnce shares one gazetteer between the tests of this file.
var loadOnce = sync.OnceValues(Load)

func gazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := loadOnce()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

func TestLoadCounts(t *testing.T) {
	g := gazetteer(t)
	cities, regions, countries := g.Len()
	if cities < 190000 {
		t.Errorf("cities = %d, want the ~199k places of cities500", cities)
	}
	if g.Regions() != 3865 || regions < 3600 {
		t.Errorf("regions = %d (%d with a point), want 3865 (>= 3600)", g.Regions(), regions)
	}
	if g.Countries() != 250 || countries < 240 {
		t.Errorf("countries = %d (%d with a point), want 250 (>= 240)", g.Countries(), countries)
	}
}

func TestFIPS(t *testing.T) {
	g := gazetteer(t)
	tests := []struct{ iso3, fips string }{
		{"DEU", "GM"}, {"GBR", "UK"}, {"ISR", "IS"}, {"IRQ", "IZ"}, {"IRN", "IR"},
		{"PSE", "WE"}, {"UKR", "UP"}, {"RUS", "RS"}, {"CHN", "CH"}, {"JPN", "JA"},
		{"ESP", "SP"}, {"SDN", "SU"}, {"SSD", "OD"}, {"YEM", "YM"}, {"LBN", "LE"},
		{"SYR", "SY"}, {"USA", "US"}, {"FRA", "FR"}, {"AUS", "AS"}, {"AUT", "AU"},
		{"SRB", "RI"}, {"XKX", "KV"}, {"ZAF", "SF"}, {"KOR", "KS"}, {"PRK", "KN"},
		{"CHE", "SZ"}, {"SWE", "SW"}, {"TUR", "TU"}, {"NGA", "NI"}, {"NER", "NG"},
		{"PHL", "RP"}, {"MMR", "BM"}, {"COD", "CG"}, {"COG", "CF"}, {"GEO", "GG"},
		{"LBY", "LY"}, {"EGY", "EG"}, {"SAU", "SA"}, {"DZA", "AG"}, {"ATA", "AY"},
	}
	for _, tt := range tests {
		if got := g.FIPS(tt.iso3); got != tt.fips {
			t.Errorf("FIPS(%s) = %q, want %q", tt.iso3, got, tt.fips)
		}
		if got := g.ISO3FromFIPS(tt.fips); got != tt.iso3 {
			t.Errorf("ISO3FromFIPS(%s) = %q, want %q", tt.fips, got, tt.iso3)
		}
	}
	if got := g.ISO3FromFIPS("GZ"); got != "PSE" {
		t.Errorf("ISO3FromFIPS(GZ) = %q, want PSE", got)
	}
	if got := g.FIPS("ALA"); got != "" {
		t.Errorf("FIPS(ALA) = %q, want none", got)
	}
	if got := g.FIPS("XXX"); got != "" {
		t.Errorf("FIPS(unknown) = %q, want empty", got)
	}
	gaza := g.Lookup("Gaza Strip")
	if len(gaza) == 0 {
		t.Fatal("no Gaza Strip")
	}
	if got := g.FIPSOf(g.Location(gaza[0])); got != "GZ" {
		t.Errorf("FIPSOf(Gaza Strip) = %q, want GZ", got)
	}
	if got := g.FIPSOf(chronicle.Location{Country: "PSE", Admin1: "West Bank"}); got != "WE" {
		t.Errorf("FIPSOf(West Bank) = %q, want WE", got)
	}
}

func TestCountryCodes(t *testing.T) {
	g := gazetteer(t)
	tests := []struct{ iso2, iso3, cameo, name, capital string }{
		{"DE", "DEU", "DEU", "Germany", "Berlin"},
		{"GB", "GBR", "GBR", "United Kingdom", "London"},
		{"XK", "XKX", "KSV", "Kosovo", "Pristina"},
		{"PS", "PSE", "PSE", "Palestine", ""},
		{"SS", "SSD", "SSD", "South Sudan", "Juba"},
		{"US", "USA", "USA", "United States", "Washington"},
		{"FR", "FRA", "FRA", "France", "Paris"},
	}
	for _, tt := range tests {
		if got := g.ISO3FromISO2(tt.iso2); got != tt.iso3 {
			t.Errorf("ISO3FromISO2(%s) = %q, want %q", tt.iso2, got, tt.iso3)
		}
		c, ok := g.Country(tt.iso3)
		if !ok {
			t.Errorf("Country(%s) missing", tt.iso3)
			continue
		}
		if c.CAMEO != tt.cameo || c.Name != tt.name || !c.HasPoint {
			t.Errorf("Country(%s) = %+v, want CAMEO %s, name %s, a point", tt.iso3, c, tt.cameo, tt.name)
		}
		if tt.capital != "" && c.Capital != tt.capital {
			t.Errorf("Country(%s).Capital = %q, want %q", tt.iso3, c.Capital, tt.capital)
		}
	}
	if c, _ := g.Country("ISR"); !contains(c.Demonyms, "Israeli") {
		t.Errorf("ISR demonyms = %v", c.Demonyms)
	}
	if _, ok := g.Country("ZZZ"); ok {
		t.Error("Country(ZZZ) found")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLookup(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		name    string
		id      int    // a geonameid among the results
		country string // country of the first result
	}{
		{"Kyiv", 703448, "UKR"},
		{"Kiev", 703448, "UKR"},
		{"KIEV", 703448, "UKR"},
		{"Bogotá", 3688689, "COL"},
		{"Bogota", 3688689, "COL"},
		{"bogotá", 3688689, "COL"},
		{"Gaza City", 281133, "PSE"},
		{"Khan Younis", 0, "PSE"},
		{"Khān Yūnis", 0, "PSE"},
		{"Paris", 2988507, "FRA"},
		{"Mumbai", 1275339, "IND"},
		{"Bombay", 1275339, "IND"},
		{"São Paulo", 3448439, "BRA"},
		{"Sao Paulo", 3448439, "BRA"},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.name)
		if len(got) == 0 {
			t.Errorf("Lookup(%q) found nothing", tt.name)
			continue
		}
		if tt.id != 0 && !hasID(got, tt.id) {
			t.Errorf("Lookup(%q) lacks geonameid %d: %v", tt.name, tt.id, got[0])
		}
		cities := 0
		for _, p := range got {
			if p.Kind == City {
				cities++
				if p.Country != tt.country && cities == 1 {
					t.Errorf("Lookup(%q) largest city in %s, want %s", tt.name, p.Country, tt.country)
				}
			}
		}
	}
	// Paris, Texas is there too, smaller than Paris, France.
	var fr, tx Place
	for _, p := range g.Lookup("Paris") {
		if p.Country == "FRA" && p.Population > fr.Population {
			fr = p
		}
		if p.Country == "USA" && p.Admin1 == "TX" {
			tx = p
		}
	}
	if tx.GeonameID == 0 || fr.Population <= tx.Population {
		t.Errorf("Paris FR %+v, Paris TX %+v", fr, tx)
	}
	if got := g.Lookup("Nowhereville Xq"); len(got) != 0 {
		t.Errorf("Lookup(nonsense) = %v", got)
	}
}

func hasID(ps []Place, id int) bool {
	for _, p := range ps {
		if p.GeonameID == id {
			return true
		}
	}
	return false
}

func TestDistance(t *testing.T) {
	paris := chronicle.Location{Lat: 48.8534, Lon: 2.3488}
	london := chronicle.Location{Lat: 51.5085, Lon: -0.1257}
	tests := []struct {
		a, b      chronicle.Location
		want, eps float64
	}{
		{paris, london, 344, 3},
		{paris, paris, 0, 1e-9},
		{chronicle.Location{Lat: 0, Lon: 0}, chronicle.Location{Lat: 0, Lon: 180}, math.Pi * 6371, 1},
		{chronicle.Location{Lat: 90, Lon: 0}, chronicle.Location{Lat: -90, Lon: 0}, math.Pi * 6371, 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); math.Abs(got-tt.want) > tt.eps {
			t.Errorf("Distance(%v, %v) = %.1f, want %.1f", tt.a, tt.b, got, tt.want)
		}
	}
}

// resolveIn returns the first place FindPlaces resolves name to in the
// sentence, with the context of the whole article.
func resolveIn(t *testing.T, g *Gazetteer, article, sentence, name string) (Resolved, bool) {
	t.Helper()
	text := article + sentence
	ctx := g.ArticleContext(text)
	for _, r := range g.FindPlaces(text, len(article), len(text), ctx) {
		if strings.Contains(r.Location.Evidence.Text, name) {
			return r, true
		}
	}
	return Resolved{}, false
}

func TestFindPlacesDisambiguation(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		name      string
		article   string // earlier text of the article (context)
		sentence  string
		place     string // words of the name in the sentence
		country   string
		admin1    string // region name, "" to skip
		precision chronicle.Precision
		evidence  string // expected evidence text, "" to skip
	}{
		{"Georgia the country", "", "Protesters marched through Tbilisi as Georgia's parliament voted.", "Georgia", "GEO", "", chronicle.PrecisionCountry, ""},
		{"Georgia alone is the country", "", "Russia and Georgia fought a war in 2008.", "Georgia", "GEO", "", chronicle.PrecisionCountry, ""},
		{"Georgia's governor", "", "Georgia's governor declared an emergency.", "Georgia", "USA", "Georgia", chronicle.PrecisionRegion, ""},
		{"Georgia with Atlanta in the article", "Police in Atlanta arrested 12 people on Friday. ", "Lawmakers in Georgia debated the bill.", "Georgia", "USA", "Georgia", chronicle.PrecisionRegion, ""},
		{"Georgia with Tbilisi in the article", "Thousands rallied in Tbilisi on Friday. ", "Lawmakers in Georgia debated the bill.", "Georgia", "GEO", "", chronicle.PrecisionCountry, ""},
		{"Gaza City", "", "Israeli tanks advanced into Gaza City on Monday.", "Gaza City", "PSE", "Gaza Strip", chronicle.PrecisionCity, "Gaza City"},
		{"Gaza alone is the Strip", "", "Aid trucks entered Gaza through the Rafah crossing.", "Gaza", "PSE", "Gaza Strip", chronicle.PrecisionRegion, ""},
		{"the Gaza Strip", "", "The army said it struck targets across the Gaza Strip.", "Gaza Strip", "PSE", "Gaza Strip", chronicle.PrecisionRegion, "Gaza Strip"},
		{"northern Gaza", "", "Fighting raged in northern Gaza overnight.", "Gaza", "PSE", "Gaza Strip", chronicle.PrecisionRegion, "northern Gaza"},
		{"the occupied West Bank", "", "Settlers attacked a village in the occupied West Bank.", "West Bank", "PSE", "West Bank", chronicle.PrecisionRegion, "occupied West Bank"},
		{"Paris alone is France", "", "Thousands marched in Paris against the pension reform.", "Paris", "FRA", "", chronicle.PrecisionCity, ""},
		{"Paris, Texas", "", "A tornado struck Paris, Texas, on Sunday.", "Paris", "USA", "Texas", chronicle.PrecisionCity, ""},
		{"Paris in a Texas article", "Officials in Dallas and Houston said the storm was moving north. ", "Power failed in Paris overnight.", "Paris", "USA", "Texas", chronicle.PrecisionCity, ""},
		{"Kiev is Kyiv", "", "Missiles struck Kiev overnight.", "Kiev", "UKR", "", chronicle.PrecisionCity, "Kiev"},
		{"Bogotá with accent", "", "Students protested in Bogotá on Thursday.", "Bogot", "COL", "", chronicle.PrecisionCity, "Bogotá"},
		{"Kherson region", "", "Shelling killed two people in the Kherson region.", "Kherson", "UKR", "Kherson", chronicle.PrecisionRegion, "Kherson region"},
		{"Kherson city", "", "Shelling killed two people in Kherson.", "Kherson", "UKR", "", chronicle.PrecisionCity, ""},
		{"country alias U.S.", "", "The U.S. imposed new sanctions.", "U.S", "USA", "", chronicle.PrecisionCountry, ""},
		{"Britain", "", "Britain expelled two diplomats.", "Britain", "GBR", "", chronicle.PrecisionCountry, ""},
		{"all capitals dateline", "", "GAZA CITY, Nov 8 - Israeli forces surrounded the hospital.", "GAZA CITY", "PSE", "Gaza Strip", chronicle.PrecisionCity, "GAZA CITY"},
		{"multi-word with hyphen", "", "Troops entered Ivano-Frankivsk.", "Ivano-Frankivsk", "UKR", "", chronicle.PrecisionCity, "Ivano-Frankivsk"},
		{"transliteration with apostrophe", "", "Houthi fighters shelled Ta'izz again.", "Ta'izz", "YEM", "", chronicle.PrecisionCity, "Ta'izz"},
		{"Ondo State qualifier", "", "Gunmen attacked a church in Owo, Ondo State.", "Owo", "NGA", "Ondo State", chronicle.PrecisionCity, "Owo"},
		{"a list is not a qualifier", "", "Thousands protested in Tehran, Isfahan and Shiraz.", "Tehran", "IRN", "Tehran", chronicle.PrecisionCity, "Tehran"},
		{"elided article", "", "Protests spread to Côte d'Ivoire.", "Ivoire", "CIV", "", chronicle.PrecisionCountry, "Côte d'Ivoire"},
		{"region alias does not capture the city", "", "Separatists shelled Donetsk.", "Donetsk", "UKR", "Donetsk", chronicle.PrecisionCity, "Donetsk"},
		{"region alias Donbas", "", "Russia intensified its offensive in the Donbas.", "Donbas", "UKR", "Donetsk", chronicle.PrecisionRegion, "Donbas"},
		{"Erbil city despite the Kurdistan Region alias", "", "A drone struck the airport in Erbil.", "Erbil", "IRQ", "", chronicle.PrecisionCity, "Erbil"},
		{"Washington state", "", "Wildfires spread across Washington state.", "Washington", "USA", "Washington", chronicle.PrecisionRegion, "Washington state"},
		{"Tripoli in Lebanon context", "Lebanese troops deployed in Beirut. ", "Rockets hit Tripoli.", "Tripoli", "LBN", "", chronicle.PrecisionCity, "Tripoli"},
		{"Tripoli alone is Libya's", "", "Militias fought in Tripoli.", "Tripoli", "LBY", "", chronicle.PrecisionCity, "Tripoli"},
		{"Jordan the country", "", "Protesters gathered outside the embassy in Jordan.", "Jordan", "JOR", "", chronicle.PrecisionCountry, "Jordan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := resolveIn(t, g, tt.article, tt.sentence, tt.place)
			if !ok {
				t.Fatalf("no place %q found in %q", tt.place, tt.sentence)
			}
			loc := r.Location
			if loc.Country != tt.country || loc.Precision != tt.precision || tt.admin1 != "" && loc.Admin1 != tt.admin1 {
				t.Errorf("%q resolved to %s/%s/%s (%s), want %s/%s/%s", tt.place, loc.Country, loc.Admin1, loc.Precision, loc.Name, tt.country, tt.admin1, tt.precision)
			}
			if tt.evidence != "" && loc.Evidence.Text != tt.evidence {
				t.Errorf("evidence %q, want %q", loc.Evidence.Text, tt.evidence)
			}
			text := tt.article + tt.sentence
			if text[loc.Evidence.Start:loc.Evidence.End] != loc.Evidence.Text {
				t.Errorf("evidence offsets %d-%d do not hold %q", loc.Evidence.Start, loc.Evidence.End, loc.Evidence.Text)
			}
		})
	}
}

func TestFindPlacesRejects(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		sentence string
		notName  string // no result's evidence may contain this
	}{
		{"Nice weather helped the harvest.", "Nice"},
		{"Hope is fading for the miners.", "Hope"},
		{"Of the 40 people arrested, 12 were released.", "Of"},
		{"Police said the suspect fled.", "Police"},
		{"In March the talks resumed.", "March"},
		{"The talks resumed on May 3.", "May"},
		{"Hamas fighters fired rockets.", "Hamas"},
		{"President Biden met Mr. Jordan on Friday.", "Jordan"},
		{"Michael Smith was arrested.", "Michael"},
		{"The IS group claimed the attack.", "IS"},
		{"GAZA CITY, Nov 8 - Israeli forces advanced.", "Nov"},
		{"Israeli police raided the Al-Aqsa mosque.", "Al"},
	}
	for _, tt := range tests {
		for _, r := range g.FindPlaces(tt.sentence, 0, len(tt.sentence), Context{}) {
			if strings.Contains(r.Location.Evidence.Text, tt.notName) {
				t.Errorf("%q: %q taken as place %s (%s)", tt.sentence, tt.notName, r.Place.Name, r.Place.Country)
			}
		}
	}
	// With a locative preposition a common-word name is a place.
	s := "The storm flooded streets in Nice, France on Tuesday."
	found := false
	for _, r := range g.FindPlaces(s, 0, len(s), Context{}) {
		if r.Place.Name == "Nice" && r.Place.Country == "FRA" {
			found = true
		}
	}
	if !found {
		t.Errorf("%q: Nice, France not found", s)
	}
}

func TestEventLocation(t *testing.T) {
	g := gazetteer(t)
	// Expected points are the places' well-known coordinates; the
	// resolved point must lie within 50 km.
	tests := []struct {
		text     string
		lat, lon float64
		country  string
	}{
		{"Israeli forces raided the Jenin refugee camp in the occupied West Bank on Tuesday, killing three Palestinians.", 32.46, 35.30, "PSE"},
		{"Russian missiles hit an apartment block in Kharkiv, Ukrainian officials said.", 49.99, 36.23, "UKR"},
		{"Police fired tear gas at thousands of protesters in Tbilisi on Sunday.", 41.72, 44.78, "GEO"},
		{"Georgia's governor deployed the National Guard to Atlanta after the riots.", 33.75, -84.39, "USA"},
		{"An air strike on a house in Rafah killed 12 people, the Gaza health ministry said.", 31.29, 34.25, "PSE"},
		{"Gunmen kidnapped 30 students near Kaduna, Nigeria, on Thursday.", 10.52, 7.44, "NGA"},
		{"Protesters clashed with riot police outside parliament in Nairobi.", -1.29, 36.82, "KEN"},
		{"The Sudanese army and the RSF fought for control of Khartoum.", 15.55, 32.53, "SDN"},
		{"French President Emmanuel Macron met Chinese leaders in Beijing.", 39.90, 116.40, "CHN"},
		{"A car bomb exploded at a checkpoint in Mogadishu, killing eight soldiers.", 2.04, 45.34, "SOM"},
		{"Thousands rallied in Caracas to demand the release of political prisoners.", 10.49, -66.88, "VEN"},
		{"Indian and Pakistani troops exchanged fire along the border near Poonch.", 33.77, 74.09, "IND"},
		{"Myanmar's military junta bombed a monastery in Mandalay.", 21.97, 96.08, "MMR"},
		{"Demonstrators in São Paulo demanded the president's impeachment.", -23.55, -46.63, "BRA"},
		{"The Houthis attacked a cargo ship off Hodeidah.", 14.80, 42.95, "YEM"},
		{"A suicide bomber struck a market in Peshawar.", 34.01, 71.58, "PAK"},
		{"Security forces killed two protesters in her hometown of Saqqez in Kurdistan province.", 36.25, 46.27, "IRN"},
		{"Officials in Tel Aviv said the hostages were released in Rafah.", 31.29, 34.25, "PSE"},
		{"Local media reported clashes in Deir al-Balah and Khan Younis.", 31.42, 34.35, "PSE"},
		{"Hezbollah fired rockets into northern Israel from southern Lebanon.", 31.77, 35.21, "ISR"},
	}
	for _, tt := range tests {
		ctx := g.ArticleContext(tt.text)
		r, ok := g.EventLocation(tt.text, 0, len(tt.text), -1, ctx)
		if !ok {
			t.Errorf("%q: no event location", tt.text)
			continue
		}
		want := chronicle.Location{Lat: tt.lat, Lon: tt.lon}
		if d := Distance(r.Location, want); d > 50 || r.Location.Country != tt.country {
			t.Errorf("%q: event at %s (%s) %.2f,%.2f, %.0f km from the expected place", tt.text, r.Location.Name, r.Location.Country, r.Location.Lat, r.Location.Lon, d)
		}
	}
}

func TestEventLocationDateline(t *testing.T) {
	g := gazetteer(t)
	text := "KYIV, Ukraine (Reuters) - Officials said the talks had failed. They will resume next week."
	ctx := g.ArticleContext(text)
	if ctx.Dateline == nil || ctx.Dateline.Place.Country != "UKR" || ctx.Dateline.Place.Kind != City {
		t.Fatalf("dateline = %+v, want Kyiv", ctx.Dateline)
	}
	second := strings.Index(text, "They")
	r, ok := g.EventLocation(text, second, len(text), -1, ctx)
	if !ok || !r.Dateline || r.Place.Name != "Kyiv" || r.Confidence > 0.4 {
		t.Errorf("fallback = %+v, %v; want the dateline Kyiv with low confidence", r, ok)
	}
	plain := "Officials said the talks had failed."
	if _, ok := g.EventLocation(plain, 0, len(plain), -1, g.ArticleContext(plain)); ok {
		t.Error("location found in a sentence and article without places")
	}
	if c := g.ArticleContext("The minister said on Tuesday - without giving details."); c.Dateline != nil {
		t.Errorf("dateline found in an ordinary sentence: %+v", c.Dateline)
	}
}

func TestArticleContext(t *testing.T) {
	g := gazetteer(t)
	ctx := g.ArticleContext("Israeli troops entered Khan Younis. Palestinian officials in Ramallah condemned the raid.")
	if ctx.Countries["PSE"] < 2 || ctx.Countries["ISR"] < 1 {
		t.Errorf("countries = %v, want PSE >= 2 and ISR >= 1", ctx.Countries)
	}
	if ctx.Regions["PSE.GZ"] < 1 || ctx.Regions["PSE.WE"] < 1 {
		t.Errorf("regions = %v, want PSE.GZ and PSE.WE", ctx.Regions)
	}
}

func FuzzFindPlaces(f *testing.F) {
	g, err := loadOnce()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"Israeli forces raided Jenin in the occupied West Bank.",
		"GAZA CITY, Nov 8 - Fighting in northern Gaza.",
		"Paris, Texas and Georgia's governor in Atlanta",
		"Ta'izz, Bogotá, Ivano-Frankivsk, U.S. St. Petersburg",
		"\xff\xfe in Kyiv’s", "A, , ,", "",
	} {
		f.Add(s, 0, len(s))
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		ctx := g.ArticleContext(text)
		res := g.FindPlaces(text, start, end, ctx)
		prev := -1
		for _, r := range res {
			ev := r.Location.Evidence
			if ev == nil || ev.Start < max(start, 0) || ev.End > min(end, len(text)) || ev.Start >= ev.End {
				t.Fatalf("evidence %+v outside [%d,%d) of %q", ev, start, end, text)
			}
			if text[ev.Start:ev.End] != ev.Text {
				t.Fatalf("evidence text %q != text[%d:%d]", ev.Text, ev.Start, ev.End)
			}
			if ev.Start < prev {
				t.Fatalf("results out of order in %q", text)
			}
			prev = ev.End
			if r.Confidence <= 0 || r.Confidence >= 1 || r.Location.Country == "" {
				t.Fatalf("bad result %+v", r)
			}
		}
		g.EventLocation(text, start, end, start, ctx)
	})
}

const benchArticle = `KYIV, Ukraine (Reuters) - Russian missiles struck Kyiv and Kharkiv overnight, Ukrainian officials said on Tuesday, as fighting raged in the Donetsk region.
Israeli forces raided the Jenin refugee camp in the occupied West Bank, while an air strike in Rafah killed 12 people, the Gaza health ministry said.
Police fired tear gas at protesters in Tbilisi, the capital of Georgia, and in Nairobi thousands marched against tax rises.
Georgia's governor deployed the National Guard to Atlanta. The U.S. State Department said it was monitoring events in Paris, Texas.
The talks, which began in March, are expected to resume in Geneva next week, according to a statement from the United Nations.
`

func BenchmarkFindPlaces(b *testing.B) {
	g := gazetteer(b)
	ctx := g.ArticleContext(benchArticle)
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		g.FindPlaces(benchArticle, 0, len(benchArticle), ctx)
	}
}

func BenchmarkArticleContext(b *testing.B) {
	g := gazetteer(b)
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		g.ArticleContext(benchArticle)
	}
}

// TestEventLocationReports checks event locations on short conflict
// reports in the style of event data sets: right when the chosen place is
// in the expected country and has the expected name or lies within 50 km
// of a place of that name.
func TestEventLocationReports(t *testing.T) {
	g := gazetteer(t)
	tests := []struct{ text, place, country string }{
		{"On 9 May 2020, around 200 protesters gathered in front of the governor's office in Kano to demand the payment of salaries.", "Kano", "NGA"},
		{"On 3 March 2021, military forces shot dead 18 protesters in Yangon and Mandalay.", "Yangon", "MMR"},
		{"On 14 June 2019, Al Shabaab militants attacked a police station in Wajir county, killing four officers.", "Wajir County", "KEN"},
		{"On 2 April 2022, Russian forces withdrew from Bucha after shelling the town for weeks.", "Bucha", "UKR"},
		{"On 5 August 2020, residents of Beirut clashed with security forces near the parliament.", "Beirut", "LBN"},
		{"On 12 January 2020, students rioted at the University of Dhaka, injuring 30.", "Dhaka", "BGD"},
		{"On 21 October 2019, protesters blocked roads across Santiago, Chile.", "Santiago", "CHL"},
		{"On 1 February 2021, the Tatmadaw detained Aung San Suu Kyi in Naypyidaw.", "Naypyidaw", "MMR"},
		{"On 15 April 2023, fighting broke out between the SAF and the RSF in Khartoum and Omdurman.", "Khartoum", "SDN"},
		{"On 28 September 2022, Iranian police arrested dozens of protesters in Zahedan, Sistan and Baluchestan province.", "Zahedan", "IRN"},
		{"On 10 July 2021, looters ransacked shopping malls in Durban, KwaZulu-Natal.", "Durban", "ZAF"},
		{"On 6 January 2021, supporters of Donald Trump stormed the U.S. Capitol in Washington, D.C.", "Washington", "USA"},
		{"On 18 November 2020, Ethiopian federal troops shelled Mekelle, the capital of Tigray.", "Mekelle", "ETH"},
		{"On 4 December 2022, unidentified gunmen killed five villagers in Tillaberi region, Niger.", "Tillaberi Region", "NER"},
		{"On 23 May 2021, Belarusian authorities forced a Ryanair flight to land in Minsk.", "Minsk", "BLR"},
		{"On 30 March 2022, Ukrainian forces recaptured villages around Chernihiv.", "Chernihiv", "UKR"},
		{"On 11 September 2001, hijacked planes struck the World Trade Center in New York.", "New York", "USA"},
		{"On 25 March 2015, Saudi-led warplanes bombed Houthi positions in Sana'a.", "Sanaa", "YEM"},
		{"On 17 February 2011, protesters in Benghazi called for Gaddafi's removal.", "Benghazi", "LBY"},
		{"Police in Lahore, Punjab, arrested 40 supporters of former prime minister Imran Khan on 10 May 2023.", "Lahore", "PAK"},
		{"Farmers blocked highways around Delhi on 26 November 2020.", "Delhi", "IND"},
		{"On 19 June 2020, Chinese and Indian soldiers clashed in the Galwan Valley in Ladakh.", "Ladakh", "IND"},
		{"On 8 January 2023, rioters invaded the Three Powers Plaza in Brasília.", "Brasilia", "BRA"},
		{"On 2 March 2024, gangs attacked the national penitentiary in Port-au-Prince, Haiti.", "Port-au-Prince", "HTI"},
		{"On 13 June 2025, Israel struck nuclear sites near Natanz in Iran.", "Natanz", "IRN"},
		{"On 24 February 2022, Russian troops crossed into Ukraine from Belarus.", "Ukraine", "UKR"},
		{"Boko Haram fighters abducted 276 schoolgirls from Chibok in Borno State on 14 April 2014.", "Chibok", "NGA"},
		{"On 5 October 2020, protesters stormed the parliament building in Bishkek.", "Bishkek", "KGZ"},
		{"Blinken met Palestinian President Mahmoud Abbas in Ramallah on Sunday.", "Ramallah", "PSE"},
		{"Georgian police detained 50 opposition supporters outside parliament in the capital.", "", ""},
	}
	for _, tt := range tests {
		r, ok := g.EventLocation(tt.text, 0, len(tt.text), -1, g.ArticleContext(tt.text))
		if tt.place == "" {
			if ok {
				t.Errorf("%q: place %s found where the text names none", tt.text, r.Location.Name)
			}
			continue
		}
		if !ok || r.Location.Country != tt.country || !g.sameOrNear(r, tt.place) {
			t.Errorf("%q: event at %q (%s), want %q (%s)", tt.text, r.Location.Name, r.Location.Country, tt.place, tt.country)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0.5", "12.34567", "-179.99999", "90", "31.50161", "1e5", "-", "", "1.2.3", "123456789012345678", "0.1"} {
		got, err := parseDecimal(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (err != nil) != (werr != nil) || err == nil && got != want {
			t.Errorf("parseDecimal(%q) = %v, %v; strconv gives %v, %v", s, got, err, want, werr)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"-12.34567", "0.1", "7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDecimal(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (err != nil) != (werr != nil) || err == nil && got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("parseDecimal(%q) = %v, %v; strconv gives %v, %v", s, got, err, want, werr)
		}
	})
}

func TestPersonNamesInContext(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		article, notName string
	}{
		{"Palestinian President Mahmoud Abbas met Blinken in Ramallah. Abbas urged the U.S. to act.", "Abbas"},
		{"President Abbas demanded an end to the assault. Abbas urged restraint.", "Abbas"},
		{"Abbas urged the U.S. to act.", "Abbas"}, // Fort Abbas is only an alternate name
	}
	for _, tt := range tests {
		ctx := g.ArticleContext(tt.article)
		for _, r := range g.FindPlaces(tt.article, 0, len(tt.article), ctx) {
			if strings.Contains(r.Location.Evidence.Text, tt.notName) {
				t.Errorf("%q: %q taken as %s (%s)", tt.article, tt.notName, r.Place.Name, r.Place.Country)
			}
		}
	}
	// A country keeps its name even where a person shares it.
	text := "Michael Jordan visited Amman. Jordan closed its border."
	ctx := g.ArticleContext(text)
	second := strings.Index(text, "Jordan closed")
	found := g.FindPlaces(text, second, len(text), ctx)
	if len(found) != 1 || found[0].Place.Country != "JOR" || found[0].Place.Kind != Country {
		t.Errorf("%q: got %+v, want the country Jordan", text[second:], found)
	}
}

func TestLocateMention(t *testing.T) {
	g := gazetteer(t)
	text := "KHARKIV, Ukraine - Moscow-backed forces shelled a school. Officials in Kyiv said Russian forces shelled Izium on Monday."
	ctx := g.ArticleContext(text)
	first := strings.Index(text, "Moscow")
	firstEnd := strings.Index(text, "school.") + len("school.")
	second := firstEnd + 1
	tests := []struct {
		name      string
		m         chronicle.Mention
		want      string // expected country and place name
		attribute bool
	}{
		{"attributive name falls back to the dateline", chronicle.Mention{
			Evidence: chronicle.Span{Start: first, End: firstEnd},
			Verb:     chronicle.Span{Start: strings.Index(text, "shelled"), End: strings.Index(text, "shelled") + 7},
		}, "Kharkiv", true},
		{"place after the verb, not the speaker's", chronicle.Mention{
			Evidence: chronicle.Span{Start: second, End: len(text)},
			Verb:     chronicle.Span{Start: strings.LastIndex(text, "shelled"), End: strings.LastIndex(text, "shelled") + 7},
		}, "Izium", false},
	}
	for _, tt := range tests {
		loc := g.Locate(text, &tt.m, ctx)
		if loc == nil || loc.Name != tt.want || loc.Country != "UKR" {
			t.Errorf("%s: Locate = %+v, want %s", tt.name, loc, tt.want)
		}
	}
	for _, r := range g.FindPlaces(text, first, firstEnd, ctx) {
		if r.Place.Name == "Moscow" && !r.Modifier {
			t.Errorf("Moscow in %q not marked attributive", text[first:firstEnd])
		}
	}
	none := "Officials said the talks failed."
	if loc := g.Locate(none, &chronicle.Mention{Evidence: chronicle.Span{Start: 0, End: len(none)}}, g.ArticleContext(none)); loc != nil {
		t.Errorf("Locate found %+v in a sentence without places", loc)
	}
}

func TestADM1Code(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		name, country, want string
	}{
		{"Atlanta", "USA", "USGA"},
		{"Donetsk", "UKR", "UP05"},
		{"Gaza City", "PSE", "GZ"},
		{"Ramallah", "PSE", "WE"},
		{"Georgia", "GEO", "GG"},
	}
	for _, tt := range tests {
		var loc chronicle.Location
		for _, p := range g.Lookup(tt.name) {
			if p.Country == tt.country {
				loc = g.Location(p)
				break
			}
		}
		if got := g.ADM1Code(loc); got != tt.want {
			t.Errorf("ADM1Code(%s, %s) = %q, want %q", tt.name, tt.country, got, tt.want)
		}
	}
	if got := g.ADM1Code(chronicle.Location{Country: "ATA"}); got != "AY" {
		t.Errorf("ADM1Code(Antarctica) = %q, want AY", got)
	}
}
