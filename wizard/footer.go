package wizard

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// footerView lays the key help out in as many lines as width needs:
// entries are never cut, a line breaks between entries.
func (m *Model) footerView(bindings []key.Binding, width int) string {
	sep := m.st.footerSep.Render(" • ")
	sepW := ansi.StringWidth(" • ")
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, b := range bindings {
		h := b.Help()
		entry := m.st.footerKey.Render(h.Key) + " " + m.st.footerDesc.Render(h.Desc)
		w := ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc)
		if curW > 0 && curW+sepW+w > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteString(sep)
			curW += sepW
		}
		cur.WriteString(entry)
		curW += w
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return strings.Join(lines, "\n")
}
