package lexicon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// ErrSyntax is wrapped by the errors a parser returns for a line it
// cannot read at all.
var ErrSyntax = errors.New("syntax error")

// srcLine is one line of a dictionary file with its comments removed.
type srcLine struct {
	no      int    // 1-based line number
	text    string // content, leading white space kept, trailing removed
	comment string // text after "#" or ";", trimmed
}

// splitLines cuts data into lines, dropping XML comments ("<!-- ... -->",
// possibly over several lines, and any line starting "<!"), "#" comments
// and TABARI ";" comments (outside brackets). Blank lines are dropped.
// Other lines starting with "<" (issue category tags) are kept.
func splitLines(data []byte) []srcLine {
	text := string(data) // one copy; lines are substrings of it
	out := make([]srcLine, 0, strings.Count(text, "\n")+1)
	inXML := false
	no := 0
	for len(text) > 0 {
		no++
		var line string
		if k := strings.IndexByte(text, '\n'); k >= 0 {
			line, text = text[:k], text[k+1:]
		} else {
			line, text = text, ""
		}
		line = strings.TrimRight(line, " \t\r\v\f")
		if inXML {
			k := strings.Index(line, "-->")
			if k < 0 {
				continue
			}
			inXML = false
			line = line[k+3:]
		}
		// XML comments inside the line, possibly opening a multi-line one.
		for {
			k := strings.Index(line, "<!--")
			if k < 0 {
				break
			}
			e := strings.Index(line[k+4:], "-->")
			if e < 0 {
				line = line[:k]
				inXML = true
				break
			}
			line = line[:k] + line[k+4+e+3:]
		}
		if strings.HasPrefix(strings.TrimSpace(line), "<!") {
			continue
		}
		content, comment := cutComment(line)
		content = strings.TrimRight(content, " \t")
		if strings.TrimSpace(content) == "" {
			continue
		}
		out = append(out, srcLine{no: no, text: content, comment: comment})
	}
	return out
}

// cutComment splits a line at the first "#" or ";" that is not inside
// square brackets.
func cutComment(line string) (string, string) {
	depth := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#', ';':
			if depth == 0 {
				return line[:i], strings.TrimSpace(line[i+1:])
			}
		}
	}
	return line, ""
}

// parser holds the state shared by the per-kind parsers.
type parser struct {
	ctx  context.Context
	d    *Dictionary
	file string
	log  *slog.Logger
}

// warn logs a recoverable problem with a line and counts it.
func (p *parser) warn(no int, msg string, args ...any) {
	p.d.Warnings++
	p.log.Warn("lexicon: "+fmt.Sprintf(msg, args...), "file", p.file, "line", no)
}

func (p *parser) errorf(no int, format string, args ...any) error {
	return fmt.Errorf("lexicon %s:%d: %w", p.file, no, fmt.Errorf(format+": %w", append(args, ErrSyntax)...))
}

func (p *parser) pos(no int) Pos { return Pos{File: p.file, Line: no} }

// checkCtx returns the context's error every 4096 lines.
func (p *parser) checkCtx(i int) error {
	if i&4095 == 0 {
		return p.ctx.Err()
	}
	return nil
}

// bracket returns the content of the first "[...]" in s, the text before
// it and after it. ok is false when s has no "["; closed is false when
// the bracket is not closed (the content then runs to the end of s or to
// a stray "}").
func bracket(s string) (before, inside, after string, ok, closed bool) {
	k := strings.IndexByte(s, '[')
	if k < 0 {
		return s, "", "", false, false
	}
	rest := s[k+1:]
	e := strings.IndexByte(rest, ']')
	if e < 0 {
		if c := strings.IndexByte(rest, '}'); c >= 0 {
			return s[:k], strings.TrimSpace(rest[:c]), rest[c+1:], true, false
		}
		return s[:k], strings.TrimSpace(rest), "", true, false
	}
	return s[:k], strings.TrimSpace(rest[:e]), rest[e+1:], true, true
}

// phraseOf builds a Phrase from text as written, dropping a trailing
// word-stop "_" and surrounding space.
func phraseOf(text string) Phrase {
	text = strings.TrimSpace(text)
	text = strings.TrimRight(text, "_")
	text = strings.TrimSpace(text)
	return Phrase{Text: text, Words: SplitPhrase(text)}
}
