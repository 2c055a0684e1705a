// Package ontology holds Chronicle's CAMEO and PLOVER code tables.
//
// The tables are embedded, tab-separated files an analyst can read and
// diff: cameo.tsv lists every CAMEO event code with its name, root,
// Goldstein value, QuadClass in the GDELT and Phoenix schemes and PLOVER
// type, mode and context; actor-codes.tsv lists the CAMEO actor parts
// (regions, transnational types, roles and attributes) with the PLOVER
// sector each stands for.
//
// cameo.tsv is generated from the reference tables by ./gen; regenerate it
// with go generate when the supplement or the sources change.
package ontology

//go:generate go run ./gen ../../../shared/docs/ontology
