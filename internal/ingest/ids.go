package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

const maxIDLen = 120

// idFromName derives an article id from where a single-article input came
// from: a file's base name without its extensions ("seed/000_ab.txt.gz" →
// "000_ab"), or a URL's host and path made safe ("https://x.org/a/b.html"
// → "x.org-a-b").
func idFromName(name string) string {
	if isURL(name) {
		return idFromURL(name)
	}
	if name == "-" || name == "" {
		return "stdin"
	}
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, ".gz")
	if ext := filepath.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// idFromURL turns a URL or other long identifier (a feed GUID) into an id
// made of letters, digits, '.', '_' and '-'.
func idFromURL(s string) string {
	key := s
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		p := strings.TrimSuffix(u.Path, path.Ext(u.Path))
		key = u.Host + p
		if u.RawQuery != "" {
			key += "-" + u.RawQuery
		}
	}
	return slug(key, s)
}

// slug keeps ASCII letters, digits, '.', '_' and '-', turns every other
// run into one '-', and shortens long results with a hash of full.
func slug(s, full string) string {
	var b strings.Builder
	dash := false
	for _, c := range s {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
		switch {
		case ok:
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-.")
	if len(out) > maxIDLen || out == "" {
		sum := sha256.Sum256([]byte(full))
		if len(out) > maxIDLen-17 {
			out = out[:maxIDLen-17]
		}
		out = strings.TrimRight(out, "-.") + "-" + hex.EncodeToString(sum[:8])
		out = strings.TrimLeft(out, "-")
	}
	return out
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
