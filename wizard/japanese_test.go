package wizard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// TestJapaneseScreensHaveNoEnglish walks every screen of the golden
// cases in Japanese and checks everything the person can reach there:
// the whole scrolling body (not only the visible part), the choices, the
// status line and the key help, then the saved Markdown report. None may
// hold an English sentence or a value formatted by Go ("2h0m0s", "ntp",
// "0%", an ISO timestamp).
func TestJapaneseScreensHaveNoEnglish(t *testing.T) {
	t.Parallel()
	for _, tc := range screenCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := New(Options{Lang: content.JA, Engine: tc.engine(), Hosts: testHosts, ReportDir: t.TempDir()})
			check := func(where string) {
				t.Helper()
				var parts []string
				parts = append(parts, ansi.Strip(m.vp.GetContent()), ansi.Strip(m.optionsView), ansi.Strip(m.footer), ansi.Strip(m.statusLine()))
				for _, p := range content.JapaneseProblems(strings.Join(parts, "\n")) {
					t.Errorf("%s (%s): %s", where, m.s.Screen, p)
				}
			}
			check("start")
			for _, mv := range tc.moves {
				if mv.key == "1" && m.s.Screen == steps.ScreenRoomCode {
					send(m, press("1")) // wait for the pause without sleeping
					drive(m, typedPauseMsg{seq: m.typedSeq})
				} else {
					keys(m, mv.key)
				}
				check("after " + mv.key)
			}
			if tc.help {
				keys(m, "?")
				check("help")
			}
			if m.s.Screen == steps.ScreenSummary {
				keys(m, "s")
				files, _ := filepath.Glob(filepath.Join(m.opts.ReportDir, "*.md"))
				if len(files) != 1 {
					t.Fatalf("saved Markdown: %v", files)
				}
				md, err := os.ReadFile(files[0])
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range content.JapaneseProblems(string(md)) {
					t.Errorf("Markdown report: %s", p)
				}
			}
		})
	}
}
