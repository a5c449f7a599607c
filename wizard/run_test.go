package wizard

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/creack/pty"

	"github.com/certwiz/certwiz/content"
)

func TestColorProfile(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	tests := []struct {
		env  []string
		want colorprofile.Profile
	}{
		{[]string{"TERM=xterm-256color", "NO_COLOR=yes"}, colorprofile.Ascii},
		{[]string{"TERM=xterm-256color", "NO_COLOR=1"}, colorprofile.Ascii},
		{[]string{"TERM=xterm-256color", "NO_COLOR=0"}, colorprofile.Ascii}, // any non-empty value
		{[]string{"TERM=dumb"}, colorprofile.NoTTY},
		{[]string{"TERM=xterm-256color", "NO_COLOR="}, colorprofile.Detect(&buf, []string{"TERM=xterm-256color"})},
	}
	for _, tt := range tests {
		if got := ColorProfile(tt.env, &buf); got != tt.want {
			t.Errorf("ColorProfile(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestUsePlain(t *testing.T) {
	t.Parallel()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal available: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	term := []string{"TERM=xterm-256color"}
	var buf bytes.Buffer
	tests := []struct {
		name string
		opts Options
		in   io.Reader
		out  io.Writer
		want bool
	}{
		{"terminal", Options{Env: term}, tty, tty, false},
		{"--plain", Options{Env: term, Plain: true}, tty, tty, true},
		{"TERM=dumb", Options{Env: []string{"TERM=dumb"}}, tty, tty, true},
		{"stdin piped", Options{Env: term}, strings.NewReader(""), tty, true},
		{"stdout piped", Options{Env: term}, tty, &buf, true},
	}
	for _, tt := range tests {
		if got := UsePlain(tt.opts, tt.in, tt.out); got != tt.want {
			t.Errorf("%s: UsePlain = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRunNeedsAnEngine(t *testing.T) {
	t.Parallel()
	if err := Run(context.Background(), Options{}, strings.NewReader(""), io.Discard); err == nil {
		t.Fatal("Run without an engine succeeded")
	}
}

func TestRunPipedIsPlain(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	err := Run(context.Background(), Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, Env: []string{"TERM=xterm-256color"}},
		strings.NewReader("q\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), content.Msg(content.EN, "ui.plain.choose", nil)) || bytes.ContainsRune(out.Bytes(), 0x1b) {
		t.Fatalf("piped Run did not use the plain mode: %q", out.String())
	}
}

// syncBuffer collects a pty's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRunOnTerminalHonoursNoColor runs the full TUI on a pseudo-terminal
// with NO_COLOR=yes (a value Bubble Tea itself would not honour): the
// frames carry no colour, the keys work, and q ends Run.
func TestRunOnTerminalHonoursNoColor(t *testing.T) {
	t.Parallel()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal available: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	go func() { _, _ = io.Copy(&out, ptmx) }()
	done := make(chan error, 1)
	opts := Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, ReportDir: t.TempDir(),
		Env: []string{"TERM=xterm-256color", "NO_COLOR=yes"}}
	go func() { done <- Run(context.Background(), opts, tty, tty) }()

	waitOutput(t, &out, "Quick check")
	if _, err := ptmx.WriteString("4"); err != nil {
		t.Fatal(err)
	}
	waitOutput(t, &out, "Start over")
	if _, err := ptmx.WriteString("q"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after q")
	}
	if colour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9]+)*m`).FindString(out.String()); colour != "" {
		t.Fatalf("NO_COLOR=yes output has a colour sequence %q", colour)
	}
}

// waitOutput polls the collected output for s; the limit only stops a
// broken test from hanging.
func waitOutput(t *testing.T, out *syncBuffer, s string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(out.String(), s) {
			return
		}
	}
	t.Fatalf("%q never appeared; output so far: %q", s, out.String())
}

func TestLanguageFromEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opts Options
		want content.Lang
	}{
		{Options{Env: []string{"LANG=ja_JP.UTF-8"}}, content.JA},
		{Options{Env: []string{"LANG=ja_JP.UTF-8", "LC_ALL=en_US.UTF-8"}}, content.EN},
		{Options{Env: []string{"LANG=C"}}, content.EN},
		{Options{Env: []string{"LANG=ja_JP.UTF-8"}, Lang: content.EN}, content.EN},
	}
	for _, tt := range tests {
		tt.opts.Engine = code6Engine()
		if got := New(tt.opts).Lang(); got != tt.want {
			t.Errorf("env %v lang %q: got %s, want %s", tt.opts.Env, tt.opts.Lang, got, tt.want)
		}
	}
}
