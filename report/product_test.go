package report_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"
)

// TestProductNamedFromTheIssuerWhenOnlyTheLeafIsSent: real TLS servers on
// loopback send only a leaf; the root that issued it is never on the
// wire. The product is still named from the leaf's issuer, the
// known-compromised roots get the stronger warning and the home remedy,
// and the Japanese text carries no English but the vendor's own name.
func TestProductNamedFromTheIssuerWhenOnlyTheLeafIsSent(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	tests := []struct {
		name     string
		cn       string
		org      []string
		product  string
		knownBad bool
		cause    verdict.Cause
	}{
		{"FortiGate", "FortiGate CA", []string{"Fortinet"}, "FortiGate", false, verdict.CauseInterceptionOffice},
		{"Netskope tenant CA", "ca.example-corp.goskope.com", []string{"Example Corp"}, "Netskope", false, verdict.CauseInterceptionOffice},
		{"AVG", "AVG Web/Mail Shield Root", []string{"AVG Web/Mail Shield"}, "AVG", false, verdict.CauseInterceptionHome},
		{"Cloudflare Gateway", "Gateway CA - Cloudflare Managed G1 d4cab1c0e006138441e1f1b57bfde614", nil, "Cloudflare Gateway", false, verdict.CauseInterceptionOffice},
		{"Norton", "Norton Web/Mail Shield Root", []string{"Norton Web/Mail Shield"}, "Norton", false, verdict.CauseInterceptionHome},
		{"AdGuard", "AdGuard Personal CA", []string{"AdGuard"}, "AdGuard", false, verdict.CauseInterceptionHome},
		{"Superfish", "Superfish, Inc.", []string{"Superfish, Inc."}, "Superfish", true, verdict.CauseInterceptionHome},
		{"eDellRoot", "eDellRoot", nil, "eDellRoot", true, verdict.CauseInterceptionHome},
		{"DSDTestProvider", "DSDTestProvider", []string{"DSDTestProvider"}, "DSDTestProvider", true, verdict.CauseInterceptionHome},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root, err := pki.NewRoot(tt.cn, pki.Org(tt.org...))
			if err != nil {
				t.Fatal(err)
			}
			leaf, err := root.Leaf([]string{tlslab.DefaultHost})
			if err != nil {
				t.Fatal(err)
			}
			cfg := loopback.Config(t, lab)
			cfg.SkipClock, cfg.SkipCaptive = true, true
			srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(leaf))
			loopback.AddTarget(&cfg, srv)
			rep := loopback.Run(t, cfg, nil)
			tr := rep.Targets[0]
			if tr.TLS == nil || len(tr.TLS.Chain) != 1 {
				t.Fatalf("the server must send only its leaf; TLS = %+v", tr.TLS)
			}
			if tr.Interceptor == nil || tr.Interceptor.Product != tt.product || tr.Interceptor.KnownBad != tt.knownBad {
				t.Fatalf("interceptor %+v; findings %v", tr.Interceptor, ids(tr.Findings))
			}
			if tr.Code() != findings.CodeUntrustedIssuer {
				t.Errorf("code %d, want 6; findings %v", tr.Code(), ids(tr.Findings))
			}
			wantID := interception.IDProduct
			if tt.knownBad {
				wantID = interception.IDKnownBadRoot
			}
			var got findings.Finding
			for _, f := range tr.Findings {
				if f.ID == wantID {
					got = f
				}
			}
			if got.ID == "" {
				t.Fatalf("no %s finding in %v", wantID, ids(tr.Findings))
			}
			if d := diagnosis.Decide(rep, verdict.Answers{}); d.Cause != tt.cause {
				t.Errorf("cause %q, want %q", d.Cause, tt.cause)
			}
			doc, _ := jsonDoc(t, rep)
			if tg := doc["targets"].([]any)[0].(map[string]any); tg["interceptor"] != tt.product {
				t.Errorf("JSON interceptor = %v", tg["interceptor"])
			}

			ja := text(t, rep, content.JA)
			line := content.Msg(content.JA, "check.interceptor", map[string]string{"product": report.ProductLabel(content.JA, tr.Interceptor)})
			if tt.knownBad {
				line = report.FindingText(content.JA, got) // the stronger warning is listed
			}
			if !strings.Contains(ja, line) {
				t.Errorf("Japanese text lacks %q:\n%s", line, ja)
			}
			if w := englishWords(report.FindingText(content.JA, got), tt.product); len(w) > 0 {
				t.Errorf("English words %q inside the Japanese finding %q", w, report.FindingText(content.JA, got))
			}
			en := text(t, rep, content.EN)
			fix := "check.fix.interception-office"
			if tt.cause == verdict.CauseInterceptionHome {
				fix = "check.fix.interception-home"
			}
			if tt.knownBad {
				fix = "check.fix.known-bad-root"
			}
			label := tr.Interceptor.Product
			if want := content.Msg(content.EN, fix, map[string]string{"product": label}); !strings.Contains(en, want) {
				t.Errorf("English text lacks the fix %q:\n%s", want, en)
			}
		})
	}
}

// englishWords returns the Latin-letter words of s that are not part of
// the allowed proper noun or a code-like token (TLS, CA, Web, OCSP...).
func englishWords(s, allowed string) []string {
	ok := map[string]bool{"Web": true, "CA": true, "TLS": true}
	for _, w := range strings.FieldsFunc(allowed, func(r rune) bool { return !unicode.IsLetter(r) }) {
		ok[w] = true
	}
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) }) {
		if !ok[w] {
			out = append(out, w)
		}
	}
	return out
}

// TestProductLabelsAreLocalized: every product has a label in every
// language, and a guess says so in the reader's language.
func TestProductLabelsAreLocalized(t *testing.T) {
	t.Parallel()
	for _, p := range interception.Products() {
		for _, lang := range []content.Lang{content.EN, content.JA} {
			if !content.HasMsg(lang, "product."+p.Key) {
				t.Errorf("product.%s missing in %s", p.Key, lang)
			}
		}
	}
	m := &interception.Match{Product: "Squid", Kind: interception.KindEnterpriseProxy, Heuristic: true}
	ja := report.ProductLabel(content.JA, m)
	if ja != "Squid（CA の名前からの推測）" || len(englishWords(ja, "Squid")) != 0 {
		t.Errorf("ja guessed label = %q", ja)
	}
	if en := report.ProductLabel(content.EN, m); en != "Squid (guessed from the CA name)" {
		t.Errorf("en guessed label = %q", en)
	}
	f := (&interception.Match{Product: "Blue Coat (Symantec)", Kind: interception.KindEnterpriseProxy,
		Evidence: []findings.Evidence{{Label: "product", Value: "Blue Coat (Symantec)"}, {Label: "product_key", Value: "blue-coat-symantec"}}}).Finding()
	if got := report.FindingText(content.JA, f); !strings.Contains(got, "Blue Coat（Symantec）") {
		t.Errorf("ja finding = %q", got)
	}
	if report.ProductLabel(content.EN, nil) != "" {
		t.Error("nil match has a label")
	}
}
