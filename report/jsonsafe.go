package report

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// SafeJSON rewrites an encoded JSON document so that it prints inertly on
// a terminal: every character that can hide, reorder or control text is
// written as a \u escape. encoding/json already escapes C0 controls (and
// <, >, &, U+2028, U+2029); this adds DEL, the C1 controls, the soft
// hyphen, bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
// U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
// and every other format character (Unicode Cf), with surrogate pairs
// above U+FFFF. Such characters can only occur inside JSON strings, so
// the document stays valid and decodes to the same strings. Invalid
// UTF-8 (which encoding/json never writes) is written as U+FFFD.
func SafeJSON(doc []byte) []byte {
	i := 0
	for i < len(doc) && doc[i] < utf8.RuneSelf && doc[i] != 0x7f && (doc[i] >= 0x20 || doc[i] == '\n' || doc[i] == '\r' || doc[i] == '\t') {
		i++
	}
	if i == len(doc) {
		return doc
	}
	out := make([]byte, 0, len(doc)+64)
	out = append(out, doc[:i]...)
	for i < len(doc) {
		c := doc[i]
		if c < utf8.RuneSelf {
			if c == 0x7f || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
				out = fmt.Appendf(out, `\u%04x`, c)
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(doc[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case jsonUnsafe(r):
			if r > 0xffff {
				hi, lo := utf16Pair(r)
				out = fmt.Appendf(out, `\u%04x\u%04x`, hi, lo)
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		default:
			out = append(out, doc[i:i+size]...)
		}
		i += size
	}
	return out
}

// jsonUnsafe reports the non-ASCII characters SafeJSON escapes.
func jsonUnsafe(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r == 0x00ad: // soft hyphen
		return true
	case r >= 0x200b && r <= 0x200f, r == 0x061c: // zero-width, LRM, RLM, ALM
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x2060 || r == 0xfeff || r == 0x2028 || r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// utf16Pair splits a rune above U+FFFF into its UTF-16 surrogates.
func utf16Pair(r rune) (hi, lo rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
