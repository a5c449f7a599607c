package wizard

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// styles is every style the TUI uses, built for a dark or light
// background (the tabs example's idiom). The renderer downsamples colours
// to the terminal's profile; with NO_COLOR only bold and the marks remain.
type styles struct {
	title, heading, bold, code, subtle lipgloss.Style
	cursor, option, selected           lipgloss.Style
	ok, warn, fail, unknown, running   lipgloss.Style
	status                             lipgloss.Style
	help                               help.Styles
}

func newStyles(isDark bool) *styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B8A6FF"))
	return &styles{
		title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		heading:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		bold:     lipgloss.NewStyle().Bold(true),
		code:     lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#8A4B00"), lipgloss.Color("#F2C572"))),
		subtle:   lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#666666"), lipgloss.Color("#9A9A9A"))),
		cursor:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		option:   lipgloss.NewStyle(),
		selected: lipgloss.NewStyle().Bold(true).Foreground(accent),
		ok:       lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#1B7F3B"), lipgloss.Color("#5FD787"))),
		warn:     lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#9A6700"), lipgloss.Color("#FFD75F"))),
		fail:     lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF6B6B"))),
		unknown:  lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#666666"), lipgloss.Color("#AAAAAA"))),
		running:  lipgloss.NewStyle().Foreground(accent),
		status:   lipgloss.NewStyle().Italic(true),
		help:     help.DefaultStyles(isDark),
	}
}

func (st *styles) forMark(k mark) lipgloss.Style {
	switch k {
	case markOK:
		return st.ok
	case markWarn:
		return st.warn
	case markFail:
		return st.fail
	case markUnknown:
		return st.unknown
	case markRunning:
		return st.running
	}
	return st.option
}
