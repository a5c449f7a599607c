package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextMakesHostileStringsInert(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "zoom.us", "zoom.us"},
		{"japanese stays", "証明書 テスト", "証明書 テスト"},
		{"CSI colour", "evil\x1b[31mred", `evil\x1b[31mred`},
		{"OSC 52 clipboard write", "a\x1b]52;c;Y3VybCBldmlsfHNo\x07b", `a\x1b]52;c;Y3VybCBldmlsfHNo\x07b`},
		{"C1 CSI", "a\u009b31mb", `a\u009b31mb`},
		{"bidi override", "moc.\u202egpj.exe", `moc.\u202egpj.exe`},
		{"bidi isolate", "a\u2066b\u2069", `a\u2066b\u2069`},
		{"zero width joiner hidden", "zo\u200bom", `zo\u200bom`},
		{"newline and tab", "a\nb\tc\r", `a\x0ab\x09c\x0d`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"invalid utf8", "a\xffb", `a\xffb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Fatalf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, r := range got {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || dangerous(r) {
					t.Fatalf("Text(%q) still holds %U", tt.in, r)
				}
			}
			if !utf8.ValidString(got) {
				t.Fatalf("Text(%q) is not valid UTF-8", tt.in)
			}
		})
	}
}

func TestLimitTruncates(t *testing.T) {
	long := strings.Repeat("あ", 1000)
	got := Text(long)
	if n := utf8.RuneCountInString(got); n != DefaultMax+1 || !strings.HasSuffix(got, "…") {
		t.Fatalf("Text(long) has %d runes, suffix %q", n, got[len(got)-3:])
	}
	if got := Limit("abcdef", 3); got != "abc…" {
		t.Fatalf("Limit = %q", got)
	}
	if got := Limit("abc", 0); got != "abc" {
		t.Fatalf("Limit(0) = %q", got)
	}
}

func FuzzText(f *testing.F) {
	f.Add("\x1b]52;c;AAAA\x07")
	f.Add("\u202e\u2066x")
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if strings.ContainsAny(got, "\x1b\x07\x00\n\r\u009b\u202e") {
			t.Fatalf("Text(%q) = %q holds a control", s, got)
		}
	})
}

func BenchmarkTextPlain(b *testing.B) {
	for b.Loop() {
		Text("DigiCert Global G2 TLS RSA SHA256 2020 CA1")
	}
}

// TestInvisibleCharactersAreShown: the soft hyphen is treated like the
// other invisible characters (it hides inside a name until a line breaks
// there), next to zero-width and bidi characters.
func TestInvisibleCharactersAreShown(t *testing.T) {
	for in, want := range map[string]string{
		"zo\u00adom.us":        `zo\u00adom.us`,
		"zo\u200bom.us":        `zo\u200bom.us`,
		"zo\u2060om.us":        `zo\u2060om.us`,
		"\ufeffzoom.us":        `\ufeffzoom.us`,
		"zoom.us\u2066x\u2069": `zoom.us\u2066x\u2069`,
		"a\u0085b\u009bc":      `a\u0085b\u009bc`,
		"a\x7fb":               `a\x7fb`,
		"日本語":                  "日本語",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
