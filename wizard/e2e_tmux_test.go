package wizard

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

// goBuild builds a package of this module into dir.
func goBuild(t testing.TB, dir, name, pkg string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// startFaults runs the TLS fault servers on 127.0.0.1 and returns the
// host:port of scenario, and the lab's root bundle.
func startFaults(t testing.TB, bin, dir, scenario string) (hostPort, roots string) {
	t.Helper()
	roots = filepath.Join(dir, "lab-roots.pem")
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-roots", roots)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if name, hp, ok := strings.Cut(sc.Text(), " "); ok && name == scenario {
				found <- hp
			}
		}
	}()
	select {
	case hostPort = <-found:
	case <-time.After(30 * time.Second):
		t.Fatalf("tlsfaults never announced %s", scenario)
	}
	return hostPort, roots
}

// e2eLab is what an end-to-end test of the real binary needs: certwiz
// built, the TLS fault servers running with scenario announced, and an
// empty directory for saved reports.
type e2eLab struct {
	dir, certwiz, hostPort, roots, reports string
}

func newE2ELab(t testing.TB, scenario string) e2eLab {
	t.Helper()
	l := e2eLab{dir: t.TempDir()}
	l.certwiz = goBuild(t, l.dir, "certwiz", "github.com/certwiz/certwiz")
	faults := goBuild(t, l.dir, "tlsfaults", "github.com/certwiz/certwiz/internal/faultlab/cmd/tlsfaults")
	l.hostPort, l.roots = startFaults(t, faults, l.dir, scenario)
	l.reports = filepath.Join(l.dir, "reports")
	if err := os.Mkdir(l.reports, 0o755); err != nil {
		t.Fatal(err)
	}
	return l
}

// tmuxSession is one detached tmux session on a private server socket.
type tmuxSession struct {
	t      *testing.T
	tmux   string
	socket string
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	cmd := exec.Command(s.tmux, append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...)
	b, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, b)
	}
	return string(b)
}

func (s *tmuxSession) capture() string { return s.run("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the pane until it shows want; the limit only stops a
// broken run from hanging the suite.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	var screen string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if screen = s.capture(); strings.Contains(screen, want) {
			return screen
		}
	}
	s.t.Fatalf("the pane never showed %q; it shows:\n%s", want, screen)
	return ""
}

func (s *tmuxSession) keys(k ...string) { s.run(append([]string{"send-keys", "-t", "e2e"}, k...)...) }

// TestE2ETmuxRoomCode6 runs the built certwiz binary in a real terminal
// (tmux, 80x24) against the loopback TLS fault servers and walks the room
// path: "I have a code" → code 6 → the alert's domain → check → remedy →
// summary → save, asserting on what the pane shows and on the saved files.
// Every host resolves to 127.0.0.1 (--resolve); nothing else is dialled.
func TestE2ETmuxRoomCode6(t *testing.T) {
	tmux := faultlab.Tool(t, "tmux", "tmux")
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	lab := newE2ELab(t, "unknown-ca")
	dir, certwiz, hostPort, roots, reports := lab.dir, lab.certwiz, lab.hostPort, lab.roots, lab.reports

	argv := []string{certwiz, "--lang", "en", "--roots", roots, "--report-dir", reports, "--timeout", "8s",
		"--resolve", "zoom.us:443:127.0.0.1", "--resolve", "zoom.com:443:127.0.0.1",
		"--resolve", hostPort + ":127.0.0.1", "--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/"}
	// A clean environment: no proxy, a UTF-8 locale, a known terminal.
	script := fmt.Sprintf("env -i PATH=/usr/bin:/bin HOME=%s TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 %s; echo CERTWIZ-EXIT=$?; sleep 600",
		shellQuote(dir), strings.Join(quoteAll(argv), " "))
	s := &tmuxSession{t: t, tmux: tmux, socket: fmt.Sprintf("certwiz-e2e-%d", os.Getpid())}
	s.run("new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", script)
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", s.socket, "kill-server").Run() })

	s.waitFor("I have an error code from a Zoom Rooms device")
	s.keys("3")
	s.waitFor("100. Other error")
	s.keys("6")
	s.waitFor("Domain shown in the alert")
	s.keys("-l", hostPort)
	s.keys("Enter")
	screen := s.waitFor("2. Check again") // the check has finished
	if want := hostPort + " — 6: Certificate issuer not trusted"; !strings.Contains(screen, want) {
		t.Errorf("after the check the pane lacks %q:\n%s", want, screen)
	}
	s.keys("NPage") // the comparison is below the results
	s.waitFor("The room shows code 6 and certwiz found the same code (6) from this")
	s.keys("1")
	screen = s.waitFor("1. Show the summary")
	if !strings.Contains(screen, "6: Certificate issuer not trusted") {
		t.Errorf("the remedy does not name code 6:\n%s", screen)
	}
	s.keys("1")
	s.waitFor("Save the report")
	s.keys("s")
	s.waitFor("Report saved to")
	s.keys("q")
	s.waitFor("CERTWIZ-EXIT=0")

	files, _ := filepath.Glob(filepath.Join(reports, "certwiz-report-*"))
	if len(files) != 2 {
		t.Fatalf("saved reports: %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || !strings.Contains(string(b), "zoom.test") {
			t.Errorf("%s does not mention the checked host: %v", f, err)
		}
	}
}

// TestE2ETmuxRoomCode100 types 1, 0, 0 on the room-code list of the real
// binary in tmux at 80x24: code 100 is chosen (not code 1 and a domain
// "00"); then, back on the list, "1" alone is chosen after the pause.
func TestE2ETmuxRoomCode100(t *testing.T) {
	tmux := faultlab.Tool(t, "tmux", "tmux")
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	lab := newE2ELab(t, "unknown-ca")
	argv := []string{lab.certwiz, "--lang", "en", "--roots", lab.roots, "--report-dir", lab.reports, "--timeout", "8s",
		"--resolve", "zoom.us:443:127.0.0.1", "--resolve", "zoom.com:443:127.0.0.1",
		"--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/"}
	script := fmt.Sprintf("env -i PATH=/usr/bin:/bin HOME=%s TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 %s; echo CERTWIZ-EXIT=$?; sleep 600",
		shellQuote(lab.dir), strings.Join(quoteAll(argv), " "))
	s := &tmuxSession{t: t, tmux: tmux, socket: fmt.Sprintf("certwiz-e2e-100-%d", os.Getpid())}
	s.run("new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", script)
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", s.socket, "kill-server").Run() })

	s.waitFor("I have an error code from a Zoom Rooms device")
	s.keys("3")
	s.waitFor("100. Other error")
	s.keys("1", "0", "0")
	screen := s.waitFor("Domain shown in the alert")
	if strings.Contains(screen, "> 00") {
		t.Fatalf("the zeros went into the domain field:\n%s", screen)
	}
	s.keys("Escape")
	s.waitFor("100. Other error")
	s.keys("1") // code 1, or the start of 100: the pause decides
	s.waitFor("Typed: 1")
	s.waitFor("Domain shown in the alert")
	s.keys("Escape")
	s.waitFor("100. Other error")
	s.keys("1", "0", "0")
	s.waitFor("Domain shown in the alert")
	s.keys("Enter") // no domain
	s.waitFor("2. Check again")
	s.keys("1")
	s.waitFor("1. Show the summary")
	s.keys("1")
	screen = s.waitFor("Save the report")
	if !strings.Contains(screen, "✗ Problem") || strings.Index(screen, "✗ Problem") > strings.Index(screen, "Summary") {
		t.Errorf("the summary does not lead with the decision:\n%s", screen)
	}
	s.keys("NPage")
	s.waitFor("Code shown by the room: 100: Other error")
	s.keys("q")
	s.waitFor("CERTWIZ-EXIT=")
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = shellQuote(x)
	}
	return out
}

// TestE2ETmuxPlainFlag: on a real terminal the full-screen wizard is the
// default, and --plain still gives the numbered line-by-line questions.
func TestE2ETmuxPlainFlag(t *testing.T) {
	tmux := faultlab.Tool(t, "tmux", "tmux")
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	certwiz := goBuild(t, dir, "certwiz", "github.com/certwiz/certwiz")
	argv := []string{certwiz, "--plain", "--lang", "en", "--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/"}
	script := fmt.Sprintf("env -i PATH=/usr/bin:/bin HOME=%s TERM=xterm-256color LANG=C.UTF-8 %s; echo CERTWIZ-EXIT=$?; sleep 600",
		shellQuote(dir), strings.Join(quoteAll(argv), " "))
	s := &tmuxSession{t: t, tmux: tmux, socket: fmt.Sprintf("certwiz-e2e-plain-%d", os.Getpid())}
	s.run("new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", script)
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", s.socket, "kill-server").Run() })
	screen := s.waitFor("Type a number and press Enter")
	if !strings.Contains(screen, "2. A Zoom Rooms device") {
		t.Fatalf("--plain did not show numbered choices:\n%s", screen)
	}
	s.keys("q", "Enter")
	s.waitFor("CERTWIZ-EXIT=0")
}
