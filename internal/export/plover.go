package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/chronicle-dev/chronicle"
)

// PLOVERRecord is one event in PLOVER JSON Lines.
type PLOVERRecord struct {
	ID          string            `json:"id"`
	Date        string            `json:"date"`
	EventType   string            `json:"event_type"`
	Mode        string            `json:"mode"`
	Context     []string          `json:"context"`
	Modality    string            `json:"modality"`
	Actor       []PLOVEREntity    `json:"actor"`
	Recipient   []PLOVEREntity    `json:"recipient"`
	CAMEO       PLOVERCAMEO       `json:"cameo"`
	Location    *PLOVERLocation   `json:"location"`
	NumMentions int               `json:"num_mentions"`
	NumArticles int               `json:"num_articles"`
	NumSources  int               `json:"num_sources"`
	TextInfo    []PLOVERTextInfo  `json:"text_info"`
	CiteInfo    []PLOVERCiteInfo  `json:"cite_info"`
	Extra       map[string]string `json:"extra,omitempty"`
}

// PLOVEREntity is an actor or recipient.
type PLOVEREntity struct {
	Name    string `json:"name"`
	Code    string `json:"code"`
	Country string `json:"country"`
	Sector  string `json:"sector"`
}

// PLOVERCAMEO keeps the CAMEO coding beside the PLOVER one.
type PLOVERCAMEO struct {
	Code      string  `json:"code"`
	Root      string  `json:"root"`
	QuadClass int     `json:"quad_class"`
	Goldstein float64 `json:"goldstein"`
}

// PLOVERLocation is the event location.
type PLOVERLocation struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision"`
	GeonameID int     `json:"geoname_id,omitempty"`
}

// PLOVERTextInfo locates one mention's evidence.
type PLOVERTextInfo struct {
	ArticleID      string `json:"article_id"`
	Sentence       int    `json:"sentence"`
	Text           string `json:"text"`
	Start          int    `json:"start"`
	End            int    `json:"end"`
	ActorStart     int    `json:"actor_start"`
	ActorEnd       int    `json:"actor_end"`
	RecipientStart int    `json:"recipient_start"`
	RecipientEnd   int    `json:"recipient_end"`
	EventStart     int    `json:"event_start"`
	EventEnd       int    `json:"event_end"`
	Pattern        string `json:"pattern,omitempty"`
}

// PLOVERCiteInfo names the article a mention came from.
type PLOVERCiteInfo struct {
	ArticleID string `json:"article_id"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Date      string `json:"date,omitempty"`
}

// ToPLOVER converts an event to its PLOVER record.
func ToPLOVER(ev *chronicle.Event) PLOVERRecord {
	rec := PLOVERRecord{
		ID:          ev.ID,
		Date:        ev.Date.String(),
		EventType:   ev.PLOVER.Type,
		Mode:        ev.PLOVER.Mode,
		Context:     []string{},
		Modality:    string(ev.Modality),
		Actor:       ploverEntities(ev.Source),
		Recipient:   ploverEntities(ev.Target),
		CAMEO:       PLOVERCAMEO{ev.Code, ev.Root, ev.QuadClass, ev.Goldstein},
		NumMentions: ev.NumMentions,
		NumArticles: ev.NumArticles,
		NumSources:  ev.NumSources,
		TextInfo:    []PLOVERTextInfo{},
		CiteInfo:    []PLOVERCiteInfo{},
	}
	if ev.PLOVER.Context != "" {
		rec.Context = append(rec.Context, ev.PLOVER.Context)
	}
	if l := ev.Location; l != nil {
		rec.Location = &PLOVERLocation{l.Name, l.Country, l.Admin1, l.Lat, l.Lon, string(l.Precision), l.GeonameID}
	}
	seen := map[string]bool{}
	for _, m := range ev.Mentions {
		rec.TextInfo = append(rec.TextInfo, PLOVERTextInfo{
			ArticleID: m.ArticleID, Sentence: m.Sentence, Text: m.Evidence.Text,
			Start: m.Evidence.Start, End: m.Evidence.End,
			ActorStart: m.Source.Start, ActorEnd: m.Source.End,
			RecipientStart: m.Target.Start, RecipientEnd: m.Target.End,
			EventStart: m.Verb.Start, EventEnd: m.Verb.End, Pattern: m.Pattern,
		})
		if !seen[m.ArticleID] {
			seen[m.ArticleID] = true
			rec.CiteInfo = append(rec.CiteInfo, PLOVERCiteInfo{m.ArticleID, m.URL, m.Outlet, m.Date.String()})
		}
	}
	return rec
}

func ploverEntities(a chronicle.Actor) []PLOVEREntity {
	if a.Code == "" && a.Text == "" {
		return []PLOVEREntity{}
	}
	primary, rest := actorParts(a.Code)
	country := ""
	if primary != "---" && !isTransnational(primary) {
		country = primary
	}
	sector := ""
	if isTransnational(primary) {
		sector = primary
	} else if len(rest) > 0 {
		sector = rest[0]
	}
	return []PLOVEREntity{{Name: actorName(a), Code: a.Code, Country: country, Sector: sector}}
}

type ploverWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newPLOVERWriter(w io.Writer) *ploverWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &ploverWriter{w: bw, enc: enc}
}

func (p *ploverWriter) write(ev *chronicle.Event) error { return p.enc.Encode(ToPLOVER(ev)) }
func (p *ploverWriter) close() error                    { return p.w.Flush() }
