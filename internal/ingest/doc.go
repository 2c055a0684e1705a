// Package ingest reads dated news articles from files, folders, globs,
// standard input and http(s) URLs, in every format Chronicle accepts: the
// plain "date YYYY-MM-DD" text format, JSON Lines, CSV, RSS/Atom feeds and
// HTML pages. Every reader streams: it yields one Record at a time and holds
// at most one article (capped by Options.MaxArticleBytes) in memory, except
// the feed reader, which parses one feed (capped by Options.MaxFeedBytes).
//
// A Record carries either an Article or an error naming the input, the line
// or record, and the reason. A bad record never stops the rest of the input.
//
// Which bytes become Article.Text, per format (offsets index into it, so
// this is a contract):
//
//   - plain: everything after the "date YYYY-MM-DD" token (or the whole
//     file when there is no date line), with leading and trailing
//     whitespace removed; nothing inside is touched (blank-line paragraphs,
//     curly quotes and all other Unicode stay as they are).
//   - JSON Lines and CSV: the "text" value exactly as decoded.
//   - RSS/Atom: the item's content (else its description) rendered from
//     HTML to text, paragraphs separated by a blank line.
//   - HTML: the main text readability finds, rendered the same way.
//
// Input that is not valid UTF-8 is decoded as Windows-1252 (a superset of
// Latin-1 for printable text) and the article gets a Note saying so.
package ingest
