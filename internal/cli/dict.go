package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/text"
)

const dictUsage = `usage: chronicle dict lint [--dict DIR] [--json]
       chronicle dict explain "PHRASE" [--date YYYY-MM-DD] [--dict DIR]
       chronicle dict convert --to petrarch|json [--dict DIR] [-o DIR]

lint     check the dictionaries: duplicates, conflicts, unknown codes,
         overlapping tenures and lines the loader skipped
explain  show which entries match a phrase and why they code as they do;
         a whole sentence is also coded, with the pattern behind each event
convert  write the dictionaries as PETRARCH-1 text or Chronicle JSON
`

// runDict dispatches the dictionary tools.
func runDict(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, dictUsage)
		return ExitUsage
	}
	switch args[0] {
	case "lint":
		return runDictLint(ctx, env, args[1:])
	case "explain":
		return runDictExplain(ctx, env, args[1:])
	case "convert":
		return runDictConvert(ctx, env, args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, dictUsage)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "chronicle dict: unknown subcommand %q\n\n%s", args[0], dictUsage)
	return ExitUsage
}

// loadDictWith loads dir (built-in when "") with options.
func loadDictWith(ctx context.Context, dir string, opt lexicon.Options) (*lexicon.Dictionary, error) {
	if dir == "" {
		d, err := lexicon.LoadFSWith(ctx, builtin.FS, opt)
		if err != nil {
			return nil, fmt.Errorf("built-in dictionaries: %w", err)
		}
		return d, nil
	}
	d, err := lexicon.LoadDirWith(ctx, dir, opt)
	if err != nil {
		return nil, fmt.Errorf("dictionaries %s: %w", dir, err)
	}
	return d, nil
}

func dictName(dir string) string {
	if dir == "" {
		return "built-in"
	}
	return dir
}

// lintFinding is a finding as --json writes it.
type lintFinding struct {
	File     string           `json:"file"`
	Line     int              `json:"line"`
	Severity lexicon.Severity `json:"severity"`
	Check    string           `json:"check"`
	Message  string           `json:"message"`
}

type lintSummary struct {
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	ByCheck  map[string]int `json:"by_check"`
}

func runDictLint(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "dict lint", "[--dict DIR] [--json]")
	dir := fs.String("dict", "", "lint the PETRARCH-format dictionaries in `DIR` instead of the built-in ones")
	asJSON := fs.Bool("json", false, "write the findings as one JSON object")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		fs.Usage()
		return ExitUsage
	}
	var col lexicon.WarningCollector
	d, err := loadDictWith(ctx, *dir, lexicon.Options{Logger: col.Logger()})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict lint: %v\n", err)
		return ExitFailure
	}
	book, err := lexicon.NewCodeBook(nil)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict lint: %v\n", err)
		return ExitFailure
	}
	findings := append(col.Findings(), lexicon.Lint(d, book)...)
	lexicon.SortFindings(findings)
	sum := lintSummary{ByCheck: map[string]int{}}
	for _, f := range findings {
		if f.Severity == lexicon.SevError {
			sum.Errors++
		} else {
			sum.Warnings++
		}
		sum.ByCheck[f.Check]++
	}
	out := bufio.NewWriter(env.Stdout)
	if *asJSON {
		rep := struct {
			Dictionaries string        `json:"dictionaries"`
			Findings     []lintFinding `json:"findings"`
			Summary      lintSummary   `json:"summary"`
		}{Dictionaries: dictName(*dir), Findings: []lintFinding{}, Summary: sum}
		for _, f := range findings {
			rep.Findings = append(rep.Findings, lintFinding{File: f.Pos.File, Line: f.Pos.Line, Severity: f.Severity, Check: f.Check, Message: f.Message})
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		for _, f := range findings {
			fmt.Fprintln(out, f)
		}
		checks := make([]string, 0, len(sum.ByCheck))
		for c, n := range sum.ByCheck {
			checks = append(checks, fmt.Sprintf("%s %d", c, n))
		}
		sort.Strings(checks)
		fmt.Fprintf(out, "%s dictionaries: %d errors, %d warnings", dictName(*dir), sum.Errors, sum.Warnings)
		if len(checks) > 0 {
			fmt.Fprintf(out, " (%s)", strings.Join(checks, ", "))
		}
		fmt.Fprintln(out)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict lint: %v\n", err)
		return ExitFailure
	}
	if sum.Errors > 0 {
		return ExitRejected
	}
	return ExitOK
}

func runDictExplain(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "dict explain", `"PHRASE" [--date YYYY-MM-DD] [--dict DIR] [--code=auto|always|never]`)
	dir := fs.String("dict", "", "explain with the PETRARCH-format dictionaries in `DIR` instead of the built-in ones")
	dateFlag := fs.String("date", "", "resolve date-restricted actor codes for `YYYY-MM-DD` (default: only default codes)")
	codeMode := fs.String("code", "auto", "run the coder on the phrase: auto (when it reads as a sentence), always or never")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	phrase := strings.TrimSpace(strings.Join(pos, " "))
	if phrase == "" || (*codeMode != "auto" && *codeMode != "always" && *codeMode != "never") {
		fs.Usage()
		return ExitUsage
	}
	var date chronicle.Date
	if *dateFlag != "" {
		var err error
		if date, err = chronicle.ParseDate(*dateFlag); err != nil {
			fmt.Fprintf(env.Stderr, "chronicle dict explain: --date: %v\n", err)
			return ExitUsage
		}
	}
	d, err := loadDictWith(ctx, *dir, lexicon.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict explain: %v\n", err)
		return ExitFailure
	}
	an, err := text.NewAnalyzer()
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict explain: language models: %v\n", err)
		return ExitFailure
	}
	doc := an.Analyze(phrase, date)
	toks := make([]string, len(doc.Tokens))
	for i, t := range doc.Tokens {
		toks[i] = t.Norm
	}
	ex := d.Explain(toks, date)
	out := bufio.NewWriter(env.Stdout)
	writeExplanation(out, ex, doc)
	sentence := *codeMode == "always" || (*codeMode == "auto" && looksLikeSentence(ex, doc))
	if sentence {
		c, err := pipeline.Load(ctx, pipeline.Config{DictDir: *dir, Options: coder.DefaultOptions()})
		if err != nil {
			out.Flush()
			fmt.Fprintf(env.Stderr, "chronicle dict explain: %v\n", err)
			return ExitFailure
		}
		res := c.Code(chronicle.Article{ID: "explain", Date: date, Text: phrase})
		writeEvents(out, res.Coded.Mentions)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict explain: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

// looksLikeSentence says whether a phrase should be coded: it has a verb
// of the dictionary and something else around it (an actor or agent), or
// ends like a sentence.
func looksLikeSentence(ex *lexicon.Explanation, doc *text.Doc) bool {
	if n := len(doc.Tokens); n > 0 {
		switch doc.Tokens[n-1].Text {
		case ".", "!", "?":
			return n > 2
		}
	}
	return len(ex.Verbs) > 0 && len(ex.Actors)+len(ex.Agents) > 0
}

func tokenText(doc *text.Doc, start, end int) string {
	if start >= end || end > len(doc.Tokens) {
		return ""
	}
	return doc.Text[doc.Tokens[start].Start:doc.Tokens[end-1].End]
}

func spanText(c lexicon.DatedCode) string {
	if !c.Restricted() {
		return "default"
	}
	from, to := "always", "now"
	if !c.From.IsZero() {
		from = c.From.String()
	}
	if !c.To.IsZero() {
		to = c.To.String()
	}
	return from + ".." + to
}

func writeExplanation(w io.Writer, ex *lexicon.Explanation, doc *text.Doc) {
	when := "no --date: only default actor codes apply"
	if !ex.Date.IsZero() {
		when = "date " + ex.Date.String()
	}
	fmt.Fprintf(w, "%q (%s; %s)\n", doc.Text, plural(len(ex.Tokens), "token"), when)
	if len(ex.Actors)+len(ex.Agents)+len(ex.Verbs) == 0 {
		fmt.Fprintln(w, "\nno actor, agent or verb entry matches")
		return
	}
	for _, a := range ex.Actors {
		fmt.Fprintf(w, "\nactor %q = %s  (%s", tokenText(doc, a.Start, a.End), a.Actor.Primary.Text, a.Actor.Pos)
		if a.Phrase.Text != a.Actor.Primary.Text {
			fmt.Fprintf(w, ", synonym %s", a.Phrase.Text)
		}
		fmt.Fprintf(w, "; longest match, %s)\n", plural(a.End-a.Start, "token"))
		if a.Actor.Comment != "" {
			fmt.Fprintf(w, "  # %s\n", a.Actor.Comment)
		}
		var applied *lexicon.CodeChoice
		for i := range a.Codes {
			c := &a.Codes[i]
			mark := " "
			if c.Applies {
				mark, applied = "*", c
			}
			fmt.Fprintf(w, "  %s %-12s %-23s line %-6d %s\n", mark, c.Code, spanText(c.DatedCode), c.Pos.Line, c.Why)
		}
		switch {
		case applied == nil:
			fmt.Fprintln(w, "  -> no code applies")
		case applied.Restricted() && strings.HasSuffix(applied.Code, "ELI"):
			fmt.Fprintf(w, "  -> %s (out of office %s)\n", applied.Code, spanText(applied.DatedCode))
		case applied.Restricted():
			fmt.Fprintf(w, "  -> %s (tenure %s)\n", applied.Code, spanText(applied.DatedCode))
		default:
			fmt.Fprintf(w, "  -> %s (default code)\n", applied.Code)
		}
		for _, o := range a.Shadowed {
			fmt.Fprintf(w, "  also defined by %s at %s (codes %s there), never used: the first definition wins\n", o.Primary.Text, o.Pos, o.CodeAt(ex.Date))
		}
	}
	for _, g := range ex.Agents {
		form := "singular"
		if g.Plural {
			form = "plural"
		}
		place := "[~" + g.Agent.Code + "] suffix: the role follows the country"
		if g.Agent.Placement == lexicon.Prefix {
			place = "[" + g.Agent.Code + "~] prefix: the code precedes the country"
		}
		fmt.Fprintf(w, "\nagent %q = %s (%s, %s)  %s\n", tokenText(doc, g.Start, g.End), g.Agent.Phrase.Text, form, g.Agent.Pos, place)
		fmt.Fprintf(w, "  alone: %s\n", g.Alone)
		if g.Country != "" {
			fmt.Fprintf(w, "  with %s from the actor before it: %s\n", g.Country, g.Combined)
		}
	}
	for _, v := range ex.Verbs {
		own := "the family's code"
		if v.OwnCode {
			own = "the verb's own code"
		}
		code := v.Code
		if v.Paired != "" {
			code += ":" + v.Paired
		}
		fmt.Fprintf(w, "\nverb %q = %s in family %s [%s] (%s)\n", tokenText(doc, v.Start, v.End), v.Verb.Phrase.Text, v.Family.Label, v.Family.Code, v.Verb.Pos)
		fmt.Fprintf(w, "  matched form %q; without a pattern codes %s (%s); the family has %s (%s)\n",
			strings.Join(v.Form, " "), code, own, plural(len(v.Family.Patterns), "pattern"), v.Family.Pos)
		if inside := nounPhraseAt(ex, v.Start, v.End); inside != "" {
			fmt.Fprintf(w, "  inside the %s, so a coder reads it as part of the noun phrase\n", inside)
		}
	}
}

// nounPhraseAt names the actor or agent match that covers [start, end).
func nounPhraseAt(ex *lexicon.Explanation, start, end int) string {
	for _, a := range ex.Actors {
		if a.Start <= start && end <= a.End {
			return "actor " + a.Actor.Primary.Text
		}
	}
	for _, g := range ex.Agents {
		if g.Start <= start && end <= g.End {
			return "agent " + g.Agent.Phrase.Text
		}
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func writeEvents(w io.Writer, ms []chronicle.Mention) {
	fmt.Fprintf(w, "\ncoded as a sentence: %s\n", plural(len(ms), "event"))
	for i, m := range ms {
		fmt.Fprintf(w, "\nevent %d: %s -> %s  %s (root %s, %s)  %s  %s\n", i+1, orDash(m.Source.Code), orDash(m.Target.Code), m.Code, m.Root, m.PLOVER.Type, m.Modality, m.Date)
		fmt.Fprintf(w, "  source NP: %q%s\n", m.Source.Text, entity(m.Source))
		fmt.Fprintf(w, "  target NP: %q%s\n", m.Target.Text, entity(m.Target))
		fmt.Fprintf(w, "  verb: %q\n", m.Verb.Text)
		if m.Pattern != "" {
			fmt.Fprintf(w, "  pattern: %s\n", m.Pattern)
		}
		if m.DateFrom != "" {
			fmt.Fprintf(w, "  date from: %s\n", m.DateFrom)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func entity(a chronicle.Actor) string {
	if a.Entity == "" {
		return ""
	}
	return " (" + a.Entity + ")"
}

func runDictConvert(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "dict convert", "--to petrarch|json [--dict DIR] [-o DIR]")
	dir := fs.String("dict", "", "convert the dictionaries in `DIR` (PETRARCH text or JSON) instead of the built-in ones")
	to := fs.String("to", "", "output format: petrarch or json")
	outDir := fs.String("o", "", "write one file per source file into `DIR` (default: all to standard output)")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) > 0 || (*to != "petrarch" && *to != "json") {
		fs.Usage()
		return ExitUsage
	}
	d, err := loadDictWith(ctx, *dir, lexicon.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict convert: %v\n", err)
		return ExitFailure
	}
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			fmt.Fprintf(env.Stderr, "chronicle dict convert: %v\n", err)
			return ExitFailure
		}
	}
	out := bufio.NewWriter(env.Stdout)
	files := 0
	for _, part := range d.ByFile() {
		name := convertedName(part, *to)
		var buf bytes.Buffer
		if *to == "json" {
			err = lexicon.WriteJSON(&buf, part.Dict, part.Kind)
		} else {
			err = lexicon.Write(&buf, part.Dict, part.Kind)
		}
		if err == nil {
			if *outDir != "" {
				err = os.WriteFile(filepath.Join(*outDir, name), buf.Bytes(), 0o644)
			} else {
				fmt.Fprintf(out, "==> %s <==\n", name)
				_, err = out.Write(buf.Bytes())
			}
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "chronicle dict convert: %s: %v\n", name, err)
			return ExitFailure
		}
		files++
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(env.Stderr, "chronicle dict convert: %v\n", err)
		return ExitFailure
	}
	verbs, patterns := 0, 0
	for _, f := range d.Verbs.Families {
		verbs += len(f.Verbs)
		patterns += len(f.Patterns)
	}
	where := "standard output"
	if *outDir != "" {
		where = *outDir
	}
	fmt.Fprintf(env.Stderr, "wrote %d %s files to %s: %d actors, %d agents, %d verb families (%d verbs, %d patterns), %d discards, %d issues\n",
		files, *to, where, len(d.Actors), len(d.Agents), len(d.Verbs.Families), verbs, patterns, len(d.Discards), len(d.Issues))
	return ExitOK
}

// convertedName is the output file name of one part: its source name
// with the extension of the target format, prefixed by the kind when the
// name would not say it (so that LoadDir reads it back as the same kind).
func convertedName(part lexicon.FileDict, to string) string {
	base := strings.TrimSuffix(part.Name, filepath.Ext(part.Name))
	ext := ".txt"
	if to == "json" {
		ext = ".json"
	}
	name := base + ext
	if k, ok := lexicon.KindOf(name); !ok || k != part.Kind {
		name = string(part.Kind) + "." + name
	}
	return name
}
