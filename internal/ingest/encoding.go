package ingest

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Notes added when the reader had to transform the input.
const (
	noteCP1252  = "decoded from Windows-1252 (input was not valid UTF-8)"
	noteUTF16   = "decoded from UTF-16"
	noteNoDate  = "no date in the input; date unknown"
	noteBOMGone = "byte order mark removed"
)

// bomUTF8 is the UTF-8 byte order mark.
const bomUTF8 = "\xEF\xBB\xBF"

// toUTF8 returns b as valid UTF-8 and a note when it had to be decoded:
// a UTF-16 byte order mark selects UTF-16, invalid UTF-8 is read as
// Windows-1252. A UTF-8 byte order mark is dropped silently.
func toUTF8(b []byte) (string, string) {
	b = bytes.TrimPrefix(b, []byte(bomUTF8))
	if utf8.Valid(b) {
		return string(b), ""
	}
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		d := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		if out, err := d.Bytes(b); err == nil && utf8.Valid(out) {
			return string(out), noteUTF16
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		// Windows-1252 decodes every byte; keep a valid string regardless.
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), noteCP1252
	}
	return string(out), noteCP1252
}

// fixString is toUTF8 for a string field that may hold invalid UTF-8.
func fixString(s string, notes *[]string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, note := toUTF8([]byte(s))
	addNote(notes, note)
	return out
}

func addNote(notes *[]string, note string) {
	if note == "" {
		return
	}
	for _, n := range *notes {
		if n == note {
			return
		}
	}
	*notes = append(*notes, note)
}

// looksBinary reports whether the start of an input is not text: it holds
// a NUL byte or more than one control character in twenty. UTF-16 text
// with a byte order mark is text.
func looksBinary(head []byte) bool {
	if len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return false
	}
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			ctl++
		}
	}
	return ctl*20 > len(head)
}
