package claims

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-dev/chronicle"
	"github.com/chronicle-dev/chronicle/internal/lexicon"
	"github.com/chronicle-dev/chronicle/internal/lexicon/builtin"
	"github.com/chronicle-dev/chronicle/internal/text"
)

type fixture struct {
	an *text.Analyzer
	f  *Finder
}

var (
	fixOnce sync.Once
	fix     fixture
	fixErr  error
)

func load(tb testing.TB) fixture {
	tb.Helper()
	fixOnce.Do(func() {
		var d *lexicon.Dictionary
		if fix.an, fixErr = text.NewAnalyzer(); fixErr != nil {
			return
		}
		if d, fixErr = lexicon.LoadFS(context.Background(), builtin.FS); fixErr != nil {
			return
		}
		fix.f, fixErr = New(d)
	})
	if fixErr != nil {
		tb.Fatal(fixErr)
	}
	return fix
}

var day = chronicle.Date{Year: 2024, Month: 3, Day: 14}

func find(tb testing.TB, s string) []chronicle.Claim {
	fx := load(tb)
	a := chronicle.Article{ID: "t", Date: day, Text: s}
	return fx.f.Find(fx.an.Analyze(s, day), a, nil)
}

// want is one expected claim; an empty field is not checked, "-" means
// there must be none (addressee).
type want struct {
	speaker, code, verb, content, addressee, addrCode, stance string
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []want
	}{
		{"Palestinian President Mahmoud Abbas demanded an end to the assault on Gaza when he met Blinken in Ramallah on Sunday.",
			[]want{{"Palestinian President Mahmoud Abbas", "PSEGOV", "demanded", "an end to the assault on Gaza", "-", "", "support"}}},
		{"U.S. Secretary of State Antony Blinken proposed rolling humanitarian pauses.",
			[]want{{"U.S. Secretary of State Antony Blinken", "USAGOV", "proposed", "rolling humanitarian pauses", "-", "", "support"}}},
		{"Ukrainian President Volodymyr Zelenskiy urged Germany to send Leopard tanks on Friday.",
			[]want{{"Ukrainian President Volodymyr Zelenskiy", "UKRGOV", "urged", "send Leopard tanks", "Germany", "DEU", "support"}}},
		{"The Arab League called on Israel to lift the blockade of Gaza.",
			[]want{{"The Arab League", "", "called on", "lift the blockade of Gaza", "Israel", "ISR", "support"}}},
		{"Turkey's foreign minister called for an immediate ceasefire in Syria.",
			[]want{{"Turkey's foreign minister", "TUR", "called for", "an immediate ceasefire in Syria", "-", "", "support"}}},
		{"China condemned the United States on Sunday for shooting down a weather balloon.",
			[]want{{"China", "CHN", "condemned", "shooting down a weather balloon", "the United States", "USA", "oppose"}}},
		{"Iran's foreign minister accused Israel of war crimes.",
			[]want{{"Iran's foreign minister", "IRN", "accused", "war crimes", "Israel", "ISR", "oppose"}}},
		{"The Kremlin rejected the peace plan as unrealistic.",
			[]want{{"The Kremlin", "RUS", "rejected", "the peace plan", "-", "", "oppose"}}},
		{"Germany did not reject the proposal.",
			[]want{{"Germany", "DEU", "reject", "the proposal", "-", "", "support"}}},
		{"The ceasefire offer was rejected by Hamas on Tuesday.",
			[]want{{"Hamas", "", "rejected", "The ceasefire offer", "-", "", "oppose"}}},
		{"Kenya's president denied that police had shot protesters.",
			[]want{{"Kenya's president", "KEN", "denied", "police had shot protesters", "-", "", "oppose"}}},
		{"Russia vetoed the resolution, the French ambassador said on Wednesday.",
			[]want{
				{"the French ambassador", "FRA", "said", "Russia vetoed the resolution", "-", "", "support"},
				{"Russia", "RUS", "vetoed", "the resolution", "-", "", "oppose"},
			}},
		{"“We will never surrender,” the mayor of Kharkiv said.",
			[]want{{"the mayor of Kharkiv", "", "said", "We will never surrender", "-", "", "support"}}},
		{"The foreign ministry praised Qatar for its mediation.",
			[]want{{"The foreign ministry", "", "praised", "its mediation", "Qatar", "QAT", "support"}}},
		{"The prime minister told reporters that the talks would resume.",
			[]want{{"The prime minister", "", "told", "the talks would resume", "reporters", "", "support"}}},
		{"Israeli jets struck a building in Gaza City on Monday.", nil},
		{"Protesters rallied outside parliament.", nil},
	} {
		got := find(t, tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("%q: %d claims, want %d: %+v", tc.text, len(got), len(tc.want), got)
			continue
		}
		for i, w := range tc.want {
			c := got[i]
			check := func(field, g, w string) {
				if w != "" && g != w {
					t.Errorf("%q claim %d: %s %q, want %q", tc.text, i, field, g, w)
				}
			}
			check("speaker", c.Speaker.Text, w.speaker)
			if w.code != "" && !strings.HasPrefix(c.Speaker.Code, w.code) {
				t.Errorf("%q claim %d: speaker code %q, want %s…", tc.text, i, c.Speaker.Code, w.code)
			}
			check("verb", c.Verb.Text, w.verb)
			check("content", c.Content.Text, w.content)
			check("stance", c.Stance, w.stance)
			switch {
			case w.addressee == "-" && c.Addressee != nil:
				t.Errorf("%q claim %d: addressee %+v, want none", tc.text, i, *c.Addressee)
			case w.addressee != "-" && w.addressee != "" && c.Addressee == nil:
				t.Errorf("%q claim %d: no addressee, want %q", tc.text, i, w.addressee)
			case w.addressee != "-" && c.Addressee != nil:
				check("addressee", c.Addressee.Text, w.addressee)
				if w.addrCode != "" && !strings.HasPrefix(c.Addressee.Code, w.addrCode) {
					t.Errorf("%q claim %d: addressee code %q, want %s…", tc.text, i, c.Addressee.Code, w.addrCode)
				}
			}
			for _, sp := range []chronicle.Span{c.Verb, c.Content, {Text: c.Speaker.Text, Start: c.Speaker.Start, End: c.Speaker.End}} {
				if tc.text[sp.Start:sp.End] != sp.Text {
					t.Errorf("%q claim %d: span %+v does not match the text", tc.text, i, sp)
				}
			}
			if c.ArticleID != "t" || c.Sentence != 0 || c.ID == "" {
				t.Errorf("%q claim %d: article %q sentence %d id %q", tc.text, i, c.ArticleID, c.Sentence, c.ID)
			}
		}
	}
}

// TestFindUsesMentionActors checks that a speaker the coder coded (here
// through coreference) keeps the coder's actor.
func TestFindUsesMentionActors(t *testing.T) {
	fx := load(t)
	s := "Mahmoud Abbas met Blinken. He demanded an end to the assault."
	a := chronicle.Article{ID: "t", Date: day, Text: s}
	he := strings.Index(s, "He")
	ms := []chronicle.Mention{{ArticleID: "t", Sentence: 1,
		Source: chronicle.Actor{Code: "PSEGOV", Text: "He", Entity: "Mahmoud Abbas", Start: he, End: he + 2,
			Resolved: &chronicle.Span{Text: "Mahmoud Abbas", Start: 0, End: 13}}}}
	cs := fx.f.Find(fx.an.Analyze(s, day), a, ms)
	if len(cs) != 1 {
		t.Fatalf("%d claims, want 1: %+v", len(cs), cs)
	}
	if c := cs[0]; c.Speaker.Code != "PSEGOV" || c.Speaker.Resolved == nil || c.Sentence != 1 || c.Content.Text != "an end to the assault" {
		t.Errorf("claim %+v", c)
	}
}

func TestLink(t *testing.T) {
	cs := []chronicle.Claim{
		{ID: "a/c10", ArticleID: "a", Sentence: 0, Verb: chronicle.Span{Text: "demanded", Start: 10, End: 18}, Stance: Support},
		{ID: "a/c50", ArticleID: "a", Sentence: 1, Verb: chronicle.Span{Text: "rejected", Start: 50, End: 58}, Stance: Oppose},
	}
	ms := []chronicle.Mention{
		{ArticleID: "a", Sentence: 0, Verb: chronicle.Span{Start: 10, End: 18}},                   // the demand itself
		{ArticleID: "a", Sentence: 0, Verb: chronicle.Span{Start: 25, End: 31}},                   // another verb
		{ArticleID: "b", Sentence: 1, Verb: chronicle.Span{Start: 50, End: 58}},                   // another article
		{ArticleID: "a", Sentence: 1, Verb: chronicle.Span{Start: 48, End: 52}},                   // overlapping verb
		{ArticleID: "a", Sentence: 1, Verb: chronicle.Span{Start: 50, End: 50}},                   // no verb
		{ArticleID: "a", Sentence: 0, Verb: chronicle.Span{Start: 50, End: 58}},                   // wrong sentence
		{ArticleID: "a", Sentence: 1, Verb: chronicle.Span{Text: "rejected", Start: 50, End: 58}}, // exact
	}
	if n := Link(cs, ms); n != 3 {
		t.Errorf("linked %d, want 3", n)
	}
	for i, want := range []string{"a/c10", "", "", "a/c50", "", "", "a/c50"} {
		got := ""
		if ms[i].Claim != nil {
			got = ms[i].Claim.ID
		}
		if got != want {
			t.Errorf("mention %d: claim %q, want %q", i, got, want)
		}
	}
	// Linked claims are copies: changing one leaves the others alone.
	ms[3].Claim.Stance = "changed"
	if ms[6].Claim.Stance != Oppose || cs[1].Stance != Oppose {
		t.Error("linked claims share memory")
	}
}

func TestParseVerbs(t *testing.T) {
	vs, err := ParseVerbs("# c\ncall_on urge support obj-to\n\nreject reject oppose\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || strings.Join(vs[0].Words, " ") != "call on" || !vs[0].has(frameObjTo) || vs[1].Stance != Oppose {
		t.Errorf("parsed %+v", vs)
	}
	for _, tc := range []struct{ in, want string }{
		{"say say", "line 1: want WORDS"},
		{"say say neutral", "neither support nor oppose"},
		{"say say support obj-with", "unknown frame"},
		{"call__on urge support", "empty word"},
		{"# nothing\n", "no verbs"},
	} {
		if _, err := ParseVerbs(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseVerbs(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Abbas demanded an end to the assault.",
		"“No,” he said. Officials said on Tuesday that talks would resume, the ministry said.",
		"The plan was rejected by",
		"urged",
		"X called on",
	} {
		f.Add(s)
	}
	fx := load(f)
	f.Fuzz(func(t *testing.T, s string) {
		a := chronicle.Article{ID: "f", Date: day, Text: s}
		doc := fx.an.Analyze(s, day)
		cs := fx.f.Find(doc, a, nil)
		for _, c := range cs {
			spans := []chronicle.Span{c.Verb, c.Content, {Text: c.Speaker.Text, Start: c.Speaker.Start, End: c.Speaker.End}}
			if c.Addressee != nil {
				spans = append(spans, chronicle.Span{Text: c.Addressee.Text, Start: c.Addressee.Start, End: c.Addressee.End})
			}
			for _, sp := range spans {
				if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End || s[sp.Start:sp.End] != sp.Text {
					t.Fatalf("bad span %+v in %q", sp, s)
				}
			}
			if c.Content.Text == "" || (c.Stance != Support && c.Stance != Oppose) {
				t.Fatalf("claim %+v", c)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	fx := load(b)
	s := strings.Repeat("Palestinian President Mahmoud Abbas demanded an end to the assault on Gaza when he met Blinken in Ramallah on Sunday. "+
		"Russia rejected American proposals on European security, the foreign ministry said in Moscow. "+
		"“We will not surrender,” the mayor said. Israeli jets struck a building in Gaza City on Monday. ", 5)
	a := chronicle.Article{ID: "b", Date: day, Text: s}
	doc := fx.an.Analyze(s, day)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		fx.f.Find(doc, a, nil)
	}
}

// TestFindCoreference checks that pronouns, titles and possessives that
// speak take the actor introduced earlier in the article.
func TestFindCoreference(t *testing.T) {
	intro := "Palestinian President Mahmoud Abbas spoke in Ramallah on Sunday. "
	for _, tc := range []struct {
		text, verb, speaker, code string
	}{
		{"He demanded an end to the assault.", "demanded", "He", "PSEGOV"},
		{"“We want an end to this war,” he said.", "said", "he", "PSEGOV"},
		{"The president rejected the plan.", "rejected", "The president", "PSEGOV"},
		{"His government rejected the plan.", "rejected", "His government", "PSEGOV"},
	} {
		cs := find(t, intro+tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1: %+v", tc.text, len(cs), cs)
			continue
		}
		sp := cs[0].Speaker
		if cs[0].Verb.Text != tc.verb || sp.Text != tc.speaker || sp.Code != tc.code || sp.Resolved == nil ||
			sp.Resolved.Text != "Palestinian President Mahmoud Abbas" {
			t.Errorf("%q: claim %+v speaker %+v", tc.text, cs[0], sp)
		}
	}
}
