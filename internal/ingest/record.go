package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"time"

	"github.com/chronicle-dev/chronicle"
)

// Default limits.
const (
	DefaultMaxArticleBytes = 10 << 20
	DefaultMaxFeedBytes    = 64 << 20
	DefaultTimeout         = 30 * time.Second
)

// Reasons a record is rejected. RecordError wraps one of them (or a more
// specific error), so callers can test with errors.Is.
var (
	ErrEmpty     = errors.New("empty input")
	ErrBinary    = errors.New("binary data, not text")
	ErrTooLarge  = errors.New("too large")
	ErrNoText    = errors.New("no text")
	ErrNoID      = errors.New("no id")
	ErrBadDate   = errors.New("impossible date")
	ErrSyntax    = errors.New("malformed record")
	ErrNoArticle = errors.New("no article found in the page")
	ErrFetch     = errors.New("fetch failed")
)

// Record is one article read, or the reason one could not be.
type Record struct {
	Article chronicle.Article
	Err     error // a *RecordError when set; Article is then empty
}

// RecordError says which input, line or record went wrong, and why.
type RecordError struct {
	Origin string // file path, URL or "-"
	Line   int    // 1-based line, 0 when not known or not meaningful
	Record int    // 1-based record or item number, 0 when not meaningful
	Err    error
}

func (e *RecordError) Error() string {
	switch {
	case e.Line > 0 && e.Record > 0:
		return fmt.Sprintf("%s record %d (line %d): %v", e.Origin, e.Record, e.Line, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s line %d: %v", e.Origin, e.Line, e.Err)
	case e.Record > 0:
		return fmt.Sprintf("%s record %d: %v", e.Origin, e.Record, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Origin, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Options tune the readers. The zero value is ready to use.
type Options struct {
	// MaxArticleBytes rejects longer articles (and longer JSON lines or
	// CSV records); 0 means DefaultMaxArticleBytes.
	MaxArticleBytes int64
	// MaxFeedBytes rejects longer feeds; 0 means DefaultMaxFeedBytes.
	MaxFeedBytes int64
	// Timeout bounds one http(s) fetch; 0 means DefaultTimeout.
	Timeout time.Duration
	// Client fetches URLs; nil means a plain http.Client.
	Client *http.Client
	// Stdin is read for the argument "-".
	Stdin io.Reader
	// Progress, when set, is called with the number of bytes consumed
	// from local files (compressed size) as they are read.
	Progress func(n int)
}

func (o Options) maxArticle() int64 {
	if o.MaxArticleBytes > 0 {
		return o.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

func (o Options) maxFeed() int64 {
	if o.MaxFeedBytes > 0 {
		return o.MaxFeedBytes
	}
	return DefaultMaxFeedBytes
}

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

// Reader reads the articles of one input stream in one format. name is the
// file path or URL the stream came from: it becomes Article.Origin, and
// single-article formats derive the article id from it.
//
// The sequence yields every article and every rejected record in input
// order. It ends at the end of the input, after a fatal read error (which
// it yields), or when ctx is done.
type Reader interface {
	Read(ctx context.Context, name string, r io.Reader) iter.Seq[Record]
}

// fail returns a Record for an error at the given place.
func fail(origin string, line, record int, err error) Record {
	return Record{Err: &RecordError{Origin: origin, Line: line, Record: record, Err: err}}
}

// tooLarge says how large a thing may be.
func tooLarge(what string, limit int64) error {
	return fmt.Errorf("%w: %s exceeds the %s limit", ErrTooLarge, what, byteSize(limit))
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
