package sshserve

import (
	"strings"
	"testing"
)

// The OpenSSH client with a PTY gets the wizard's first screen at its
// window size, sees resizes, and leaves with q and exit status 0.
func TestWizardOverSSH(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	pane := startTmux(t, "ssh "+shellQuote(f.sshArgs(f.key, "-t", "127.0.0.1")))
	pane.waitText("CERTWIZ TEST WIZARD")
	pane.waitText("size 80x24")
	colored := pane.capture(true)
	if !strings.Contains(colored, "\x1b[") {
		t.Errorf("without NO_COLOR the wizard should be coloured; pane:\n%q", colored)
	}
	pane.run("resize-window", "-x", "100", "-y", "30")
	pane.waitText("size 100x30")
	pane.run("send-keys", "q")
	pane.waitText("EXIT=0")
	logs := f.logs.String()
	for _, want := range []string{"auth accepted", f.key.fingerprint(t), "verdict=test-verdict", "session end"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

// A client that sets NO_COLOR to a non-boolean value still gets no colour.
func TestWizardHonoursNoColor(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	pane := startTmux(t, "ssh "+shellQuote(f.sshArgs(f.key, "-t", "-o", "SetEnv=NO_COLOR=yes", "127.0.0.1")))
	pane.waitText("CERTWIZ TEST WIZARD")
	screen := pane.capture(true)
	if strings.Contains(screen, "38;2;") || strings.Contains(screen, "\x1b[31m") || strings.Contains(screen, "38;5;") {
		t.Errorf("NO_COLOR=yes: the pane still has colour:\n%q", screen)
	}
	pane.run("send-keys", "q")
	pane.waitText("EXIT=0")
}
