package sshserve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// needBin returns the path of a Debian binary the test needs; it fails the
// test in CI and skips it elsewhere when the binary is missing.
func needBin(t testing.TB, name string) string {
	t.Helper()
	return faultlab.Tool(t, name, "openssh-client or tmux")
}

// clientKey is an OpenSSH key pair made by ssh-keygen.
type clientKey struct {
	path string // private key file
	pub  string // authorized_keys line
}

func newClientKey(t testing.TB, dir, name string) clientKey {
	t.Helper()
	keygen := needBin(t, "ssh-keygen")
	path := filepath.Join(dir, name)
	out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	pub, err := os.ReadFile(path + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	return clientKey{path: path, pub: string(pub)}
}

// fingerprint is the key's SHA256 fingerprint as ssh-keygen -l prints it.
func (k clientKey) fingerprint(t testing.TB) string {
	t.Helper()
	out, err := exec.Command(needBin(t, "ssh-keygen"), "-l", "-f", k.path+".pub").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(out))[1]
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fixture is a running server with one authorized client key.
type fixture struct {
	srv    *Server
	dir    string
	key    clientKey // authorized
	other  clientKey // not authorized
	port   int
	logs   *syncBuffer
	served chan error
	check  *testCheck
}

// testCheck is the injected check command: it prints a JSON document
// naming its arguments and exits with the status the first "exitN.test"
// target asks for. A "block.test" target waits for release or for the
// session to end.
type testCheck struct {
	started chan struct{}
	release chan struct{}
	running atomic.Int32
}

func newTestCheck() *testCheck {
	return &testCheck{started: make(chan struct{}, 64), release: make(chan struct{})}
}

func (c *testCheck) run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	status := 0
	for _, a := range args {
		if n, ok := strings.CutPrefix(a, "exit"); ok {
			if v, err := strconv.Atoi(strings.TrimSuffix(n, ".test")); err == nil {
				status = v
			}
		}
		if a == "block.test" {
			c.running.Add(1)
			c.started <- struct{}{}
			select {
			case <-c.release:
			case <-ctx.Done():
				c.running.Add(-1)
				fmt.Fprintln(stderr, "check cancelled")
				return 3
			}
			c.running.Add(-1)
		}
	}
	doc := map[string]any{"schema": "certwiz.report/v1", "args": args, "status": status}
	if err := json.NewEncoder(stdout).Encode(doc); err != nil {
		return 3
	}
	return status
}

// testModel is a small real wizard: a title, the window size, and q to quit.
type testModel struct {
	env  []string
	w, h int
}

func newTestModel(_ ssh.Session, env []string) tea.Model { return &testModel{env: env} }

func (m *testModel) Init() tea.Cmd { return nil }

func (m *testModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m *testModel) View() tea.View {
	return tea.NewView(fmt.Sprintf("\x1b[38;2;255;0;0mCERTWIZ TEST WIZARD\x1b[0m\nsize %dx%d\npress q to quit", m.w, m.h))
}

func (m *testModel) Verdict() string { return "test-verdict" }

// startFixture starts a server on a free loopback port. tweak may change
// the configuration before New.
func startFixture(t *testing.T, tweak func(*Config)) *fixture {
	t.Helper()
	needBin(t, "ssh")
	dir := t.TempDir()
	f := &fixture{dir: dir, logs: &syncBuffer{}, served: make(chan error, 1), check: newTestCheck()}
	f.key = newClientKey(t, dir, "agent_key")
	f.other = newClientKey(t, dir, "stranger_key")
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte("# helpdesk\n"+f.key.pub), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Listen:             "127.0.0.1:0",
		HostKeyPath:        filepath.Join(dir, "host", "ssh_host_ed25519_key"),
		AuthorizedKeysPath: ak,
		NewModel:           newTestModel,
		Check:              f.check.run,
		Logger:             slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if tweak != nil {
		tweak(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	f.port = srv.Addr().(*net.TCPAddr).Port
	go func() { f.served <- srv.ListenAndServe() }()
	t.Cleanup(func() {
		_ = srv.Close()
		select {
		case <-f.served:
		case <-time.After(10 * time.Second):
			t.Error("ListenAndServe did not return after Close")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", f.logs.String())
		}
	})
	return f
}

// sshArgs are the OpenSSH client arguments for this server with key.
func (f *fixture) sshArgs(key clientKey, extra ...string) []string {
	args := []string{
		"-F", "/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
		"-o", "ConnectTimeout=10",
		"-i", key.path, "-p", strconv.Itoa(f.port),
	}
	args = append(args, extra...)
	return args
}

// sshResult is one finished ssh client run.
type sshResult struct {
	stdout, stderr string
	status         int
}

// runSSH runs the OpenSSH client to completion (killed after 30 s).
func runSSH(t *testing.T, args ...string) sshResult {
	t.Helper()
	return runSSHEnv(t, nil, args...)
}

// runSSHEnv is runSSH with extra environment variables for the client.
func runSSHEnv(t *testing.T, env []string, args ...string) sshResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, needBin(t, "ssh"), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Stdin = nil
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	err := cmd.Run()
	status := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		status = ee.ExitCode()
	case err != nil:
		t.Fatalf("ssh: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatalf("ssh did not finish in time; stderr: %s", errb.String())
	}
	return sshResult{stdout: out.String(), stderr: errb.String(), status: status}
}

// waitFor polls cond until it holds or 15 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tmuxPane is a detached tmux session running one command on its own
// server socket.
type tmuxPane struct {
	t    *testing.T
	bin  string
	sock string
}

var tmuxSeq atomic.Int64

// startTmux runs shellCmd in an 80x24 detached tmux session; the pane
// stays after the command exits so its last words can be read.
func startTmux(t *testing.T, shellCmd string) *tmuxPane {
	t.Helper()
	p := &tmuxPane{t: t, bin: needBin(t, "tmux"), sock: fmt.Sprintf("certwiz-sshserve-%d-%d", os.Getpid(), tmuxSeq.Add(1))}
	p.run("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", shellCmd+"; echo EXIT=$?; sleep 60")
	t.Cleanup(func() { _ = exec.Command(p.bin, "-L", p.sock, "kill-server").Run() })
	return p
}

func (p *tmuxPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command(p.bin, append([]string{"-L", p.sock}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// capture returns the pane's text; with escapes, its SGR sequences too.
func (p *tmuxPane) capture(escapes bool) string {
	args := []string{"capture-pane", "-p"}
	if escapes {
		args = append(args, "-e")
	}
	return p.run(args...)
}

// waitText waits until the pane shows want.
func (p *tmuxPane) waitText(want string) string {
	p.t.Helper()
	var last string
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		last = p.capture(false)
		if strings.Contains(last, want) {
			return last
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("pane never showed %q; last screen:\n%s", want, last)
	return ""
}

// shellQuote quotes args for sh.
func shellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
