package wizard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// The pages use a small subset of Markdown: "#" headings, "-" and "1."
// list items, paragraphs, **bold** and `code`. This renderer handles
// exactly that, so no Markdown library is needed.

type blockKind int

const (
	blockPara blockKind = iota
	blockHeading
	blockItem
)

type block struct {
	kind   blockKind
	marker string // "- " or "1. " for items
	text   string // joined, inline markup still present
}

// parseMarkdown splits md into blocks; wrapped source lines are joined.
func parseMarkdown(md string) []block {
	var out []block
	var cur *block
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, raw := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		l := strings.TrimRight(raw, " \t")
		trimmed := strings.TrimLeft(l, " ")
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "#"):
			flush()
			out = append(out, block{kind: blockHeading, text: strings.TrimSpace(strings.TrimLeft(trimmed, "#"))})
		case listMarker(trimmed) != "" && len(l)-len(trimmed) < 2:
			flush()
			m := listMarker(trimmed)
			cur = &block{kind: blockItem, marker: m, text: strings.TrimSpace(trimmed[len(m):])}
		case cur != nil:
			cur.text = joinWrapped(cur.text, trimmed)
		default:
			cur = &block{kind: blockPara, text: trimmed}
		}
	}
	flush()
	return out
}

// listMarker returns "- ", "* " or "12. " when s starts a list item.
func listMarker(s string) string {
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") {
		return s[:2]
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(s[i:], ". ") {
		return s[:i+2]
	}
	return ""
}

// joinWrapped joins two source lines of one paragraph: with a space,
// except between wide (CJK) characters, which take none.
func joinWrapped(a, b string) string {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if isWide(last) || isWide(first) {
		return a + b
	}
	return a + " " + b
}

func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// inline applies bold and code markup with the given functions.
func inline(s string, bold, code func(string) string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "*`")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "**"):
			if j := strings.Index(s[2:], "**"); j > 0 {
				b.WriteString(bold(s[2 : 2+j]))
				s = s[4+j:]
				continue
			}
		case s[0] == '`':
			if j := strings.IndexByte(s[1:], '`'); j > 0 {
				b.WriteString(code(s[1 : 1+j]))
				s = s[2+j:]
				continue
			}
		}
		b.WriteByte(s[0])
		s = s[1:]
	}
	return b.String()
}

func identity(s string) string { return s }

// plainMarkdown renders md as unstyled text: headings and paragraphs as
// lines, list items with their markers, no markup and no wrapping (a
// screen reader or the terminal wraps).
func plainMarkdown(md string) []string {
	var out []string
	blocks := parseMarkdown(md)
	for i, bl := range blocks {
		if i > 0 && (bl.kind != blockItem || blocks[i-1].kind != blockItem) {
			out = append(out, "")
		}
		text := inline(bl.text, identity, identity)
		if bl.kind == blockItem {
			text = bl.marker + text
		}
		out = append(out, text)
	}
	return out
}

// styledMarkdown renders md for the TUI at width cells: headings with
// st.heading, inline markup styled, lists with hanging indents.
func styledMarkdown(md string, width int, st *styles) []string {
	if width < 10 {
		width = 10
	}
	bold := func(s string) string { return st.bold.Render(s) }
	code := func(s string) string { return st.code.Render(s) }
	var out []string
	blocks := parseMarkdown(md)
	for i, bl := range blocks {
		if i > 0 && (bl.kind != blockItem || blocks[i-1].kind != blockItem) {
			out = append(out, "")
		}
		switch bl.kind {
		case blockHeading:
			out = append(out, strings.Split(wrapText(st.heading.Render(bl.text), width), "\n")...)
		case blockItem:
			ind := ansi.StringWidth(bl.marker)
			wrapped := strings.Split(wrapText(inline(bl.text, bold, code), width-ind), "\n")
			for j, w := range wrapped {
				if j == 0 {
					out = append(out, bl.marker+w)
				} else {
					out = append(out, strings.Repeat(" ", ind)+w)
				}
			}
		default:
			out = append(out, strings.Split(wrapText(inline(bl.text, bold, code), width), "\n")...)
		}
	}
	return out
}
