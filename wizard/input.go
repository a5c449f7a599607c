package wizard

import (
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// lineInput is the one-line field for the room's domain: type, paste,
// backspace, ctrl+u to clear. (bubbles' textinput would pull in a
// clipboard module the project does not carry; a domain needs no more.)
type lineInput struct {
	value []rune
	limit int
}

func (in *lineInput) SetValue(s string) { in.value = []rune(s) }

func (in *lineInput) Value() string { return string(in.value) }

// Update edits the field; it reports whether msg was an edit.
func (in *lineInput) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(msg.Content)
		return true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "backspace", "ctrl+h":
			if n := len(in.value); n > 0 {
				in.value = in.value[:n-1]
			}
			return true
		case "ctrl+u":
			in.value = nil
			return true
		}
		if msg.Text != "" {
			in.insert(msg.Text)
			return true
		}
	}
	return false
}

// insert appends printable runes only, up to the limit.
func (in *lineInput) insert(s string) {
	for _, r := range s {
		if !unicode.IsPrint(r) || (in.limit > 0 && len(in.value) >= in.limit) {
			continue
		}
		in.value = append(in.value, r)
	}
}

// View shows the end of the value that fits width, then a cursor block.
func (in *lineInput) View(width int, cursor lipgloss.Style) string {
	v := ansi.TruncateLeft(string(in.value), max(0, ansi.StringWidth(string(in.value))-(width-1)), "…")
	return v + cursor.Reverse(true).Render(" ")
}
