package wizard

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/charmbracelet/x/ansi"
)

// The remedy screen says what follows from the measurement (here: the
// revocation server could not be reached, the time was verified right)
// and the "Trust Anyway" rule for the case, in both languages.
func TestRemedyShowsWhatWasMeasured(t *testing.T) {
	t.Parallel()
	for _, lang := range []content.Lang{content.EN, content.JA} {
		e := code6Engine()
		for h, tf := range e.targets {
			tf.Code, tf.Codes = findings.CodeOCSPError, []findings.Code{findings.CodeOCSPError}
			tf.Findings = []findings.Finding{findings.Finding{ID: "ocsp.unreachable", Code: 3, Severity: findings.Critical,
				Summary: "OCSP responder unreachable"}.With("host", "ocsp.ca.example").With("url", "http://ocsp.ca.example/")}
			e.targets[h] = tf
		}
		m := New(Options{Lang: lang, Engine: e, Hosts: testHosts, ReportDir: t.TempDir()})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 60})
		keys(m, "4", "1") // quick check, then "show what to do"
		body := ansi.Strip(m.vp.GetContent() + m.View().Content)
		squash := strings.NewReplacer("\n", "", " ", "", "│", "")
		for _, want := range []string{
			content.Msg(lang, "note.revocation-unreachable", map[string]string{"server": "ocsp.ca.example"}),
			content.Msg(lang, "note.clock-verified", nil),
			content.Msg(lang, "trust.ask-first", nil),
		} {
			if !strings.Contains(squash.Replace(body), squash.Replace(want)) {
				t.Errorf("%s: the remedy lacks %q:\n%s", lang, want, body)
			}
		}
	}
}
