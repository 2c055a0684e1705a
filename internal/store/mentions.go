package store

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/chronicle-dev/chronicle"
)

// mentionColumns are the mentions table's data columns in the order
// mentionArgs produces and scanMention reads them.
const mentionColumns = `id, event_id, article_id, sentence,
	date, date_precision, date_from, date_text, date_start, date_end,
	src_code, src_text, src_entity, src_start, src_end, src_res_text, src_res_start, src_res_end,
	tgt_code, tgt_text, tgt_entity, tgt_start, tgt_end, tgt_res_text, tgt_res_start, tgt_res_end,
	code, root, quad_class, goldstein, plover_type, plover_mode, plover_context, modality,
	has_location, loc_name, loc_country, loc_admin1, loc_geoname_id, loc_lat, loc_lon, loc_precision,
	loc_ev_text, loc_ev_start, loc_ev_end,
	issues, evidence_text, evidence_start, evidence_end, verb_text, verb_start, verb_end,
	pattern, coder_version`

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// spanArgs stores an optional span as three nullable columns.
func spanArgs(s *chronicle.Span) []any {
	if s == nil {
		return []any{nil, nil, nil}
	}
	return []any{s.Text, s.Start, s.End}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mentionArgs(m *chronicle.Mention) []any {
	args := make([]any, 0, 54)
	args = append(args, m.ID, nullable(m.EventID), m.ArticleID, m.Sentence,
		dateString(m.Date), string(m.DatePrecision), m.DateFrom)
	args = append(args, spanArgs(m.DateSpan)...)
	args = append(args, m.Source.Code, m.Source.Text, m.Source.Entity, m.Source.Start, m.Source.End)
	args = append(args, spanArgs(m.Source.Resolved)...)
	args = append(args, m.Target.Code, m.Target.Text, m.Target.Entity, m.Target.Start, m.Target.End)
	args = append(args, spanArgs(m.Target.Resolved)...)
	args = append(args, m.Code, m.Root, m.QuadClass, m.Goldstein, m.PLOVER.Type, m.PLOVER.Mode, m.PLOVER.Context, string(m.Modality))
	args = append(args, locationArgs(m.Location)...)
	if m.Location != nil {
		args = append(args, spanArgs(m.Location.Evidence)...)
	} else {
		args = append(args, spanArgs(nil)...)
	}
	args = append(args, strings.Join(m.Issues, "\n"), m.Evidence.Text, m.Evidence.Start, m.Evidence.End,
		m.Verb.Text, m.Verb.Start, m.Verb.End, m.Pattern, m.CoderVersion)
	return args
}

// locationArgs are has_location and the seven location columns.
func locationArgs(l *chronicle.Location) []any {
	if l == nil {
		return []any{0, "", "", "", 0, 0.0, 0.0, ""}
	}
	return []any{1, l.Name, l.Country, l.Admin1, l.GeonameID, l.Lat, l.Lon, string(l.Precision)}
}

// nullSpan collects an optional span's three columns.
type nullSpan struct {
	text       sql.NullString
	start, end sql.NullInt64
}

func (n *nullSpan) dest() []any { return []any{&n.text, &n.start, &n.end} }

func (n *nullSpan) span() *chronicle.Span {
	if !n.text.Valid {
		return nil
	}
	return &chronicle.Span{Text: n.text.String, Start: int(n.start.Int64), End: int(n.end.Int64)}
}

// locationDest scans has_location and the location columns.
type locationDest struct {
	has int
	l   chronicle.Location
	pr  string
}

func (d *locationDest) dest() []any {
	return []any{&d.has, &d.l.Name, &d.l.Country, &d.l.Admin1, &d.l.GeonameID, &d.l.Lat, &d.l.Lon, &d.pr}
}

func (d *locationDest) location() *chronicle.Location {
	if d.has == 0 {
		return nil
	}
	l := d.l
	l.Precision = chronicle.Precision(d.pr)
	return &l
}

// scanMention reads the columns of mentionColumns, then extra.
func scanMention(sc scanner, extra ...any) (chronicle.Mention, error) {
	var m chronicle.Mention
	var eventID sql.NullString
	var date, prec, mod, issues string
	var dateSpan, srcRes, tgtRes, locEv nullSpan
	var loc locationDest
	dest := []any{&m.ID, &eventID, &m.ArticleID, &m.Sentence, &date, &prec, &m.DateFrom}
	dest = append(dest, dateSpan.dest()...)
	dest = append(dest, &m.Source.Code, &m.Source.Text, &m.Source.Entity, &m.Source.Start, &m.Source.End)
	dest = append(dest, srcRes.dest()...)
	dest = append(dest, &m.Target.Code, &m.Target.Text, &m.Target.Entity, &m.Target.Start, &m.Target.End)
	dest = append(dest, tgtRes.dest()...)
	dest = append(dest, &m.Code, &m.Root, &m.QuadClass, &m.Goldstein, &m.PLOVER.Type, &m.PLOVER.Mode, &m.PLOVER.Context, &mod)
	dest = append(dest, loc.dest()...)
	dest = append(dest, locEv.dest()...)
	dest = append(dest, &issues, &m.Evidence.Text, &m.Evidence.Start, &m.Evidence.End,
		&m.Verb.Text, &m.Verb.Start, &m.Verb.End, &m.Pattern, &m.CoderVersion)
	dest = append(dest, extra...)
	if err := sc.Scan(dest...); err != nil {
		return m, err
	}
	var err error
	if m.Date, err = parseDateColumn(date); err != nil {
		return m, fmt.Errorf("mention %s: %w", m.ID, err)
	}
	m.EventID = eventID.String
	m.DatePrecision = chronicle.Precision(prec)
	m.Modality = chronicle.Modality(mod)
	m.DateSpan = dateSpan.span()
	m.Source.Resolved = srcRes.span()
	m.Target.Resolved = tgtRes.span()
	m.Location = loc.location()
	if m.Location != nil {
		m.Location.Evidence = locEv.span()
	}
	if issues != "" {
		m.Issues = strings.Split(issues, "\n")
	}
	return m, nil
}

// claimColumns are the claims table's columns after mention_seq.
const claimColumns = `id, article_id, sentence, speaker_code, speaker_text, speaker_entity, speaker_start, speaker_end,
	verb_text, verb_start, verb_end, content_text, content_start, content_end,
	has_addressee, addr_code, addr_text, addr_entity, addr_start, addr_end, stance`

func claimArgs(c *chronicle.Claim) []any {
	args := []any{c.ID, c.ArticleID, c.Sentence, c.Speaker.Code, c.Speaker.Text, c.Speaker.Entity, c.Speaker.Start, c.Speaker.End,
		c.Verb.Text, c.Verb.Start, c.Verb.End, c.Content.Text, c.Content.Start, c.Content.End}
	if c.Addressee != nil {
		a := c.Addressee
		args = append(args, 1, a.Code, a.Text, a.Entity, a.Start, a.End)
	} else {
		args = append(args, 0, "", "", "", 0, 0)
	}
	return append(args, c.Stance)
}

// claimDest scans claimColumns from a LEFT JOIN (all nullable).
type claimDest struct {
	id, article, spCode, spText, spEntity, verb, content  sql.NullString
	addrCode, addrText, addrEntity, stance                sql.NullString
	sentence, spStart, spEnd, verbStart, verbEnd          sql.NullInt64
	contentStart, contentEnd, hasAddr, addrStart, addrEnd sql.NullInt64
}

func (d *claimDest) dest() []any {
	return []any{&d.id, &d.article, &d.sentence, &d.spCode, &d.spText, &d.spEntity, &d.spStart, &d.spEnd,
		&d.verb, &d.verbStart, &d.verbEnd, &d.content, &d.contentStart, &d.contentEnd,
		&d.hasAddr, &d.addrCode, &d.addrText, &d.addrEntity, &d.addrStart, &d.addrEnd, &d.stance}
}

func (d *claimDest) claim() *chronicle.Claim {
	if !d.article.Valid {
		return nil
	}
	c := &chronicle.Claim{
		ID: d.id.String, ArticleID: d.article.String, Sentence: int(d.sentence.Int64),
		Speaker: chronicle.Actor{Code: d.spCode.String, Text: d.spText.String, Entity: d.spEntity.String, Start: int(d.spStart.Int64), End: int(d.spEnd.Int64)},
		Verb:    chronicle.Span{Text: d.verb.String, Start: int(d.verbStart.Int64), End: int(d.verbEnd.Int64)},
		Content: chronicle.Span{Text: d.content.String, Start: int(d.contentStart.Int64), End: int(d.contentEnd.Int64)},
		Stance:  d.stance.String,
	}
	if d.hasAddr.Int64 == 1 {
		c.Addressee = &chronicle.Actor{Code: d.addrCode.String, Text: d.addrText.String, Entity: d.addrEntity.String,
			Start: int(d.addrStart.Int64), End: int(d.addrEnd.Int64)}
	}
	return c
}

// mentionSelect returns a query selecting every mention column, its claim
// and its article's source; the caller appends a WHERE clause on m.
func mentionSelect() string {
	return `SELECT ` + prefixed(mentionColumns, "m.") + `, ` + prefixed(claimColumns, "c.") + `, a.source
	FROM mentions m JOIN articles a ON a.id = m.article_id
	LEFT JOIN claims c ON c.mention_seq = m.seq `
}

// prefixed qualifies each column of a comma-separated list.
func prefixed(cols, prefix string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// scanFullMention reads a row of mentionSelect plus extra columns.
func scanFullMention(sc scanner, extra ...any) (chronicle.Mention, string, error) {
	var cd claimDest
	var source string
	dest := append(cd.dest(), &source)
	dest = append(dest, extra...)
	m, err := scanMention(sc, dest...)
	if err != nil {
		return m, "", err
	}
	m.Claim = cd.claim()
	return m, source, nil
}

// mentionID gives a mention without an id a stable one from what locates
// it in its article.
func mentionID(m *chronicle.Mention) string {
	h := sha256.Sum256([]byte(strings.Join([]string{m.ArticleID, strconv.Itoa(m.Sentence),
		strconv.Itoa(m.Verb.Start), strconv.Itoa(m.Verb.End), m.Source.Code, strconv.Itoa(m.Source.Start),
		m.Target.Code, strconv.Itoa(m.Target.Start), m.Code}, "\x00")))
	return "m_" + hex.EncodeToString(h[:10])
}
