package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Names that would render live in a Markdown report pasted raw: a link,
// an image, raw HTML, an autolink, a bare URL (GitHub links those), a
// table-cell separator and backtick runs that would end a code span.
const (
	mdLinkCN  = "[Click here](http://evil.test/a) ![i](http://evil.test/i.png)"
	mdHTMLOrg = "<img src=x onerror=alert(1)> <http://evil.test/auto>"
	mdRestCN  = "http://bare.evil.test/x www.evil.test a|b|c ``` x ` **bold**"
)

// TestMarkdownReportRendersNetworkTextLiterally serves a chain whose names
// carry Markdown from a real loopback TLS server, renders the report in
// both languages and converts it as GitHub does: no link, image or HTML
// appears, each chain row keeps its five cells, and the names are shown
// as literal code.
func TestMarkdownReportRendersNetworkTextLiterally(t *testing.T) {
	t.Parallel()
	root, err := pki.NewRoot(mdLinkCN, pki.Org(mdHTMLOrg))
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := root.Leaf([]string{tlslab.DefaultHost}, pki.CommonName(mdRestCN), pki.Org(mdHTMLOrg))
	if err != nil {
		t.Fatal(err)
	}
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.SkipClock = true
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(leaf)))
	rep := loopback.Run(t, cfg, nil)
	if rep.Targets[0].TLS == nil || len(rep.Targets[0].TLS.Chain) == 0 {
		t.Fatalf("no chain captured: %v", ids(rep.Targets[0].Findings))
	}
	for _, lang := range []content.Lang{content.EN, content.JA} {
		md := report.Markdown(rep, diagnosis.Decide(rep, verdict.Answers{}), lang, "test")
		var b bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, live := range []string{"<a ", "<img", "<http", "<strong>bold", "<del>"} {
			if strings.Contains(out, live) {
				t.Errorf("%s: the report renders %q live:\n%s\n---\n%s", lang, live, md, out)
			}
		}
		rows := strings.Count(out, "<tr>") - 1 // minus the header row
		if rows != len(rep.Targets[0].TLS.Chain) || strings.Count(out, "<td>") != 5*rows {
			t.Errorf("%s: the chain table has %d rows and %d cells, want %d rows of 5:\n%s", lang, rows, strings.Count(out, "<td>"), len(rep.Targets[0].TLS.Chain), out)
		}
		for _, literal := range []string{"[Click here](http://evil.test/a)", "&lt;img src=x onerror=alert(1)", "a|b|c ``` x ` **bold**"} {
			if !strings.Contains(out, literal) {
				t.Errorf("%s: the rendered report does not show %q literally:\n%s", lang, literal, out)
			}
		}
	}
}
