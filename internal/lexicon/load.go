package lexicon

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Files lists dictionary files by kind. Files of one kind are read in the
// order given; for actors and agents the first file to define a phrase
// wins.
type Files struct {
	Actors   []string
	Agents   []string
	Verbs    []string
	Discards []string
	Issues   []string
}

// ofKind returns the list for kind k.
func (f *Files) ofKind(k Kind) *[]string {
	switch k {
	case KindActors:
		return &f.Actors
	case KindAgents:
		return &f.Agents
	case KindVerbs:
		return &f.Verbs
	case KindDiscards:
		return &f.Discards
	case KindIssues:
		return &f.Issues
	}
	return nil
}

// Kinds returns the dictionary kinds in load order.
func Kinds() []Kind {
	return []Kind{KindActors, KindAgents, KindVerbs, KindDiscards, KindIssues}
}

// KindOf chooses a file's kind from its name, as contracts.md says:
// "*actors*", "*agents*", "*verbs*" or "*verbpatterns*", "*discards*",
// "*Issue*" (case-insensitive). ok is false for other names, including
// PETRARCH-2's CAMEO.2.0.txt, which this package does not read.
func KindOf(name string) (Kind, bool) {
	n := strings.ToLower(path.Base(filepath.ToSlash(name)))
	switch {
	case strings.Contains(n, "actors"):
		return KindActors, true
	case strings.Contains(n, "agents"):
		return KindAgents, true
	case strings.Contains(n, "verbpatterns"), strings.Contains(n, "verbs"):
		return KindVerbs, true
	case strings.Contains(n, "discards"):
		return KindDiscards, true
	case strings.Contains(n, "issue"):
		return KindIssues, true
	}
	return "", false
}

// Options tune loading. The zero value is ready to use.
type Options struct {
	// Logger receives warnings about lines that were skipped or
	// repaired; nil means slog.Default().
	Logger *slog.Logger
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}

// Load reads the files listed in f and compiles the result.
func Load(ctx context.Context, f Files) (*Dictionary, error) {
	return LoadWith(ctx, f, Options{})
}

// LoadWith is Load with options.
func LoadWith(ctx context.Context, f Files, opt Options) (*Dictionary, error) {
	var srcs []source
	for _, k := range Kinds() {
		for _, name := range *f.ofKind(k) {
			srcs = append(srcs, source{kind: k, name: name, read: func() ([]byte, error) { return os.ReadFile(name) }})
		}
	}
	return loadSources(ctx, srcs, opt)
}

// source is one dictionary file to read.
type source struct {
	kind Kind
	name string
	read func() ([]byte, error)
}

// loadSources parses the files concurrently, each into its own
// Dictionary, then merges them in the order given (so "first file wins"
// holds as if they were read one after the other) and compiles.
func loadSources(ctx context.Context, srcs []source, opt Options) (*Dictionary, error) {
	parts := make([]*Dictionary, len(srcs))
	errs := make([]error, len(srcs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, s := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := s.read()
			if err != nil {
				errs[i] = fmt.Errorf("lexicon: %w", err)
				return
			}
			p := &Dictionary{}
			parse := p.ParseWith
			if IsJSONName(s.name) {
				parse = p.ParseJSON
			}
			if err := parse(ctx, s.kind, s.name, data, opt); err != nil {
				errs[i] = err
				return
			}
			parts[i] = p
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	d := &Dictionary{}
	for _, p := range parts {
		d.merge(p, opt.logger())
	}
	d.finish(opt.logger())
	return d, nil
}

// Merge adds the entries of o after d's own and recompiles d. Where both
// define the same actor or agent phrase, d's entry wins (it comes
// first); synsets of the same name are combined, o's members after d's;
// o's verb families follow d's, with Pattern.Family renumbered. o is not
// modified. Use it to layer dictionaries, e.g. the builtin actors over
// Phoenix verbs.
func (d *Dictionary) Merge(o *Dictionary) {
	d.merge(o, nil)
	d.Compile()
}

// merge is Merge without compiling; with a logger it warns about
// synsets defined twice.
func (d *Dictionary) merge(o *Dictionary, log *slog.Logger) {
	d.Actors = append(d.Actors, o.Actors...)
	d.Agents = append(d.Agents, o.Agents...)
	d.Discards = append(d.Discards, o.Discards...)
	d.Issues = append(d.Issues, o.Issues...)
	d.Warnings += o.Warnings
	if len(o.Verbs.Synsets) > 0 && d.Verbs.Synsets == nil {
		d.Verbs.Synsets = make(map[string]*Synset, len(o.Verbs.Synsets))
	}
	for name, s := range o.Verbs.Synsets {
		old, dup := d.Verbs.Synsets[name]
		if !dup {
			c := *s
			c.Members = slices.Clone(s.Members)
			c.NoPlural = slices.Clone(s.NoPlural)
			d.Verbs.Synsets[name] = &c
			continue
		}
		if log != nil {
			d.Warnings++
			log.Warn("lexicon: synset defined again; members added to the first definition", "synset", "&"+name, "first", old.Pos.String(), "file", s.Pos.File, "line", s.Pos.Line)
		}
		old.Members = append(old.Members, s.Members...)
		old.NoPlural = append(old.NoPlural, s.NoPlural...)
	}
	d.Verbs.Transforms = append(d.Verbs.Transforms, o.Verbs.Transforms...)
	offset := len(d.Verbs.Families)
	for _, f := range o.Verbs.Families {
		pats := slices.Clone(f.Patterns)
		for k := range pats {
			pats[k].Family += offset
		}
		f.Patterns = pats
		d.Verbs.Families = append(d.Verbs.Families, f)
	}
	for _, k := range Kinds() {
		if names := o.Files[k]; len(names) > 0 {
			if d.Files == nil {
				d.Files = map[Kind][]string{}
			}
			d.Files[k] = append(d.Files[k], names...)
		}
	}
	d.idx = nil
}

// LoadDir reads the dictionary files in dir (not its subdirectories),
// choosing each file's kind by its name (KindOf), in name order. Files of
// no known kind are skipped with an info log.
func LoadDir(ctx context.Context, dir string) (*Dictionary, error) {
	return LoadDirWith(ctx, dir, Options{})
}

// LoadDirWith is LoadDir with options.
func LoadDirWith(ctx context.Context, dir string, opt Options) (*Dictionary, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var f Files
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		k, ok := KindOf(e.Name())
		if !ok {
			opt.logger().Info("lexicon: file of no known dictionary kind skipped", "file", filepath.Join(dir, e.Name()))
			continue
		}
		l := f.ofKind(k)
		*l = append(*l, filepath.Join(dir, e.Name()))
	}
	for _, k := range Kinds() {
		slices.Sort(*f.ofKind(k))
	}
	if len(f.Actors)+len(f.Agents)+len(f.Verbs)+len(f.Discards)+len(f.Issues) == 0 {
		return nil, fmt.Errorf("lexicon: no dictionary files in %s", dir)
	}
	return LoadWith(ctx, f, opt)
}

// LoadFS reads the dictionary files at the root of fsys (for example an
// embed.FS sub-tree), choosing kinds by name like LoadDir. Positions name
// files by their path in fsys.
func LoadFS(ctx context.Context, fsys fs.FS) (*Dictionary, error) {
	return LoadFSWith(ctx, fsys, Options{})
}

// LoadFSWith is LoadFS with options.
func LoadFSWith(ctx context.Context, fsys fs.FS, opt Options) (*Dictionary, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var f Files
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if k, ok := KindOf(e.Name()); ok {
			l := f.ofKind(k)
			*l = append(*l, e.Name())
		}
	}
	var srcs []source
	for _, k := range Kinds() {
		names := *f.ofKind(k)
		slices.Sort(names)
		for _, name := range names {
			srcs = append(srcs, source{kind: k, name: name, read: func() ([]byte, error) { return fs.ReadFile(fsys, name) }})
		}
	}
	return loadSources(ctx, srcs, opt)
}

// Parse reads one file's content of kind k into d, appending to what d
// already holds; name is used in positions and messages. Call Compile
// (or use a Load function) before matching.
func (d *Dictionary) Parse(ctx context.Context, k Kind, name string, data []byte) error {
	return d.ParseWith(ctx, k, name, data, Options{})
}

// ParseWith is Parse with options.
func (d *Dictionary) ParseWith(ctx context.Context, k Kind, name string, data []byte, opt Options) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p := &parser{ctx: ctx, d: d, file: name, log: opt.logger()}
	var err error
	switch k {
	case KindActors:
		err = p.parseActors(data)
	case KindAgents:
		err = p.parseAgents(data)
	case KindVerbs:
		err = p.parseVerbs(data)
	case KindDiscards:
		err = p.parseDiscards(data)
	case KindIssues:
		err = p.parseIssues(data)
	default:
		return fmt.Errorf("lexicon %s: unknown dictionary kind %q", name, k)
	}
	if err != nil {
		return err
	}
	if d.Files == nil {
		d.Files = map[Kind][]string{}
	}
	d.Files[k] = append(d.Files[k], name)
	d.idx = nil
	return nil
}

// finish checks cross-file references and compiles.
func (d *Dictionary) finish(log *slog.Logger) {
	for fi := range d.Verbs.Families {
		for _, pat := range d.Verbs.Families[fi].Patterns {
			for _, name := range patternSynsets(pat) {
				if _, ok := d.Verbs.Synsets[name]; !ok {
					d.Warnings++
					log.Warn("lexicon: pattern uses undefined synset", "synset", "&"+name, "file", pat.Pos.File, "line", pat.Pos.Line)
				}
			}
		}
	}
	for _, s := range d.Verbs.Synsets {
		for _, m := range s.Members {
			if strings.HasPrefix(m.Text, "&") {
				if _, ok := d.Verbs.Synsets[m.Text[1:]]; !ok {
					d.Warnings++
					log.Warn("lexicon: synset member refers to undefined synset", "synset", m.Text, "file", s.Pos.File, "line", s.Pos.Line)
				}
			}
		}
	}
	d.Compile()
}

// patternSynsets lists the synsets a pattern refers to.
func patternSynsets(p Pattern) []string {
	var out []string
	var walk func([]Elem)
	walk = func(es []Elem) {
		for _, e := range es {
			if e.Kind == ElemSynset {
				out = append(out, e.Text)
			}
			walk(e.Elems)
		}
	}
	walk(p.Pre)
	walk(p.Post)
	return out
}
