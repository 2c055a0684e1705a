// Package pipeline runs Chronicle end to end: articles are read and
// stored, analysed by the language layer, coded into event mentions,
// located, scored for tone, and written back to the store, where mentions
// are clustered into events. It is the one place that wires the stages
// together; each stage stays ignorant of the others.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/claims"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/geo"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
	"github.com/chronicle-dev/chronicle/internal/ontology"
	"github.com/chronicle-dev/chronicle/internal/store"
	"github.com/chronicle-dev/chronicle/internal/text"
	"github.com/chronicle-dev/chronicle/internal/tone"
)

// Coding is the understand-and-code stack: everything needed to turn one
// article into stored sentences and mentions. It is safe for concurrent
// use; load it once.
type Coding struct {
	Analyzer *text.Analyzer
	Coder    *coder.Coder
	Places   *geo.Gazetteer
	Tone     *tone.Scorer
	// Claims finds statement acts; mentions coded from a claim's verb
	// carry the claim. Nil finds none.
	Claims *claims.Finder
	// Version names the coder and the exact dictionaries it was built
	// with; an article coded under another version is coded again.
	Version string
}

// EventDataOptions are the coder options for building an event data set
// (chronicle run, serve, and scoring event reports): one-sided events —
// "protesters rallied in Nairobi", "gunmen attacked a convoy" — are kept,
// as PLOVER and conflict data sets record them, where PETRARCH's
// require_dyad default (coder.DefaultOptions, used by chronicle code)
// drops them.
func EventDataOptions() coder.Options {
	o := coder.DefaultOptions()
	o.RequireDyad = false
	return o
}

// Config says which dictionaries and options to code with.
type Config struct {
	DictDir string // PETRARCH-format dictionaries; "" for the built-in ones
	Options coder.Options
	// Conventions: "chronicle" (announced acts as intents or threats,
	// agents take their sentence's country), "petrarch" (PETRARCH-1's
	// literal behaviour), or "" / "auto": petrarch for a dictionary
	// directory, chronicle for the built-in dictionaries.
	Conventions string
}

// Load builds the coding stack.
func Load(ctx context.Context, cfg Config) (*Coding, error) {
	an, err := text.NewAnalyzer()
	if err != nil {
		return nil, fmt.Errorf("language models: %w", err)
	}
	dict, digest, err := LoadDictionary(ctx, cfg.DictDir)
	if err != nil {
		return nil, err
	}
	tab, err := ontology.New()
	if err != nil {
		return nil, fmt.Errorf("code tables: %w", err)
	}
	gaz, err := geo.Load()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	sc, err := tone.New()
	if err != nil {
		return nil, fmt.Errorf("tone lexicon: %w", err)
	}
	cf, err := claims.New(dict)
	if err != nil {
		return nil, fmt.Errorf("claim verbs: %w", err)
	}
	cd := coder.New(dict, tab, cfg.Options)
	switch cfg.Conventions {
	case "petrarch":
		cd = cd.PETRARCH()
	case "", "auto":
		if cfg.DictDir != "" {
			// Dictionaries written for PETRARCH expect its conventions.
			cd = cd.PETRARCH()
		}
	case "chronicle":
	default:
		return nil, fmt.Errorf("unknown conventions %q (want auto, chronicle or petrarch)", cfg.Conventions)
	}
	return &Coding{
		Analyzer: an,
		Coder:    cd,
		Places:   gaz,
		Tone:     sc,
		Claims:   cf,
		Version:  fmt.Sprintf("%s+%s", coder.Version, digest[:12]),
	}, nil
}

// LoadDictionary loads the PETRARCH-format dictionaries in dir, or the
// built-in ones when dir is empty, and returns a digest of their bytes
// (the dictionaries' part of the coder version).
func LoadDictionary(ctx context.Context, dir string) (*lexicon.Dictionary, string, error) {
	var fsys fs.FS = builtin.FS
	name := "built-in dictionaries"
	if dir != "" {
		fsys, name = os.DirFS(dir), "dictionaries "+dir
	}
	digest, err := digestFS(fsys)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", name, err)
	}
	var d *lexicon.Dictionary
	if dir == "" {
		d, err = lexicon.LoadFS(ctx, builtin.FS)
	} else {
		d, err = lexicon.LoadDir(ctx, dir)
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", name, err)
	}
	return d, digest, nil
}

// digestFS hashes the name and bytes of every dictionary file (.txt in
// PETRARCH syntax, .json as chronicle dict convert writes), in name order.
func digestFS(fsys fs.FS) (string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); d.Type().IsRegular() && (ext == ".txt" || ext == ".json") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00", n)
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Result is one article analysed and coded.
type Result struct {
	Doc      *text.Doc
	Coded    store.CodedArticle
	Tone     float64
	Rejected error
	// Claims are every statement act found in the article, linked to
	// mentions or not (only linked ones reach the store, with their
	// mention).
	Claims []chronicle.Claim
}

// Code analyses and codes one article: sentences, mentions with their
// place and the article's tone, ready for store.PutCoded.
func (c *Coding) Code(a chronicle.Article) Result {
	doc := c.Analyzer.Analyze(a.Text, a.Date)
	ms := c.Coder.Code(doc, a)
	t := c.Tone.Score(a.Text)
	var gctx geo.Context
	if len(ms) > 0 {
		gctx = c.Places.ArticleContext(a.Text)
	}
	var last *chronicle.Mention // the previous located mention
	for i := range ms {
		m := &ms[i]
		m.Tone = t
		m.CoderVersion = c.Version
		if m.Location == nil {
			m.Location = c.locate(a.Text, m, last, gctx)
		}
		if m.Location != nil {
			last = m
		}
	}
	var cs []chronicle.Claim
	if c.Claims != nil {
		cs = c.Claims.Find(doc, a, ms)
		claims.Link(cs, ms)
	}
	ss := make([]chronicle.Sentence, len(doc.Sentences))
	for i, s := range doc.Sentences {
		ss[i] = chronicle.Sentence{ArticleID: a.ID, Index: i,
			Span: chronicle.Span{Text: a.Text[s.Start:s.End], Start: s.Start, End: s.End}}
	}
	return Result{
		Doc:    doc,
		Tone:   t,
		Claims: cs,
		Coded:  store.CodedArticle{ArticleID: a.ID, CoderVersion: c.Version, Sentences: ss, Mentions: ms},
	}
}

// locate finds where a mention's event happened: the gazetteer's choice
// among the sentence's places (else the dateline). A country named as one
// of a statement's own actors ("Abbas urged the U.S. …", "Russia accused
// Ukraine") says who spoke or to whom, not where: for verbal events the
// place of the article's previous event within two sentences is taken
// instead, and else the event stays unlocated rather than wrongly located.
func (c *Coding) locate(text string, m, last *chronicle.Mention, gctx geo.Context) *chronicle.Location {
	r, ok := c.Places.EventLocation(text, m.Evidence.Start, m.Evidence.End, verbStart(m), gctx)
	if !ok {
		return nil
	}
	verbal := m.QuadClass == 1 || m.QuadClass == 3
	if !verbal || r.Location.Precision != chronicle.PrecisionCountry || !isActorPlace(r.Location, m) {
		loc := r.Location
		return &loc
	}
	if last != nil && last.ArticleID == m.ArticleID && m.Sentence-last.Sentence <= 2 {
		loc := *last.Location
		return &loc
	}
	return nil
}

// isActorPlace reports whether the place's evidence lies inside the
// mention's source or target phrase.
func isActorPlace(loc chronicle.Location, m *chronicle.Mention) bool {
	if loc.Evidence == nil {
		return false
	}
	in := func(a chronicle.Actor) bool {
		return a.End > a.Start && loc.Evidence.Start >= a.Start && loc.Evidence.End <= a.End
	}
	return in(m.Source) || in(m.Target)
}

func verbStart(m *chronicle.Mention) int {
	if m.Verb.End > m.Verb.Start {
		return m.Verb.Start
	}
	return -1
}
