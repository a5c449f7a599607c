package cli

import (
	"bytes"
	"testing"

	"github.com/creack/pty"
)

func TestWantColorOnlyOnATerminalWithoutNoColor(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	for _, tc := range []struct {
		name string
		sio  IO
		want bool
	}{
		{"terminal", IO{Out: tty, Getenv: env(nil)}, true},
		{"NO_COLOR=yes (any value counts)", IO{Out: tty, Getenv: env(map[string]string{"NO_COLOR": "yes"})}, false},
		{"TERM=dumb", IO{Out: tty, Getenv: env(map[string]string{"TERM": "dumb"})}, false},
		{"pipe or file", IO{Out: &bytes.Buffer{}, Getenv: env(nil)}, false},
	} {
		if got := wantColor(tc.sio); got != tc.want {
			t.Errorf("%s: wantColor = %v, want %v", tc.name, got, tc.want)
		}
	}
}
