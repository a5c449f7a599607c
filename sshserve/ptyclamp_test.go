package sshserve

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"
	gossh "golang.org/x/crypto/ssh"
)

// goClient logs in to f with its authorized key using x/crypto/ssh, which
// can ask for any terminal size.
func goClient(t testing.TB, f *fixture, source string) *gossh.Client {
	t.Helper()
	data, err := os.ReadFile(f.key.path)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &gossh.ClientConfig{User: "agent", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	c, err := dialFrom(source, f.srv.Addr().String(), cfg)
	if err != nil {
		t.Fatalf("login from %s: %v", source, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// sizePlain is a plain-mode wizard that reports the size of its terminal.
func sizePlain(_ context.Context, _ []string, in io.Reader, out io.Writer) error {
	f, ok := in.(*os.File)
	if !ok {
		return fmt.Errorf("no PTY")
	}
	w, h, err := term.GetSize(f.Fd())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "plain size %dx%d\n", w, h)
	return nil
}

// Absurd terminal sizes from the client are clamped to 500×200 before the
// PTY, the wizard (Bubble Tea) or the plain mode see them, at the start
// and on every window change.
func TestPtySizeClamped(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.Plain = sizePlain })
	c := goClient(t, f, "")
	for _, tc := range []struct{ cols, rows int }{{2000, 2000}, {65535, 65535}, {501, 80}, {80, 201}} {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		out, _ := sess.StdoutPipe()
		in, _ := sess.StdinPipe()
		if err := sess.RequestPty("xterm-256color", tc.rows, tc.cols, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		// Only the dimensions: the renderer may redraw just the part of the
		// "size WxH" line that changed since its first frame.
		want := fmt.Sprintf("%dx%d", min(tc.cols, MaxPtyCols), min(tc.rows, MaxPtyRows))
		if err := readUntilTimeout(out, want); err != nil {
			t.Fatalf("%dx%d: wizard never showed %q: %v", tc.cols, tc.rows, want, err)
		}
		// A smaller window, then an absurd one again.
		if err := sess.WindowChange(40, 100); err != nil {
			t.Fatal(err)
		}
		if err := readUntilTimeout(out, "100x40"); err != nil {
			t.Fatalf("resize to 100x40 not seen: %v", err)
		}
		if err := sess.WindowChange(65535, 65535); err != nil {
			t.Fatal(err)
		}
		if err := readUntilTimeout(out, "500x200"); err != nil {
			t.Fatalf("window change to 65535x65535 not clamped: %v", err)
		}
		_, _ = in.Write([]byte("q"))
		_ = sess.Wait()
		_ = sess.Close()
	}

	// The plain mode reads the PTY's own size.
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	if err := sess.Setenv("CERTWIZ_PLAIN", "1"); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 65535, 65535, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := readUntilTimeout(out, "plain size 500x200"); err != nil {
		t.Fatalf("plain mode: %v", err)
	}
	_ = sess.Close()
}

// A client cannot pile up environment variables in a session: past 64
// env requests, or with a long value, they are refused.
func TestEnvRequestsBounded(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	c := goClient(t, f, "")
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	accepted := 0
	for i := range 200 {
		if sess.Setenv(fmt.Sprintf("LC_X%d", i), "x") == nil {
			accepted++
		}
	}
	if accepted != maxEnvRequests {
		t.Errorf("%d env requests accepted, want %d", accepted, maxEnvRequests)
	}
	sess2, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess2.Close()
	if err := sess2.Setenv("LANG", string(make([]byte, 4096))); err == nil {
		t.Error("a 4 kB env value was accepted")
	}
}

// readUntilTimeout is readUntil with a 15 s limit.
func readUntilTimeout(r io.Reader, want string) error {
	done := make(chan error, 1)
	go func() { done <- readUntil(r, want) }()
	select {
	case err := <-done:
		return err
	case <-time.After(15 * time.Second):
		return fmt.Errorf("timed out")
	}
}
