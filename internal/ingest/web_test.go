package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFeed(t *testing.T) {
	tests := []struct {
		name, file string
		want       []outcome
	}{
		{
			name: "rss",
			file: "wire.rss",
			want: []outcome{
				{id: "wire.example.org-2024-03-mediators-doha", date: "2024-03-12",
					text: "Qatari mediators met negotiators in Doha on Tuesday.\n\n“We are close,” one official said."},
				// 23:50 at -0500 is still the 13th where it was published.
				{id: "wire.example.org-2024-03-convoy", date: "2024-03-13",
					text: "Twelve trucks crossed into Gaza on Wednesday, the UN said."},
				{err: ErrNoText, record: 3},
				{id: "item-4", note: noteNoDate},
			},
		},
		{
			name: "atom",
			file: "wire.atom",
			want: []outcome{{id: "urn-uuid-5a1f3f7e-2c1d-4b8e-9a55-0d1c2b3a4f02", date: "2022-06-01",
				text: "Envoys from Armenia and Azerbaijan resumed talks in Geneva."}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := collect(t, Feed{}, tc.file, readFixture(t, tc.file))
			checkOutcomes(t, tc.file, got, tc.want)
		})
	}
	bad := []struct{ name, input string }{
		{"not a feed", "<html><body>hello</body></html>"},
		{"truncated", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			got := collect(t, Feed{}, "f.xml", tc.input)
			if len(got) != 1 || got[0].Err == nil {
				t.Fatalf("got %+v, want one error", got)
			}
		})
	}
	t.Run("oversize feed", func(t *testing.T) {
		got := collect(t, Feed{Options{MaxFeedBytes: 100}}, "f.xml", readFixture(t, "wire.rss"))
		checkOutcomes(t, "f.xml", got, []outcome{{err: ErrTooLarge}})
	})
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, file string
		want       outcome
		title      string
		source     string
	}{
		{
			name: "article with metadata", file: "article.html",
			want:  outcome{id: "article", date: "2021-11-05", note: ""},
			title: "Ceasefire holds in Tigray border town", source: "Horn Desk",
		},
		{
			name: "declared windows-1252", file: "cp1252.html",
			want:  outcome{id: "cp1252", date: "2020-01-15", note: "decoded from windows-1252"},
			title: "Café talks",
		},
		{
			name: "date from a time element", file: "timeonly.html",
			want:  outcome{id: "timeonly", date: "2022-08-04"},
			title: "Border crossing reopens",
		},
		{name: "no article", file: "noarticle.html", want: outcome{err: ErrNoArticle}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := collect(t, HTML{}, tc.file, readFixture(t, tc.file))
			checkOutcomes(t, tc.file, got, []outcome{tc.want})
			if tc.want.err != nil {
				return
			}
			a := got[0].Article
			if a.Title != tc.title || a.Source != tc.source {
				t.Errorf("title %q source %q, want %q %q", a.Title, a.Source, tc.title, tc.source)
			}
			for _, junk := range []string{"Home", "All rights reserved"} {
				if strings.Contains(a.Text, junk) {
					t.Errorf("text keeps page furniture %q: %q", junk, a.Text)
				}
			}
			if strings.Count(a.Text, "\n\n") < 1 {
				t.Errorf("paragraphs lost: %q", a.Text)
			}
		})
	}
	t.Run("cp1252 text", func(t *testing.T) {
		a := collect(t, HTML{}, "cp1252.html", readFixture(t, "cp1252.html"))[0].Article
		if !strings.Contains(a.Text, "café in Brüssel") || !strings.Contains(a.Text, "“roadmap”") {
			t.Errorf("text not decoded: %q", a.Text)
		}
	})
}

// TestURLs serves feeds and pages over HTTP, including a server error and
// a server that never answers in time.
func TestURLs(t *testing.T) {
	mux := http.NewServeMux()
	serve := func(path, ctype, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write([]byte(body))
		})
	}
	serve("/feed", "application/rss+xml", readFixture(t, "wire.rss"))
	serve("/atom-as-xml", "text/xml", readFixture(t, "wire.atom"))
	serve("/news/tigray-ceasefire", "text/html; charset=utf-8", readFixture(t, "article.html"))
	serve("/data.jsonl", "application/octet-stream", `{"id":"u1","date":"2024-05-05","text":"Served."}`+"\n")
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	release := make(chan struct{})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	opts := Options{Timeout: 300 * time.Millisecond, Client: srv.Client()}
	tests := []struct {
		path    string
		want    []outcome
		wantMsg string
	}{
		{path: "/feed", want: []outcome{{id: "wire.example.org-2024-03-mediators-doha", date: "2024-03-12"},
			{id: "wire.example.org-2024-03-convoy", date: "2024-03-13"}, {err: ErrNoText, record: 3}, {id: "item-4"}}},
		{path: "/atom-as-xml", want: []outcome{{id: "urn-uuid-5a1f3f7e-2c1d-4b8e-9a55-0d1c2b3a4f02", date: "2022-06-01"}}},
		{path: "/news/tigray-ceasefire", want: []outcome{{date: "2021-11-05"}}},
		{path: "/data.jsonl", want: []outcome{{id: "u1", date: "2024-05-05"}}},
		{path: "/broken", want: []outcome{{err: ErrFetch}}, wantMsg: "500"},
		{path: "/slow", want: []outcome{{err: ErrFetch}}, wantMsg: "timed out"},
		{path: "/slow-body", want: []outcome{{err: ErrFetch}}, wantMsg: "timed out"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			u := srv.URL + tc.path
			var got []Record
			start := time.Now()
			for r := range Open(context.Background(), u, opts) {
				got = append(got, r)
			}
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v despite the timeout", time.Since(start))
			}
			if tc.path == "/news/tigray-ceasefire" && len(got) == 1 {
				tc.want[0].id = got[0].Article.ID
				if !strings.HasSuffix(got[0].Article.ID, "-news-tigray-ceasefire") || got[0].Article.URL != u {
					t.Errorf("id %q url %q", got[0].Article.ID, got[0].Article.URL)
				}
			}
			checkOutcomes(t, u, got, tc.want)
			if tc.wantMsg != "" && (len(got) == 0 || got[0].Err == nil || !strings.Contains(got[0].Err.Error(), tc.wantMsg)) {
				t.Errorf("message %v lacks %q", got, tc.wantMsg)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"x.txt", "{", FormatPlain},
		{"x.JSONL", "", FormatJSONL},
		{"x.csv.gz", "", FormatCSV},
		{"x.rss", "", FormatFeed},
		{"page.htm", "", FormatHTML},
		{"-", ` {"id":1}`, FormatJSONL},
		{"-", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", FormatFeed},
		{"-", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", FormatFeed},
		{"-", "<!DOCTYPE html><html>", FormatHTML},
		{"-", " date 2020-01-01 x", FormatPlain},
		{"-", "\"id\",\"date\",\"text\"\n1,2,3", FormatCSV},
		{"-", "Just some prose, with a comma.", FormatPlain},
		{"README", "id,text\n", FormatCSV},
		{"feed.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, FormatFeed},
		{"lines.json", `{"id": "x", "text": "y"}`, FormatJSONL},
	}
	for _, tc := range tests {
		if got := FormatOf(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("FormatOf(%q, %q) = %s, want %s", tc.name, tc.head, got, tc.want)
		}
	}
}

func TestNotesStayUnique(t *testing.T) {
	var notes []string
	addNote(&notes, noteCP1252)
	addNote(&notes, noteCP1252)
	addNote(&notes, "")
	if !slices.Equal(notes, []string{noteCP1252}) {
		t.Errorf("notes %q", notes)
	}
}

func TestPageDate(t *testing.T) {
	tests := []struct {
		page, want string
	}{
		{`<meta name="date" content="2019-04-01">`, "2019-04-01"},
		{`<meta itemprop="datePublished" content="2020-02-29T08:00:00Z"><time datetime="2001-01-01">`, "2020-02-29"},
		{`<time datetime="bad"></time><time datetime="2018-07-07">x</time>`, "2018-07-07"},
		{`<time datetime="2018-07-07"></time><meta name="DC.date" content="2017-01-02">`, "2017-01-02"},
		{`<meta name="date" content="2023-13-45"><p>no usable date</p>`, ""},
		{`<p>nothing</p>`, ""},
	}
	for _, tc := range tests {
		d, ok := pageDate([]byte(tc.page))
		if d.String() != tc.want || ok != (tc.want != "") {
			t.Errorf("pageDate(%q) = %v %v, want %q", tc.page, d, ok, tc.want)
		}
	}
}
