package wizard

import (
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// press builds the key message for "enter", "esc", "ctrl+c" or one
// printable character.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// query asks the running program a question about its model. The filter
// below answers it inside the event loop, where reading the model is
// safe, and drops it; every message sent before it has been handled.
type query struct {
	ask   func(*Model) bool
	reply chan bool
}

func answerQueries(m tea.Model, msg tea.Msg) tea.Msg {
	if q, ok := msg.(query); ok {
		q.reply <- q.ask(m.(*Model))
		return nil
	}
	return msg
}

// newTestModel starts m under teatest at 80x24 with the colour profile
// and environment pinned, so output does not depend on the machine.
func newTestModel(t *testing.T, m *Model) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.Ascii),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
			tea.WithFilter(answerQueries),
		))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

// settle waits until the program's model is idle (no probe running) and
// satisfies ok. It polls the event loop; the limit only stops a broken
// test from hanging.
func settle(t *testing.T, tm *teatest.TestModel, ok func(*Model) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		reply := make(chan bool, 1)
		tm.Send(query{ask: func(m *Model) bool { return !m.s.Running() && ok(m) }, reply: reply})
		select {
		case r := <-reply:
			if r {
				return
			}
		case <-time.After(time.Second):
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("the wizard did not reach the expected state")
}

// drive runs msg through m synchronously, executing every command and
// feeding its messages back, as the program loop would (spinner ticks
// excepted). For benchmarks and unit tests of Update.
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
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case nil, spinner.TickMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

func teatestFinal() teatest.FinalOpt { return teatest.WithFinalTimeout(10 * time.Second) }
