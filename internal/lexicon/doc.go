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
//   - (none yet)
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
// # Files
//
// LoadDir picks files by name (contracts.md): "*actors*", "*agents*",
// "*verbs*" or "*verbpatterns*", "*discards*", "*Issue*". Load takes
// explicit paths per kind and LoadFS reads an fs.FS (the embedded builtin
// set). Write prints a Dictionary back in PETRARCH-1 syntax.
package lexicon
