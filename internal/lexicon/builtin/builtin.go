// Package builtin embeds Chronicle's own dictionaries for today's world,
// written in the PETRARCH-1 dictionary language that internal/lexicon reads:
//
//	countries.actors.txt      every ISO-3166 country, seats of power, territories, CAMEO regions
//	organizations.actors.txt  IGOs, NGOs, armed and political groups
//	people.actors.txt         office holders with tenure-dated codes, 2000-2026
//	agents.txt                role nouns (president, troops, protesters, ...)
//	verbs.txt                 CAMEO verb families and patterns for all 20 roots
//	discards.txt              sports, entertainment and business-only phrasing
//	issues.txt                issue tags (ceasefire, humanitarian aid, ...)
//
// Load them with lexicon.LoadFS(ctx, builtin.FS). Each file opens with a
// comment that explains its sections and conventions.
package builtin

import "embed"

// FS holds the dictionary files at its root. It is read-only.
//
//go:embed *.txt
var FS embed.FS
