package export

import (
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/chronicle-dev/chronicle"
)

// ParquetRow is one event in the Parquet export. Dates are Parquet DATE
// columns, numbers typed, optional fields nullable.
type ParquetRow struct {
	EventID           string   `parquet:"event_id"`
	Date              *int32   `parquet:"date,date,optional"`
	SourceCode        string   `parquet:"source_code"`
	SourceName        string   `parquet:"source_name"`
	SourceCountry     string   `parquet:"source_country"`
	TargetCode        string   `parquet:"target_code"`
	TargetName        string   `parquet:"target_name"`
	TargetCountry     string   `parquet:"target_country"`
	CAMEOCode         string   `parquet:"cameo_code"`
	CAMEORoot         string   `parquet:"cameo_root"`
	QuadClass         int32    `parquet:"quad_class"`
	Goldstein         float64  `parquet:"goldstein"`
	PLOVERType        string   `parquet:"plover_type"`
	PLOVERMode        string   `parquet:"plover_mode"`
	Modality          string   `parquet:"modality"`
	Location          string   `parquet:"location"`
	LocationCountry   string   `parquet:"location_country"`
	Lat               *float64 `parquet:"lat,optional"`
	Lon               *float64 `parquet:"lon,optional"`
	LocationPrecision string   `parquet:"location_precision"`
	NumMentions       int32    `parquet:"num_mentions"`
	NumArticles       int32    `parquet:"num_articles"`
	NumSources        int32    `parquet:"num_sources"`
	Tone              float64  `parquet:"tone"`
	ArticleID         string   `parquet:"article_id"`
	Sentence          int32    `parquet:"sentence"`
	Evidence          string   `parquet:"evidence"`
	URL               string   `parquet:"url"`
}

// ToParquetRow flattens an event.
func ToParquetRow(ev *chronicle.Event) ParquetRow {
	r := ParquetRow{
		EventID: ev.ID, SourceCode: ev.Source.Code, SourceName: actorName(ev.Source), SourceCountry: ev.Source.Country(),
		TargetCode: ev.Target.Code, TargetName: actorName(ev.Target), TargetCountry: ev.Target.Country(),
		CAMEOCode: ev.Code, CAMEORoot: ev.Root, QuadClass: int32(ev.QuadClass), Goldstein: ev.Goldstein,
		PLOVERType: ev.PLOVER.Type, PLOVERMode: ev.PLOVER.Mode, Modality: string(ev.Modality),
		NumMentions: int32(ev.NumMentions), NumArticles: int32(ev.NumArticles), NumSources: int32(ev.NumSources),
		Tone: ev.Tone,
	}
	if !ev.Date.IsZero() {
		days := int32(ev.Date.Time().Unix() / 86400)
		r.Date = &days
	}
	if l := ev.Location; l != nil {
		lat, lon := l.Lat, l.Lon
		r.Location, r.LocationCountry, r.Lat, r.Lon, r.LocationPrecision = l.Name, l.Country, &lat, &lon, string(l.Precision)
	}
	if m := firstMention(ev); m != nil {
		r.ArticleID, r.Sentence, r.Evidence, r.URL = m.ArticleID, int32(m.Sentence), m.Evidence.Text, m.URL
	}
	return r
}

// parquetWriter buffers rows into row groups of parquetGroup rows, so
// memory stays bounded however many events are written.
type parquetWriter struct {
	pw  *parquet.GenericWriter[ParquetRow]
	buf []ParquetRow
}

const parquetGroup = 8192

func newParquetWriter(w io.Writer) *parquetWriter {
	pw := parquet.NewGenericWriter[ParquetRow](w,
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		parquet.CreatedBy("chronicle", chronicle.Version, ""))
	return &parquetWriter{pw: pw, buf: make([]ParquetRow, 0, parquetGroup)}
}

func (p *parquetWriter) write(ev *chronicle.Event) error {
	p.buf = append(p.buf, ToParquetRow(ev))
	if len(p.buf) == cap(p.buf) {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if len(p.buf) == 0 {
		return nil
	}
	if _, err := p.pw.Write(p.buf); err != nil {
		return err
	}
	p.buf = p.buf[:0]
	return p.pw.Flush()
}

func (p *parquetWriter) close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.pw.Close()
}
