package wizard

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// zwsp marks a break opportunity for ansi.Wrap; it is removed afterwards.
const zwsp = "\u200b"

// noLineStart are characters a Japanese line must not begin with, and
// noLineEnd those it must not end with (a light kinsoku rule).
const (
	noLineStart = "、。，．・：；？！ー）」』】〕］｝〉》”’…‥ぁぃぅぇぉっゃゅょァィゥェォッャュョ"
	noLineEnd   = "（「『【〔［｛〈《“‘"
)

// wrapText wraps s (which may hold ANSI styles) to width cells. Latin
// text breaks at spaces; Japanese text, which has none, may break between
// any two wide characters, except before closing or after opening
// punctuation.
func wrapText(s string, width int) string {
	if width < 1 {
		return s
	}
	if !hasWide(s) {
		return ansi.Wrap(s, width, "")
	}
	return strings.ReplaceAll(ansi.Wrap(breakable(s), width, zwsp), zwsp, "")
}

func hasWide(s string) bool {
	for _, r := range s {
		if r >= 0x1100 && isWide(r) {
			return true
		}
	}
	return false
}

// breakable inserts zwsp wherever a line may break next to a wide
// character. Escape sequences are copied untouched.
func breakable(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	var prev rune
	for i := 0; i < len(s); {
		if s[i] == 0x1b { // copy a CSI sequence whole
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
				j++
			}
			j = min(j, len(s))
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if prev != 0 && (isWide(prev) || isWide(r)) && prev != ' ' && r != ' ' &&
			!strings.ContainsRune(noLineStart, r) && !strings.ContainsRune(noLineEnd, prev) {
			b.WriteString(zwsp)
		}
		b.WriteRune(r)
		prev = r
		i += size
	}
	return b.String()
}
