// Package sanitize makes strings that came from the network safe to put
// on a terminal: certificate names, HTTP headers, URLs, error texts.
//
// It removes the means of attack, not the content: C0 and C1 controls
// (ESC, CSI, OSC 52 clipboard writes, BEL), DEL, bidirectional overrides
// and isolates, zero-width and other invisible format characters (the
// soft hyphen included), and invalid UTF-8. Each is replaced by a visible
// escape such as \x1b or \u202e so a technician can still see that
// something odd was there.
package sanitize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultMax is the length, in runes, beyond which Text truncates.
const DefaultMax = 512

// Text returns s with every control (newlines and tabs included), format
// and bidi character escaped, cut to DefaultMax runes ("…" marks a cut).
// The result is always a single line.
func Text(s string) string { return Limit(s, DefaultMax) }

// Limit is Text with a caller-chosen maximum length in runes (max <= 0
// means no limit).
func Limit(s string, max int) string {
	if isPlain(s) && (max <= 0 || len(s) <= max) {
		return s
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		if max > 0 && n >= max {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			writeRune(&b, r)
		}
		i += size
		n++
	}
	return b.String()
}

func writeRune(b *strings.Builder, r rune) {
	switch {
	case r < 0x20 || r == 0x7f:
		fmt.Fprintf(b, `\x%02x`, r)
	case r >= 0x80 && r < 0xa0:
		fmt.Fprintf(b, `\u%04x`, r)
	case dangerous(r):
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		b.WriteRune(r)
	}
}

// dangerous reports format characters that can reorder or hide text.
func dangerous(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	case r == 0xfeff || r == 0xfff9 || r == 0xfffa || r == 0xfffb:
		return true
	case r == 0x00ad: // soft hyphen: invisible unless a line breaks there
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}
