package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/chronicle-dev/chronicle"
)

// geoJSONWriter writes a FeatureCollection of located events, streaming
// one feature at a time; events without a location are skipped.
type geoJSONWriter struct {
	w       *bufio.Writer
	started bool
	n       int
}

func newGeoJSONWriter(w io.Writer) *geoJSONWriter {
	return &geoJSONWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// Feature is one GeoJSON feature.
type Feature struct {
	Type       string         `json:"type"`
	Geometry   Point          `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

// Point is a GeoJSON point, [longitude, latitude].
type Point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// EventFeature returns the GeoJSON feature of a located event.
func EventFeature(ev *chronicle.Event) (Feature, bool) {
	l := ev.Location
	if l == nil {
		return Feature{}, false
	}
	return Feature{
		Type:     "Feature",
		Geometry: Point{"Point", [2]float64{l.Lon, l.Lat}},
		Properties: map[string]any{
			"id": ev.ID, "date": ev.Date.String(), "source": ev.Source.Code, "target": ev.Target.Code,
			"code": ev.Code, "root": ev.Root, "quad_class": ev.QuadClass, "goldstein": ev.Goldstein,
			"plover": ev.PLOVER.Type, "modality": string(ev.Modality), "place": l.Name,
			"country": l.Country, "precision": string(l.Precision), "num_mentions": ev.NumMentions,
		},
	}, true
}

func (g *geoJSONWriter) start() {
	if !g.started {
		g.started = true
		g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	}
}

func (g *geoJSONWriter) write(ev *chronicle.Event) error {
	g.start()
	f, ok := EventFeature(ev)
	if !ok {
		return nil
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if g.n > 0 {
		g.w.WriteByte(',')
	}
	g.w.WriteByte('\n')
	g.n++
	_, err = g.w.Write(b)
	return err
}

func (g *geoJSONWriter) close() error {
	g.start()
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}
