package ingest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-dev/chronicle"
)

// collect reads every record of a reader over an in-memory input.
func collect(t testing.TB, rd Reader, name, input string) []Record {
	t.Helper()
	var out []Record
	for r := range rd.Read(context.Background(), name, strings.NewReader(input)) {
		out = append(out, r)
	}
	return out
}

func day(t testing.TB, s string) chronicle.Date {
	t.Helper()
	d, err := chronicle.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPlain(t *testing.T) {
	tests := []struct {
		name, file, input string
		opts              Options
		wantErr           error
		wantLine          int
		wantID, wantDate  string
		wantText          string
		wantNote          string
	}{
		{
			name:     "seed style, leading space, text on the date line",
			file:     "seed/000_ab12.txt",
			input:    " date 2023-11-08 Envoys met in Amman on Tuesday.\n\nThe minister called the talks “frank”.\n",
			wantID:   "000_ab12",
			wantDate: "2023-11-08",
			wantText: "Envoys met in Amman on Tuesday.\n\nThe minister called the talks “frank”.",
		},
		{
			name:     "date on its own line",
			file:     "a/b/kyiv.txt",
			input:    "date 2022-02-24\n\nRussian forces crossed the border at dawn.\n",
			wantID:   "kyiv",
			wantDate: "2022-02-24",
			wantText: "Russian forces crossed the border at dawn.",
		},
		{
			name:     "no date line: unknown date, whole text kept",
			file:     "undated.txt",
			input:    "\n  Protesters gathered outside parliament in Tbilisi.",
			wantID:   "undated",
			wantText: "Protesters gathered outside parliament in Tbilisi.",
			wantNote: noteNoDate,
		},
		{
			name:     "first word date but no date token is text",
			file:     "d.txt",
			input:    "date of the vote is still unknown, officials said.",
			wantID:   "d",
			wantText: "date of the vote is still unknown, officials said.",
			wantNote: noteNoDate,
		},
		{
			name:     "UTF-8 byte order mark",
			file:     "bom.txt",
			input:    "\uFEFFdate 2020-05-01 Talks resumed.",
			wantID:   "bom",
			wantDate: "2020-05-01",
			wantText: "Talks resumed.",
		},
		{
			name:     "Windows-1252 decoded with a note",
			file:     "cp.txt",
			input:    "date 2019-07-14 Delegates met at a caf\xe9 and called it \x93useful\x94.",
			wantID:   "cp",
			wantDate: "2019-07-14",
			wantText: "Delegates met at a café and called it “useful”.",
			wantNote: noteCP1252,
		},
		{
			name:     "gzip extension dropped from the id",
			file:     "x/story.txt.gz",
			input:    "date 2021-01-06 Crowds entered the Capitol.",
			wantID:   "story",
			wantDate: "2021-01-06",
			wantText: "Crowds entered the Capitol.",
		},
		{name: "impossible date", file: "bad.txt", input: "date 2023-13-45 Text.", wantErr: ErrBadDate, wantLine: 1},
		{name: "impossible day after blank lines", file: "bad.txt", input: "\n\n  date 2023-02-30\nText.", wantErr: ErrBadDate, wantLine: 3},
		{name: "empty file", file: "e.txt", input: "", wantErr: ErrEmpty},
		{name: "only whitespace", file: "e.txt", input: " \n\t\n", wantErr: ErrEmpty},
		{name: "date but no text", file: "n.txt", input: "date 2023-01-01\n\n", wantErr: ErrNoText, wantLine: 1},
		{name: "binary", file: "b.txt", input: "\x7fELF\x02\x01\x01\x00\x00\x00\x00", wantErr: ErrBinary},
		{
			name:    "oversize article",
			file:    "big.txt",
			input:   "date 2023-01-01 " + strings.Repeat("word ", 100),
			opts:    Options{MaxArticleBytes: 200},
			wantErr: ErrTooLarge,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := collect(t, Plain{tc.opts}, tc.file, tc.input)
			if len(recs) != 1 {
				t.Fatalf("got %d records, want 1", len(recs))
			}
			r := recs[0]
			if tc.wantErr != nil {
				var re *RecordError
				if !errors.Is(r.Err, tc.wantErr) || !errors.As(r.Err, &re) {
					t.Fatalf("err = %v, want a RecordError wrapping %v", r.Err, tc.wantErr)
				}
				if re.Origin != tc.file || re.Line != tc.wantLine {
					t.Errorf("error at %s line %d, want %s line %d", re.Origin, re.Line, tc.file, tc.wantLine)
				}
				if !strings.Contains(r.Err.Error(), tc.file) {
					t.Errorf("message %q does not name the file", r.Err)
				}
				return
			}
			if r.Err != nil {
				t.Fatalf("unexpected error %v", r.Err)
			}
			a := r.Article
			if a.ID != tc.wantID || a.Date.String() != tc.wantDate || a.Text != tc.wantText {
				t.Errorf("got id %q date %q text %q\nwant id %q date %q text %q", a.ID, a.Date, a.Text, tc.wantID, tc.wantDate, tc.wantText)
			}
			if a.Origin != tc.file {
				t.Errorf("origin %q, want %q", a.Origin, tc.file)
			}
			if tc.wantNote != "" && !slices.Contains(a.Notes, tc.wantNote) {
				t.Errorf("notes %q lack %q", a.Notes, tc.wantNote)
			}
			if tc.wantNote == "" && len(a.Notes) > 0 {
				t.Errorf("unexpected notes %q", a.Notes)
			}
		})
	}
}

// TestPlainOffsetsStable checks the contract that the text is a verbatim
// slice of the (UTF-8) input, so offsets computed on it map back.
func TestPlainOffsetsStable(t *testing.T) {
	in := "  date 2023-11-08   Amid “talks”, envoys met.\r\n\r\nSecond paragraph.  \n"
	a := collect(t, Plain{}, "s.txt", in)[0].Article
	i := strings.Index(in, a.Text)
	if i < 0 {
		t.Fatalf("text %q is not a slice of the input", a.Text)
	}
	if got := in[i : i+len(a.Text)]; got != a.Text || !strings.HasPrefix(a.Text, "Amid") || !strings.HasSuffix(a.Text, "paragraph.") {
		t.Errorf("text %q", a.Text)
	}
}
