package chronicle

import (
	"context"
	"iter"
)

// ArticleFilter selects articles for full-text search.
type ArticleFilter struct {
	Query  string // full-text query; empty matches every article
	From   Date   // inclusive; zero means open
	To     Date   // inclusive; zero means open
	Limit  int    // page size; 0 means the implementation's default
	Cursor string // opaque, from the previous page's Next
}

// ArticleHit is one search result.
type ArticleHit struct {
	Article Article `json:"article"`
	Snippet string  `json:"snippet"` // matching text, hits wrapped in « »
	Score   float64 `json:"score"`   // higher is better
}

// EventFilter selects events. Every field is optional; set fields are ANDed.
type EventFilter struct {
	Actor    string // code prefix matching source or target ("USA", "USAGOV")
	Source   string // code prefix of the source
	Target   string // code prefix of the target
	Code     string // CAMEO event code prefix ("04", "042")
	Root     string // CAMEO root, two digits
	PLOVER   string // PLOVER type
	Country  string // ISO alpha-3 of the location, or of either actor
	Modality Modality
	Query    string // full-text query over the evidence sentences
	Article  string // events with a mention in this article
	From, To Date   // inclusive
	Limit    int
	Cursor   string
}

// Interval is a timeline bucket width.
type Interval string

// Timeline bucket widths.
const (
	Day   Interval = "day"
	Week  Interval = "week"
	Month Interval = "month"
)

// TimelineBucket counts events in one period.
type TimelineBucket struct {
	Period    string         `json:"period"` // first day of the bucket, YYYY-MM-DD
	Count     int            `json:"count"`
	ByQuad    [5]int         `json:"by_quad"`   // index 1..4 = QuadClass
	ByPLOVER  map[string]int `json:"by_plover"` // PLOVER type → count
	Goldstein float64        `json:"goldstein"` // mean Goldstein value
}

// NetworkNode is an actor in the interaction network.
type NetworkNode struct {
	Code  string `json:"code"`
	Count int    `json:"count"` // events the actor took part in
}

// NetworkEdge is the coded interaction of one ordered actor pair.
type NetworkEdge struct {
	Source      string  `json:"source"`
	Target      string  `json:"target"`
	Count       int     `json:"count"`
	Cooperation int     `json:"cooperation"` // QuadClass 1 and 2
	Conflict    int     `json:"conflict"`    // QuadClass 3 and 4
	Goldstein   float64 `json:"goldstein"`   // mean
}

// Network is the actor network over a filter.
type Network struct {
	Nodes []NetworkNode `json:"nodes"`
	Edges []NetworkEdge `json:"edges"`
}

// EventReader is what the serving and export stages need from a store.
type EventReader interface {
	SearchArticles(ctx context.Context, f ArticleFilter) (hits []ArticleHit, next string, err error)
	Article(ctx context.Context, id string) (Article, error)
	Events(ctx context.Context, f EventFilter) (events []Event, next string, err error)
	// EachEvent streams every event matching f (Limit and Cursor ignored)
	// in a stable order, in constant memory.
	EachEvent(ctx context.Context, f EventFilter) iter.Seq2[Event, error]
	// Event returns one event with its mentions.
	Event(ctx context.Context, id string) (Event, error)
	Timeline(ctx context.Context, f EventFilter, iv Interval) ([]TimelineBucket, error)
	Network(ctx context.Context, f EventFilter, min int) (Network, error)
}

// ErrNotFound is returned when an article or event does not exist.
var ErrNotFound = errorString("not found")

type errorString string

func (e errorString) Error() string { return string(e) }
