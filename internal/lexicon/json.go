package lexicon

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// JSONFormat names the JSON dictionary format in a file's "format" field.
const JSONFormat = "chronicle-dictionary/1"

// The JSON dictionary format holds one kind per file, as the PETRARCH
// files do, with each entry on a line of its own so that positions
// (file:line) stay meaningful:
//
//	{"format": "chronicle-dictionary/1", "kind": "actors", "actors": [
//	{"phrase": "ANTONY_BLINKEN", "synonyms": ["BLINKEN"], "codes": [{"code": "USAGOV", "from": "2021-01-26", "to": "2025-01-20"}, {"code": "USAELI"}]}
//	]}
//
// Phrases are written as in the PETRARCH files (words joined by "_").
// Verbs mark the inflected word of a multi-word verb with "+" as PETRARCH
// does; patterns are PETRARCH pattern text without the code, which has a
// field of its own. The loaders read a file whose name ends in ".json"
// in this format; WriteJSON writes it.
type (
	jsonActor struct {
		Phrase   string     `json:"phrase"`
		Synonyms []string   `json:"synonyms,omitempty"`
		Codes    []jsonCode `json:"codes,omitempty"`
		Comment  string     `json:"comment,omitempty"`
	}
	jsonCode struct {
		Code string         `json:"code"`
		From chronicle.Date `json:"from,omitzero"`
		To   chronicle.Date `json:"to,omitzero"`
	}
	jsonAgent struct {
		Phrase   string `json:"phrase"`
		Plural   string `json:"plural,omitempty"`
		NoPlural bool   `json:"no_plural,omitempty"`
		Code     string `json:"code"`
		Prefix   bool   `json:"prefix,omitempty"`
		Comment  string `json:"comment,omitempty"`
	}
	jsonSynset struct {
		Name    string       `json:"name"`
		Members []jsonMember `json:"members"`
	}
	jsonMember struct {
		Phrase   string `json:"phrase"`
		NoPlural bool   `json:"no_plural,omitempty"`
	}
	jsonVerb struct {
		Verb           string   `json:"verb"`
		Irregular      []string `json:"irregular,omitempty"`
		NoRegularForms bool     `json:"no_regular_forms,omitempty"`
		Code           string   `json:"code,omitempty"`
		Comment        string   `json:"comment,omitempty"`
	}
	jsonPattern struct {
		Pattern string `json:"pattern"`
		Code    string `json:"code"`
		Comment string `json:"comment,omitempty"`
	}
	jsonTransform struct {
		Left  []string `json:"left"`
		Right []string `json:"right"`
	}
	jsonDiscard struct {
		Phrase  string `json:"phrase"`
		Story   bool   `json:"story,omitempty"`
		Whole   bool   `json:"whole,omitempty"`
		Comment string `json:"comment,omitempty"`
	}
	jsonIssue struct {
		Phrase   string `json:"phrase"`
		Code     string `json:"code,omitempty"`
		Category string `json:"category,omitempty"`
		Ignore   bool   `json:"ignore,omitempty"`
		Story    bool   `json:"story,omitempty"`
		Comment  string `json:"comment,omitempty"`
	}
)

// IsJSONName reports whether a dictionary file name is read as JSON (it
// ends in ".json").
func IsJSONName(name string) bool {
	return strings.EqualFold(path.Ext(filepath.ToSlash(name)), ".json")
}

// WriteJSON writes the entries of one kind of d in the JSON dictionary
// format. Loading the output gives the same entries as loading the
// PETRARCH text Write produces.
func WriteJSON(w io.Writer, d *Dictionary, k Kind) error {
	bw := bufio.NewWriter(w)
	var err error
	line := func(v any, last bool) {
		if err != nil {
			return
		}
		var b []byte
		if b, err = json.Marshal(v); err != nil {
			return
		}
		bw.Write(b)
		if !last {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	fmt.Fprintf(bw, "{\"format\": %q, \"kind\": %q", JSONFormat, k)
	switch k {
	case KindActors:
		bw.WriteString(", \"actors\": [\n")
		for i := range d.Actors {
			line(actorJSON(&d.Actors[i]), i == len(d.Actors)-1)
		}
		bw.WriteString("]}\n")
	case KindAgents:
		bw.WriteString(", \"agents\": [\n")
		for i := range d.Agents {
			line(agentJSON(&d.Agents[i]), i == len(d.Agents)-1)
		}
		bw.WriteString("]}\n")
	case KindVerbs:
		names := make([]string, 0, len(d.Verbs.Synsets))
		for n := range d.Verbs.Synsets {
			names = append(names, n)
		}
		sort.Strings(names)
		bw.WriteString(", \"synsets\": [\n")
		for i, n := range names {
			s := d.Verbs.Synsets[n]
			js := jsonSynset{Name: s.Name, Members: []jsonMember{}}
			for k, m := range s.Members {
				js.Members = append(js.Members, jsonMember{Phrase: m.Text, NoPlural: k < len(s.NoPlural) && s.NoPlural[k] && !strings.HasPrefix(m.Text, "&")})
			}
			line(js, i == len(names)-1)
		}
		bw.WriteString("], \"families\": [\n")
		for fi := range d.Verbs.Families {
			f := &d.Verbs.Families[fi]
			head, _ := json.Marshal(struct {
				Label  string `json:"label"`
				Code   string `json:"code"`
				Paired string `json:"paired,omitempty"`
			}{f.Label, f.Code, f.Paired})
			bw.Write(head[:len(head)-1])
			bw.WriteString(", \"verbs\": [\n")
			for vi := range f.Verbs {
				line(verbJSON(&f.Verbs[vi]), vi == len(f.Verbs)-1)
			}
			bw.WriteString("], \"patterns\": [\n")
			for pi := range f.Patterns {
				p := &f.Patterns[pi]
				s := PatternString(p)
				line(jsonPattern{Pattern: s[:strings.LastIndex(s, " [")], Code: pairedCode(p.Code, p.Paired), Comment: p.Comment}, pi == len(f.Patterns)-1)
			}
			bw.WriteString("]}")
			if fi < len(d.Verbs.Families)-1 {
				bw.WriteByte(',')
			}
			bw.WriteByte('\n')
		}
		bw.WriteString("], \"transforms\": [\n")
		for i, x := range d.Verbs.Transforms {
			line(jsonTransform{Left: x.Left, Right: x.Right}, i == len(d.Verbs.Transforms)-1)
		}
		bw.WriteString("]}\n")
	case KindDiscards:
		bw.WriteString(", \"discards\": [\n")
		for i, x := range d.Discards {
			line(jsonDiscard{Phrase: x.Phrase.Text, Story: x.Story, Whole: x.Whole, Comment: x.Comment}, i == len(d.Discards)-1)
		}
		bw.WriteString("]}\n")
	case KindIssues:
		bw.WriteString(", \"issues\": [\n")
		for i, is := range d.Issues {
			line(jsonIssue{Phrase: is.Phrase.Text, Code: is.Code, Category: is.Category, Ignore: is.Ignore, Story: is.Story, Comment: is.Comment}, i == len(d.Issues)-1)
		}
		bw.WriteString("]}\n")
	default:
		return fmt.Errorf("lexicon: write json: unknown dictionary kind %q", k)
	}
	if err != nil {
		return fmt.Errorf("lexicon: write json %s: %w", k, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lexicon: write json %s: %w", k, err)
	}
	return nil
}

func actorJSON(a *Actor) jsonActor {
	ja := jsonActor{Phrase: a.Primary.Text, Comment: a.Comment}
	for _, s := range a.Synonyms {
		ja.Synonyms = append(ja.Synonyms, s.Text)
	}
	for _, c := range a.Codes {
		ja.Codes = append(ja.Codes, jsonCode{Code: c.Code, From: c.From, To: c.To})
	}
	return ja
}

func agentJSON(g *Agent) jsonAgent {
	ja := jsonAgent{Phrase: g.Phrase.Text, Code: g.Code, Prefix: g.Placement == Prefix, Comment: g.Comment, NoPlural: g.NoPlural}
	if !g.NoPlural && len(g.Plurals) > 0 && !samePhrases(g.Plurals, regularPlurals(g.Phrase)) {
		ja.Plural = g.Plurals[0].Text
	}
	return ja
}

func verbJSON(v *Verb) jsonVerb {
	jv := jsonVerb{Verb: markedVerb(v.Phrase.Words, v.Head), Comment: v.Comment}
	if v.Code != "" {
		jv.Code = pairedCode(v.Code, v.Paired)
	}
	for _, irr := range v.Irregular {
		head := 0
		for j, form := range v.Forms {
			if sliceEq(form, irr.Words) {
				head = v.FormHeads[j]
				break
			}
		}
		jv.Irregular = append(jv.Irregular, markedVerb(irr.Words, head))
	}
	jv.NoRegularForms = len(v.Irregular) == 0 && len(v.Forms) == 1
	return jv
}

func sliceEq(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ParseJSON reads one file in the JSON dictionary format into d,
// appending to what d holds, like Parse. The file's "kind" must be k (or
// k empty, to take the file's). Entries the PETRARCH loaders would skip
// are skipped here too, with a warning naming file and line.
func (d *Dictionary) ParseJSON(ctx context.Context, k Kind, name string, data []byte, opt Options) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p := &parser{ctx: ctx, d: d, file: name, log: opt.logger()}
	r := newJSONReader(data)
	kind := Kind("")
	n := 0
	err := r.object(func(key string, no int) error {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch key {
		case "format":
			var f string
			if err := r.dec.Decode(&f); err != nil {
				return err
			}
			if f != JSONFormat {
				return fmt.Errorf("format %q, want %q", f, JSONFormat)
			}
			return nil
		case "kind":
			if err := r.dec.Decode(&kind); err != nil {
				return err
			}
			if !slices.Contains(Kinds(), kind) {
				return fmt.Errorf("unknown dictionary kind %q", kind)
			}
			if k != "" && kind != k {
				return fmt.Errorf("file holds %s, read as %s", kind, k)
			}
			return nil
		}
		if kind == "" {
			return fmt.Errorf("%q before \"kind\"", key)
		}
		if !jsonKeyOK(kind, key) {
			return fmt.Errorf("unknown field %q in a %s file", key, kind)
		}
		switch key {
		case "actors":
			return r.array(func(no int) error { return p.jsonActor(r, no) })
		case "agents":
			return r.array(func(no int) error { return p.jsonAgent(r, no) })
		case "synsets":
			if d.Verbs.Synsets == nil {
				d.Verbs.Synsets = map[string]*Synset{}
			}
			return r.array(func(no int) error { return p.jsonSynset(r, no) })
		case "families":
			return r.array(func(no int) error { return p.jsonFamily(r, no) })
		case "transforms":
			return r.array(func(no int) error {
				var x jsonTransform
				if err := r.dec.Decode(&x); err != nil {
					return err
				}
				if len(x.Left) == 0 || len(x.Right) == 0 {
					p.warn(no, "transformation without both sides; skipped")
					return nil
				}
				d.Verbs.Transforms = append(d.Verbs.Transforms, Transform{Left: x.Left, Right: x.Right,
					Line: "~ " + strings.Join(x.Left, " ") + " = " + strings.Join(x.Right, " "), Pos: p.pos(no)})
				return nil
			})
		case "discards":
			return r.array(func(no int) error { return p.jsonDiscard(r, no) })
		case "issues":
			return r.array(func(no int) error { return p.jsonIssue(r, no) })
		}
		return nil
	})
	if err == nil && kind == "" {
		err = errors.New("no \"kind\" field")
	}
	if err == nil {
		if _, terr := r.dec.Token(); terr != io.EOF {
			err = errors.New("data after the dictionary object")
		}
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fmt.Errorf("lexicon %s:%d: %w", name, r.line(), fmt.Errorf("%v: %w", err, ErrSyntax))
	}
	if d.Files == nil {
		d.Files = map[Kind][]string{}
	}
	d.Files[kind] = append(d.Files[kind], name)
	d.idx = nil
	return nil
}

func jsonKeyOK(k Kind, key string) bool {
	switch k {
	case KindActors:
		return key == "actors"
	case KindAgents:
		return key == "agents"
	case KindVerbs:
		return key == "synsets" || key == "families" || key == "transforms"
	case KindDiscards:
		return key == "discards"
	case KindIssues:
		return key == "issues"
	}
	return false
}

func (p *parser) jsonActor(r *jsonReader, no int) error {
	var ja jsonActor
	if err := r.dec.Decode(&ja); err != nil {
		return err
	}
	a := Actor{Primary: phraseOf(ja.Phrase), Comment: ja.Comment, Pos: p.pos(no)}
	if len(a.Primary.Words) == 0 {
		p.warn(no, "actor without a phrase; skipped")
		return nil
	}
	for _, s := range ja.Synonyms {
		ph := phraseOf(s)
		if len(ph.Words) == 0 {
			p.warn(no, "empty synonym; skipped")
			continue
		}
		a.Synonyms = append(a.Synonyms, ph)
	}
	for _, c := range ja.Codes {
		switch {
		case c.Code == "" || strings.ContainsAny(c.Code, " \t[]<>"):
			p.warn(no, "actor code %q malformed; code ignored", c.Code)
			continue
		case !c.From.IsZero() && !c.To.IsZero() && c.To.Before(c.From):
			p.warn(no, "date restriction %s..%s ends before it starts; code ignored", c.From, c.To)
			continue
		}
		a.Codes = append(a.Codes, DatedCode{Code: c.Code, From: c.From, To: c.To, Pos: p.pos(no)})
	}
	p.d.Actors = append(p.d.Actors, a)
	return nil
}

func (p *parser) jsonAgent(r *jsonReader, no int) error {
	var ja jsonAgent
	if err := r.dec.Decode(&ja); err != nil {
		return err
	}
	g := Agent{Phrase: phraseOf(ja.Phrase), Code: ja.Code, Comment: ja.Comment, Pos: p.pos(no), NoPlural: ja.NoPlural}
	if len(g.Phrase.Words) == 0 || strings.ContainsAny(ja.Phrase, "{}[]!") {
		p.warn(no, "agent phrase %q empty or malformed; skipped", ja.Phrase)
		return nil
	}
	if g.Code == "" || strings.ContainsAny(g.Code, "~ []") {
		p.warn(no, "agent code %q malformed; skipped", ja.Code)
		return nil
	}
	if ja.Prefix {
		g.Placement = Prefix
	}
	switch {
	case ja.NoPlural:
		g.Line = g.Phrase.Text + " {} " + agentCode(&g)
	case ja.Plural != "":
		g.Plurals = []Phrase{phraseOf(ja.Plural)}
		g.Line = g.Phrase.Text + " {" + ja.Plural + "} " + agentCode(&g)
	default:
		g.Plurals = regularPlurals(g.Phrase)
		g.Line = g.Phrase.Text + " " + agentCode(&g)
	}
	p.d.Agents = append(p.d.Agents, g)
	return nil
}

func (p *parser) jsonSynset(r *jsonReader, no int) error {
	var js jsonSynset
	if err := r.dec.Decode(&js); err != nil {
		return err
	}
	name := synsetName(js.Name)
	if name == "" {
		p.warn(no, "synset without a name; skipped")
		return nil
	}
	s, dup := p.d.Verbs.Synsets[name]
	if dup {
		p.warn(no, "synset &%s already defined at %s; members added to it", name, s.Pos)
	} else {
		s = &Synset{Name: name, Pos: p.pos(no)}
		p.d.Verbs.Synsets[name] = s
	}
	for _, m := range js.Members {
		ph := phraseOf(m.Phrase)
		if strings.HasPrefix(ph.Text, "&") {
			ph = Phrase{Text: "&" + synsetName(ph.Text)}
		} else if len(ph.Words) == 0 {
			p.warn(no, "empty synset member; skipped")
			continue
		}
		s.Members = append(s.Members, ph)
		s.NoPlural = append(s.NoPlural, m.NoPlural || strings.HasSuffix(strings.TrimSpace(m.Phrase), "_"))
	}
	return nil
}

func (p *parser) jsonFamily(r *jsonReader, no int) error {
	f := VerbFamily{Code: "---", Pos: p.pos(no)}
	fi := len(p.d.Verbs.Families)
	var verbs []Verb
	var pats []Pattern
	err := r.object(func(key string, kno int) error {
		switch key {
		case "label":
			return r.dec.Decode(&f.Label)
		case "code":
			var c string
			if err := r.dec.Decode(&c); err != nil {
				return err
			}
			if c = strings.ReplaceAll(c, " ", ""); c != "" {
				f.Code = c
			}
			return nil
		case "paired":
			return r.dec.Decode(&f.Paired)
		case "verbs":
			return r.array(func(vno int) error {
				var jv jsonVerb
				if err := r.dec.Decode(&jv); err != nil {
					return err
				}
				line := jv.Verb
				if len(jv.Irregular) > 0 || jv.NoRegularForms {
					line += " {" + strings.Join(jv.Irregular, " ") + "}"
				}
				if jv.Code != "" {
					line += " [" + jv.Code + "]"
				}
				v, ok := p.verb(vno, line)
				if ok {
					v.Comment = jv.Comment
					verbs = append(verbs, v)
				}
				return nil
			})
		case "patterns":
			return r.array(func(pno int) error {
				var jp jsonPattern
				if err := r.dec.Decode(&jp); err != nil {
					return err
				}
				pat, ok := p.pattern(pno, "- "+jp.Pattern+" ["+jp.Code+"]")
				if ok {
					pat.Family = fi
					pat.Comment = jp.Comment
					pats = append(pats, pat)
				}
				return nil
			})
		}
		return fmt.Errorf("unknown field %q in a verb family", key)
	})
	if err != nil {
		return err
	}
	f.Label = strings.Join(strings.Fields(f.Label), "_")
	if f.Label == "" {
		p.warn(no, "verb block without a label")
	}
	if a, b, ok := strings.Cut(f.Code, ":"); ok && f.Paired == "" {
		f.Code, f.Paired = a, b
	}
	f.Line = "--- " + f.Label + " [" + pairedCode(f.Code, f.Paired) + "] ---"
	f.Verbs, f.Patterns = verbs, pats
	p.d.Verbs.Families = append(p.d.Verbs.Families, f)
	return nil
}

func (p *parser) jsonDiscard(r *jsonReader, no int) error {
	var jd jsonDiscard
	if err := r.dec.Decode(&jd); err != nil {
		return err
	}
	x := Discard{Phrase: phraseOf(jd.Phrase), Story: jd.Story, Whole: jd.Whole || strings.HasSuffix(strings.TrimSpace(jd.Phrase), "_"), Comment: jd.Comment, Pos: p.pos(no)}
	if len(x.Phrase.Words) == 0 {
		p.warn(no, "empty discard phrase; skipped")
		return nil
	}
	p.d.Discards = append(p.d.Discards, x)
	return nil
}

func (p *parser) jsonIssue(r *jsonReader, no int) error {
	var ji jsonIssue
	if err := r.dec.Decode(&ji); err != nil {
		return err
	}
	is := Issue{Code: strings.TrimSpace(ji.Code), Category: ji.Category, Ignore: ji.Ignore, Story: ji.Story && ji.Ignore, Comment: ji.Comment, Pos: p.pos(no)}
	if !is.Ignore && is.Code == "" {
		p.warn(no, "issue line without a [code]; skipped")
		return nil
	}
	if is.Ignore {
		is.Code = ""
	}
	text := strings.TrimSpace(ji.Phrase)
	markers := strings.NewReplacer("n:", "", "N:", "", "v:", "", "V:", "", "+", " ")
	is.Phrase = Phrase{Text: text, Words: SplitPhrase(markers.Replace(text))}
	is.Forms = issueForms(text)
	if len(is.Forms) == 0 {
		p.warn(no, "empty issue phrase; skipped")
		return nil
	}
	p.d.Issues = append(p.d.Issues, is)
	return nil
}

// jsonReader walks a JSON document with a streaming decoder, giving the
// line each object key and array element starts on.
type jsonReader struct {
	dec  *json.Decoder
	data []byte
	nl   []int // offsets of the newlines in data
}

func newJSONReader(data []byte) *jsonReader {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	r := &jsonReader{dec: dec, data: data}
	for i, c := range data {
		if c == '\n' {
			r.nl = append(r.nl, i)
		}
	}
	return r
}

// line is the 1-based line of the next value: the first byte after the
// decoder's position that is not white space, ',' or ':'.
func (r *jsonReader) line() int {
	off := int(r.dec.InputOffset())
	for off < len(r.data) {
		switch r.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return 1 + sort.SearchInts(r.nl, off)
}

func (r *jsonReader) delim(want json.Delim) error {
	t, err := r.dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, found %v", want, t)
	}
	return nil
}

// object reads an object, calling fn for each key with the line of its
// value; fn must consume the value.
func (r *jsonReader) object(fn func(key string, line int) error) error {
	if err := r.delim('{'); err != nil {
		return err
	}
	for r.dec.More() {
		t, err := r.dec.Token()
		if err != nil {
			return err
		}
		key, ok := t.(string)
		if !ok {
			return fmt.Errorf("want an object key, found %v", t)
		}
		if err := fn(key, r.line()); err != nil {
			return err
		}
	}
	return r.delim('}')
}

// array reads an array, calling fn with the line of each element; fn
// must consume it.
func (r *jsonReader) array(fn func(line int) error) error {
	if err := r.delim('['); err != nil {
		return err
	}
	for r.dec.More() {
		if err := fn(r.line()); err != nil {
			return err
		}
	}
	return r.delim(']')
}
