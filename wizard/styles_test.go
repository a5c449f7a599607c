package wizard

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// luminance is WCAG 2's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastFormula(t *testing.T) {
	t.Parallel()
	if got := contrast(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF")); math.Abs(got-21) > 0.01 {
		t.Errorf("black on white = %.2f, want 21", got)
	}
	if got := contrast(lipgloss.Color("#777777"), lipgloss.Color("#FFFFFF")); got >= 4.5 {
		t.Errorf("#777 on white = %.2f, want just under 4.5", got)
	}
}

// The footer's and the scroll position's colours, as the styles use
// them, meet 4.5:1 on common dark and light terminal backgrounds.
func TestFooterContrast(t *testing.T) {
	t.Parallel()
	dark := []string{"#000000", "#1E1E1E", "#282C34", "#300A24"}
	light := []string{"#FFFFFF", "#F5F5F5", "#FDF6E3"}
	check := func(isDark bool, bgs []string) {
		st := newStyles(isDark)
		used := map[string]color.Color{
			"footer key":  st.footerKey.GetForeground(),
			"footer text": st.footerDesc.GetForeground(),
			"separator":   st.footerSep.GetForeground(),
			"scroll":      st.subtle.GetForeground(),
		}
		for name, fg := range used {
			for _, bg := range bgs {
				if r := contrast(fg, lipgloss.Color(bg)); r < 4.5 {
					t.Errorf("dark=%v: %s on %s has contrast %.2f, want >= 4.5", isDark, name, bg, r)
				}
			}
		}
	}
	check(true, dark)
	check(false, light)
}

// The footer never cuts a key's help: at every width from 30 to 120, in
// both languages and on every kind of screen, each entry appears whole
// and no line is wider than the terminal.
func TestFooterNeverTruncates(t *testing.T) {
	t.Parallel()
	for _, lang := range content.Langs() {
		for _, w := range []int{30, 40, 60, 80, 100, 120} {
			for _, ks := range [][]string{nil, {"4"}, {"?"}, {"3"}, {"3", "6"}} {
				m := New(Options{Lang: lang, Engine: code6Engine(), Hosts: testHosts, Width: w, Height: 24, ReportDir: t.TempDir()})
				keys(m, ks...)
				footer := ansi.Strip(m.footer)
				for i, l := range strings.Split(footer, "\n") {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s w=%d %v: footer line %d is %d wide: %q", lang, w, ks, i, lw, l)
					}
				}
				flat := strings.ReplaceAll(footer, "\n", " • ")
				for _, b := range m.keys.footerKeys(m.showHelp, m.vp.TotalLineCount() > m.vp.VisibleLineCount()) {
					h := b.Help()
					if b.Enabled() && !strings.Contains(flat, h.Key+" "+h.Desc) && m.s.Screen != steps.ScreenRoomDomain {
						if !strings.Contains(flat, h.Desc) {
							t.Errorf("%s w=%d %v: footer lacks %q:\n%s", lang, w, ks, h.Key+" "+h.Desc, footer)
						}
					}
				}
				if strings.Contains(footer, "…") {
					t.Errorf("%s w=%d %v: footer was cut: %q", lang, w, ks, footer)
				}
			}
		}
	}
}

// The help screen fits 80x24 with its keys named and scrolls when it
// does not; plain mode's help names plain mode's keys.
func TestHelpNamesTheRealKeys(t *testing.T) {
	t.Parallel()
	for _, lang := range content.Langs() {
		m := New(Options{Lang: lang, Engine: code6Engine(), Hosts: testHosts, ReportDir: t.TempDir()})
		keys(m, "?")
		frame := ansi.Strip(m.View().Content)
		if n := len(strings.Split(frame, "\n")); n != 24 {
			t.Errorf("%s: help frame has %d lines", lang, n)
		}
		body := ansi.Strip(m.vp.GetContent())
		for _, k := range []string{"↑", "↓", "PgUp", "PgDn", "Esc", "Enter", "100"} {
			if !strings.Contains(body, k) {
				t.Errorf("%s: TUI help does not name %q", lang, k)
			}
		}
		plain := content.Page(lang, "help-plain", nil)
		for _, k := range []string{"b", "l", "?", "q", "Enter", "100"} {
			if !strings.Contains(plain, k) {
				t.Errorf("%s: plain help does not name %q", lang, k)
			}
		}
		for _, k := range []string{"PgUp", "↑", "Esc"} {
			if strings.Contains(plain, k) {
				t.Errorf("%s: plain help names the TUI key %q", lang, k)
			}
		}
		// Short terminal: the help scrolls instead of being cut.
		m = New(Options{Lang: lang, Engine: code6Engine(), Hosts: testHosts, Width: 80, Height: 12, ReportDir: t.TempDir()})
		keys(m, "?")
		if m.vp.TotalLineCount() <= m.vp.VisibleLineCount() {
			t.Errorf("%s: help at 80x12 does not scroll", lang)
		}
		keys(m, "pgdown")
		if m.vp.YOffset() == 0 {
			t.Errorf("%s: pgdn does not scroll the help", lang)
		}
	}
}

// The farewell wraps a long saved path instead of cutting it.
func TestFarewellWrapsSavedPaths(t *testing.T) {
	t.Parallel()
	m := New(Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, Width: 40, Height: 24, ReportDir: t.TempDir()})
	long := "/home/someone/a/very/long/directory/name/certwiz-report-20261129-181400.md"
	m.status = content.Msg(content.EN, "ui.saved", map[string]string{"path": long})
	m.quitting = true
	out := m.View().Content
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("farewell line wider than 40: %q", l)
		}
	}
	if !strings.Contains(strings.ReplaceAll(out, "\n", ""), long) {
		t.Errorf("farewell lost part of the path:\n%s", out)
	}
}
