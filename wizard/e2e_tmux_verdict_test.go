package wizard

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
)

// startTmuxWizard runs the built certwiz full-screen in tmux at 80x24 with
// the lab's fault server as its only target and ntp as the time server.
func startTmuxWizard(t *testing.T, l e2eLab, ntp, name string) *tmuxSession {
	t.Helper()
	tmux := faultlab.Tool(t, "tmux", "tmux")
	argv := []string{l.certwiz, "--lang", "en", "--roots", l.roots, "--report-dir", l.reports, "--timeout", "8s",
		"--resolve", l.hostPort + ":127.0.0.1", "--ntp", ntp, "--captive-url", "http://127.0.0.1:1/", l.hostPort}
	script := fmt.Sprintf("env -i PATH=/usr/bin:/bin HOME=%s TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 %s; echo CERTWIZ-EXIT=$?; sleep 600",
		shellQuote(l.dir), strings.Join(quoteAll(argv), " "))
	s := &tmuxSession{t: t, tmux: tmux, socket: fmt.Sprintf("certwiz-e2e-%s-%d", name, os.Getpid())}
	s.run("new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", script)
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", s.socket, "kill-server").Run() })
	return s
}

// flat joins a screen's words, so sentences wrapped across lines match.
func flat(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "│", " ")), " ")
}

// TestE2ETmuxPublicWiFiUnknownInterceptor walks a personal device on
// public Wi-Fi to the remedy while an unknown issuer re-signs the
// connection: the remedy is the public-Wi-Fi caution and says not to
// choose "Trust Anyway".
func TestE2ETmuxPublicWiFiUnknownInterceptor(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	l := newE2ELab(t, "unknown-ca")
	s := startTmuxWizard(t, l, ntplab.Start(t, 0).Addr, "wifi")
	s.waitFor("Zoom Rooms")
	s.keys("1")
	s.waitFor("2. Check again") // the clock has answered
	s.keys("1")
	s.waitFor("Public Wi-Fi")
	s.keys("4")
	s.waitFor("1. Continue")
	s.keys("1")
	s.waitFor("2. Check again") // the certificates were checked
	s.keys("1")
	screen := flat(s.waitFor("1. Show the summary"))
	for _, want := range []string{"Something on this public network re-signs the connection", `Do not choose "Trust Anyway"`} {
		if !strings.Contains(screen, want) {
			t.Errorf("the remedy lacks %q:\n%s", want, screen)
		}
	}
	s.keys("q")
	s.waitFor("CERTWIZ-EXIT=")
}

// TestE2ETmuxClockWrongPlusIssuer: this clock is two hours behind a real
// time server and an untrusted issuer signs the chain (home network). The
// remedy names both, the time first.
func TestE2ETmuxClockWrongPlusIssuer(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	l := newE2ELab(t, "unknown-ca")
	s := startTmuxWizard(t, l, ntplab.Start(t, 2*time.Hour).Addr, "clock")
	s.waitFor("Zoom Rooms")
	s.keys("1")
	s.waitFor("2. Check again")
	s.keys("1")
	s.waitFor("Public Wi-Fi")
	s.keys("1") // home
	s.waitFor("2. Check again")
	s.keys("1")
	screen := flat(s.waitFor("1. Show the summary"))
	clockAt := strings.Index(screen, "1. The device's time is wrong")
	issuerAt := strings.Index(screen, "2. Security software or a filter box at home")
	if clockAt < 0 || issuerAt < clockAt {
		t.Errorf("the remedy does not list the time first, then the issuer:\n%s", screen)
	}
	s.keys("q")
	s.waitFor("CERTWIZ-EXIT=")
}
