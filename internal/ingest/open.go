package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// sniffLen is how much of an input is looked at to guess its format.
const sniffLen = 8 << 10

// Format names an input format.
type Format string

// The formats Chronicle reads.
const (
	FormatPlain Format = "plain"
	FormatJSONL Format = "jsonl"
	FormatCSV   Format = "csv"
	FormatFeed  Format = "feed"
	FormatHTML  Format = "html"
)

// formatByExt maps a lower-case file extension (after any ".gz") to a
// format. Folders are read for these extensions only.
func formatByExt(ext string) (Format, bool) {
	switch ext {
	case ".txt", ".text":
		return FormatPlain, true
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL, true
	case ".csv":
		return FormatCSV, true
	case ".xml", ".rss", ".atom":
		return FormatFeed, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	}
	return "", false
}

// FormatOf guesses an input's format from its name (extension, ignoring a
// trailing ".gz") and, failing that, from its first bytes. A ".json" file
// is JSON Lines unless its content is a JSON Feed.
func FormatOf(name string, head []byte) Format {
	ext := filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz"))
	if f, ok := formatByExt(ext); ok && !isURL(name) && ext != ".json" {
		return f
	}
	return sniff(head)
}

// sniff guesses a format from the start of the input.
func sniff(head []byte) Format {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte(bomUTF8)), " \t\r\n")
	lower := bytes.ToLower(h)
	switch {
	case len(h) == 0:
		return FormatPlain
	case h[0] == '{':
		if bytes.Contains(lower, []byte("jsonfeed.org/version")) {
			return FormatFeed
		}
		return FormatJSONL
	case h[0] == '<':
		for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
			if bytes.Contains(lower, []byte(tag)) {
				return FormatFeed
			}
		}
		return FormatHTML
	case bytes.HasPrefix(h, []byte("date")):
		return FormatPlain
	}
	first, _, _ := bytes.Cut(lower, []byte("\n"))
	if bytes.Contains(first, []byte(",")) {
		cols := map[string]bool{}
		for c := range strings.SplitSeq(string(first), ",") {
			cols[strings.Trim(strings.TrimSpace(c), `"`)] = true
		}
		if cols["id"] && cols["text"] {
			return FormatCSV
		}
	}
	return FormatPlain
}

// ReaderFor returns the reader of a format.
func ReaderFor(f Format, opts Options) Reader {
	switch f {
	case FormatJSONL:
		return JSONL{opts}
	case FormatCSV:
		return CSV{opts}
	case FormatFeed:
		return Feed{opts}
	case FormatHTML:
		return HTML{Opts: opts}
	}
	return Plain{opts}
}

// Expand turns one command-line argument into the inputs it names: a URL
// or "-" as is; a folder as every file under it with a known extension
// (hidden files and folders skipped), recursively, in lexical order; a
// glob pattern as its matches, folders among them expanded, in lexical
// order; any other path as itself.
func Expand(arg string) ([]string, error) {
	if arg == "-" || isURL(arg) {
		return []string{arg}, nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		if !strings.ContainsAny(arg, "*?[") {
			return nil, err
		}
		matches, gerr := filepath.Glob(arg)
		if gerr != nil {
			return nil, fmt.Errorf("pattern %q: %w", arg, gerr)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("pattern %q matches nothing", arg)
		}
		slices.Sort(matches)
		var out []string
		for _, m := range matches {
			more, err := Expand(m)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
		return out, nil
	}
	if !fi.IsDir() {
		return []string{arg}, nil
	}
	var out []string
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := strings.HasPrefix(d.Name(), ".") && p != arg
		if d.IsDir() {
			if hidden {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(d.Name()), ".gz")))
		if _, known := formatByExt(ext); known && !hidden && d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("folder %s: %w", arg, err)
	}
	return out, nil
}

// Open reads every article a command-line argument names (see Expand),
// choosing the reader of each input by URL, extension and content. An
// argument that names nothing readable yields one rejected Record.
func Open(ctx context.Context, arg string, opts Options) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		inputs, err := Expand(arg)
		if err != nil {
			yield(fail(arg, 0, 0, err))
			return
		}
		for _, in := range inputs {
			if ctx.Err() != nil {
				return
			}
			for rec := range ReadInput(ctx, in, opts) {
				if !yield(rec) {
					return
				}
			}
		}
	}
}

// ReadInput reads one input: a file path, an http(s) URL, or "-" for
// opts.Stdin. Gzip-compressed input is detected by its magic bytes.
func ReadInput(ctx context.Context, input string, opts Options) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		var (
			r           io.Reader
			contentType string
			rctx        = ctx // bounded by the fetch timeout for URLs
		)
		switch {
		case input == "-":
			if opts.Stdin == nil {
				yield(fail(input, 0, 0, errors.New("no standard input")))
				return
			}
			r = opts.Stdin
		case isURL(input):
			var cancel context.CancelFunc
			rctx, cancel = context.WithTimeout(ctx, opts.timeout())
			defer cancel()
			body, ct, err := fetch(rctx, input, opts)
			if err != nil {
				yield(fail(input, 0, 0, err))
				return
			}
			defer body.Close()
			r, contentType = body, ct
		default:
			f, err := os.Open(input)
			if err != nil {
				yield(fail(input, 0, 0, err))
				return
			}
			defer f.Close()
			if fi, err := f.Stat(); err == nil && fi.IsDir() {
				yield(fail(input, 0, 0, errors.New("is a folder")))
				return
			}
			r = f
			if opts.Progress != nil {
				r = &countReader{r: f, fn: opts.Progress}
			}
		}
		br := bufio.NewReaderSize(r, 64<<10)
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				yield(fail(input, 0, 0, fmt.Errorf("gzip: %w", err)))
				return
			}
			defer zr.Close()
			br = bufio.NewReaderSize(zr, 64<<10)
		}
		h, err := br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			if isURL(input) && errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("%w: timed out after %v", ErrFetch, opts.timeout())
			} else {
				err = fmt.Errorf("read: %w", err)
			}
			yield(fail(input, 0, 0, err))
			return
		}
		if len(bytes.TrimSpace(h)) == 0 {
			yield(fail(input, 0, 0, ErrEmpty))
			return
		}
		if looksBinary(h) {
			yield(fail(input, 0, 0, ErrBinary))
			return
		}
		format := FormatOf(input, h)
		if isURL(input) {
			format = urlFormat(input, contentType, h)
		}
		var rd Reader = ReaderFor(format, opts)
		if format == FormatHTML {
			rd = HTML{Opts: opts, ContentType: contentType}
		}
		lastOK := true
		for rec := range rd.Read(rctx, input, br) {
			var re *RecordError
			if isURL(input) && errors.Is(rec.Err, context.DeadlineExceeded) && errors.As(rec.Err, &re) {
				rec = fail(input, re.Line, re.Record, fmt.Errorf("%w: timed out after %v", ErrFetch, opts.timeout()))
			}
			if !yield(rec) {
				return
			}
			lastOK = rec.Err == nil
		}
		// A fetch that timed out while the body streamed ends the reader
		// quietly (or with a read error); say why.
		if isURL(input) && lastOK && errors.Is(rctx.Err(), context.DeadlineExceeded) {
			yield(fail(input, 0, 0, fmt.Errorf("%w: timed out after %v", ErrFetch, opts.timeout())))
		}
	}
}

// urlFormat picks the reader for a fetched URL: by extension when the
// path has a known one, else by the Content-Type, else by content.
func urlFormat(u, contentType string, head []byte) Format {
	path := u
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if f, ok := formatByExt(strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz")))); ok {
		return f
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case strings.Contains(mt, "rss"), strings.Contains(mt, "atom"), mt == "application/feed+json":
		return FormatFeed
	case mt == "application/jsonl", mt == "application/x-ndjson":
		return FormatJSONL
	case mt == "text/csv":
		return FormatCSV
	}
	return sniff(head)
}

// fetch GETs a URL and returns its body when the status is 200.
func fetch(ctx context.Context, u string, opts Options) (io.ReadCloser, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrFetch, err)
	}
	req.Header.Set("User-Agent", "chronicle/"+chronicle.Version)
	client := opts.Client
	if client == nil {
		client = &http.Client{}
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, "", fmt.Errorf("%w: timed out after %v", ErrFetch, opts.timeout())
		}
		return nil, "", fmt.Errorf("%w: %v", ErrFetch, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, "", fmt.Errorf("%w: HTTP status %s", ErrFetch, resp.Status)
	}
	return resp.Body, resp.Header.Get("Content-Type"), nil
}

// countReader reports the bytes read through it.
type countReader struct {
	r  io.Reader
	fn func(int)
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.fn(n)
	}
	return n, err
}
