package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode"

	"github.com/chronicle-dev/chronicle"
)

// Plain reads one article per input in Chronicle's plain format: optional
// leading whitespace, then "date YYYY-MM-DD", then the text. Without the
// date line the whole input is the text and the date is unknown. The
// article id is the input's base name without its extensions.
type Plain struct{ Opts Options }

// Read implements Reader.
func (p Plain) Read(ctx context.Context, name string, r io.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		if ctx.Err() != nil {
			return
		}
		b, err := readCapped(r, p.Opts.maxArticle())
		if err != nil {
			yield(fail(name, 0, 0, err))
			return
		}
		yield(capText(parsePlain(name, b), name, p.Opts.maxArticle()))
	}
}

// capText rejects a record whose text grew past limit when it was decoded
// to UTF-8 (a Windows-1252 byte can take three bytes in UTF-8), so the
// limit holds for what is stored, not only for what was read.
func capText(rec Record, name string, limit int64) Record {
	if rec.Err == nil && int64(len(rec.Article.Text)) > limit {
		return fail(name, 0, 0, tooLarge("the decoded text", limit))
	}
	return rec
}

// readCapped reads all of r, failing with ErrTooLarge past limit bytes
// without buffering more than limit+1 of them.
func readCapped(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge("the article", limit)
	}
	return b, nil
}

// parsePlain turns the bytes of one plain-format file into a Record.
func parsePlain(name string, b []byte) Record {
	if len(bytes.TrimSpace(b)) == 0 {
		return fail(name, 0, 0, ErrEmpty)
	}
	if looksBinary(head(b)) {
		return fail(name, 0, 0, ErrBinary)
	}
	s, note := toUTF8(b)
	a := chronicle.Article{ID: idFromName(name), Origin: name}
	addNote(&a.Notes, note)

	body := strings.TrimLeftFunc(s, unicode.IsSpace)
	line := 1 + strings.Count(s[:len(s)-len(body)], "\n")
	if tok, rest, ok := dateLine(body); ok {
		d, err := chronicle.ParseDate(tok)
		if err != nil {
			return fail(name, line, 0, fmt.Errorf("%w: %w", ErrBadDate, err))
		}
		a.Date = d
		body = rest
	} else {
		addNote(&a.Notes, noteNoDate)
	}
	a.Text = strings.TrimFunc(body, unicode.IsSpace)
	if a.Text == "" {
		return fail(name, line, 0, ErrNoText)
	}
	if a.ID == "" {
		return fail(name, 0, 0, ErrNoID)
	}
	return Record{Article: a}
}

// dateLine splits "date 2023-11-08 text..." into the date token and the
// rest. It matches when the first word is "date" and the second looks like
// a date (digits and dashes with two dashes), whether or not the day
// exists, so that impossible days are reported rather than read as text.
func dateLine(s string) (tok, rest string, ok bool) {
	after, found := strings.CutPrefix(s, "date")
	if !found || after == "" || !unicode.IsSpace(rune(after[0])) {
		return "", "", false
	}
	after = strings.TrimLeft(after, " \t")
	end := strings.IndexFunc(after, unicode.IsSpace)
	if end < 0 {
		end = len(after)
	}
	tok = after[:end]
	if !dateShaped(tok) {
		return "", "", false
	}
	return tok, after[end:], true
}

func dateShaped(s string) bool {
	if len(s) < 8 || len(s) > 12 || strings.Count(s, "-") != 2 {
		return false
	}
	for _, c := range s {
		if c != '-' && (c < '0' || c > '9') {
			return false
		}
	}
	return s[0] != '-'
}

func head(b []byte) []byte {
	if len(b) > sniffLen {
		return b[:sniffLen]
	}
	return b
}
