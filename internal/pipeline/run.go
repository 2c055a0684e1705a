package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"runtime"
	"sync"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/ingest"
	"github.com/chronicle-dev/chronicle/internal/store"
)

// Options tune a run.
type Options struct {
	Workers int            // articles coded at once; 0 means GOMAXPROCS
	Batch   int            // articles per write transaction; 0 means 256
	Ingest  ingest.Options // reader limits, stdin, byte progress
	// Recode codes every stored article again, not only those the current
	// coder version has not coded.
	Recode bool
	// Reject is told about every rejected record (for messages).
	Reject func(error)
	// Stored and Coded report progress: articles stored so far, articles
	// coded so far and how many there are to code.
	Stored func(Report)
	Coded  func(done, total int)
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (o Options) batch() int {
	if o.Batch > 0 {
		return o.Batch
	}
	return 256
}

// Report counts what a run did.
type Report struct {
	Read, New, Duplicate, NearDuplicate, Conflict, Rejected int
	Coded, Sentences, Mentions                              int
}

func (r Report) String() string {
	return fmt.Sprintf("read %d: %d new, %d duplicate, %d near-duplicate, %d conflict, %d rejected; coded %d articles, %d sentences, %d event mentions",
		r.Read, r.New, r.Duplicate, r.NearDuplicate, r.Conflict, r.Rejected, r.Coded, r.Sentences, r.Mentions)
}

// Run ingests every input into the store and then codes every stored
// article the current coder has not coded (all of them with
// Options.Recode). Everything committed before an error or a kill stays;
// running again resumes where it stopped.
func Run(ctx context.Context, st *store.Store, c *Coding, inputs []string, opt Options) (Report, error) {
	var rep Report
	err := Ingest(ctx, st, Records(ctx, inputs, opt.Ingest), opt, &rep)
	if err != nil {
		return rep, err
	}
	err = CodePending(ctx, st, c, opt, &rep)
	return rep, err
}

// Records reads every input in turn.
func Records(ctx context.Context, inputs []string, opt ingest.Options) iter.Seq[ingest.Record] {
	return func(yield func(ingest.Record) bool) {
		for _, in := range inputs {
			for rec := range ingest.Open(ctx, in, opt) {
				if !yield(rec) {
					return
				}
			}
		}
	}
}

// IngestSummary is the ingest part of a report, as `chronicle ingest`
// prints it.
func (r Report) IngestSummary() string {
	return fmt.Sprintf("read %d: %d new, %d duplicate, %d near-duplicate, %d conflict, %d rejected",
		r.Read, r.New, r.Duplicate, r.NearDuplicate, r.Conflict, r.Rejected)
}

// Ingest stores the records' articles in batches, one transaction each,
// counting what happened to every record in rep. Records are read and
// fingerprinted on their own goroutine while the calling one writes, so
// parsing overlaps the database work. opt.Reject and opt.Stored are
// called from the calling goroutine only.
func Ingest(ctx context.Context, st *store.Store, recs iter.Seq[ingest.Record], opt Options, rep *Report) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		articles []chronicle.Article
		read     int     // records read since the last batch
		rejected []error // why records since the last batch were rejected
	}
	size := opt.batch()
	batches := make(chan batch, 2)
	go func() {
		defer close(batches)
		cur := batch{articles: make([]chronicle.Article, 0, size)}
		send := func() bool {
			select {
			case batches <- cur:
				cur = batch{articles: make([]chronicle.Article, 0, size)}
				return true
			case <-ctx.Done():
				return false
			}
		}
		for rec := range recs {
			cur.read++
			if rec.Err != nil {
				cur.rejected = append(cur.rejected, rec.Err)
				if len(cur.rejected) == size && !send() {
					return
				}
				continue
			}
			ingest.Fingerprint(&rec.Article)
			cur.articles = append(cur.articles, rec.Article)
			if len(cur.articles) == size && !send() {
				return
			}
		}
		if cur.read > 0 {
			send()
		}
	}()

	var failed error
	for b := range batches {
		if failed != nil {
			continue // drain so the reader can finish
		}
		rep.Read += b.read
		rep.Rejected += len(b.rejected)
		if opt.Reject != nil {
			for _, err := range b.rejected {
				opt.Reject(err)
			}
		}
		if len(b.articles) > 0 {
			res, err := st.PutArticles(ctx, b.articles)
			if err != nil {
				failed = fmt.Errorf("store %d articles: %w", len(b.articles), err)
				cancel()
				continue
			}
			for _, r := range res {
				switch r.Status {
				case store.New:
					rep.New++
				case store.Duplicate:
					rep.Duplicate++
				case store.NearDuplicate:
					rep.NearDuplicate++
				case store.Conflict:
					rep.Conflict++
					if opt.Reject != nil {
						opt.Reject(fmt.Errorf("conflict: %s is already stored with a different text; kept the stored one", r.ID))
					}
				}
			}
		}
		if opt.Stored != nil {
			opt.Stored(*rep)
		}
	}
	if err := parent.Err(); err != nil {
		// A store error while interrupted is the interruption itself.
		return fmt.Errorf("interrupted: %w", context.Cause(parent))
	}
	return failed
}

// CodePending codes, on opt.Workers goroutines, every stored article the
// current coder version has not coded, and writes sentences and mentions
// back in batches (the store clusters mentions into events as it goes).
func CodePending(ctx context.Context, st *store.Store, c *Coding, opt Options, rep *Report) error {
	total, err := st.CountToCode(ctx, c.Version, opt.Recode)
	if err != nil || total == 0 {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan chronicle.Article, opt.workers()*4)
	results := make(chan Result, opt.workers()*4)
	var readErr error
	go func() {
		defer close(jobs)
		for a, err := range st.ArticlesToCode(ctx, c.Version, opt.Recode) {
			if err != nil {
				readErr = err
				cancel()
				return
			}
			select {
			case jobs <- a:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range opt.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				select {
				case results <- c.Code(a):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	size := opt.batch()
	batch := make([]store.CodedArticle, 0, size)
	var writeErr error
	flush := func() {
		if len(batch) == 0 || writeErr != nil {
			return
		}
		if writeErr = st.PutCoded(ctx, batch); writeErr != nil {
			cancel()
			return
		}
		for _, b := range batch {
			rep.Coded++
			rep.Sentences += len(b.Sentences)
			rep.Mentions += len(b.Mentions)
		}
		batch = batch[:0]
		if opt.Coded != nil {
			opt.Coded(rep.Coded, total)
		}
	}
	for r := range results {
		batch = append(batch, r.Coded)
		if len(batch) == size {
			flush()
		}
	}
	flush()
	switch {
	case writeErr != nil:
		return writeErr
	case readErr != nil:
		return readErr
	}
	return ctx.Err()
}

// IngestJSON stores and codes the articles in body: one JSON article
// (possibly pretty-printed) or JSON Lines. It is what the API's POST
// /api/articles does. Rejections are reported through opt.Reject.
func IngestJSON(ctx context.Context, st *store.Store, c *Coding, body io.Reader, opt Options) (Report, error) {
	var rep Report
	data, err := io.ReadAll(body)
	if err != nil {
		return rep, err
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' && json.Valid(t) {
		data = compactLine(t)
	}
	recs := ingest.JSONL{}.Read(ctx, "request", bytes.NewReader(data))
	if err := Ingest(ctx, st, recs, opt, &rep); err != nil {
		return rep, err
	}
	err = CodePending(ctx, st, c, opt, &rep)
	return rep, err
}

func compactLine(b []byte) []byte {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return b
	}
	out.WriteByte('\n')
	return out.Bytes()
}
