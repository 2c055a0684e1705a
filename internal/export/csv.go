package export

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/chronicle-dev/chronicle"
)

// CSVColumns is the header of the flat CSV export.
func CSVColumns() []string {
	return []string{"event_id", "date", "source_code", "source_name", "source_country",
		"target_code", "target_name", "target_country", "cameo_code", "cameo_root",
		"quad_class", "goldstein", "plover_type", "plover_mode", "modality",
		"location", "location_country", "lat", "lon", "location_precision",
		"num_mentions", "num_articles", "num_sources", "tone",
		"article_id", "sentence", "evidence", "url"}
}

type csvWriter struct {
	w      *csv.Writer
	header bool
	row    []string
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (c *csvWriter) write(ev *chronicle.Event) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVColumns()); err != nil {
			return err
		}
	}
	r := append(c.row[:0], ev.ID, ev.Date.String(),
		ev.Source.Code, actorName(ev.Source), ev.Source.Country(),
		ev.Target.Code, actorName(ev.Target), ev.Target.Country(),
		ev.Code, ev.Root, strconv.Itoa(ev.QuadClass), formatFloat(ev.Goldstein),
		ev.PLOVER.Type, ev.PLOVER.Mode, string(ev.Modality))
	if l := ev.Location; l != nil {
		r = append(r, l.Name, l.Country, formatFloat(l.Lat), formatFloat(l.Lon), string(l.Precision))
	} else {
		r = append(r, "", "", "", "", "")
	}
	r = append(r, strconv.Itoa(ev.NumMentions), strconv.Itoa(ev.NumArticles), strconv.Itoa(ev.NumSources),
		formatFloat(ev.Tone))
	if m := firstMention(ev); m != nil {
		r = append(r, m.ArticleID, strconv.Itoa(m.Sentence), m.Evidence.Text, m.URL)
	} else {
		r = append(r, "", "", "", "")
	}
	c.row = r
	return c.w.Write(r)
}

func (c *csvWriter) close() error {
	if !c.header {
		if err := c.w.Write(CSVColumns()); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}
