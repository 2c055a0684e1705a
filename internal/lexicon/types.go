package lexicon

import (
	"fmt"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// Kind names a dictionary file kind.
type Kind string

// The dictionary file kinds.
const (
	KindActors   Kind = "actors"
	KindAgents   Kind = "agents"
	KindVerbs    Kind = "verbs"
	KindDiscards Kind = "discards"
	KindIssues   Kind = "issues"
)

// Pos locates a line of a dictionary file.
type Pos struct {
	File string // file name as given to the loader (base name for LoadDir/LoadFS)
	Line int    // 1-based line number
}

// String formats the position as "file:line".
func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Phrase is a dictionary phrase: the text as written and its tokens.
type Phrase struct {
	// Text is the phrase as written in the file, without markers that
	// belong to the line rather than the phrase (the leading "+" of a
	// synonym, the trailing "_" word stop), e.g. "UNITED_STATES".
	Text string
	// Words are the normalised tokens a sentence must contain, in order
	// and adjacent: SplitPhrase(Text), e.g. ["united", "states"].
	Words []string
}

// DatedCode is an actor code, optionally valid only between two dates.
type DatedCode struct {
	// Code is the CAMEO actor code as written ("USAGOV", "---GOV"). A
	// "/" separates alternative codes ("ELR/GAL"); Codes splits them.
	Code string
	// From and To bound the dates the code applies to, inclusive. A zero
	// From means "since always", a zero To "until now". A code with both
	// zero is a default code.
	From, To chronicle.Date
	// Pos is the line the code was written on.
	Pos Pos
}

// Restricted reports whether the code carries a date restriction.
func (c DatedCode) Restricted() bool { return !c.From.IsZero() || !c.To.IsZero() }

// Covers reports whether d is within the code's date bounds. An
// unrestricted code covers every date, including the zero (unknown) date;
// a restricted code never covers the zero date.
func (c DatedCode) Covers(d chronicle.Date) bool {
	if !c.Restricted() {
		return true
	}
	if d.IsZero() {
		return false
	}
	if !c.From.IsZero() && d.Before(c.From) {
		return false
	}
	if !c.To.IsZero() && c.To.Before(d) {
		return false
	}
	return true
}

// Codes splits Code on "/" into its alternatives.
func (c DatedCode) Codes() []string { return strings.Split(c.Code, "/") }

// Actor is one entry of an actors file: a named entity and its codes.
type Actor struct {
	// Primary is the entry's first phrase ("BARACK_OBAMA").
	Primary Phrase
	// Synonyms are the "+" lines under the entry ("+PRESIDENT_OBAMA").
	Synonyms []Phrase
	// Codes are the entry's codes in file order: the code on the primary
	// line (if any) then the tab-indented lines. See CodeAt.
	Codes []DatedCode
	// Comment is the text after "#" on the primary line, if any.
	Comment string
	// Pos is the primary line.
	Pos Pos
}

// Phrases returns the primary phrase followed by the synonyms.
func (a *Actor) Phrases() []Phrase {
	out := make([]Phrase, 0, 1+len(a.Synonyms))
	out = append(out, a.Primary)
	return append(out, a.Synonyms...)
}

// CodeAt returns the actor's code on date d, PETRARCH-style: the first
// date-restricted code (in file order) whose bounds cover d, else the
// first unrestricted (default) code, else "". With a zero d only default
// codes apply. Alternatives ("ELR/GAL") are returned as written; use
// CodeEntryAt and DatedCode.Codes to split them.
func (a *Actor) CodeAt(d chronicle.Date) string {
	if c, ok := a.CodeEntryAt(d); ok {
		return c.Code
	}
	return ""
}

// CodeEntryAt is CodeAt returning the whole DatedCode (with its line).
func (a *Actor) CodeEntryAt(d chronicle.Date) (DatedCode, bool) {
	if !d.IsZero() {
		for _, c := range a.Codes {
			if c.Restricted() && c.Covers(d) {
				return c, true
			}
		}
	}
	for _, c := range a.Codes {
		if !c.Restricted() {
			return c, true
		}
	}
	return DatedCode{}, false
}

// Entity returns the name of the entity for chronicle.Actor.Entity: the
// primary phrase with "_" as spaces and words in title case ("BARACK_OBAMA"
// → "Barack Obama"); words with periods or digits keep their case
// ("U.S.").
func (a *Actor) Entity() string { return titlePhrase(a.Primary.Text) }

// Placement says where an agent's code goes relative to the country code.
type Placement uint8

// Agent code placements.
const (
	// Suffix: "[~GOV]" — the code follows the country: "GON" + "GOV" →
	// "GONGOV"; with no country, "---GOV".
	Suffix Placement = iota
	// Prefix: "[NGO~]" — the code precedes the country: "NGO" + "GON" →
	// "NGOGON"; with no country, "NGO".
	Prefix
)

// Agent is one entry of an agents file: a generic role and its code.
type Agent struct {
	// Phrase is the phrase as written (after substitution-set expansion:
	// one Agent is produced per member of a "!SET!" used in the line).
	Phrase Phrase
	// Code is the agent code without the "~" ("GOV", "GOVFRM", "NGO").
	Code string
	// Placement is Suffix for "[~CODE]", Prefix for "[CODE~]".
	Placement Placement
	// Plurals are the plural phrases: the "{...}" irregular plurals when
	// given, else generated regular plurals of the last word (-s, -es,
	// -ies); empty when the line has "{}" (plurals suppressed).
	Plurals []Phrase
	// NoPlural is set when the line has an empty "{}".
	NoPlural bool
	// Line is the original line text (comment removed), for writing back
	// and explanations; Comment the text after "#".
	Line    string
	Comment string
	Pos     Pos
}

// Apply combines the agent code with a country (or other primary) code,
// honouring Placement; an empty or "---" country gives "---CODE" for a
// suffix agent and "CODE" for a prefix agent.
func (g *Agent) Apply(country string) string {
	if country == "---" {
		country = ""
	}
	if g.Placement == Prefix {
		return g.Code + country
	}
	if country == "" {
		country = "---"
	}
	return country + g.Code
}

// Synset is a named word list ("&CURRENCY" then "+DOLLAR" lines) that
// verb patterns and other synsets refer to by name.
type Synset struct {
	// Name is the synset name with "&" and any trailing "_" removed,
	// upper-case as written ("CURRENCY").
	Name string
	// Members are the "+" lines as written. A member whose Text starts
	// with "&" refers to another synset, whose members it includes.
	Members []Phrase
	// NoPlural is set for members written with a trailing "_" (which
	// blocks the automatic plural), indexed like Members.
	NoPlural []bool
	// Forms are all token sequences the synset matches: each member, its
	// generated plural (unless NoPlural), and the forms of referenced
	// synsets, expanded. Filled by Compile.
	Forms [][]string
	Pos   Pos
}

// VerbFamily is one "--- LABEL [code] ---" block of a verbs file: verbs
// that share patterns.
type VerbFamily struct {
	// Label is the block name ("ABANDON", "PHYSICAL_CONFLICT").
	Label string
	// Code is the family's default event code: what a verb of the family
	// codes when no pattern matches. "---" means "no event", and is
	// also what a header without a code gets (PETRARCH's default). A paired header code
	// "[a:b]" is split into Code and Paired.
	Code   string
	Paired string
	// Verbs are the verbs of the family, in file order.
	Verbs []Verb
	// Patterns are the "- ... * ... [code]" lines, in file order (PETRARCH
	// tries them in that order within each specificity class).
	Patterns []Pattern
	// Line is the header line as written; Pos its position.
	Line string
	Pos  Pos
}

// Verb is one verb line of a family ("STRIKE {STRIKES STRUCK STRIKING}",
// "+CORDON_OFF {...}", "KLM_NOP_+RST [002]").
type Verb struct {
	// Phrase is the verb as written, without the "+" markers: "CORDON_OFF".
	Phrase Phrase
	// Head is the index in Phrase.Words of the inflected word: the word
	// marked with "+" in a multi-word verb, else the first word.
	Head int
	// Code overrides the family code for this verb when the line carries
	// its own "[code]"; "" inherits VerbFamily.Code. Paired is the second
	// half of "[a:b]".
	Code   string
	Paired string
	// Irregular are the "{...}" forms as written (with "+" markers
	// removed); when present the regular forms are not generated for the
	// forms they replace.
	Irregular []Phrase
	// Forms are every surface form the verb matches, as token sequences:
	// the base, the generated regular forms (-s, -ed, -ing, applied to the
	// head word) and the irregular forms. FormHeads[i] is the index of the
	// inflected word in Forms[i].
	Forms     [][]string
	FormHeads []int
	// Line is the line as written (comment removed); Comment the text
	// after "#".
	Line    string
	Comment string
	Pos     Pos
}

// ElemKind is the kind of one element of a verb pattern.
type ElemKind uint8

// Pattern element kinds.
const (
	// ElemWord is a literal word; Elem.Text is its normalised form.
	ElemWord ElemKind = iota
	// ElemSynset is "&NAME": any form of the synset (Elem.Text = NAME).
	ElemSynset
	// ElemSource is "$": the source actor is the noun phrase here.
	ElemSource
	// ElemTarget is "+": the target actor is the noun phrase here.
	ElemTarget
	// ElemCompound is "%": a compound actor here is both source and target
	// (events are coded both ways, see Pattern.Paired).
	ElemCompound
	// ElemSkip is "^": skip one noun phrase (or word) here.
	ElemSkip
	// ElemVerb is "*": the verb. It never appears in Pattern.Pre/Post (the
	// pattern is split at it); it is listed for completeness of Elems.
	ElemVerb
	// ElemPhrase is "{ ... }": a group of elements that must match as a
	// unit (PETRARCH-2 style); Elem.Elems holds them.
	ElemPhrase
	// ElemPrep is "( PREP ... )": a prepositional phrase headed by
	// Elem.Text, with Elem.Elems the rest (PETRARCH-2 style).
	ElemPrep
)

// String names the kind.
func (k ElemKind) String() string {
	switch k {
	case ElemWord:
		return "word"
	case ElemSynset:
		return "synset"
	case ElemSource:
		return "source"
	case ElemTarget:
		return "target"
	case ElemCompound:
		return "compound"
	case ElemSkip:
		return "skip"
	case ElemVerb:
		return "verb"
	case ElemPhrase:
		return "phrase"
	case ElemPrep:
		return "prep"
	}
	return fmt.Sprintf("ElemKind(%d)", k)
}

// Elem is one element of a verb pattern.
type Elem struct {
	Kind ElemKind
	// Text is the normalised word (ElemWord), the synset name without "&"
	// (ElemSynset), or the preposition (ElemPrep); "" otherwise.
	Text string
	// Tight is set when the element was joined with "_" to its neighbour
	// on the verb side (for Pre elements the element after it, the last
	// Pre element's neighbour being the verb; for Post elements the one
	// before it, the first Post element's neighbour being the verb): no
	// words may come between the two. Without Tight, other words may
	// intervene.
	Tight bool
	// Elems are the members of an ElemPhrase or ElemPrep group.
	Elems []Elem
}

// Pattern is one pattern line of a verb family:
//
//   - PRE WORDS * POST WORDS [code] # comment
type Pattern struct {
	// Pre are the elements before the verb, Post those after it, each in
	// sentence order.
	Pre, Post []Elem
	// Code is the event code ("---" for "no event"). Paired is the second
	// half of a paired code "[a:b]": with a compound (%) or reciprocal
	// reading, Code is coded source→target and Paired target→source.
	Code   string
	Paired string
	// Family is the index of the pattern's family in Verbs.Families.
	Family int
	// Line is the pattern line as written (comment removed) and Comment
	// the text after "#"; Pos its position. Use them to explain a code.
	Line    string
	Comment string
	Pos     Pos
}

// Specificity is the number of literal words, synsets and actor slots in
// the pattern: a matcher should prefer the more specific of two matching
// patterns.
func (p *Pattern) Specificity() int { return len(p.Pre) + len(p.Post) }

// Verbs is the content of one or more verbs files.
type Verbs struct {
	// Synsets by name (without "&").
	Synsets map[string]*Synset
	// Families in file order; Pattern.Family indexes this slice.
	Families []VerbFamily
	// Transforms are PETRARCH-2 transformation lines (CAMEO.2.0.txt);
	// PETRARCH-1 files have none.
	Transforms []Transform
}

// Transform is a PETRARCH-2 transformation line,
//
//	~ a (a b ATTACK) SAY = a b 015
//
// which rewrites an event nested in another (a says that a attacked b)
// into a simpler one (a → b, code 015). Left and Right are the two sides
// of "=" split into fields as written: lower-case letters are actor
// variables, "_" and "." stand for an unspecified or the same actor,
// upper-case words are verb-family labels, and the last field of Right
// is the resulting code (or a variable such as "Q" for "the nested
// code").
type Transform struct {
	Left, Right []string
	Line        string
	Pos         Pos
}

// Discard is one line of a discards file.
type Discard struct {
	Phrase Phrase
	// Story is set for "+" lines: the whole story is dropped, not just
	// the sentence.
	Story bool
	// Whole is set when the phrase ends in "_": its last word must match
	// a whole token. Otherwise the last word may be a prefix of a token
	// ("BALLCLUB" matches "ballclubs").
	Whole   bool
	Comment string
	Pos     Pos
}

// Issue is one line of an issues file.
type Issue struct {
	// Phrase is the phrase as written ("n:bachelor n:degree",
	// "early+childhood education").
	Phrase Phrase
	// Code is the issue code ("EARLY_CHILDHOOD_EDUCATION"); "" for an
	// Ignore line.
	Code string
	// Category is the enclosing <ISSUE CATEGORY="..."> block, if any.
	Category string
	// Ignore is set for "~" lines: when the phrase occurs in a sentence,
	// no issue of the same Category (of any category when the line is
	// outside a block) is coded for that sentence. Story is set for "~~"
	// lines, which PETRARCH applies to the whole story.
	Ignore bool
	Story  bool
	// Forms are the token sequences the line matches: "n:" words expand
	// to singular and plural, "v:" words to the verb forms, and "a+b"
	// to "a b" and "a-b".
	Forms   [][]string
	Comment string
	Pos     Pos
}

// Dictionary is a loaded and compiled set of dictionaries.
type Dictionary struct {
	Actors   []Actor
	Agents   []Agent
	Verbs    Verbs
	Discards []Discard
	Issues   []Issue

	// Files lists the files loaded, per kind, in load order.
	Files map[Kind][]string
	// Warnings counts lines that were skipped or repaired while loading
	// (each was logged with its file:line).
	Warnings int

	idx *index // compiled matchers, built by Compile
}
