package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/chronicle-dev/chronicle"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// MinHTMLText is the shortest main text, in bytes, an HTML page must yield
// to count as an article; pages with less (navigation, error pages) are
// rejected with ErrNoArticle.
const MinHTMLText = 140

// HTML reads one web page: the main text as readability extracts it, the
// title and publication date from the page's metadata (Open Graph,
// article:published_time, Dublin Core, JSON-LD; else a <meta> named date
// or a <time datetime> element). The id comes from the file name or URL.
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
		yield(capText(h.parse(name, b), name, h.Opts.maxArticle()))
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
	} else if d, ok := pageDate(b); ok {
		a.Date = d
	} else {
		addNote(&a.Notes, noteNoDate)
	}
	return Record{Article: a}
}

// pageDate is the fallback when readability finds no publication time in
// the usual metadata: the first <meta> named date, pubdate, publishdate,
// datePublished or DC.date (by name, property or itemprop), else the first
// <time datetime> in the page. The value must start with YYYY-MM-DD.
func pageDate(page []byte) (chronicle.Date, bool) {
	z := html.NewTokenizer(bytes.NewReader(page))
	var timeDate chronicle.Date
	for {
		switch z.Next() {
		case html.ErrorToken:
			return timeDate, !timeDate.IsZero()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if !hasAttr || (string(name) != "meta" && string(name) != "time") {
				continue
			}
			var key, content, datetime string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "name", "property", "itemprop":
					key = strings.ToLower(string(v))
				case "content":
					content = string(v)
				case "datetime":
					datetime = string(v)
				}
				if !more {
					break
				}
			}
			switch {
			case string(name) == "meta" && isDateMeta(key):
				if d, ok := leadingDate(content); ok {
					return d, true
				}
			case string(name) == "time" && timeDate.IsZero():
				if d, ok := leadingDate(datetime); ok {
					timeDate = d
				}
			}
		}
	}
}

func isDateMeta(key string) bool {
	switch key {
	case "date", "pubdate", "publishdate", "publish-date", "datepublished", "dc.date", "dc.date.issued", "sailthru.date":
		return true
	}
	return false
}

// leadingDate reads the YYYY-MM-DD a timestamp starts with.
func leadingDate(s string) (chronicle.Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) < len(time.DateOnly) {
		return chronicle.Date{}, false
	}
	d, err := chronicle.ParseDate(s[:len(time.DateOnly)])
	return d, err == nil
}
