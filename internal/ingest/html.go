package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/chronicle-dev/chronicle"
	"golang.org/x/net/html/charset"
)

// MinHTMLText is the shortest main text, in bytes, an HTML page must yield
// to count as an article; pages with less (navigation, error pages) are
// rejected with ErrNoArticle.
const MinHTMLText = 140

// HTML reads one web page: the main text as readability extracts it, the
// title and publication date from the page's metadata (Open Graph,
// article:published_time, Dublin Core, JSON-LD). The id comes from the
// file name or URL.
type HTML struct {
	Opts Options
	// ContentType is the HTTP Content-Type when the page was fetched; it
	// may name the character set.
	ContentType string
}

// Read implements Reader.
func (h HTML) Read(ctx context.Context, name string, r io.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		if ctx.Err() != nil {
			return
		}
		b, err := readCapped(r, h.Opts.maxArticle())
		if err != nil {
			yield(fail(name, 0, 0, err))
			return
		}
		yield(h.parse(name, b))
	}
}

func (h HTML) parse(name string, b []byte) Record {
	if len(bytes.TrimSpace(b)) == 0 {
		return fail(name, 0, 0, ErrEmpty)
	}
	if looksBinary(head(b)) {
		return fail(name, 0, 0, ErrBinary)
	}
	a := chronicle.Article{ID: idFromName(name), Origin: name}
	var page io.Reader = bytes.NewReader(b)
	if enc, encName, _ := charset.DetermineEncoding(head(b), h.ContentType); encName != "utf-8" || !utf8.Valid(b) {
		if encName == "utf-8" {
			s, note := toUTF8(b)
			page = strings.NewReader(s)
			addNote(&a.Notes, note)
		} else {
			page = enc.NewDecoder().Reader(bytes.NewReader(b))
			addNote(&a.Notes, "decoded from "+encName)
		}
	}
	var base *url.URL
	if isURL(name) {
		base, _ = url.Parse(name)
		a.URL = name
	}
	art, err := readability.FromReader(page, base)
	if err != nil {
		return fail(name, 0, 0, fmt.Errorf("%w: %v", ErrNoArticle, err))
	}
	if art.Node != nil {
		a.Text = tidyText(render.InnerText(art.Node))
	}
	if len(a.Text) < MinHTMLText {
		return fail(name, 0, 0, fmt.Errorf("%w (main text %d bytes, need %d)", ErrNoArticle, len(a.Text), MinHTMLText))
	}
	a.Title = strings.TrimSpace(art.Title())
	a.Source = strings.TrimSpace(art.SiteName())
	if t, err := art.PublishedTime(); err == nil {
		a.Date = chronicle.DateOf(t)
	} else {
		addNote(&a.Notes, noteNoDate)
	}
	return Record{Article: a}
}
