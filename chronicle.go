// Package chronicle holds the domain types every stage of the pipeline shares:
// articles as read, the sentences they are split into, the actors and event
// mentions the coder finds in them, and the events that mentions of one real
// happening are clustered into.
//
// The types are plain data. Stages live in internal/ and depend on this
// package, never the other way round:
//
//	ingest → text → coder → store → api/web/export
package chronicle

import (
	"time"
)

// Version is the Chronicle release, overridden at link time with
// -ldflags "-X github.com/chronicle-dev/chronicle.Version=...".
var Version = "0.1.0-dev"

// Article is one dated news story exactly as it was read. Text is never
// rewritten after ingest, so character offsets into it stay valid forever.
// Offsets throughout Chronicle are byte offsets into Text (Go string indices).
type Article struct {
	ID     string `json:"id"`
	Date   Date   `json:"date"` // publication date; zero when unknown
	Title  string `json:"title,omitempty"`
	Text   string `json:"text"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"` // outlet or feed name

	// Origin says where the article was read from: a file path, a URL, with
	// a record locator ("corpus.jsonl:42") when the container holds many.
	Origin string `json:"origin,omitempty"`
	// Hash is the hex SHA-256 of the normalised text; equal hashes are the
	// same story.
	Hash string `json:"hash,omitempty"`
	// Sketch is a 64-bit similarity sketch of the text (a one-bit MinHash
	// over word 3-shingles) used to find near-duplicates: re-publications
	// with small edits land within a few bits of each other.
	Sketch uint64 `json:"-"`
	// DuplicateOf names the article this one re-publishes with small edits.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Notes record what the reader had to do to the input (for example
	// "decoded from Windows-1252").
	Notes []string `json:"notes,omitempty"`
	// Added is when the article entered the store.
	Added time.Time `json:"added,omitzero"`
}

// Span is a piece of an article's text with its byte offsets.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Sentence is one sentence of an article, located by offsets.
type Sentence struct {
	ArticleID string `json:"article_id"`
	Index     int    `json:"index"` // 0-based position in the article
	Span
}

// Actor is one side of an event: the CAMEO code it resolved to and the text
// it came from.
type Actor struct {
	// Code is a CAMEO actor code: a primary part (ISO-3166 alpha-3 country,
	// CAMEO region or transnational type) then 3-letter roles, e.g. "USAGOV".
	// Empty when the phrase had no code.
	Code string `json:"code"`
	// Text is the noun phrase in the sentence ("U.S. Secretary of State
	// Antony Blinken").
	Text string `json:"text"`
	// Entity is the named individual or organisation, when one matched
	// ("Antony Blinken").
	Entity string `json:"entity,omitempty"`
	// Start and End locate Text in the article.
	Start int `json:"start"`
	End   int `json:"end"`
	// Resolved is set when the actor came from coreference ("he" → Blinken);
	// it holds the span of the antecedent.
	Resolved *Span `json:"resolved_from,omitempty"`
}

// Country returns the first three letters of the actor code (the country
// or primary part), or "" when there is none or it is the null "---".
func (a Actor) Country() string {
	if len(a.Code) < 3 || a.Code[:3] == "---" {
		return ""
	}
	return a.Code[:3]
}

// Modality says how sure the text is that an event happened.
type Modality string

// The modalities an event can carry.
const (
	Asserted     Modality = "asserted"
	Negated      Modality = "negated"
	Future       Modality = "future"
	Hypothetical Modality = "hypothetical"
	Reported     Modality = "reported"
	Historical   Modality = "historical"
)

// Precision is how exactly a date or place is known.
type Precision string

// Precisions for dates and places.
const (
	PrecisionDay     Precision = "day"
	PrecisionWeek    Precision = "week"
	PrecisionMonth   Precision = "month"
	PrecisionYear    Precision = "year"
	PrecisionCity    Precision = "city"
	PrecisionRegion  Precision = "region"
	PrecisionCountry Precision = "country"
)

// PLOVER is an event's type in the PLOVER ontology.
type PLOVER struct {
	Type    string `json:"type"`
	Mode    string `json:"mode,omitempty"`
	Context string `json:"context,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name      string    `json:"name"`
	Country   string    `json:"country"`          // ISO-3166 alpha-3
	Admin1    string    `json:"admin1,omitempty"` // first-level region name
	GeonameID int       `json:"geoname_id,omitempty"`
	Lat       float64   `json:"lat"`
	Lon       float64   `json:"lon"`
	Precision Precision `json:"precision"`
	Evidence  *Span     `json:"evidence,omitempty"`
}

// Claim is a statement act: who said, demanded, proposed, urged or rejected
// what, addressed to whom.
type Claim struct {
	ID        string `json:"id,omitempty"`
	ArticleID string `json:"article_id"`
	Sentence  int    `json:"sentence"`
	Speaker   Actor  `json:"speaker"`
	Verb      Span   `json:"verb"`
	Content   Span   `json:"content"`
	Addressee *Actor `json:"addressee,omitempty"`
	Stance    string `json:"stance"` // "support" or "oppose"
}

// Mention is one coded event found in one sentence of one article. The
// coder produces mentions; the store clusters mentions of one real
// happening into an Event.
type Mention struct {
	ID        string `json:"id,omitempty"`
	EventID   string `json:"event_id,omitempty"`
	ArticleID string `json:"article_id"`
	Sentence  int    `json:"sentence"`
	// URL and Outlet are the article's, filled when mentions are read back
	// from a store (the coder leaves them empty).
	URL    string `json:"url,omitempty"`
	Outlet string `json:"outlet,omitempty"`

	// Date is when the event happened: a temporal expression of the
	// sentence resolved against the article date, else the article date.
	Date          Date      `json:"date"`
	DatePrecision Precision `json:"date_precision,omitempty"`
	// DateFrom says where Date came from: "text", "article" or "unknown".
	DateFrom string `json:"date_from,omitempty"`
	DateSpan *Span  `json:"date_evidence,omitempty"`

	Source Actor `json:"source"`
	Target Actor `json:"target"`

	Code      string  `json:"code"` // CAMEO event code, e.g. "042"
	Root      string  `json:"root"` // first two digits
	QuadClass int     `json:"quad_class"`
	Goldstein float64 `json:"goldstein"`
	PLOVER    PLOVER  `json:"plover"`

	Modality Modality  `json:"modality"`
	Location *Location `json:"location,omitempty"`
	Issues   []string  `json:"issues,omitempty"`
	Claim    *Claim    `json:"claim,omitempty"`

	// Evidence is the sentence; Verb the words that triggered the code.
	Evidence Span `json:"evidence"`
	Verb     Span `json:"verb"`
	// Pattern is the dictionary pattern that matched, for explanation.
	Pattern string `json:"pattern,omitempty"`
	// Tone is the document tone of the article (positive minus negative
	// words per hundred words, as GDELT's AvgTone).
	Tone float64 `json:"tone"`

	CoderVersion string `json:"coder_version,omitempty"`
}

// Event is one real happening: the mentions of the same dyad, compatible
// code, date and place, across sentences and articles, clustered together.
type Event struct {
	ID        string    `json:"id"`
	Date      Date      `json:"date"`
	Source    Actor     `json:"source"`
	Target    Actor     `json:"target"`
	Code      string    `json:"code"`
	Root      string    `json:"root"`
	QuadClass int       `json:"quad_class"`
	Goldstein float64   `json:"goldstein"`
	PLOVER    PLOVER    `json:"plover"`
	Modality  Modality  `json:"modality"`
	Location  *Location `json:"location,omitempty"`

	NumMentions int `json:"num_mentions"`
	NumArticles int `json:"num_articles"`
	NumSources  int `json:"num_sources"`
	// Tone is the mean document tone of the articles mentioning the event.
	Tone float64 `json:"tone"`
	// Added is when the event was first stored (GDELT's DATEADDED).
	Added time.Time `json:"added,omitzero"`

	// Mentions are filled when an event is read in detail.
	Mentions []Mention `json:"mentions,omitempty"`
}
