package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/cli"
	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/sshserve"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// servedCertwiz runs `certwiz serve` in-process, exactly as the command
// line does, with a fresh client key authorized; it returns the address
// and the ssh arguments that log in with that key.
func servedCertwiz(t *testing.T, extra ...string) (sshArgs []string, logs *lockedBuffer) {
	t.Helper()
	faultlab.Tool(t, "ssh", "openssh-client")
	keygen := faultlab.Tool(t, "ssh-keygen", "openssh-client")
	dir := t.TempDir()
	key := filepath.Join(dir, "agent_key")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	auth := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(auth, pub, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	logs = &lockedBuffer{}
	done := make(chan int, 1)
	args := append([]string{"serve", "--listen", "127.0.0.1:0",
		"--host-key", filepath.Join(dir, "host_key"), "--authorized-keys", auth}, extra...)
	go func() {
		done <- cli.Main(ctx, args, cli.IO{In: bytes.NewReader(nil), Out: logs, Err: logs, Getenv: func(string) string { return "" }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("certwiz serve did not stop after its context ended")
		}
	})
	re := regexp.MustCompile(`listening on 127\.0\.0\.1:(\d+)`)
	var port string
	for deadline := time.Now().Add(10 * time.Second); port == ""; {
		if m := re.FindStringSubmatch(logs.String()); m != nil {
			port = m[1]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("certwiz serve did not start:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return []string{"-p", port, "-i", key, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"helpdesk@127.0.0.1"}, logs
}

// Over SSH, `check --json` runs the real check from the server's network,
// with the engine flags given to serve (here: a loopback chronyd running
// two hours ahead, a portal check and a --resolve for the lab): one JSON
// document on stdout naming that NTP server, and the check's exit status
// carried. A client cannot bring its own engine flags.
func TestServeCheckOverSSH(t *testing.T) {
	e := newEnv(t)
	e.ntp = ntplab.Start(t, 2*time.Hour).Addr
	srv := e.serve(t, tlslab.UnknownCA)
	sshArgs, _ := servedCertwiz(t, "--ntp", e.ntp, "--captive-url", e.captive, "--timeout", "5s",
		"--resolve", fmt.Sprintf("%s:%d:127.0.0.1", srv.Host, srv.Port))
	args := append(slices.Clone(sshArgs), "check", "--json", srv.HostPort())
	cmd := exec.Command("ssh", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := cmd.ProcessState.ExitCode()
	if status != cli.ExitCritical {
		t.Fatalf("ssh check exit status = %d (%v), want %d\nstderr: %s", status, err, cli.ExitCritical, stderr.String())
	}
	var doc struct {
		Schema  string `json:"schema"`
		Code    int    `json:"code"`
		Targets []struct {
			Host string `json:"host"`
			Code int    `json:"code"`
		} `json:"targets"`
		Clock struct {
			Servers []struct {
				Server string `json:"server"`
			} `json:"servers"`
		} `json:"clock"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout.String())
	}
	if doc.Schema != "certwiz.report/v1" || len(doc.Targets) != 1 || doc.Targets[0].Host != srv.Host {
		t.Fatalf("document = %+v", doc)
	}
	if len(doc.Clock.Servers) != 1 || doc.Clock.Servers[0].Server != e.ntp {
		t.Fatalf("clock.servers = %+v, want only the operator's --ntp %s\n%s", doc.Clock.Servers, e.ntp, stdout.String())
	}

	// The client's own engine flags are refused, not merged.
	for _, flag := range []string{"--ntp=127.0.0.1:1", "--roots=/etc/hostname", "--timeout=1h", "--resolve=a:1:127.0.0.1"} {
		refused := exec.Command("ssh", append(slices.Clone(sshArgs), "check", "--json", flag, srv.HostPort())...)
		out, _ := refused.CombinedOutput()
		if got := refused.ProcessState.ExitCode(); got != sshserve.ExitRefused || !strings.Contains(string(out), "not available over SSH") {
			t.Errorf("client %s: exit %d (%s), want %d", flag, got, out, sshserve.ExitRefused)
		}
	}
}

// `ssh -t` gets the real wizard's first screen; q ends the session and
// the verdict is logged.
func TestServeWizardOverSSH(t *testing.T) {
	sshArgs, logs := servedCertwiz(t, "--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/")
	pane := sshInTmux(t, "LANG=C.UTF-8", sshArgs)
	screen := pane.wait("A Zoom Rooms device")
	if !strings.Contains(screen, "Untrusted Server Certificate") {
		t.Fatalf("first screen lacks the title:\n%s", screen)
	}
	pane.keys("q")
	pane.wait("EXIT=0")
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "no decision"); {
		if time.Now().After(deadline) {
			t.Fatalf("the session's end and verdict were not logged:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A screen-reader user connects with a dumb terminal and gets the real
// plain-mode wizard: numbered choices, answered by typing a number.
func TestServePlainWizardOverSSH(t *testing.T) {
	sshArgs, _ := servedCertwiz(t, "--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/")
	pane := sshInTmux(t, "TERM=dumb LANG=C.UTF-8", sshArgs)
	screen := pane.wait("Type a number and press Enter")
	if !strings.Contains(screen, "2. A Zoom Rooms device") {
		t.Fatalf("plain first question lacks numbered choices:\n%s", screen)
	}
	pane.keys("q", "Enter")
	pane.wait("EXIT=0")
}

// tmuxPane is `ssh -t` running in a detached 80x24 tmux session.
type tmuxPane struct {
	t          *testing.T
	tmux, sock string
}

// sshInTmux runs `env ENV ssh -t ARGS` in a real terminal (tmux); the
// pane stays a moment after ssh exits so "EXIT=status" can be read.
func sshInTmux(t *testing.T, env string, sshArgs []string) *tmuxPane {
	t.Helper()
	p := &tmuxPane{t: t, tmux: faultlab.Tool(t, "tmux", "tmux"), sock: fmt.Sprintf("certwiz-serve-%d", time.Now().UnixNano())}
	quoted := make([]string, 0, len(sshArgs)+2)
	for _, a := range append([]string{"ssh", "-t"}, sshArgs...) {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	t.Cleanup(func() { p.run("kill-server") })
	p.run("new-session", "-d", "-x", "80", "-y", "24", "-s", "w", "env "+env+" "+strings.Join(quoted, " ")+"; echo EXIT=$?; sleep 5")
	return p
}

func (p *tmuxPane) run(args ...string) string {
	out, _ := exec.Command(p.tmux, append([]string{"-L", p.sock}, args...)...).CombinedOutput()
	return string(out)
}

func (p *tmuxPane) keys(k ...string) { p.run(append([]string{"send-keys", "-t", "w"}, k...)...) }

// wait polls the pane until it shows want (bounded, so a broken run fails
// instead of hanging).
func (p *tmuxPane) wait(want string) string {
	p.t.Helper()
	var screen string
	for deadline := time.Now().Add(15 * time.Second); ; {
		screen = p.run("capture-pane", "-p", "-t", "w")
		if strings.Contains(screen, want) {
			return screen
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("never saw %q on the screen:\n%s", want, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The serve command's limit flags reach the server: with --max-sessions 1
// a second session is turned away while the first is open, and with
// --idle-timeout an idle wizard is closed by the server.
func TestServeLimitFlags(t *testing.T) {
	sshArgs, _ := servedCertwiz(t, "--max-sessions", "1", "--idle-timeout", "2s",
		"--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/")
	pane := sshInTmux(t, "LANG=C.UTF-8", sshArgs)
	pane.wait("A Zoom Rooms device")

	second := exec.Command("ssh", append(sshArgs, "check", "--json", "127.0.0.1:1")...)
	out, _ := second.CombinedOutput()
	if got := second.ProcessState.ExitCode(); got != sshserve.ExitBusy {
		t.Fatalf("second session: exit %d (%s), want busy (%d)", got, out, sshserve.ExitBusy)
	}
	// Nobody types in the first session: the server ends it.
	screen := pane.wait("EXIT=")
	if !strings.Contains(screen, fmt.Sprintf("EXIT=%d", sshserve.ExitEnded)) {
		t.Fatalf("the idle session did not end with %d:\n%s", sshserve.ExitEnded, screen)
	}
}

// --insecure-no-auth is refused unless the server binds loopback only.
func TestServeInsecureNoAuthNeedsLoopback(t *testing.T) {
	var out, errb bytes.Buffer
	dir := t.TempDir()
	status := cli.Main(context.Background(), []string{"serve", "--listen", "0.0.0.0:0", "--insecure-no-auth",
		"--host-key", filepath.Join(dir, "host_key"), "--authorized-keys", filepath.Join(dir, "none")},
		cli.IO{In: bytes.NewReader(nil), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	if status != cli.ExitUnknown || !strings.Contains(errb.String(), "loopback") {
		t.Fatalf("status %d, stderr %q: want a refusal naming loopback", status, errb.String())
	}
}
