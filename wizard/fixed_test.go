package wizard

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// After the person fixed the clock and asks to run the checks again, a
// clean result says "fixed" and what there was to fix.
func TestRecheckAfterTheFixSaysFixed(t *testing.T) {
	t.Parallel()
	for _, lang := range []content.Lang{content.EN, content.JA} {
		e := skewedEngine()
		fixedClock := fineEngine()
		m := New(Options{Lang: lang, Engine: e, Hosts: testHosts, ReportDir: t.TempDir()})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 60})
		keys(m, "4") // quick check: the clock is wrong
		if m.s.Screen != steps.ScreenSummary || strings.Contains(text(m), content.Msg(lang, "ui.fixed", map[string]string{"before": ""})[:8]) {
			t.Fatalf("%s: before the fix:\n%s", lang, text(m))
		}
		e.mu.Lock()
		e.clock, e.targets = fixedClock.clock, fixedClock.targets
		e.mu.Unlock()
		keys(m, "r") // run the checks again
		squash := strings.NewReplacer("\n", "", " ", "", "│", "")
		want := content.Msg(lang, "ui.fixed", map[string]string{"before": content.Msg(lang, "cause.clock", nil)})
		if !strings.Contains(squash.Replace(text(m)), squash.Replace(want)) {
			t.Fatalf("%s: a clean re-check does not say fixed (%q):\n%s", lang, want, text(m))
		}
	}
}
