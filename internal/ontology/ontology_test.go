package ontology

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func newTable(t testing.TB) *Table {
	t.Helper()
	tab, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestEveryRootAndCounts(t *testing.T) {
	tab := newTable(t)
	roots := tab.Roots()
	if len(roots) != 20 {
		t.Fatalf("got %d roots, want 20", len(roots))
	}
	perRoot := map[string]int{}
	for _, c := range tab.Codes() {
		perRoot[c.Root]++
	}
	// Number of codes under each root, the root itself included.
	want := map[string]int{
		"01": 12, "02": 28, "03": 30, "04": 8, "05": 9, "06": 6, "07": 7,
		"08": 26, "09": 6, "10": 29, "11": 13, "12": 29, "13": 23, "14": 27,
		"15": 6, "16": 17, "17": 13, "18": 14, "19": 8, "20": 8,
	}
	for i, r := range roots {
		if r.Code != fmt.Sprintf("%02d", i+1) {
			t.Errorf("root %d is %q", i, r.Code)
		}
		if perRoot[r.Code] != want[r.Code] {
			t.Errorf("root %s has %d codes, want %d", r.Code, perRoot[r.Code], want[r.Code])
		}
	}
	if n := len(tab.Codes()); n != 319 {
		t.Errorf("got %d codes, want 319", n)
	}
}

func TestFacts(t *testing.T) {
	tab := newTable(t)
	tests := []struct {
		code, name        string
		goldstein         float64
		quad, phoenixQuad int
		plover, mode, ctx string
	}{
		{"042", "Make a visit", 1.9, 1, 1, "CONSULT", "visit", ""},
		{"043", "Host a visit", 2.8, 1, 1, "CONSULT", "visit", ""},
		{"01", "Make public statement", 0, 1, 0, "", "", ""},
		{"0233", "Appeal for humanitarian aid", 3.4, 1, 0, "REQUEST", "assist", "humanitarian"},
		{"0333", "Express intent to provide humanitarian aid", 5.2, 1, 1, "AGREE", "", "humanitarian"},
		{"073", "Provide humanitarian aid", 7.4, 2, 2, "AID", "", "humanitarian"},
		{"0871", "Declare truce, ceasefire", 9, 2, 2, "RETREAT", "ceasefire", "military"},
		{"090", "Investigate, not specified below", -2, 3, 3, "ACCUSE", "investigate", ""},
		{"1056", "Demand de-escalation of military engagement", -5, 3, 3, "REQUEST", "yield", "military"},
		{"111", "Criticize or denounce", -2, 3, 3, "ACCUSE", "disapprove", ""},
		{"1124", "Accuse of war crimes", -2, 3, 3, "ACCUSE", "allege", "military;legal"},
		{"129", "Veto", -4, 3, 3, "REJECT", "yield", "diplomatic"},
		{"141", "Demonstrate or rally", -6.5, 4, 4, "PROTEST", "demo", ""},
		{"163", "Impose embargo, boycott, or sanctions", -6.5, 4, 3, "COERCE", "restrict", "diplomatic"},
		{"173", "Arrest, detain, or charge with legal action", -5, 4, 4, "COERCE", "arrest", "legal"},
		{"190", "Use conventional military force", -10, 4, 4, "ASSAULT", "", "military"},
		{"195", "Employ aerial weapons", -10, 4, 4, "ASSAULT", "heavy-weapons", "military"},
		{"2042", "Detonate nuclear weapons", -10, 4, 4, "ASSAULT", "unconventional", "cbrn"},
	}
	for _, tt := range tests {
		c, ok := tab.Lookup(tt.code)
		if !ok || c.Code != tt.code {
			t.Errorf("Lookup(%s) = %+v, %v", tt.code, c, ok)
			continue
		}
		// Names are compared by prefix: the source adds "not specified below" to some.
		if !strings.HasPrefix(c.Name, strings.TrimSuffix(tt.name, ", not specified below")) {
			t.Errorf("%s name %q, want %q", tt.code, c.Name, tt.name)
		}
		if c.Goldstein != tt.goldstein || c.QuadClass != tt.quad || c.PhoenixQuad != tt.phoenixQuad {
			t.Errorf("%s goldstein/quad/phoenix = %v/%d/%d, want %v/%d/%d", tt.code,
				c.Goldstein, c.QuadClass, c.PhoenixQuad, tt.goldstein, tt.quad, tt.phoenixQuad)
		}
		if c.PLOVER.Type != tt.plover || c.PLOVER.Mode != tt.mode || c.PLOVER.Context != tt.ctx {
			t.Errorf("%s PLOVER = %+v, want %s/%s/%s", tt.code, c.PLOVER, tt.plover, tt.mode, tt.ctx)
		}
		if c.Root != tt.code[:2] {
			t.Errorf("%s root %q", tt.code, c.Root)
		}
	}
}

func TestQuadSchemes(t *testing.T) {
	tab := newTable(t)
	for _, c := range tab.Codes() {
		var root int
		fmt.Sscanf(c.Root, "%d", &root)
		var wantG int
		switch {
		case root <= 5:
			wantG = 1
		case root <= 8:
			wantG = 2
		case root <= 13:
			wantG = 3
		default:
			wantG = 4
		}
		wantP := wantG
		if root <= 2 {
			wantP = 0
		}
		if root == 16 {
			wantP = 3
		}
		if c.QuadClass != wantG || c.PhoenixQuad != wantP {
			t.Errorf("%s quad %d/%d, want %d/%d", c.Code, c.QuadClass, c.PhoenixQuad, wantG, wantP)
		}
	}
}

func TestPLOVERNamesAreCurrent(t *testing.T) {
	tab := newTable(t)
	current := map[string]bool{"": true}
	for _, n := range PLOVERTypes() {
		current[n] = true
	}
	for _, c := range tab.Codes() {
		if !current[c.PLOVER.Type] {
			t.Errorf("%s has retired or unknown PLOVER type %q", c.Code, c.PLOVER.Type)
		}
		if c.Root != "01" && c.PLOVER.Type == "" {
			t.Errorf("%s has no PLOVER type", c.Code)
		}
	}
	renames := map[string]string{
		"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
		"FIGHT": "ASSAULT", "CONSULT": "CONSULT", "": "",
	}
	for old, want := range renames {
		if got := CurrentPLOVER(old); got != want {
			t.Errorf("CurrentPLOVER(%q) = %q, want %q", old, got, want)
		}
	}
	// The types of whole roots that the renames concern.
	for code, want := range map[string]string{"10": "REQUEST", "02": "REQUEST", "09": "ACCUSE", "11": "ACCUSE", "19": "ASSAULT", "18": "ASSAULT", "20": "ASSAULT"} {
		if c, _ := tab.Lookup(code); c.PLOVER.Type != want {
			t.Errorf("root %s PLOVER %q, want %q", code, c.PLOVER.Type, want)
		}
	}
}

func TestLookupFallback(t *testing.T) {
	tab := newTable(t)
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"042", "042", true},
		{" 042 ", "042", true},
		{"0233a", "0233", true},
		{"190X", "190", true},
		{"0215", "021", true},
		{"1939", "193", true},
		{"099", "09", true},
		{"2099", "20", true},
		{"---", "", false},
		{"", "", false},
		{"21", "", false},
		{"00", "", false},
		{"0a42", "", false},
		{"04200", "", false},
		{"abc", "", false},
	}
	for _, tt := range tests {
		c, ok := tab.Lookup(tt.in)
		if ok != tt.ok || c.Code != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.in, c.Code, ok, tt.want, tt.ok)
		}
	}
}

func TestActorCodes(t *testing.T) {
	tab := newTable(t)
	roles := strings.Fields("GOV MIL COP JUD LEG SPY PTY OPP REB INS SEP UAF CRM CVL BUS MED HLH EDU LAB REF ELI HRI REL AGR ENV DEV MOD RAD")
	for _, r := range roles {
		if !tab.ValidActorRole(r) {
			t.Errorf("ValidActorRole(%s) = false", r)
		}
	}
	for _, r := range []string{"USA", "MEA", "IGO", "XYZ", "", "GOVT"} {
		if tab.ValidActorRole(r) {
			t.Errorf("ValidActorRole(%q) = true", r)
		}
	}
	for _, r := range strings.Fields("MEA WST AFR EUR ASA ARB") {
		if !tab.IsRegion(r) {
			t.Errorf("IsRegion(%s) = false", r)
		}
	}
	if n := len(tab.ActorParts("org")); n < 50 {
		t.Errorf("got %d organisation tags, want at least 50", n)
	}
	if p, ok := tab.ActorPart("nat"); !ok || p.Kind != "org" || p.Name != "NATO" {
		t.Errorf("ActorPart(nat) = %+v, %v", p, ok)
	}
	if tab.ValidActorRole("UNO") {
		t.Error("an organisation tag is not a role")
	}
	if len(tab.ActorParts("role")) != 26 {
		t.Errorf("got %d roles, want 26", len(tab.ActorParts("role")))
	}
	for code, want := range map[string]string{
		"USAGOV": "government", "ISRMIL": "military", "PSEREB": "rebel",
		"IGOUNO": "igo", "USA": "", "SYRREBRAD": "rebel", "NGOHRI": "human_rights",
		"IGOWSTNAT": "igo", "IGOUNOREFHCR": "refugee", "NGOHRIAMN": "human_rights",
	} {
		if got := tab.Sector(code); got != want {
			t.Errorf("Sector(%s) = %q, want %q", code, got, want)
		}
	}
}

func TestReadTSVErrors(t *testing.T) {
	bad := map[string]string{
		"fields":    "042\tMake a visit\t04\n",
		"code":      "04x\tMake a visit\t04\t1.9\t1\t1\tCONSULT\tvisit\t\n",
		"root":      "042\tMake a visit\t05\t1.9\t1\t1\tCONSULT\tvisit\t\n",
		"goldstein": "042\tMake a visit\t04\t11\t1\t1\tCONSULT\tvisit\t\n",
		"quad":      "042\tMake a visit\t04\t1.9\t7\t1\tCONSULT\tvisit\t\n",
		"dup":       "042\tA\t04\t1.9\t1\t1\t\t\t\n042\tA\t04\t1.9\t1\t1\t\t\t\n",
	}
	for name, body := range bad {
		tab := &Table{codes: map[string]Code{}}
		fsys := fstest.MapFS{"x.tsv": {Data: []byte(body)}}
		err := readTSV(fsys, "x.tsv", 9, tab.addCode)
		if err == nil || !strings.Contains(err.Error(), "x.tsv line") {
			t.Errorf("%s: err = %v, want a located error", name, err)
		}
	}
}

func FuzzLookup(f *testing.F) {
	tab := newTable(f)
	for _, s := range []string{"042", "0233a", "---", "2099", "", "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := tab.Lookup(s)
		if ok && (c.Code == "" || !strings.HasPrefix(strings.TrimSpace(s), c.Code)) {
			t.Fatalf("Lookup(%q) = %q: not a prefix of the input", s, c.Code)
		}
	})
}

func FuzzReadTSV(f *testing.F) {
	f.Add("042\tMake a visit\t04\t1.9\t1\t1\tCONSULT\tvisit\t\n")
	f.Add("# comment\ncode\tname\n")
	f.Fuzz(func(t *testing.T, body string) {
		tab := &Table{codes: map[string]Code{}}
		fsys := fstest.MapFS{"x.tsv": {Data: []byte(body)}}
		if err := readTSV(fsys, "x.tsv", 9, tab.addCode); err == nil {
			for _, c := range tab.codes {
				if c.Root != c.Code[:2] || c.QuadClass < 1 || c.QuadClass > 4 {
					t.Fatalf("accepted inconsistent row %+v", c)
				}
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	tab := newTable(b)
	codes := []string{"042", "0233", "190", "0215", "1124a"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := tab.Lookup(codes[i%len(codes)]); !ok {
			b.Fatal("lookup failed")
		}
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
