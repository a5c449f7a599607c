package report

import (
	"strings"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/sanitize"
)

// Markdown safety. Every string that came from the network (certificate
// names, hosts, URLs, headers, evidence values, product names, errors)
// goes into the report as a code span, where CommonMark and GFM render
// it literally: no emphasis, link, image, autolink, bare-URL link or
// HTML. Inside a table, "|" is escaped too, because GFM splits cells
// before it reads code spans.

// code puts a sanitized value in a code span whose fence is longer than
// any run of backticks in the value (CommonMark), padded with a space
// when the value starts or ends with a backtick or is wrapped in spaces
// (one space each side is stripped by the renderer).
func code(s string) string {
	s = sanitize.Text(s)
	if s == "" {
		return "—"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// cell is code for a GFM table cell: "|" becomes "\|" (GFM removes the
// backslash before it reads the code span), and a backslash just before
// a "|" is written as \x5c so it cannot escape the escape.
func cell(s string) string {
	c := code(s)
	if !strings.Contains(c, "|") {
		return c
	}
	var b strings.Builder
	for i := 0; i < len(c); i++ {
		switch {
		case c[i] == '\\' && i+1 < len(c) && c[i+1] == '|':
			b.WriteString(`\x5c`)
		case c[i] == '|':
			b.WriteString(`\|`)
		default:
			b.WriteByte(c[i])
		}
	}
	return b.String()
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// findingMarkdown is FindingText for the Markdown report: each evidence
// value in its own code span, and an English summary (which may quote
// network text) as one code span.
func findingMarkdown(lang content.Lang, f findings.Finding) string {
	return findingWords(lang, f, func(v string) string { return code(sanitize.Limit(v, 200)) }, code)
}

// pageArgs prepares a decision page's arguments for Markdown: values in
// code spans, except the ones certwiz writes itself (codes and the
// network type's name, filled in later).
func pageArgs(in map[string]string) map[string]string {
	out := make(map[string]string, len(in))
	for k, v := range in {
		switch k {
		case "network", "code", "found_code":
			out[k] = sanitize.Text(v)
		default:
			out[k] = code(v)
		}
	}
	return out
}
