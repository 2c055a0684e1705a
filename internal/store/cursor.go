package store

import (
	"encoding/base64"
	"encoding/json"
	"errors"
)

// Cursor kinds.
const (
	cursorOffset = "o" // ranked results: the offset of the next page
	cursorKeyset = "k" // ordered results: the last row's sort key
)

// cursor is the decoded form of the opaque page cursors the store hands
// out: base64url of a small JSON object. Keyset cursors carry the sort key
// of the last row returned, so pages never repeat or skip rows when others
// are added meanwhile.
type cursor struct {
	Kind   string `json:"k"`
	Offset int    `json:"o,omitempty"`
	Date   string `json:"d,omitempty"`
	Seq    int64  `json:"s,omitempty"`
	ID     string `json:"i,omitempty"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c) // a struct of strings and ints always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

var errBadCursor = errors.New("invalid cursor")

func decodeCursor(s string) (cursor, error) {
	var c cursor
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, errBadCursor
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, errBadCursor
	}
	switch c.Kind {
	case cursorOffset:
		if c.Offset < 0 || c.Offset > 1<<30 {
			return c, errBadCursor
		}
	case cursorKeyset:
	default:
		return c, errBadCursor
	}
	return c, nil
}
