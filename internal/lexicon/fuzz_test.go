package lexicon

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// entryCount counts the entries of kind k in d.
func entryCount(d *Dictionary, k Kind) int {
	switch k {
	case KindActors:
		n := 0
		for _, a := range d.Actors {
			n += 1 + len(a.Synonyms) + len(a.Codes)
		}
		return n
	case KindAgents:
		return len(d.Agents)
	case KindVerbs:
		n := len(d.Verbs.Synsets) + len(d.Verbs.Transforms)
		for _, f := range d.Verbs.Families {
			n += 1 + len(f.Verbs) + len(f.Patterns)
		}
		return n
	case KindDiscards:
		return len(d.Discards)
	case KindIssues:
		return len(d.Issues)
	}
	return 0
}

// fuzzKind checks that any input parses without panicking, that the
// compiled matchers accept any tokens, and that what Write prints reads
// back to the same number of entries.
func fuzzKind(f *testing.F, k Kind, fixture string, seeds ...string) {
	if data, err := os.ReadFile(fixture); err == nil {
		f.Add(string(data))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		ctx := context.Background()
		d := &Dictionary{}
		if err := d.ParseWith(ctx, k, "fuzz", []byte(src), quiet()); err != nil {
			t.Fatalf("parse: %v", err)
		}
		d.Compile()
		toks := SplitPhrase(src)
		for i := range toks {
			d.LongestActor(toks, i)
			d.LongestAgent(toks, i)
			d.VerbsAt(toks, i)
		}
		d.DiscardIn(toks)
		d.IssuesIn(toks)
		var buf bytes.Buffer
		if err := Write(&buf, d, k); err != nil {
			t.Fatalf("write: %v", err)
		}
		back := &Dictionary{}
		if err := back.ParseWith(ctx, k, "fuzz-written", buf.Bytes(), quiet()); err != nil {
			t.Fatalf("reparse: %v", err)
		}
		if a, b := entryCount(d, k), entryCount(back, k); a != b {
			t.Fatalf("%d entries, %d after write and read; written:\n%s", a, b, buf.String())
		}
	})
}

func FuzzActors(f *testing.F) {
	fuzzKind(f, KindActors, "testdata/mini/mini.actors.txt",
		"X [A]\n+Y\n\t[B <200101]\n\t[C 20010101-20020202]\n",
		"<!-- open\nX\n-->\nY [Z]\n", "\t[A]\n+B\n")
}

func FuzzAgents(f *testing.F) {
	fuzzKind(f, KindAgents, "testdata/mini/mini.agents.txt",
		"!P! = MAN, MEN\nX!P! [~A]\nY {YS} [B~]\nZ {} [~C}\n")
}

func FuzzVerbs(f *testing.F) {
	fuzzKind(f, KindVerbs, "testdata/mini/mini.verbs.txt",
		"&S_\n+A\n+&S\n--- L [1:2] ---\nV {W X}\n+P_Q\n- $ ^ *_A (B C) {D} &S + % [3]\n",
		"- * [1]\n--- [] ---\nX [\n",
		"--- A [1] ---\nB\n- * (TO {C D}) [2]\n~ a (a b A) SAY = a b 015\n~ =\n")
}

func FuzzDiscards(f *testing.F) {
	fuzzKind(f, KindDiscards, "testdata/mini/mini.discards.txt", "+A_\nB C\n_\n")
}

func FuzzIssues(f *testing.F) {
	fuzzKind(f, KindIssues, "testdata/mini/mini.Issues.txt",
		"<ISSUE CATEGORY=\"X\">\nn:a+v:b [C]\n~~d\n</ISSUE>\ne [F]\n")
}
