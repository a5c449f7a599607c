package wizard

import (
	"charm.land/bubbles/v2/key"

	"github.com/certwiz/certwiz/content"
)

// keyMap is every key binding of the TUI in one place; help labels come
// from content so they follow the language.
type keyMap struct {
	Up, Down, Select, Number key.Binding
	Back, Quit, Help, Lang   key.Binding
	ScrollUp, ScrollDown     key.Binding
	Save, Copy, Rerun        key.Binding
	// Move is the footer's one entry for Up and Down; Scroll for
	// ScrollUp and ScrollDown.
	Move, Scroll key.Binding
	// closeLabel is Esc's label while the help is shown.
	closeLabel string
}

func newKeyMap(lang content.Lang) keyMap {
	m := func(k string) string { return content.Msg(lang, k, nil) }
	return keyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", m("ui.key.up"))),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", m("ui.key.down"))),
		Move:       key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", m("ui.key.move"))),
		Select:     key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", m("ui.key.choose"))),
		Number:     key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", m("ui.key.number"))),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", m("ui.key.back"))),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", m("ui.key.quit"))),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", m("ui.key.help"))),
		Lang:       key.NewBinding(key.WithKeys("L", "l"), key.WithHelp("L", m("ui.key.lang"))),
		ScrollUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", m("ui.key.scroll"))),
		ScrollDown: key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn", m("ui.key.scroll"))),
		Scroll:     key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", m("ui.key.scroll"))),
		Save:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", m("ui.key.save"))),
		Copy:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", m("ui.key.copy"))),
		Rerun:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", m("ui.key.rerun"))),
		closeLabel: m("ui.key.close"),
	}
}

// footerKeys are the keys the footer names on the current screen, most
// useful first: help mode names only what works there (scroll, close,
// quit); a page that scrolls adds pgup/pgdn.
func (k keyMap) footerKeys(help, scrolls bool) []key.Binding {
	if help {
		back := k.Back
		back.SetHelp("esc", k.closeLabel)
		return []key.Binding{k.Scroll, back, k.Quit}
	}
	out := []key.Binding{k.Move, k.Select, k.Back}
	if scrolls {
		out = append(out, k.Scroll)
	}
	out = append(out, k.Save, k.Copy, k.Rerun, k.Help, k.Lang, k.Quit)
	var enabled []key.Binding
	for _, b := range out {
		if b.Enabled() {
			enabled = append(enabled, b)
		}
	}
	return enabled
}

// forScreen enables the bindings that apply: save/copy/rerun only on the
// summary; while typing a domain, only esc, enter and ctrl+c are keys.
func (k *keyMap) forScreen(summary, typing bool) {
	for _, b := range []*key.Binding{&k.Save, &k.Copy, &k.Rerun} {
		b.SetEnabled(summary)
	}
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Move, &k.Number, &k.Help, &k.Lang, &k.ScrollUp, &k.ScrollDown, &k.Scroll} {
		b.SetEnabled(!typing)
	}
	if typing {
		k.Quit.SetKeys("ctrl+c")
		k.Quit.SetHelp("ctrl+c", k.Quit.Help().Desc)
	} else {
		k.Quit.SetKeys("q", "ctrl+c")
		k.Quit.SetHelp("q", k.Quit.Help().Desc)
	}
}
