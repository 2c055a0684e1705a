package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/chronicle-dev/chronicle"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// Feed reads an RSS, Atom or JSON feed: one article per item, its text the
// item's content (else its description) rendered from HTML to plain text,
// its id the item's GUID (else its link) made safe for ids.
type Feed struct{ Opts Options }

// Read implements Reader.
func (f Feed) Read(ctx context.Context, name string, r io.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		limit := f.Opts.maxFeed()
		b, err := io.ReadAll(io.LimitReader(r, limit+1))
		if err != nil {
			yield(fail(name, 0, 0, fmt.Errorf("read: %w", err)))
			return
		}
		if int64(len(b)) > limit {
			yield(fail(name, 0, 0, tooLarge("the feed", limit)))
			return
		}
		if len(bytes.TrimSpace(b)) == 0 {
			yield(fail(name, 0, 0, ErrEmpty))
			return
		}
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
		b = nil
		if err != nil {
			yield(fail(name, 0, 0, fmt.Errorf("%w: not a feed: %v", ErrSyntax, err)))
			return
		}
		source := strings.TrimSpace(feed.Title)
		for i, it := range feed.Items {
			if ctx.Err() != nil {
				return
			}
			if it == nil {
				continue
			}
			rec := i + 1
			a := chronicle.Article{
				Title:  strings.TrimSpace(it.Title),
				URL:    strings.TrimSpace(it.Link),
				Source: source,
				Origin: name + "#" + strconv.Itoa(rec),
			}
			switch key := strings.TrimSpace(it.GUID); {
			case key != "":
				a.ID = idFromURL(key)
			case a.URL != "":
				a.ID = idFromURL(a.URL)
			default:
				a.ID = idFromName(name) + "-" + strconv.Itoa(rec)
			}
			body := it.Content
			if strings.TrimSpace(body) == "" {
				body = it.Description
			}
			a.Text = htmlToText(body)
			a.Title = fixString(a.Title, &a.Notes)
			a.Text = fixString(a.Text, &a.Notes)
			switch {
			case it.PublishedParsed != nil:
				a.Date = localDay(it.Published, *it.PublishedParsed)
			case it.UpdatedParsed != nil:
				a.Date = localDay(it.Updated, *it.UpdatedParsed)
			default:
				addNote(&a.Notes, noteNoDate)
			}
			var err error
			switch {
			case a.Text == "":
				err = fmt.Errorf("%w: item %q has no content or description", ErrNoText, a.ID)
			case int64(len(a.Text)) > f.Opts.maxArticle():
				err = fmt.Errorf("item %q: %w", a.ID, tooLarge("the text", f.Opts.maxArticle()))
			}
			if err != nil {
				if !yield(fail(name, 0, rec, err)) {
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

// htmlToText renders an HTML fragment (or plain text) as text: block
// elements become paragraphs separated by a blank line, runs of spaces
// collapse, entities are decoded.
func htmlToText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	return tidyText(render.InnerText(doc))
}

// tidyText trims each line and the whole text, and turns every run of
// blank lines into exactly one, so paragraphs are separated by "\n\n".
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank {
				b.WriteString("\n")
			}
		}
		b.WriteString(l)
		blank = false
	}
	return b.String()
}

// localDay is the publication day in the publisher's own time zone: the
// parser normalises timestamps to UTC, which can move an evening story to
// the next day, so the raw value is re-read when its form is a common one.
func localDay(raw string, parsed time.Time) chronicle.Date {
	raw = strings.TrimSpace(raw)
	for _, l := range [...]string{time.RFC1123Z, time.RFC1123, time.RFC3339, time.RFC822Z, time.RFC822} {
		if t, err := time.Parse(l, raw); err == nil {
			return chronicle.DateOf(t)
		}
	}
	return chronicle.DateOf(parsed)
}
