package wizard

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/steps"
)

// toRoomCode returns a model on the room-code list.
func toRoomCode(t *testing.T) *Model {
	t.Helper()
	m := newModel(t, code6Engine())
	keys(m, "3")
	if m.s.Screen != steps.ScreenRoomCode {
		t.Fatalf("on %s", m.s.Screen)
	}
	return m
}

// send passes msg to Update without running the command it returns (the
// pause timer), and returns that command.
func send(m *Model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

func TestTypeAheadChoosesMultiDigitCodes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		input []tea.Msg
		want  findings.Code
		known bool // the "don't know" choice
	}{
		{"1 0 0 is code 100", []tea.Msg{press("1"), press("0"), press("0")}, 100, false},
		{"1 then the pause is code 1", []tea.Msg{press("1"), typedPauseMsg{seq: 1}}, 1, false},
		{"1 then Enter is code 1", []tea.Msg{press("1"), press("enter")}, 1, false},
		{"1 0 then Enter is code 100", []tea.Msg{press("1"), press("0"), press("enter")}, 100, false},
		{"6 is code 6 at once", []tea.Msg{press("6")}, 6, false},
		{"0 is don't know", []tea.Msg{press("0")}, 0, true},
		{"a stale pause is ignored", []tea.Msg{press("1"), press("0"), typedPauseMsg{seq: 1}, press("0")}, 100, false},
		{"9 is nothing, then 7", []tea.Msg{press("9"), press("7")}, 7, false},
		{"1 2 starts again at 2", []tea.Msg{press("1"), press("2")}, 2, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := toRoomCode(t)
			for _, msg := range c.input {
				send(m, msg)
			}
			if m.s.Screen != steps.ScreenRoomDomain || !m.s.CodeAsked {
				t.Fatalf("still on %s (typed %q)", m.s.Screen, m.typed)
			}
			if m.s.ShownCode != c.want {
				t.Errorf("chose code %d, want %d", m.s.ShownCode, c.want)
			}
			if m.input.Value() != "" {
				t.Errorf("digits leaked into the domain field: %q", m.input.Value())
			}
		})
	}
}

// While a longer code is still possible, nothing is chosen, the cursor
// shows the match and the status line says what was typed.
func TestTypeAheadWaitsAndShows(t *testing.T) {
	t.Parallel()
	m := toRoomCode(t)
	if cmd := send(m, press("1")); cmd == nil {
		t.Fatal("no pause timer after an ambiguous digit")
	}
	if m.s.Screen != steps.ScreenRoomCode || m.typed != "1" {
		t.Fatalf("screen %s typed %q", m.s.Screen, m.typed)
	}
	if o := m.options()[m.cursor]; o.key != "1" {
		t.Errorf("cursor on %q, want code 1", o.key)
	}
	send(m, press("0"))
	if o := m.options()[m.cursor]; o.key != "100" {
		t.Errorf("after 1 0 the cursor is on %q, want 100", o.key)
	}
	if line := m.statusLine(); !strings.Contains(line, "10") {
		t.Errorf("status line does not show the typed digits: %q", line)
	}
	send(m, press("esc")) // any other key ends the typing
	if m.typed != "" {
		t.Errorf("typing survived esc: %q", m.typed)
	}
}

// On screens with fewer than ten choices a digit chooses at once, as
// before.
func TestSingleDigitChoosesAtOnce(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	if cmd := send(m, press("2")); m.s.Screen != steps.ScreenRoomWhere || m.s.Device != steps.DeviceRoom {
		t.Fatalf("2 on the start screen: screen %s device %s (cmd %v)", m.s.Screen, m.s.Device, cmd != nil)
	}
}
