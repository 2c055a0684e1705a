package fold

import "testing"

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bogotá", "bogota"},
		{"BOGOTA", "bogota"},
		{"bogota", "bogota"},
		{"Khān Yūnis", "khan yunis"},
		{"Ivano-Frankivsk", "ivano frankivsk"},
		{"Ta'izz", "taizz"},
		{"Khuzā‘ah", "khuzaah"},
		{"  São  Paulo ", "sao paulo"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"St. Petersburg", "st petersburg"},
		{"Ţūlkarm", "tulkarm"},
		{"Kyiv", "kyiv"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if IsASCIIKey(Key("Київ")) {
		t.Errorf("Cyrillic key %q reported as Latin", Key("Київ"))
	}
	if !IsASCIIKey("gaza city") || IsASCIIKey("") {
		t.Error("IsASCIIKey wrong on plain keys")
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Bogotá", "Ta'izz", "  a--b ", "\xff\xfe", "Ǆ", "Ǽ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key not idempotent: %q -> %q -> %q", s, k, Key(k))
		}
		if len(k) > 0 && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Fatalf("Key(%q) = %q has outer spaces", s, k)
		}
	})
}
