package sshserve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

// testPlain is a line-mode wizard: it asks one numbered question and
// echoes the answer, so the test sees that typed text and Enter arrive as
// on a local terminal.
func testPlain(_ context.Context, env []string, in io.Reader, out io.Writer) error {
	fmt.Fprintln(out, "PLAIN WIZARD")
	fmt.Fprintln(out, "1. My own computer")
	fmt.Fprint(out, "Type a number and press Enter: ")
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil {
		return fmt.Errorf("read answer: %w", err)
	}
	fmt.Fprintf(out, "you chose %s (term %s)\n", strings.TrimSpace(line), lookup(env, "TERM"))
	return nil
}

func lookup(env []string, k string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, k+"="); ok {
			return v
		}
	}
	return ""
}

// A dumb terminal, or CERTWIZ_PLAIN, gets the plain wizard over SSH; the
// others keep the full-screen one.
func TestPlainWizardOverSSH(t *testing.T) {
	f := startFixture(t, func(c *Config) { c.Plain = testPlain })
	for _, tc := range []struct{ name, cmd string }{
		{"dumb terminal", "TERM=dumb ssh " + shellQuote(f.sshArgs(f.key, "-t", "127.0.0.1"))},
		{"CERTWIZ_PLAIN", "ssh " + shellQuote(f.sshArgs(f.key, "-t", "-o", "SetEnv=CERTWIZ_PLAIN=1", "127.0.0.1"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pane := startTmux(t, tc.cmd)
			pane.waitText("Type a number and press Enter:")
			pane.run("send-keys", "2", "Enter")
			screen := pane.waitText("EXIT=0")
			if !strings.Contains(screen, "you chose 2") {
				t.Fatalf("the answer did not arrive:\n%s", screen)
			}
		})
	}
	pane := startTmux(t, "ssh "+shellQuote(f.sshArgs(f.key, "-t", "127.0.0.1")))
	pane.waitText("CERTWIZ TEST WIZARD")
	pane.run("send-keys", "q")
	pane.waitText("EXIT=0")
}

func TestWantsPlain(t *testing.T) {
	for env, want := range map[string]bool{
		"TERM=dumb":            true,
		"CERTWIZ_PLAIN=1":      true,
		"CERTWIZ_PLAIN=0":      false,
		"CERTWIZ_PLAIN=":       false,
		"TERM=xterm-256color":  false,
		"LANG=ja_JP.UTF-8":     false,
		"NO_COLOR=1,TERM=dumb": true,
	} {
		if got := wantsPlain(strings.Split(env, ",")); got != want {
			t.Errorf("wantsPlain(%q) = %v, want %v", env, got, want)
		}
	}
}
