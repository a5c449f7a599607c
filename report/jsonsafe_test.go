package report

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// invisible are characters a certificate name can carry that change or
// hide what a terminal shows.
var invisible = []string{
	"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
	"\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
	"\u0080", "\u0085", "\u009b", "\u009f", "\x7f", "\u00ad", "\x1b", "\x00", "\U000e0041",
}

// checkSafeJSON: SafeJSON of v's encoding is valid, decodes to what the
// encoding decodes to (v, invalid UTF-8 replaced), and
// carries none of the characters it must escape.
func checkSafeJSON(t testing.TB, v string) {
	t.Helper()
	raw, err := json.MarshalIndent(map[string][]string{"names": {v, "plain"}}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	safe := SafeJSON(raw)
	if !json.Valid(safe) {
		t.Fatalf("SafeJSON(%q) is not valid JSON: %s", v, safe)
	}
	var back, direct map[string][]string
	if err := json.Unmarshal(raw, &direct); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(safe, &back); err != nil || back["names"][0] != direct["names"][0] || back["names"][1] != "plain" {
		t.Fatalf("SafeJSON(%q) decodes to %q, encoding/json to %q (%v)", v, back, direct, err)
	}
	for i := 0; i < len(safe); {
		r, size := utf8.DecodeRune(safe[i:])
		if r == 0x7f || (r < 0x20 && r != '\n') || jsonUnsafe(r) || (r == utf8.RuneError && size == 1) {
			t.Fatalf("SafeJSON(%q) carries %U raw: %s", v, r, safe)
		}
		i += size
	}
}

func TestSafeJSONEscapesInvisibleCharacters(t *testing.T) {
	for _, c := range invisible {
		checkSafeJSON(t, "zoom"+c+".us")
	}
	checkSafeJSON(t, strings.Join(invisible, ""))
	checkSafeJSON(t, "日本語の名前 — ok")
	got := string(SafeJSON([]byte(`{"a":"x` + "\u202e\u00ad\x7f\U000e0041" + `"}`)))
	if want := `{"a":"x\u202e\u00ad\u007f\udb40\udc41"}`; got != want {
		t.Fatalf("SafeJSON = %s, want %s", got, want)
	}
	if plain := []byte(`{"a": "b"}`); &SafeJSON(plain)[0] != &plain[0] {
		t.Error("a document with nothing to escape is copied")
	}
}

// FuzzSafeJSON: any string survives SafeJSON intact and inert.
func FuzzSafeJSON(f *testing.F) {
	for _, c := range invisible {
		f.Add("a" + c + "b")
	}
	f.Add("\xff\xfe invalid")
	f.Fuzz(func(t *testing.T, v string) { checkSafeJSON(t, v) })
}
