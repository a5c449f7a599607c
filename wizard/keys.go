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
}

func newKeyMap(lang content.Lang) keyMap {
	m := func(k string) string { return content.Msg(lang, k, nil) }
	return keyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", m("ui.key.up"))),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", m("ui.key.down"))),
		Select:     key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", m("ui.key.select"))),
		Number:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", m("ui.key.number"))),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", m("ui.key.back"))),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", m("ui.key.quit"))),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", m("ui.key.help"))),
		Lang:       key.NewBinding(key.WithKeys("L", "l"), key.WithHelp("L", m("ui.key.lang"))),
		ScrollUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", m("ui.key.scroll"))),
		ScrollDown: key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn", m("ui.key.scroll"))),
		Save:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", m("ui.key.save"))),
		Copy:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", m("ui.key.copy"))),
		Rerun:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", m("ui.key.rerun"))),
	}
}

// ShortHelp is the footer.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Select, k.Back, k.Quit, k.Help, k.Lang, k.Save, k.Copy}
}

// FullHelp is shown with "?".
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Select, k.Number},
		{k.ScrollUp, k.ScrollDown, k.Back},
		{k.Save, k.Copy, k.Rerun},
		{k.Help, k.Lang, k.Quit},
	}
}

// forScreen enables the bindings that apply: save/copy/rerun only on the
// summary; while typing a domain, only esc, enter and ctrl+c are keys.
func (k *keyMap) forScreen(summary, typing bool) {
	for _, b := range []*key.Binding{&k.Save, &k.Copy, &k.Rerun} {
		b.SetEnabled(summary)
	}
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Number, &k.Help, &k.Lang, &k.ScrollUp, &k.ScrollDown} {
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
