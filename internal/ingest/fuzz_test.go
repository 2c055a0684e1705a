package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkRecords asserts what every reader promises whatever the input: a
// record is either a RecordError naming the input, or an article with an
// id, valid UTF-8 non-blank text within the limit, and an origin.
func checkRecords(t *testing.T, name string, recs []Record, limit int64) {
	t.Helper()
	for i, r := range recs {
		if r.Err != nil {
			var re *RecordError
			if !errors.As(r.Err, &re) || re.Origin != name {
				t.Fatalf("record %d: error %v is not a RecordError for %q", i, r.Err, name)
			}
			continue
		}
		a := r.Article
		switch {
		case a.ID == "":
			t.Fatalf("record %d: no id", i)
		case strings.TrimSpace(a.Text) == "":
			t.Fatalf("record %d: blank text", i)
		case !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.ID):
			t.Fatalf("record %d: invalid UTF-8", i)
		case int64(len(a.Text)) > limit:
			t.Fatalf("record %d: text %d bytes over the %d limit", i, len(a.Text), limit)
		case !strings.HasPrefix(a.Origin, name):
			t.Fatalf("record %d: origin %q", i, a.Origin)
		}
	}
}

func fuzzReader(f *testing.F, rd Reader, name string, limit int64, extra func(t *testing.T, in string, recs []Record)) {
	f.Fuzz(func(t *testing.T, in string) {
		var recs []Record
		for r := range rd.Read(context.Background(), name, strings.NewReader(in)) {
			recs = append(recs, r)
		}
		checkRecords(t, name, recs, limit)
		if extra != nil {
			extra(t, in, recs)
		}
	})
}

func FuzzPlain(f *testing.F) {
	for _, s := range []string{
		" date 2023-11-08 Envoys met.\n\n“Quoted” text.", "date 2023-13-45 x", "no date here", "",
		"date 2020-02-29", "\uFEFFdate 2020-01-01 x", "date 2019-01-01 caf\xe9", "\x00\x01",
	} {
		f.Add(s)
	}
	const limit = 4096
	fuzzReader(f, Plain{Options{MaxArticleBytes: limit}}, "f.txt", limit, func(t *testing.T, in string, recs []Record) {
		if len(recs) != 1 {
			t.Fatalf("%d records, want 1", len(recs))
		}
		// The text of valid UTF-8 input is a verbatim slice of it.
		if a := recs[0].Article; recs[0].Err == nil && utf8.ValidString(in) && !strings.Contains(in, a.Text) {
			t.Fatalf("text %q is not a slice of the input", a.Text)
		}
	})
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","date":"2024-01-02","text":"x"}` + "\n" + `{"id":2,"text":"y"}`,
		`{"id":"b","date":"2023-13-45","text":"x"}`, `{"id":"c"`, "\n\n", `{"id":"d","text":"caf` + "\xe9" + `"}`,
		`{"id":"e","date":"2024-01-01T10:00:00Z","text":"t"}`, `[]`, `{"id":null,"text":null}`,
	} {
		f.Add(s)
	}
	const limit = 4096
	fuzzReader(f, JSONL{Options{MaxArticleBytes: limit}}, "f.jsonl", limit, func(t *testing.T, in string, recs []Record) {
		lines := strings.Count(in, "\n") + 1
		if len(recs) > lines {
			t.Fatalf("%d records from %d lines", len(recs), lines)
		}
	})
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"id,date,title,text,url,source\na,2021-08-15,T,\"Text, with comma\",u,s\nb,2021-02-30,,x,,\n",
		"text,id\n\"multi\n\nline\",q\n", "id,text\nshort\n", "id,date\n", "", "id,text\n\"bare\"quote,x\n",
	} {
		f.Add(s)
	}
	const limit = 4096
	fuzzReader(f, CSV{Options{MaxArticleBytes: limit}}, "f.csv", limit, nil)
}

func FuzzFeed(f *testing.F) {
	for _, file := range []string{"wire.rss", "wire.atom"} {
		f.Add(readFixture(f, file))
	}
	f.Add(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title><description>d</description></item></channel></rss>`)
	f.Add(`{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","content_text":"Hello."}]}`)
	f.Add("<feed")
	const limit = 4096
	fuzzReader(f, Feed{Options{MaxArticleBytes: limit, MaxFeedBytes: 1 << 20}}, "f.xml", limit, nil)
}

func FuzzHTML(f *testing.F) {
	for _, file := range []string{"article.html", "noarticle.html", "cp1252.html", "timeonly.html"} {
		f.Add(readFixture(f, file))
	}
	f.Add("<p>" + strings.Repeat("Words in a paragraph. ", 10) + "</p>")
	f.Add("<html><head><meta charset=\"shift_jis\"></head><body>\x82\xa0</body></html>")
	const limit = 1 << 16
	fuzzReader(f, HTML{Opts: Options{MaxArticleBytes: limit}}, "f.html", limit, func(t *testing.T, _ string, recs []Record) {
		if len(recs) != 1 {
			t.Fatalf("%d records, want 1", len(recs))
		}
	})
}
