package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/coder"
	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
)

func runCode(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "code", "[--dict DIR] [--conventions auto|chronicle|petrarch] [--require-dyad=true|false] [--new-actor-length N] [--format jsonl|tsv|text] [FILE|- ...]")
	dict := fs.String("dict", "", "code with the PETRARCH-format dictionaries in `DIR` instead of the built-in ones")
	dyad := fs.Bool("require-dyad", true, "drop events without both a source and a target")
	newLen := fs.Int("new-actor-length", 0, "let uncoded noun phrases of at most `N` words be actors (0: never)")
	format := fs.String("format", "jsonl", "output format: jsonl, tsv or text")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded at once")
	conventions := fs.String("conventions", "auto", "coding conventions: chronicle (announced acts as intents or threats, agents take their sentence's country), petrarch, or auto (petrarch with --dict)")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	switch *format {
	case "jsonl", "tsv", "text":
	default:
		fmt.Fprintf(env.Stderr, "chronicle code: unknown format %q (want jsonl, tsv or text)\n", *format)
		return ExitUsage
	}
	switch *conventions {
	case "auto", "chronicle", "petrarch":
	default:
		fmt.Fprintf(env.Stderr, "chronicle code: unknown conventions %q (want auto, chronicle or petrarch)\n", *conventions)
		return ExitUsage
	}
	if *newLen < 0 || *workers < 1 {
		fs.Usage()
		return ExitUsage
	}
	if len(pos) == 0 {
		pos = []string{"-"}
	}
	coding, err := pipeline.Load(ctx, pipeline.Config{DictDir: *dict, Conventions: *conventions,
		Options: coder.Options{RequireDyad: *dyad, NewActorLength: *newLen}})
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle code: %v\n", err)
		return ExitFailure
	}
	out := bufio.NewWriterSize(env.Stdout, 64*1024)
	w := mentionWriter{w: out, format: *format}
	if err := w.header(); err != nil {
		fmt.Fprintf(env.Stderr, "chronicle code: %v\n", err)
		return ExitFailure
	}
	start := time.Now()
	sum, err := codeArticles(ctx, env, pos, coding, *workers, w.write)
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = ferr
	}
	el := time.Since(start).Seconds()
	fmt.Fprintf(env.Stderr, "coded %d articles, %d sentences, %d events in %.2fs (%.0f articles/s, %.0f sentences/s); %d rejected\n",
		sum.articles, sum.sentences, sum.events, el, float64(sum.articles)/max(el, 1e-9), float64(sum.sentences)/max(el, 1e-9), sum.rejected)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "chronicle code: %v\n", err)
		return ExitFailure
	case sum.rejected > 0:
		return ExitRejected
	}
	return ExitOK
}

type codeSummary struct {
	articles, sentences, events, rejected int
}

type codedArticle struct {
	seq       int
	art       chronicle.Article
	mentions  []chronicle.Mention
	sentences int
	err       error
}

// codeArticles reads the articles named by the arguments, codes them on
// several goroutines and hands each article's mentions to emit in input
// order.
func codeArticles(ctx context.Context, env Env, args []string, coding *pipeline.Coding, workers int, emit func(chronicle.Article, []chronicle.Mention) error) (codeSummary, error) {
	var sum codeSummary
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan codedArticle, workers)
	done := make(chan codedArticle, workers)
	// window bounds the articles read ahead of the one being written.
	window := make(chan struct{}, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.err == nil {
					res := coding.Code(j.art)
					j.sentences = len(res.Doc.Sentences)
					j.mentions = res.Coded.Mentions
				}
				done <- j
			}
		}()
	}
	go func() {
		defer close(jobs)
		seq := 0
		opts := ingest.Options{Stdin: env.Stdin}
		for _, arg := range args {
			for rec := range ingest.Open(ctx, arg, opts) {
				select {
				case window <- struct{}{}:
				case <-ctx.Done():
					return
				}
				j := codedArticle{seq: seq, art: rec.Article, err: rec.Err}
				seq++
				select {
				case jobs <- j:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	pending := map[int]codedArticle{}
	next := 0
	var werr error
	for j := range done {
		pending[j.seq] = j
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if werr != nil {
				continue
			}
			if p.err != nil {
				sum.rejected++
				fmt.Fprintf(env.Stderr, "chronicle code: rejected %v\n", p.err)
				continue
			}
			sum.articles++
			sum.sentences += p.sentences
			sum.events += len(p.mentions)
			if err := emit(p.art, p.mentions); err != nil {
				werr = err
				cancel()
			}
		}
	}
	if werr != nil {
		return sum, werr
	}
	return sum, ctx.Err()
}

// mentionWriter prints mentions as JSON Lines, TSV or text.
type mentionWriter struct {
	w      io.Writer
	format string
}

var tsvColumns = []string{"article_id", "sentence", "date", "source", "target", "code", "root", "quad_class",
	"goldstein", "plover_type", "modality", "source_text", "target_text", "verb", "evidence_start", "evidence_end", "evidence"}

func (m mentionWriter) header() error {
	if m.format != "tsv" {
		return nil
	}
	_, err := fmt.Fprintln(m.w, strings.Join(tsvColumns, "\t"))
	return err
}

func (m mentionWriter) write(art chronicle.Article, ms []chronicle.Mention) error {
	for i := range ms {
		e := &ms[i]
		var err error
		switch m.format {
		case "jsonl":
			var b []byte
			b, err = json.Marshal(e)
			if err == nil {
				b = append(b, '\n')
				_, err = m.w.Write(b)
			}
		case "tsv":
			f := []string{e.ArticleID, strconv.Itoa(e.Sentence), e.Date.String(), e.Source.Code, e.Target.Code, e.Code, e.Root,
				strconv.Itoa(e.QuadClass), strconv.FormatFloat(e.Goldstein, 'f', -1, 64), e.PLOVER.Type, string(e.Modality),
				e.Source.Text, e.Target.Text, e.Verb.Text, strconv.Itoa(e.Evidence.Start), strconv.Itoa(e.Evidence.End), e.Evidence.Text}
			for k := range f {
				f[k] = tsvField(f[k])
			}
			_, err = fmt.Fprintln(m.w, strings.Join(f, "\t"))
		default:
			_, err = fmt.Fprintf(m.w, "%s #%d %s  %s (%s) -> %s (%s)  %s %s [%s]%s\n  %s\n  pattern: %s\n",
				e.ArticleID, e.Sentence, e.Date, orNone(e.Source.Code), e.Source.Text, orNone(e.Target.Code), e.Target.Text,
				e.Code, e.PLOVER.Type, e.Modality, issues(e.Issues), e.Evidence.Text, e.Pattern)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", art.ID, err)
		}
	}
	return nil
}

func tsvField(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func issues(is []string) string {
	if len(is) == 0 {
		return ""
	}
	return " issues=" + strings.Join(is, ",")
}
