package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/verdict"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/report"
)

// Hostile strings a server can put in its certificate: an SGR colour
// change, an OSC 52 clipboard write and a right-to-left override.
const (
	hostileCN  = "zoom.test\x1b]52;c;cm0gLXJmIH4=\x07\u202eexe.txt"
	hostileOrg = "Evil\x1b[31m Corp\u202e"
	hostileSAN = "x\x1b[31m.zoom.test"
)

// hostileChain is a leaf for zoom.test whose names carry the hostile
// strings, under an issuer whose organisation does too (not trusted, so
// every report prints the chain).
func hostileChain(t *testing.T) *pki.Cert {
	t.Helper()
	root, err := pki.NewRoot("Hostile Root\u202e", pki.Org(hostileOrg))
	if err != nil {
		t.Fatal(err)
	}
	ca, err := root.Intermediate("Hostile CA\x1b[2J", pki.Org(hostileOrg))
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := ca.Leaf([]string{tlslab.DefaultHost, hostileSAN}, pki.CommonName(hostileCN), pki.Org(hostileOrg))
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

// inert fails t when s holds a byte a terminal would act on.
func inert(t *testing.T, what, s string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s contains %q:\n%s", what, bad, s)
		}
	}
}

// TestHostileNamesAreInert: text and Markdown carry no control or bidi
// characters; the JSON is valid and keeps the raw values, escaped.
func TestHostileNamesAreInert(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.SkipClock = true
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(hostileChain(t))))
	rep := loopback.Run(t, cfg, nil)
	if rep.Targets[0].TLS == nil || len(rep.Targets[0].TLS.Chain) != 2 {
		t.Fatalf("no chain captured: %v", ids(rep.Targets[0].Findings))
	}

	for _, lang := range []content.Lang{content.EN, content.JA} {
		out := text(t, rep, lang)
		inert(t, "text "+string(lang), out)
		if !strings.Contains(out, `\x1b`) || !strings.Contains(out, `\u202e`) {
			t.Errorf("text %s does not show the escapes visibly:\n%s", lang, out)
		}
		md := report.Markdown(rep, diagnosis.Decide(rep, verdict.Answers{}), lang, "test")
		inert(t, "Markdown "+string(lang), md)
		if !strings.Contains(md, `\x1b`) {
			t.Errorf("Markdown %s does not show the escapes visibly:\n%s", lang, md)
		}
	}

	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep, diagnosis.Decide(rep, verdict.Answers{}), "test"); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b.Bytes()) {
		t.Fatalf("invalid JSON:\n%s", b.Bytes())
	}
	if bytes.Contains(b.Bytes(), []byte{0x1b}) || bytes.Contains(b.Bytes(), []byte{0x07}) {
		t.Error("the JSON carries raw control bytes")
	}
	var doc report.Document
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	leaf := doc.Targets[0].Chain[0]
	// The subject is an RFC 4514 string (";" is escaped there), so look
	// for the parts around the OSC 52 separators.
	if !strings.Contains(leaf.Subject, "zoom.test\x1b]52") || !strings.Contains(leaf.Subject, "\x07\u202eexe.txt") ||
		!strings.Contains(leaf.Issuer, hostileOrg) {
		t.Errorf("JSON lost the raw values: subject %q issuer %q", leaf.Subject, leaf.Issuer)
	}
	if len(leaf.DNSNames) != 2 || leaf.DNSNames[1] != hostileSAN {
		t.Errorf("JSON dns_names %q", leaf.DNSNames)
	}
}
