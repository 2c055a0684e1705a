package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// eventFlags are the event filters shared by the commands that read
// events, named as in the HTTP API.
type eventFlags struct {
	actor, source, target, code, root, plover, country, modality, query, from, to *string
}

func addEventFlags(fs *flag.FlagSet) *eventFlags {
	return &eventFlags{
		actor:    fs.String("actor", "", "actor code prefix, source or target (USA, USAGOV)"),
		source:   fs.String("source", "", "source actor code prefix"),
		target:   fs.String("target", "", "target actor code prefix"),
		code:     fs.String("code", "", "CAMEO event code prefix"),
		root:     fs.String("root", "", "CAMEO root code (two digits)"),
		plover:   fs.String("plover", "", "PLOVER event type"),
		country:  fs.String("country", "", "ISO alpha-3 of the location or either actor"),
		modality: fs.String("modality", "", "asserted, negated, future, hypothetical, reported or historical"),
		query:    fs.String("q", "", "full-text query over the evidence sentences"),
		from:     fs.String("from", "", "first day, YYYY-MM-DD"),
		to:       fs.String("to", "", "last day, YYYY-MM-DD"),
	}
}

func (e *eventFlags) filter() (chronicle.EventFilter, error) {
	f := chronicle.EventFilter{
		Actor: strings.ToUpper(*e.actor), Source: strings.ToUpper(*e.source), Target: strings.ToUpper(*e.target),
		Code: *e.code, Root: *e.root, PLOVER: strings.ToUpper(*e.plover), Country: strings.ToUpper(*e.country),
		Modality: chronicle.Modality(strings.ToLower(*e.modality)), Query: *e.query,
	}
	switch f.Modality {
	case "", chronicle.Asserted, chronicle.Negated, chronicle.Future, chronicle.Hypothetical, chronicle.Reported, chronicle.Historical:
	default:
		return f, fmt.Errorf("--modality %q: want asserted, negated, future, hypothetical, reported or historical", f.Modality)
	}
	var err error
	if f.From, err = flagDate("--from", *e.from); err != nil {
		return f, err
	}
	if f.To, err = flagDate("--to", *e.to); err != nil {
		return f, err
	}
	return f, nil
}
