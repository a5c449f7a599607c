package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/sanitize"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gfm renders Markdown as GitHub does (tables, bare-URL links,
// strikethrough), to check what a person would see.
func gfm(t testing.TB, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// htmlText escapes text as goldmark writes it in HTML.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// hostileMarkdown are values a certificate, a server or a portal can
// send that would format a Markdown document if pasted raw.
var hostileMarkdown = []string{
	"[Click here](http://evil.test/a)",
	"![img](http://evil.test/i.png)",
	"<img src=x onerror=alert(1)>",
	"<http://evil.test/auto>",
	"http://bare.evil.test/x and www.evil.test",
	"a|b|c",
	`x\|y`,
	`trailing\`,
	"```fence",
	"`tick",
	"tick`",
	"``",
	"a ``` b ` c",
	" spaced ",
	"**bold** _em_ ~~strike~~",
	"# heading",
	"zo\u00adom\u200b\u202e\u0085\x7f",
	"&amp; &lt;",
	"",
}

// TestCodeSpanIsLiteral renders each hostile value through code() with a
// GFM renderer: exactly one code span whose text is the sanitized value,
// and nothing else (no link, image, HTML or emphasis).
func TestCodeSpanIsLiteral(t *testing.T) {
	for _, v := range hostileMarkdown {
		checkCodeSpan(t, v)
	}
}

func checkCodeSpan(t testing.TB, v string) {
	t.Helper()
	want := sanitize.Text(v)
	if want == "" {
		want = "—"
	}
	wantHTML := "<p><code>" + htmlText(want) + "</code></p>\n"
	if want == "—" {
		wantHTML = "<p>—</p>\n"
	}
	if got := gfm(t, code(v)); got != wantHTML {
		t.Errorf("code(%q) = %q renders as %q, want %q", v, code(v), got, wantHTML)
	}
}

// TestTableCellIsLiteral: in a GFM table, each hostile value stays in its
// cell (the row keeps its two cells) as one code span.
func TestTableCellIsLiteral(t *testing.T) {
	for _, v := range hostileMarkdown {
		checkCell(t, v)
	}
}

func checkCell(t testing.TB, v string) {
	t.Helper()
	md := "| a | b |\n|---|---|\n| " + cell(v) + " | end |\n"
	out := gfm(t, md)
	want := sanitize.Text(v)
	want = strings.ReplaceAll(want, `\|`, `\x5c|`)
	wantCell := "<td><code>" + htmlText(want) + "</code></td>"
	if want == "" {
		wantCell = "<td>—</td>"
	}
	if !strings.Contains(out, wantCell) || !strings.Contains(out, "<td>end</td>") || strings.Count(out, "<td>") != 2 {
		t.Errorf("cell(%q) = %q renders as %q, want the cell %q", v, cell(v), out, wantCell)
	}
}

// FuzzCodeSpan: whatever the value, code() renders as one literal code
// span and cell() as one literal table cell.
func FuzzCodeSpan(f *testing.F) {
	for _, v := range hostileMarkdown {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		checkCodeSpan(t, v)
		checkCell(t, v)
	})
}
