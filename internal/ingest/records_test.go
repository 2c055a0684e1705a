package ingest

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// outcome is what one record should come out as: an article id, or an
// error reason at a line/record.
type outcome struct {
	id     string
	date   string
	text   string
	err    error
	line   int
	record int
	note   string
}

func checkOutcomes(t *testing.T, name string, got []Record, want []outcome) {
	t.Helper()
	if len(got) != len(want) {
		for _, r := range got {
			t.Logf("got %+v err %v", r.Article.ID, r.Err)
		}
		t.Fatalf("got %d records, want %d", len(got), len(want))
	}
	for i, w := range want {
		r := got[i]
		if w.err != nil {
			var re *RecordError
			if !errors.Is(r.Err, w.err) || !errors.As(r.Err, &re) {
				t.Errorf("record %d: err = %v, want %v", i, r.Err, w.err)
				continue
			}
			if re.Origin != name || re.Line != w.line || re.Record != w.record {
				t.Errorf("record %d: error at %s line %d record %d, want line %d record %d (%v)",
					i, re.Origin, re.Line, re.Record, w.line, w.record, r.Err)
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("record %d: unexpected error %v", i, r.Err)
			continue
		}
		a := r.Article
		if a.ID != w.id || a.Date.String() != w.date {
			t.Errorf("record %d: id %q date %q, want %q %q", i, a.ID, a.Date, w.id, w.date)
		}
		if w.text != "" && a.Text != w.text {
			t.Errorf("record %d: text %q, want %q", i, a.Text, w.text)
		}
		if w.note != "" && !slices.Contains(a.Notes, w.note) {
			t.Errorf("record %d: notes %q lack %q", i, a.Notes, w.note)
		}
	}
}

func TestJSONL(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  Options
		want  []outcome
	}{
		{
			name: "every kind of line",
			input: strings.Join([]string{
				`{"id": "a1", "date": "2024-01-02", "title": "Talks", "text": "Envoys met in Cairo.", "url": "https://x.org/a1", "source": "Wire"}`,
				``,
				`{"id": "b2", "date": "2024-01-03", "text": "broken`,
				`{"date": "2024-01-04", "text": "No id here."}`,
				`{"id": "c3", "date": "2024-01-05"}`,
				`{"id": "d4", "date": "2023-13-45", "text": "Impossible day."}`,
				`{"id": "e5", "text": "No date at all."}`,
				`{"id": "f6", "date": "2024-03-01T22:15:00-05:00", "text": "Timestamp date."}`,
				`{"id": 77, "date": "", "text": "Numeric id."}`,
				"{\"id\": \"g8\", \"date\": \"2019-09-09\", \"text\": \"Caf\xe9 talks.\"}",
				`{"id": "h9", "date": "2024-01-06", "text": "   "}`,
				`[1, 2, 3]`,
				`{"id": "i10", "date": "2024-01-07", "text": "Windows line end."}` + "\r",
				`{"id": "j11", "date": "2024-01-08", "text": "Last line, no newline."}`,
			}, "\n"),
			want: []outcome{
				{id: "a1", date: "2024-01-02", text: "Envoys met in Cairo."},
				{err: ErrSyntax, line: 3},
				{err: ErrNoID, line: 4},
				{err: ErrNoText, line: 5},
				{err: ErrBadDate, line: 6},
				{id: "e5", note: noteNoDate},
				{id: "f6", date: "2024-03-01"},
				{id: "77"},
				{id: "g8", date: "2019-09-09", text: "Café talks.", note: noteCP1252},
				{err: ErrNoText, line: 11},
				{err: ErrSyntax, line: 12},
				{id: "i10", date: "2024-01-07", text: "Windows line end."},
				{id: "j11", date: "2024-01-08"},
			},
		},
		{
			name: "oversize line is skipped and reading goes on",
			input: `{"id": "big", "date": "2024-01-01", "text": "` + strings.Repeat("x", 300_000) + `"}` + "\n" +
				`{"id": "small", "date": "2024-01-01", "text": "fits"}`,
			opts: Options{MaxArticleBytes: 1000},
			want: []outcome{{err: ErrTooLarge, line: 1}, {id: "small", date: "2024-01-01"}},
		},
		{
			name:  "text over the article limit but line within",
			input: `{"id": "t", "date": "2024-01-01", "text": "` + strings.Repeat("y", 1500) + `"}`,
			opts:  Options{MaxArticleBytes: 1000},
			want:  []outcome{{err: ErrTooLarge, line: 1}},
		},
		{name: "empty input yields nothing", input: "", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := collect(t, JSONL{tc.opts}, "c.jsonl", tc.input)
			checkOutcomes(t, "c.jsonl", got, tc.want)
			for _, r := range got {
				if r.Err == nil && !strings.HasPrefix(r.Article.Origin, "c.jsonl:") {
					t.Errorf("origin %q lacks the line", r.Article.Origin)
				}
			}
		})
	}
}

func TestCSV(t *testing.T) {
	const header = "id,date,title,text,url,source\n"
	tests := []struct {
		name  string
		input string
		opts  Options
		want  []outcome
	}{
		{
			name: "rows good and bad",
			input: header +
				`k1,2021-08-15,Kabul,"Taliban fighters entered Kabul, officials said.",https://x.org/k1,Desk` + "\n" +
				`k2,2021-08-16,Short row` + "\n" +
				`k3,2021-02-30,Bad day,Text.,,` + "\n" +
				`k4,,Undated,"Multi-line` + "\n\n" + `text.",,` + "\n" +
				`k5,2021-08-17,Bare "quote,x,,` + "\n" +
				`k6,2021-08-18,,,,` + "\n" +
				`,2021-08-19,No id,Text.,,` + "\n" +
				"k8,2021-08-20,Caf\xe9,Caf\xe9 owners protested.,," + "\n" +
				`k9,2021-08-21,Last,Final row.,,`,
			want: []outcome{
				{id: "k1", date: "2021-08-15", text: "Taliban fighters entered Kabul, officials said."},
				{err: ErrSyntax, line: 3, record: 2},
				{err: ErrBadDate, line: 4, record: 3},
				{id: "k4", text: "Multi-line\n\ntext.", note: noteNoDate},
				{err: ErrSyntax, line: 8, record: 5},
				{err: ErrNoText, line: 9, record: 6},
				{err: ErrNoID, line: 10, record: 7},
				{id: "k8", date: "2021-08-20", text: "Café owners protested.", note: noteCP1252},
				{id: "k9", date: "2021-08-21"},
			},
		},
		{
			name:  "columns in another order, extra column, BOM, upper case",
			input: "\uFEFFText,Extra,ID,Date\n\"Troops withdrew.\",zzz,w1,2020-02-29\n",
			want:  []outcome{{id: "w1", date: "2020-02-29", text: "Troops withdrew."}},
		},
		{
			name:  "header without a text column",
			input: "id,date,body\nx,2020-01-01,hello\n",
			want:  []outcome{{err: ErrSyntax, line: 1}},
		},
		{name: "empty", input: "", want: []outcome{{err: ErrEmpty, line: 1}}},
		{
			name:  "oversize record stops the file",
			input: header + "a,2020-01-01,,\"" + strings.Repeat("z", 400_000) + "\",,\nb,2020-01-01,,ok,,\n",
			opts:  Options{MaxArticleBytes: 1000},
			want:  []outcome{{err: ErrTooLarge, line: 0, record: 1}},
		},
		{
			name:  "text over the limit is rejected, reading goes on",
			input: header + "a,2020-01-01,,\"" + strings.Repeat("z", 1200) + "\",,\nb,2020-01-01,,ok,,\n",
			opts:  Options{MaxArticleBytes: 1000},
			want:  []outcome{{err: ErrTooLarge, line: 2, record: 1}, {id: "b", date: "2020-01-01"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkOutcomes(t, "c.csv", collect(t, CSV{tc.opts}, "c.csv", tc.input), tc.want)
		})
	}
}
