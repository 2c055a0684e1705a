// Package lexicon reads the PETRARCH-1 / TABARI dictionary language that
// event-coding dictionaries (Phoenix, the PETRARCH validation set,
// Chronicle's own builtin set) are written in, and compiles it into
// structures a coder can match against tokenised sentences.
//
// # API changes
//
// The public types below are used by internal/coder. Changes are additive
// only and are listed here, newest first:
//
//   - Added a JSON dictionary format (JSONFormat, WriteJSON,
//     Dictionary.ParseJSON, IsJSONName): the loaders read files named
//     "*.json" in it, so conversion goes both ways; Dictionary.ByFile
//     splits a dictionary by source file for converters.
//   - Added Lint, CodeBook (actor and event codes against the ontology and
//     country-codes.tsv), Finding, SortFindings and WarningCollector (a
//     logger that keeps loader warnings as findings) for "chronicle dict
//     lint"; Dictionary.Explain for "chronicle dict explain".
//   - Added Verbs.Transforms (PETRARCH-2 "~" lines) so CAMEO.2.0.txt can
//     be read with Load(Files{Verbs: ...}); its "{...}" and "(PREP ...)"
//     pattern groups parse into ElemPhrase and ElemPrep.
//   - Added Dictionary.Merge (layer dictionaries; first definition wins).
//     Loaders now parse files concurrently and merge them in order.
//   - Added Issue.Story ("~~" lines), Kinds, KindOf, Options with the
//     *With variants of the loaders (LoadWith, LoadDirWith, LoadFSWith,
//     ParseWith), Dictionary.Parse, PatternString and ErrSyntax.
//   - VerbFamily.Code is "---" (not "") for a header without a code, as
//     PETRARCH reads it.
//   - IssuesIn: an Ignore phrase cancels the issues of its category for
//     the sentence (PETRARCH's rule), rather than only overlapping ones.
//
// # Model
//
// A Dictionary holds five kinds of entries, one per file kind:
//
//   - Actors: named entities (countries, people, organisations) with a
//     primary phrase, synonyms and CAMEO codes that may be restricted by
//     date (Actor.CodeAt).
//   - Agents: generic roles ("minister", "police") whose code is combined
//     with a country code (Agent.Apply).
//   - Verbs: synsets (&NAME word lists), and verb families ("--- LABEL
//     [code] ---" blocks) holding verbs and the patterns that refine the
//     family's code.
//   - Discards: phrases that drop a sentence or a whole story.
//   - Issues: phrases that tag a sentence with an issue code.
//
// Every entry keeps its Pos (file:line) so a coder can explain which line
// of which file produced a code.
//
// # Tokens
//
// Dictionary phrases are split into tokens with SplitPhrase, which follows
// the same Penn-Treebank conventions as internal/text: words are
// lower-cased (Normalize), "_" and spaces separate words, "'s" and "n't"
// are split off as their own tokens ("DON'T" → "do", "n't"), and internal
// periods and hyphens stay inside a token ("U.S.", "barad-dur"). Matchers
// take []string of normalised tokens — text.Token.Norm values — so a
// coder passes the Norm of each sentence token.
//
// # Matching
//
// After loading (or after Compile on a hand-built Dictionary) the
// Dictionary answers:
//
//   - LongestActor / LongestAgent: the longest actor or agent phrase that
//     starts at a token position.
//   - VerbsAt: the verbs (single or multi-word) whose inflected word is at
//     a token position, with the token range they cover.
//   - SynsetMatch: whether a synset member starts at a position.
//   - DiscardIn, IssuesIn: discard and issue phrases in a sentence.
//
// # Dictionary language details
//
// Comments are "#" (anywhere on a line, outside "[...]"), TABARI's ";",
// and XML comments "<!-- ... -->" which may span lines; a line starting
// "<!" is skipped. Dates in actor restrictions are YYYYMMDD or YYMMDD
// (YY 00-30 is 20YY, else 19YY), bounds inclusive; when several
// restrictions cover a date the first in the file wins. PETRARCH-1 does
// no stemming, so a trailing "_" on a phrase is dropped, except in
// discards, where it asks for a whole-word match (otherwise the last word
// is a stem). Verb forms are generated as PETRARCH does (-s/-es, -ed/-d,
// -ing) plus the regular English spellings (denied, stopped, ...); "{...}"
// on a verb lists all its other forms and turns generation off. Within a
// phrase PETRARCH lets other words intervene where the file has a space
// rather than "_"; the compiled matchers here match tokens contiguously
// and keep Phrase.Text for matchers that want the looser reading.
//
// Lines the loaders cannot use are skipped with a slog warning naming
// file and line, and counted in Dictionary.Warnings; only I/O errors,
// unknown kinds and cancellation fail a load. The Phoenix set loads with
// 27 such warnings (malformed dates, codeless issue lines, patterns with
// two "*" or none, one "[~ENV}" typo that is repaired).
//
// # Files
//
// LoadDir picks files by name (contracts.md): "*actors*", "*agents*",
// "*verbs*" or "*verbpatterns*", "*discards*", "*Issue*"; PETRARCH-2's
// CAMEO.2.0.txt matches none of these and is skipped (it is a second,
// head-based verb dictionary; pass it explicitly as a verbs file to read
// it, in which case its patterns' element lists follow its four-slot
// "preNP prePP * postNP postPP" layout). Load takes
// explicit paths per kind and LoadFS reads an fs.FS (the embedded builtin
// set). Write prints a Dictionary back in PETRARCH-1 syntax.
package lexicon
