package wizard

import (
	"strings"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/steps"
	"github.com/charmbracelet/x/ansi"
)

// The quick check with the real engine against loopback servers: the
// clock probe (no time source answers), the portal probe (online) and the
// TLS probes (an inspecting CA's chain and a wrong-host chain) run, and
// the summary names what they found, in English and in Japanese.
func TestQuickCheckWithTheRealEngine(t *testing.T) {
	lab := tlslab.New(t)
	untrusted := lab.Serve(t, tlslab.UnknownCA)
	wrongHost := lab.Serve(t, tlslab.WrongHost)
	cfg := loopback.Config(t, lab)
	loopback.AddTarget(&cfg, untrusted)
	loopback.AddTarget(&cfg, wrongHost)
	for _, lang := range content.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			m := New(Options{Lang: lang, Engine: diagnosis.NewEngine(cfg, "test"),
				Hosts: []string{untrusted.HostPort(), wrongHost.HostPort()}, ReportDir: t.TempDir()})
			keys(m, "4") // quick check: everything, then the summary
			if m.s.Screen != steps.ScreenSummary || m.s.Running() {
				t.Fatalf("screen %s, running %v", m.s.Screen, m.s.Running())
			}
			if got := m.s.FoundCode(); got != 6 {
				t.Fatalf("found code %d, want 6 (the untrusted issuer outranks the name)", got)
			}
			body := m.vp.GetContent()
			for _, want := range []string{
				untrusted.HostPort() + " — " + codeTitle(lang, 6),
				wrongHost.HostPort() + " — " + codeTitle(lang, 1),
				content.Msg(lang, "finding.cert.name-mismatch", map[string]string{"host": wrongHost.Host}),
			} {
				if !strings.Contains(ansi.Strip(body), want) {
					t.Errorf("summary lacks %q:\n%s", want, ansi.Strip(body))
				}
			}
		})
	}
}
