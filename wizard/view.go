package wizard

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// maxTextWidth keeps prose readable on very wide terminals.
const maxTextWidth = 110

// refresh rebuilds the cached parts of the frame after a change of state,
// language, size or style. View only joins them, so drawing stays cheap.
func (m *Model) refresh() {
	w := max(20, m.width)
	tw := min(w-2, maxTextWidth)
	m.keys.forScreen(m.s.Screen == steps.ScreenSummary, m.s.Screen == steps.ScreenRoomDomain)

	m.header = m.st.title.Render(wrapText(content.Msg(m.lang, "ui.title", nil), w))
	m.optionsView = m.renderOptions(tw)
	if m.showHelp {
		m.optionsView = ""
	}

	var body []string
	if m.shownReport != nil {
		body = m.shownReport
	} else if m.showHelp {
		body = styledMarkdown(content.Page(m.lang, "help", nil), tw, m.st)
	} else {
		body = append(body, m.renderLines(headLines(m.lang, m.s), tw)...)
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, styledMarkdown(pageBody(m.lang, m.s), tw, m.st)...)
		if d := m.renderLines(detailLines(m.lang, m.s), tw); len(d) > 0 {
			body = append(append(body, ""), d...)
		}
	}
	m.notice = ""
	if m.status != "" {
		// A notice (a saved report's path) may take up to three lines.
		ls := strings.Split(wrapText(m.status, w), "\n")
		m.notice = m.st.status.Render(strings.Join(ls[:min(3, len(ls))], "\n"))
	}
	// The footer names pgup/pgdn only when the page scrolls, which
	// depends on the room the footer leaves: try without, then with.
	m.footer = m.footerView(m.keys.footerKeys(m.showHelp, false), w)
	m.layout(body, w)
	if m.vp.TotalLineCount() > m.vp.VisibleLineCount() && !m.showHelp {
		m.footer = m.footerView(m.keys.footerKeys(false, true), w)
		m.layout(body, w)
	}
}

// layout sizes the scrolling body to the room the other parts leave.
func (m *Model) layout(body []string, w int) {
	used := lipgloss.Height(m.header) + 1 + 1 + lipgloss.Height(m.optionsView) + max(1, lipgloss.Height(m.notice)) + lipgloss.Height(m.footer)
	if m.showHelp {
		used -= 1 + lipgloss.Height(m.optionsView) // no choices under the help
	}
	m.vp.SetWidth(w)
	m.vp.SetHeight(max(3, m.height-used))
	m.vp.SetContentLines(body)
}

// renderLines styles detail lines: a mark and its word, then the text,
// wrapped with a hanging indent.
func (m *Model) renderLines(ls []line, width int) []string {
	var out []string
	for _, l := range ls {
		prefix, text := "", l.text
		switch {
		case l.heading:
			out = append(out, "", m.st.heading.Render(text))
			continue
		case l.mark == markRunning:
			prefix = m.st.running.Render(l.mark.symbol()) + " "
		case l.mark != markNone:
			prefix = m.st.forMark(l.mark).Render(l.mark.symbol()+" "+l.mark.word(m.lang)) + "  "
		case l.indent:
			prefix = "    "
		}
		pw := ansi.StringWidth(prefix)
		wrapped := strings.Split(wrapText(text, max(10, width-pw)), "\n")
		for i, wl := range wrapped {
			if i == 0 {
				out = append(out, prefix+wl)
			} else {
				out = append(out, strings.Repeat(" ", pw)+wl)
			}
		}
	}
	return out
}

func (m *Model) renderOptions(width int) string {
	if m.s.Screen == steps.ScreenRoomDomain {
		return "> " + m.input.View(max(10, width-4), m.st.cursor)
	}
	opts := m.options()
	kw := 1
	for _, o := range opts {
		kw = max(kw, len(o.key))
	}
	lines := make([]string, len(opts))
	for i, o := range opts {
		label := ansi.Truncate(strings.Repeat(" ", kw-len(o.key))+o.key+". "+o.label, width-2, "…")
		if i == m.cursor {
			lines[i] = m.st.cursor.Render("> ") + m.st.selected.Render(label)
		} else {
			lines[i] = "  " + m.st.option.Render(label)
		}
	}
	return strings.Join(lines, "\n")
}

// statusLine is the spinner while probes run, else the last notice, with
// the scroll position when the body does not fit.
func (m *Model) statusLine() string {
	var left string
	switch {
	case m.typed != "":
		left = m.st.status.Render(content.Msg(m.lang, "ui.typing", map[string]string{"digits": m.typed}))
	case m.s.Running():
		left = m.st.running.Render(m.spin.View() + " " + content.Msg(m.lang, "status.running", nil) + "…")
	case m.notice != "":
		if strings.Contains(m.notice, "\n") {
			return m.notice
		}
		left = m.notice
	}
	if total, visible := m.vp.TotalLineCount(), m.vp.VisibleLineCount(); total > visible {
		first := m.vp.YOffset() + 1
		pos := content.Msg(m.lang, "ui.scroll.pos", map[string]string{
			"first": strconv.Itoa(first), "last": strconv.Itoa(min(total, first+visible-1)), "total": strconv.Itoa(total),
		})
		pw := ansi.StringWidth(pos)
		gap := m.width - ansi.StringWidth(left) - pw
		if gap < 1 {
			left = ansi.Truncate(left, max(0, m.width-pw-1), "…")
			gap = 1
		}
		return left + strings.Repeat(" ", gap) + m.st.subtle.Render(pos)
	}
	return ansi.Truncate(left, m.width, "…")
}

// View joins the cached parts: title, scrolling body, choices, status
// and key help.
func (m *Model) View() tea.View {
	if m.quitting {
		return tea.NewView(m.farewell())
	}
	var b strings.Builder
	b.Grow(4096)
	b.WriteString(m.header)
	b.WriteString("\n\n")
	b.WriteString(m.vp.View())
	b.WriteString("\n")
	if !m.showHelp {
		b.WriteString("\n")
		b.WriteString(m.optionsView)
		b.WriteString("\n")
	}
	b.WriteString(m.statusLine())
	b.WriteString("\n")
	b.WriteString(m.footer)
	v := tea.NewView(b.String())
	v.AltScreen = true
	v.WindowTitle = "certwiz"
	return v
}

// farewell is the last frame, drawn on the main screen: the verdict when
// there is one, and where the report went.
func (m *Model) farewell() string {
	var ls []line
	if m.s.Run(steps.ProbeTargets).Status == steps.Done || m.s.Run(steps.ProbeClock).Status == steps.Done {
		ls = verdictLines(m.lang, m.s)
	}
	w := min(m.width, maxTextWidth)
	out := m.renderLines(ls, w)
	if m.status != "" {
		// A saved report's paths are long: wrap them, never cut them.
		out = append(out, strings.Split(wrapText(m.status, w), "\n")...)
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n") + "\n"
}
