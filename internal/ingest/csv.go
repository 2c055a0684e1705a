package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// CSV reads comma-separated records whose header row names the columns:
// id and text are required; date, title, url and source are read when
// present; other columns are ignored. A record longer than the article
// limit ends the file (CSV cannot be resynchronised safely after it).
type CSV struct{ Opts Options }

// Read implements Reader.
func (c CSV) Read(ctx context.Context, name string, r io.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		limit := c.Opts.maxArticle()
		g := &guardReader{r: r, limit: 2*limit + 64<<10}
		cr := csv.NewReader(g)
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = ErrEmpty
			}
			yield(fail(name, 1, 0, csvErr(err)))
			return
		}
		col := map[string]int{}
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
			if _, dup := col[h]; !dup {
				col[h] = i
			}
		}
		for _, need := range []string{"id", "text"} {
			if _, ok := col[need]; !ok {
				yield(fail(name, 1, 0, fmt.Errorf("%w: the header has no %q column (it names: %s)",
					ErrSyntax, need, strings.Join(header, ","))))
				return
			}
		}
		width := len(header)
		for rec := 1; ; rec++ {
			if ctx.Err() != nil {
				return
			}
			g.mark = cr.InputOffset()
			row, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			line := 0
			if err == nil {
				line, _ = cr.FieldPos(0)
			} else {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					line = pe.StartLine
				}
				if !yield(fail(name, line, rec, csvErr(err))) || g.err != nil || pe == nil {
					return
				}
				continue
			}
			if len(row) != width {
				err := fmt.Errorf("%w: %d columns, the header has %d", ErrSyntax, len(row), width)
				if !yield(fail(name, line, rec, err)) {
					return
				}
				continue
			}
			field := func(k string) string {
				if i, ok := col[k]; ok {
					return row[i]
				}
				return ""
			}
			a := chronicle.Article{Origin: name + ":" + strconv.Itoa(line)}
			a.ID = strings.TrimSpace(fixString(field("id"), &a.Notes))
			a.Title = fixString(field("title"), &a.Notes)
			a.Text = fixString(field("text"), &a.Notes)
			a.URL = fixString(field("url"), &a.Notes)
			a.Source = fixString(field("source"), &a.Notes)
			if err := finishRecord(&a, field("date"), limit); err != nil {
				if !yield(fail(name, line, rec, err)) {
					return
				}
				continue
			}
			if !yield(Record{Article: a}) {
				return
			}
		}
	}
}

func csvErr(err error) error {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrEmpty) {
		return err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: %v", ErrSyntax, pe.Err)
	}
	return fmt.Errorf("read: %w", err)
}

// guardReader fails once more than limit bytes have been read since mark,
// the input offset where the current CSV record began, so one endless
// record cannot make encoding/csv buffer the whole input.
type guardReader struct {
	r     io.Reader
	n     int64 // bytes read so far
	mark  int64
	limit int64
	err   error
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if g.n-g.mark > g.limit {
		g.err = tooLarge("the record", g.limit)
		return 0, g.err
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}
