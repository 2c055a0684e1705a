// Package coder turns analysed articles (text.Doc) into coded event
// mentions with PETRARCH/TABARI dictionaries (lexicon.Dictionary) and the
// CAMEO/PLOVER table (ontology.Table). It reads raw text through the
// language layer, without a constituency parser.
//
// # Needs from lexicon
//
// Nothing blocking. Speed: Dictionary.LongestActor/LongestAgent/
// DiscardIn are a third of the coder's time with the Phoenix set (a
// map per trie node); a flatter trie would help the 10,000 sentences/s
// target. The coder derives what it needs that lexicon does not index:
// actor phrases written with spaces ("ITHILEN TELEVISION") are matched
// with up to two words between their parts, from Phrase.Text.
//
// # How a sentence is coded
//
//  1. Discards: a story discard anywhere drops the article, a sentence
//     discard its sentence.
//  2. Actors: at each word the longest actor or agent phrase is a piece;
//     pieces of one noun phrase join into a unit whose code is the
//     actor's code on the article date (tenure restrictions) combined
//     with the agent's ("Gondor's foreign minister" → GONGOVFRM; "MSF
//     Arnor" → NGOARN; an agent alone → ---GOV). Units joined by "and",
//     "or" and list commas form compounds; an agent followed by "of",
//     "from" or "in" takes the countries after it ("soldiers from Arnor
//     and Gondor" → ARNMIL, GONMIL); a bare compound forwards its first
//     member's country ("Danish media and government"). A place inside a
//     company name ("HMO America Inc") is not an actor.
//  3. Verbs: dictionary verb forms (multi-word ones included) used as
//     verbs (part-of-speech tags, or no determiner before them), with
//     their verb group: negation, modal (future, hypothetical), passive.
//  4. Clauses: an attribution tail (", a senior official said on
//     Saturday") is its own clause; comma insertions opening with a
//     preposition or relative word are their own clauses; a clause after
//     a subordinator, or the complement of an earlier verb ("Rohan said
//     Arnor attacked Gondor"), has its own subject; a verb after "and"
//     shares the subject of the one before.
//  5. Patterns (PETRARCH-1 semantics): the words before "*" are matched
//     backwards from the verb, those after it forwards; "_" joins words
//     that must be adjacent, otherwise words may intervene; "$" is the
//     source, "+" the target, "%" a compound coded both ways, "^" skips
//     a noun phrase, "&NAME" a synset, "{…}" and "(PREP …)" groups. The
//     most specific matching pattern (words, synset words and slots)
//     wins, the earlier on ties; "---" means no event. Without a pattern
//     the verb's own code, else its family's, applies; a verb without a
//     code codes nothing (never a made-up fallback).
//  6. Actors of the event: the pattern's slots, else the first actor of
//     the clause before the verb (source) and the first after it
//     (target). A passive verb takes its source from a "by" phrase and
//     its subject as target; without "by" it has no source.
//  7. A coded verb owns the rest of its clause: later verbs up to the
//     next coordinated verb or the attribution tail are not coded
//     separately (PETRARCH-1's behaviour), except after a bare statement
//     (code 010), whose complement is the event being reported.
//  8. Events: one per source–target pair of compounds, both ways for a
//     paired code "[a:b]"; require_dyad drops events missing an actor;
//     an actor never acts on itself.
//
// Modality: negated when the verb group is negated and the matched
// pattern does not itself read the negation ("NOT * [112]"); future
// ("will"), hypothetical ("could", "would", "if"), reported (attribution
// tail, or the complement of a reporting verb), else asserted.
package coder
