package wizard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/proxylab"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes/netdial"
)

// A slightly malformed proxy setting that carries a password never shows
// the password: not on the wizard's screens, not in what "copy" sends to
// the clipboard (OSC 52), not in the saved Markdown or JSON.
func TestWizardNeverShowsAMalformedProxysPassword(t *testing.T) {
	t.Parallel()
	const secret = "S3cr3t"
	lab := tlslab.New(t)
	srv := lab.Serve(t, tlslab.Valid)
	for _, raw := range proxylab.MalformedCredentialURLs(secret) {
		t.Run(raw, func(t *testing.T) {
			t.Parallel()
			cfg := loopback.Config(t, lab)
			cfg.SkipNetwork = true
			cfg.Proxy = netdial.FromValues(raw, raw, "")
			loopback.AddTarget(&cfg, srv)
			eng := diagnosis.NewEngine(cfg, "test")
			for _, lang := range content.Langs() {
				m := New(Options{Lang: lang, Engine: eng, Hosts: []string{srv.HostPort()}, ReportDir: t.TempDir()})
				keys(m, "4", "pgdown", "pgdown")
				screens := text(m) + m.vp.GetContent()
				copied, ok := copyCmd(eng, lang, m.s)().(copyReadyMsg)
				if !ok {
					t.Fatal("copy did not produce the report")
				}
				_, clip := m.Update(copied)
				md, js := eng.Report(lang, m.s)
				if !strings.Contains(string(js), "proxy.corp.example") {
					t.Errorf("%s: the report does not name the broken proxy setting:\n%s", lang, js)
				}
				for what, out := range map[string]string{
					"screens": screens, "clipboard": copied.markdown + fmt.Sprint(clip()),
					"Markdown": md, "JSON": string(js),
				} {
					if strings.Contains(out, secret) {
						t.Errorf("%s: the %s show the proxy password", lang, what)
					}
				}
			}
		})
	}
}
