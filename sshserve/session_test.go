package sshserve

import (
	"context"
	"encoding/json"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// `ssh host check --json ...` prints the check's JSON and carries its exit
// status.
func TestCheckOverExec(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	for _, tc := range []struct {
		target string
		status int
	}{{"exit0.test", 0}, {"exit2.test", 2}, {"exit3.test", 3}} {
		r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "--json", tc.target)...)
		if r.status != tc.status {
			t.Errorf("%s: exit status %d, want %d (stderr %q)", tc.target, r.status, tc.status, r.stderr)
		}
		var doc struct {
			Schema string   `json:"schema"`
			Args   []string `json:"args"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("%s: stdout is not JSON: %v: %q", tc.target, err, r.stdout)
		}
		if doc.Schema != "certwiz.report/v1" || strings.Join(doc.Args, " ") != "--json "+tc.target {
			t.Errorf("%s: got %+v", tc.target, doc)
		}
	}
}

// Everything but the wizard and check is refused with a clear message.
func TestRefusals(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	cases := []struct {
		name   string
		args   []string
		status int
		say    string
	}{
		{"other command", []string{"127.0.0.1", "cat", "/etc/passwd"}, ExitRefused, "runs only the wizard"},
		{"shell without a terminal", []string{"-T", "127.0.0.1"}, ExitRefused, "needs a terminal"},
		{"file-reading check flag", []string{"127.0.0.1", "check", "--roots=/etc/shadow"}, ExitRefused, `"--roots" is not available over SSH`},
		{"engine check flag", []string{"127.0.0.1", "check", "--json", "--ntp", "192.0.2.1", "zoom.us"}, ExitRefused, `"--ntp" is not available over SSH`},
		{"subsystem", []string{"-s", "127.0.0.1", "sftp"}, ExitRefused, "no subsystems"},
		{"local forwarding", []string{"-W", "127.0.0.1:22", "127.0.0.1"}, 255, "does not forward ports|stdio forwarding failed"},
		{"remote forwarding", []string{"-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9", "127.0.0.1", "check", "exit0.test"}, 255, "remote port forwarding failed"},
	}
	for _, tc := range cases {
		r := runSSH(t, f.sshArgs(f.key, tc.args...)...)
		said := false
		for _, alt := range strings.Split(tc.say, "|") {
			said = said || strings.Contains(r.stderr, alt)
		}
		if r.status != tc.status || !said {
			t.Errorf("%s: status %d stderr %q; want %d and %q", tc.name, r.status, r.stderr, tc.status, tc.say)
		}
		if strings.Contains(r.stdout, "certwiz.report") {
			t.Errorf("%s: the check ran anyway: %q", tc.name, r.stdout)
		}
	}
	logs := f.logs.String()
	for _, want := range []string{"channel=direct-tcpip", "request=tcpip-forward", "subsystem=sftp"} {
		if !strings.Contains(logs, "refused") || !strings.Contains(logs, want) {
			t.Errorf("log lacks the refusal %q", want)
		}
	}
}

// Agent forwarding is answered "no", and the client is told so.
func TestAgentForwardingRefused(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	sock := filepath.Join(f.dir, "agent.sock")
	agent := exec.Command(needBin(t, "ssh-agent"), "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = agent.Process.Kill(); _ = agent.Wait() })
	waitFor(t, "ssh-agent socket", func() bool { return exec.Command("test", "-S", sock).Run() == nil })
	r := runSSHEnv(t, []string{"SSH_AUTH_SOCK=" + sock}, f.sshArgs(f.key, "-A", "127.0.0.1", "check", "exit0.test")...)
	if r.status != 0 || !strings.Contains(r.stderr, "does not use agent") {
		t.Fatalf("status %d stderr %q", r.status, r.stderr)
	}
	if !strings.Contains(f.logs.String(), "auth-agent-req@openssh.com") {
		t.Errorf("refused agent request not logged:\n%s", f.logs.String())
	}
}

// With a limit of 20, 20 sessions run at once and the 21st is told the
// server is busy.
func TestSessionLimit(t *testing.T) {
	t.Parallel()
	const limit = 20
	// The 21 logins come from one address at once: raise the per-address
	// cap on logins in progress, which is tested on its own.
	f := startFixture(t, func(c *Config) { c.MaxSessions = limit; c.MaxStartupsPerAddr = limit + 1 })
	results := make(chan sshResult, limit)
	for range limit {
		go func() { results <- runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "--json", "block.test")...) }()
	}
	for i := range limit {
		select {
		case <-f.check.started:
		case <-time.After(30 * time.Second):
			t.Fatalf("only %d of %d sessions started", i, limit)
		}
	}
	r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "--json", "exit0.test")...)
	if r.status != ExitBusy || !strings.Contains(r.stderr, "busy") || r.stdout != "" {
		t.Fatalf("21st session: status %d stdout %q stderr %q; want %d and a busy line", r.status, r.stdout, r.stderr, ExitBusy)
	}
	close(f.check.release)
	for range limit {
		r := <-results
		if r.status != 0 || !strings.Contains(r.stdout, "certwiz.report/v1") {
			t.Errorf("served session: status %d stdout %q stderr %q", r.status, r.stdout, r.stderr)
		}
	}
}

// A session without input for IdleTimeout is closed with a reason.
func TestIdleTimeout(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.IdleTimeout = 300 * time.Millisecond })
	r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "block.test")...)
	if r.status != ExitEnded || !strings.Contains(r.stderr, "nothing was typed") {
		t.Fatalf("status %d stderr %q; want %d and the idle reason", r.status, r.stderr, ExitEnded)
	}
	if !strings.Contains(r.stderr, "check cancelled") {
		t.Errorf("the running check was not cancelled: %q", r.stderr)
	}
}

// An idle wizard is closed too, and the terminal gets the reason.
func TestIdleWizard(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.IdleTimeout = 500 * time.Millisecond })
	pane := startTmux(t, "ssh "+shellQuote(f.sshArgs(f.key, "-t", "127.0.0.1")))
	pane.waitText("nothing was typed")
	pane.waitText("EXIT=124")
}

// MaxSessionTime ends a session however busy it is.
func TestMaxSessionTime(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.MaxSessionTime = 300 * time.Millisecond })
	r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "block.test")...)
	if r.status != ExitEnded || !strings.Contains(r.stderr, "maximum session length") {
		t.Fatalf("status %d stderr %q", r.status, r.stderr)
	}
}

// Shutdown tells open sessions, lets a running check finish, closes the
// wizard with a notice, and then refuses new connections.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	pane := startTmux(t, "ssh "+shellQuote(f.sshArgs(f.key, "-t", "127.0.0.1")))
	pane.waitText("CERTWIZ TEST WIZARD")
	checkDone := make(chan sshResult, 1)
	go func() { checkDone <- runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "--json", "block.test")...) }()
	<-f.check.started

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- f.srv.Shutdown(ctx) }()
	pane.waitText("certwiz serve is stopping")
	waitFor(t, "the check session to be told", func() bool { return strings.Contains(f.logs.String(), "reason=shutdown") })
	close(f.check.release)
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	pane.waitText("stopped by its operator")
	pane.waitText("EXIT=124")
	r := <-checkDone
	if r.status != 0 || !strings.Contains(r.stdout, "certwiz.report/v1") || !strings.Contains(r.stderr, "stopping") {
		t.Errorf("check during shutdown: status %d stdout %q stderr %q", r.status, r.stdout, r.stderr)
	}
	if err := <-f.served; err != ErrServerClosed {
		t.Errorf("ListenAndServe returned %v, want ErrServerClosed", err)
	}
	f.served <- ErrServerClosed // for the cleanup
	if r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check")...); r.status != 255 {
		t.Errorf("connection after shutdown: status %d", r.status)
	}
}

// Run serves until its context is cancelled and then shuts down cleanly.
func TestRunStopsOnCancel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv, err := New(Config{Listen: "127.0.0.1:0", InsecureNoAuth: true, HostKeyPath: filepath.Join(dir, "k"),
		NewModel: newTestModel, Check: newTestCheck().run, Logger: discardLogger(), ShutdownGrace: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	f := &fixture{port: srv.Addr().(*net.TCPAddr).Port, key: newClientKey(t, dir, "k2")}
	if r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "exit0.test")...); r.status != 0 {
		t.Fatalf("before cancel: status %d %q", r.status, r.stderr)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}
