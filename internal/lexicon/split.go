package lexicon

import (
	"path"
	"path/filepath"
	"slices"
)

// FileDict is the part of a Dictionary that came from one file.
type FileDict struct {
	Kind Kind
	// Name is the file's base name as loaded ("people.actors.txt"), or
	// the kind ("actors") for entries without a position.
	Name string
	Dict *Dictionary
}

// ByFile splits d into one Dictionary per source file, in load order, so
// that a converter can write each file back under its own name. Entries
// keep their positions; Pattern.Family is renumbered within each part.
// A synset defined in several files goes with its first definition.
func (d *Dictionary) ByFile() []FileDict {
	var out []FileDict
	at := map[Kind]map[string]int{}
	get := func(k Kind, file string) *Dictionary {
		name := path.Base(filepath.ToSlash(file))
		if file == "" {
			name = string(k)
		}
		if at[k] == nil {
			at[k] = map[string]int{}
		}
		i, ok := at[k][name]
		if !ok {
			i = len(out)
			at[k][name] = i
			out = append(out, FileDict{Kind: k, Name: name, Dict: &Dictionary{Files: map[Kind][]string{k: {file}}}})
		}
		return out[i].Dict
	}
	// Files in load order first, so the parts come out in that order.
	for _, k := range Kinds() {
		for _, f := range d.Files[k] {
			get(k, f)
		}
	}
	for _, a := range d.Actors {
		p := get(KindActors, a.Pos.File)
		p.Actors = append(p.Actors, a)
	}
	for _, g := range d.Agents {
		p := get(KindAgents, g.Pos.File)
		p.Agents = append(p.Agents, g)
	}
	names := make([]string, 0, len(d.Verbs.Synsets))
	for n := range d.Verbs.Synsets {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		s := d.Verbs.Synsets[n]
		p := get(KindVerbs, s.Pos.File)
		if p.Verbs.Synsets == nil {
			p.Verbs.Synsets = map[string]*Synset{}
		}
		p.Verbs.Synsets[n] = s
	}
	for _, f := range d.Verbs.Families {
		p := get(KindVerbs, f.Pos.File)
		pats := slices.Clone(f.Patterns)
		for k := range pats {
			pats[k].Family = len(p.Verbs.Families)
		}
		f.Patterns = pats
		p.Verbs.Families = append(p.Verbs.Families, f)
	}
	for _, x := range d.Verbs.Transforms {
		p := get(KindVerbs, x.Pos.File)
		p.Verbs.Transforms = append(p.Verbs.Transforms, x)
	}
	for _, x := range d.Discards {
		p := get(KindDiscards, x.Pos.File)
		p.Discards = append(p.Discards, x)
	}
	for _, is := range d.Issues {
		p := get(KindIssues, is.Pos.File)
		p.Issues = append(p.Issues, is)
	}
	return out
}
