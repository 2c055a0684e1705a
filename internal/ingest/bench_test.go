package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genJSONL makes n JSON lines of about 900 bytes of text each.
func genJSONL(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"g%d","date":"2024-%02d-%02d","title":"Story %d","text":%q,"source":"Bench"}`+"\n",
			i, i%12+1, i%28+1, i, strings.ReplaceAll(story, "forty", fmt.Sprint(i)))
	}
	return b.String()
}

func benchReader(b *testing.B, rd Reader, name, input string, want int) {
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for r := range rd.Read(context.Background(), name, strings.NewReader(input)) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			n++
		}
		if n != want {
			b.Fatalf("read %d, want %d", n, want)
		}
	}
	b.ReportMetric(float64(want)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkJSONL(b *testing.B) {
	benchReader(b, JSONL{}, "b.jsonl", genJSONL(1000), 1000)
}

func BenchmarkCSV(b *testing.B) {
	var s strings.Builder
	s.WriteString("id,date,title,text\n")
	for i := range 1000 {
		fmt.Fprintf(&s, "c%d,2024-01-01,Story,\"%s\"\n", i, strings.ReplaceAll(story, `"`, `""`))
	}
	benchReader(b, CSV{}, "b.csv", s.String(), 1000)
}

func BenchmarkPlain(b *testing.B) {
	benchReader(b, Plain{}, "b.txt", " date 2023-11-08 "+story, 1)
}

func BenchmarkFeed(b *testing.B) {
	var s strings.Builder
	s.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>`)
	for i := range 100 {
		fmt.Fprintf(&s, "<item><guid>i%d</guid><pubDate>Tue, 12 Mar 2024 09:30:00 +0000</pubDate><description><![CDATA[<p>%s</p>]]></description></item>", i, story)
	}
	s.WriteString("</channel></rss>")
	benchReader(b, Feed{}, "b.xml", s.String(), 100)
}

func BenchmarkHTML(b *testing.B) {
	benchReader(b, HTML{}, "b.html", readFixture(b, "article.html"), 1)
}

// BenchmarkReuters reads and fingerprints the shared Reuters corpus, the
// ingest command's work before the store.
func BenchmarkReuters(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "reuters21578.jsonl")
	fi, err := os.Stat(path)
	if err != nil {
		b.Skip("shared corpus not present:", err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for r := range Open(context.Background(), path, Options{}) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			Fingerprint(&r.Article)
			n++
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
