package wizard

import (
	"fmt"
	"os"
	"testing"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestSmokePrint(t *testing.T) {
	if os.Getenv("SMOKE") == "" {
		t.Skip()
	}
	m := New(Options{Lang: "en", Engine: code6Engine(), Hosts: testHosts})
	drive(m, tea.KeyPressMsg{Code: '1', Text: "1"})
	fmt.Println(ansi.Strip(m.View().Content))
	drive(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	fmt.Println(ansi.Strip(m.View().Content))
}

// drive sends msg and runs every resulting command to completion, feeding
// their messages back, like the program loop but synchronously.
func drive(m *Model, msg tea.Msg) {
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		_, cmd := m.Update(msg)
		queue = append(queue, runCmd(cmd)...)
	}
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case nil:
		return nil
	}
	if _, ok := msg.(spinner.TickMsg); ok {
		return nil
	}
	return []tea.Msg{msg}
}
