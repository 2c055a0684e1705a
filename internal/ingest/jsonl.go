package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
)

// JSONL reads JSON Lines: one object per line with "id" and "text"
// (required) and "date", "title", "url", "source". Blank lines are
// skipped. A line longer than the article limit is skipped unread.
type JSONL struct{ Opts Options }

// jsonArticle is the shape of one JSON line.
type jsonArticle struct {
	ID     flexString `json:"id"`
	Date   flexString `json:"date"`
	Title  string     `json:"title"`
	Text   *string    `json:"text"`
	URL    string     `json:"url"`
	Source string     `json:"source"`
}

// flexString accepts a JSON string, number or null.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or a number, got %s", b)
		}
		*f = flexString(n.String())
	}
	return nil
}

// Read implements Reader.
func (j JSONL) Read(ctx context.Context, name string, r io.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		limit := j.Opts.maxArticle()
		// A JSON line holds the text plus escapes and the other fields.
		lineLimit := 2*limit + 64<<10
		br := bufio.NewReaderSize(r, 64<<10)
		var buf []byte
		for line := 1; ; line++ {
			if ctx.Err() != nil {
				return
			}
			b, over, err := readLine(br, buf[:0], lineLimit)
			buf = b
			if err != nil && !errors.Is(err, io.EOF) {
				yield(fail(name, line, 0, fmt.Errorf("read: %w", err)))
				return
			}
			switch {
			case over:
				if !yield(fail(name, line, 0, tooLarge("the line", lineLimit))) {
					return
				}
			case len(bytes.TrimSpace(b)) > 0:
				if !yield(parseJSONLine(name, line, b, limit)) {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
}

// readLine appends the next line of br (without its newline) to buf. When
// the line is longer than limit it consumes the rest of the line without
// storing it and reports over. err is io.EOF after the last line.
func readLine(br *bufio.Reader, buf []byte, limit int64) (line []byte, over bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !over {
			if int64(len(buf)+len(chunk)) > limit {
				over, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r")), over, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return buf, over, err
		}
	}
}

// parseJSONLine decodes one JSON line into a Record.
func parseJSONLine(name string, line int, b []byte, limit int64) Record {
	var notes []string
	if !utf8.Valid(b) {
		s, note := toUTF8(b)
		b = []byte(s)
		addNote(&notes, note)
	}
	var ja jsonArticle
	if err := json.Unmarshal(b, &ja); err != nil {
		return fail(name, line, 0, fmt.Errorf("%w: broken JSON: %v", ErrSyntax, err))
	}
	if ja.Text == nil {
		return fail(name, line, 0, fmt.Errorf("%w: the \"text\" field is missing", ErrNoText))
	}
	a := chronicle.Article{
		ID:     strings.TrimSpace(string(ja.ID)),
		Title:  ja.Title,
		Text:   *ja.Text,
		URL:    ja.URL,
		Source: ja.Source,
		Origin: name + ":" + strconv.Itoa(line),
		Notes:  notes,
	}
	if err := finishRecord(&a, string(ja.Date), limit); err != nil {
		return fail(name, line, 0, err)
	}
	return Record{Article: a}
}

// finishRecord validates a record-format article and sets its date: the
// id and text are required, the text must fit the limit, and a date, when
// given, must be a real day (YYYY-MM-DD, or an RFC 3339 timestamp).
func finishRecord(a *chronicle.Article, date string, limit int64) error {
	if a.ID == "" {
		return fmt.Errorf("%w: the \"id\" field is missing or empty", ErrNoID)
	}
	if strings.TrimSpace(a.Text) == "" {
		return fmt.Errorf("%w: the \"text\" field of %q is empty", ErrNoText, a.ID)
	}
	if int64(len(a.Text)) > limit {
		return fmt.Errorf("article %q: %w", a.ID, tooLarge("the text", limit))
	}
	d, err := parseRecordDate(date)
	if err != nil {
		return fmt.Errorf("article %q: %w", a.ID, err)
	}
	a.Date = d
	if d.IsZero() {
		addNote(&a.Notes, noteNoDate)
	}
	return nil
}

// parseRecordDate reads a record's date field; "" is an unknown date.
func parseRecordDate(s string) (chronicle.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return chronicle.Date{}, nil
	}
	if len(s) > len(time.DateOnly) {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return chronicle.DateOf(t), nil
		}
	}
	d, err := chronicle.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("%w: %w", ErrBadDate, err)
	}
	return d, nil
}
