package wizard

import (
	"image/color"

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
	footerKey, footerDesc, footerSep   lipgloss.Style
}

// footerPalette holds the key help's colours for one background. Each
// meets WCAG's 4.5:1 contrast on that background (see styles_test.go).
type footerPalette struct{ key, desc, sep color.Color }

var (
	footerOnDark  = footerPalette{key: lipgloss.Color("#D0D0D0"), desc: lipgloss.Color("#ABABAB"), sep: lipgloss.Color("#9E9E9E")}
	footerOnLight = footerPalette{key: lipgloss.Color("#303030"), desc: lipgloss.Color("#595959"), sep: lipgloss.Color("#666666")}
	// subtleOnDark and subtleOnLight are the scroll position's colours.
	subtleOnDark  = lipgloss.Color("#A8A8A8")
	subtleOnLight = lipgloss.Color("#595959")
)

func footerFor(isDark bool) footerPalette {
	if isDark {
		return footerOnDark
	}
	return footerOnLight
}

func newStyles(isDark bool) *styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B8A6FF"))
	fp := footerFor(isDark)
	return &styles{
		title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		heading:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		bold:       lipgloss.NewStyle().Bold(true),
		code:       lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#8A4B00"), lipgloss.Color("#F2C572"))),
		subtle:     lipgloss.NewStyle().Foreground(ld(subtleOnLight, subtleOnDark)),
		cursor:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		option:     lipgloss.NewStyle(),
		selected:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		ok:         lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#1B7F3B"), lipgloss.Color("#5FD787"))),
		warn:       lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#9A6700"), lipgloss.Color("#FFD75F"))),
		fail:       lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF6B6B"))),
		unknown:    lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#666666"), lipgloss.Color("#AAAAAA"))),
		running:    lipgloss.NewStyle().Foreground(accent),
		status:     lipgloss.NewStyle().Italic(true),
		footerKey:  lipgloss.NewStyle().Bold(true).Foreground(fp.key),
		footerDesc: lipgloss.NewStyle().Foreground(fp.desc),
		footerSep:  lipgloss.NewStyle().Foreground(fp.sep),
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
