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
// Actors, beyond the dictionaries:
//
//   - coreference (internal/coref): pronouns and definite titles ("He
//     emphasized …", "the president") code as the actor they are linked
//     to, with the antecedent on chronicle.Actor.Resolved;
//   - an office title with a person the dictionary codes as an elite on
//     the date ("President Obama" outside the tenure it knows) takes the
//     title's role; "former", "ex-", "ousted" keep ELI (data/words.txt);
//   - an agent without a country takes, in order: its possessive owner's
//     country ("its troops"), the country of the article's last actor
//     with the same role when definite ("the army"), else the one country
//     its sentence names (not armed forces, which often act abroad);
//   - "ethnic X" are civilians (---CVL), not X's namesake country;
//     two-letter abbreviations ("US") match only in capitals;
//   - a compound subject's reciprocal act (meet, consult, cooperate,
//     sign) with no other party is coded between its members;
//   - a refusal (12) or negated appeal (02) that names no party ("the
//     U.S. would not push for one") takes the party of the same
//     country's last appeal, demand or refusal in the three sentences
//     before, with that phrase as Actor.Resolved; positive acts never
//     borrow a party.
//
// Modality: negated when the verb group is negated ("did not", "never",
// "declined to", "refused to", "failed to") or a denial governs the
// clause ("denied that …") and the matched pattern does not itself read
// the negation ("NOT * [112]"); future ("will", "is to", "plans to", "is
// ready to"); hypothetical ("could", "would", "if", "unless");
// reported (attribution tail, a quotation, quote.Attribution, or the
// complement of a reporting verb); historical when the event's date
// lies more than a year before the article; else asserted. A reporting
// verb whose pattern codes the reported act ("announced it is prepared
// to impose …") takes the reported clause's modality.
//
// Announced acts (CAMEO practice): a future or hypothetical act is coded
// as the intent (03x) or threat (13x) to do it, from data/intent.txt
// ("will provide aid" 07 → 033, "plans to impose sanctions" 163 → 1312),
// unless the pattern spells out the modal itself. PETRARCH() turns this
// off (and the country defaults for agents) for dictionaries written for
// PETRARCH, whose tests expect the act's own code.
//
// Statements (01x) never own the clause they report, and never take the
// subject of that clause as their target ("Rohan said Arnor attacked
// Gondor" codes only the attack, reported). A speaker's quoted
// condemnation of a named actor ("the 'murderous assault by Israel'") is
// a criticism (111).
//
// Dates: a temporal expression of the verb's own clause (one inside a
// comma insertion dates only that insertion's verbs) gives the date, its
// precision and evidence (DateFrom "text"), unless it is after the
// article date; an anaphoric one ("the day before") counts from a date
// in its own or the previous sentence, else from the article date (a
// sentence without a date reports in the article's time). Otherwise the
// article date (DateFrom "article"). A present-tense act is never dated
// by a historical expression.
package coder
