// Package coref links the anaphors of an article to the actors they stand
// for, so that a sentence coded on its own ("He emphasized the importance
// of …") still gets its actor.
//
// It reads the language layer's annotations (text.Doc: tokens with tags,
// noun-phrase chunks, quotations and their speakers) and the actor
// dictionary, and links:
//
//   - personal pronouns: he, she, him, her, they, them, it, and his, her,
//     its, their as the determiner of a subject noun phrase, to the most
//     salient compatible antecedent (subjects of the same and the previous
//     sentences first, then earlier subjects, then objects), checking
//     gender (titles, a list of first names) and number; "it" only to a
//     country or organisation; inside a quotation "I" and "we" to the
//     quotation's speaker;
//   - definite titles: "the president", "the foreign minister", "the
//     secretary" to the most recent person named with that title (or a
//     person the dictionary codes with the title's role, when the text
//     gave no title);
//   - surnames and partial names: "Abbas", "President Abbas" after
//     "Palestinian President Mahmoud Abbas";
//   - aliases: another phrase of the same dictionary actor ("the U.S.",
//     "Washington" after "the United States"; "Abu Mazen").
//
// Each link carries the antecedent's most informative mention (the full
// name with its title), its actor code on the article date and its entity
// name, so the coder can code the anaphor as the antecedent.
//
// # How the coder uses it
//
// Build one Resolver with New(dict) next to the coder and call Resolve
// once per document with the date used for tenures (Antecedent caches one
// document behind a lock; do not call it per phrase from parallel
// workers). While finding actor pieces, Lookup(links, first, last) the
// words at hand:
//   - a pronoun or title link with a Code ("He", "the president") becomes
//     an actor piece over those words with the link's Code and Entity;
//   - a surname or alias link keeps the dictionary's own code and only
//     marks the actor as resolved;
//   - a possessive link ("his government") keeps the phrase and its agent
//     and takes the country (first three letters of Code) from the link,
//     so PSE + GOV gives PSEGOV;
//   - links with an empty Code are ignored.
//
// The coded chronicle.Actor keeps the anaphor's own words in Text, Start
// and End and sets Resolved to Link.Span(doc), the antecedent's mention.
package coref

import (
	"sort"
	"sync"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/text"
)

// Link kinds.
const (
	KindPronoun = "pronoun" // he, she, him, her, they, it, I/we in a quotation
	KindTitle   = "title"   // the president, the foreign minister
	KindSurname = "surname" // Abbas, President Abbas after Mahmoud Abbas
	KindAlias   = "alias"   // another phrase of the same dictionary actor
)

// Link ties an anaphor to its antecedent.
type Link struct {
	// Sentence is the anaphor's sentence (index into Doc.Sentences).
	Sentence int
	// From is the anaphor's token range [first, last) in Doc.Tokens.
	From [2]int
	// To is the token range of the antecedent's most informative mention:
	// the full name with its title ("U.S. Secretary of State Antony
	// Blinken"). It may lie in an earlier sentence.
	To [2]int
	// Kind is KindPronoun, KindTitle, KindSurname or KindAlias.
	Kind string
	// Code is the antecedent's actor code on the article date, "" when it
	// has none (a person the dictionary does not know, with no title or
	// country to compose one from).
	Code string
	// Entity is the antecedent's name: the dictionary entity ("Antony
	// Blinken") or the name as written; "" for unnamed groups.
	Entity string
	// Possessive is set for "his", "her", "its", "their": the phrase the
	// determiner opens ("his government") belongs to the antecedent but
	// is not the antecedent itself.
	Possessive bool
}

// Span returns the antecedent's text and byte offsets in doc, the value
// for chronicle.Actor.Resolved.
func (l Link) Span(doc *text.Doc) chronicle.Span {
	a, b := l.To[0], l.To[1]
	if a < 0 || b > len(doc.Tokens) || a >= b {
		return chronicle.Span{}
	}
	s, e := doc.Tokens[a].Start, doc.Tokens[b-1].End
	return chronicle.Span{Text: doc.Text[s:e], Start: s, End: e}
}

// Resolver holds the compiled word lists and the dictionary. It is safe
// for concurrent use; build it once with New.
type Resolver struct {
	dict *lexicon.Dictionary
	tab  *tables
	pool sync.Pool // *state

	// The links of the last document Antecedent was asked about.
	mu        sync.Mutex
	lastDoc   *text.Doc
	lastDate  chronicle.Date
	lastLinks []Link
}

// New builds a resolver over dict (nil: no dictionary; names, titles and
// pronouns still resolve, without codes).
func New(dict *lexicon.Dictionary) (*Resolver, error) {
	tab, err := loadTables()
	if err != nil {
		return nil, err
	}
	if dict != nil {
		// Compile the matchers now: the dictionary compiles lazily on
		// first use, which must not happen from concurrent Resolve calls.
		dict.LongestActor(nil, 0)
	}
	r := &Resolver{dict: dict, tab: tab}
	r.pool.New = func() any { return new(state) }
	return r, nil
}

// Resolve links the anaphors of doc with a resolver built for the call.
// Build a Resolver with New and call its Resolve method when resolving
// more than one document. It returns nil only if the embedded word lists
// are broken, which the package tests rule out.
func Resolve(doc *text.Doc, dict *lexicon.Dictionary, date chronicle.Date) []Link {
	r, err := New(dict)
	if err != nil {
		return nil
	}
	return r.Resolve(doc, date)
}

// Resolve returns the links of doc, ordered by anaphor position. Actor
// codes are taken on date (the article date; doc.Date when zero).
func (r *Resolver) Resolve(doc *text.Doc, date chronicle.Date) []Link {
	if doc == nil || len(doc.Sentences) == 0 {
		return nil
	}
	if date.IsZero() {
		date = doc.Date
	}
	st := r.pool.Get().(*state)
	st.reset(r, doc, date)
	st.run()
	var out []Link
	if len(st.links) > 0 {
		out = make([]Link, len(st.links))
		copy(out, st.links)
		sort.Slice(out, func(i, j int) bool { return out[i].From[0] < out[j].From[0] })
	}
	st.doc = nil
	r.pool.Put(st)
	return out
}

// Antecedent returns the link of the anaphor at tokens [first, last) of
// the given sentence: a link whose anaphor is exactly that range, else
// one whose anaphor lies inside it and starts it ("his government" gives
// the possessive "his"). The links of the last document asked about are
// kept, so calling it for each actor phrase of a document resolves the
// document once; with several documents in flight, Resolve each once
// and use Lookup instead.
func (r *Resolver) Antecedent(doc *text.Doc, sentence, first, last int) (Link, bool) {
	if doc == nil {
		return Link{}, false
	}
	r.mu.Lock()
	if r.lastDoc != doc || r.lastDate != doc.Date {
		r.lastLinks = r.Resolve(doc, doc.Date)
		r.lastDoc, r.lastDate = doc, doc.Date
	}
	links := r.lastLinks
	r.mu.Unlock()
	l, ok := Lookup(links, first, last)
	if !ok || l.Sentence != sentence {
		return Link{}, false
	}
	return l, true
}

// Lookup finds in links (as Resolve returns them, ordered by anaphor) the
// link of the anaphor at tokens [first, last): exactly that range, else
// one inside it that starts it.
func Lookup(links []Link, first, last int) (Link, bool) {
	i := sort.Search(len(links), func(i int) bool { return links[i].From[0] >= first })
	if i < len(links) && links[i].From[0] == first && links[i].From[1] <= last {
		for j := i; j < len(links) && links[j].From[0] == first; j++ {
			if links[j].From[1] == last {
				return links[j], true
			}
		}
		return links[i], true
	}
	return Link{}, false
}
