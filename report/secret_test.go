package report_test

import (
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/proxylab"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes/netdial"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"
)

// TestMalformedProxyPasswordNeverShown runs a real check through a
// credential-bearing proxy setting that cannot be parsed, in several
// shapes, and renders text (en, ja), JSON and Markdown: the JSON names the
// setting without credentials so IT sees what is wrong; nothing shows
// the password.
func TestMalformedProxyPasswordNeverShown(t *testing.T) {
	t.Parallel()
	const secret = "S3cr3t"
	lab := tlslab.New(t)
	srv := lab.Serve(t, tlslab.Valid)
	for _, raw := range proxylab.MalformedCredentialURLs(secret) {
		t.Run(raw, func(t *testing.T) {
			t.Parallel()
			cfg := loopback.Config(t, lab)
			cfg.SkipClock = true
			cfg.Proxy = netdial.FromValues(raw, raw, "")
			loopback.AddTarget(&cfg, srv)
			rep := loopback.Run(t, cfg, nil)
			outputs := map[string]string{}
			for _, lang := range []content.Lang{content.EN, content.JA} {
				outputs["text "+string(lang)] = text(t, rep, lang)
				outputs["Markdown "+string(lang)] = report.Markdown(rep, diagnosis.Decide(rep, verdict.Answers{}), lang, "test")
			}
			_, raw := jsonDoc(t, rep)
			outputs["JSON"] = string(raw)
			for what, out := range outputs {
				if strings.Contains(out, secret) || strings.Contains(out, "agent") {
					t.Errorf("%s shows the proxy credentials:\n%s", what, out)
				}
			}
			if !strings.Contains(outputs["JSON"], "HTTPS_PROXY (http://") || !strings.Contains(outputs["JSON"], "proxy.corp.example") {
				t.Errorf("the JSON does not name the broken proxy setting:\n%s", outputs["JSON"])
			}
		})
	}
}
