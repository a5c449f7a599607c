package promlab

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"
)

// logMax bounds the output kept from a lab process.
const logMax = 64 << 10

// boundedLog keeps the first logMax bytes a process writes.
type boundedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *boundedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := logMax - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *boundedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// process is a started lab program.
type process struct {
	name string
	cmd  *exec.Cmd
	log  *boundedLog
	done chan struct{}
}

// start runs path with args, logging its output, and stops it by its
// PID (SIGTERM, then SIGKILL after 5 s) when tb ends.
func start(tb testing.TB, name, path string, args ...string) *process {
	tb.Helper()
	p := &process{name: name, cmd: exec.Command(path, args...), log: &boundedLog{}, done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		tb.Fatalf("start %s: %v", name, err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	tb.Cleanup(p.stop)
	return p
}

func (p *process) stop() {
	_ = terminate(p.cmd.Process)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// waitHTTP polls url until it answers 200, the process exits or 30 s
// pass.
func (p *process) waitHTTP(tb testing.TB, url string) {
	tb.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			tb.Fatalf("%s exited before it was ready:\n%s", p.name, p.log)
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Fatalf("%s did not answer %s within 30 s:\n%s", p.name, url, p.log)
}

// Log returns what the process printed so far (bounded).
func (p *process) Log() string { return p.log.String() }

// freeAddr returns a loopback address with a port that was free a moment
// ago (the programs take a listen address, not a listener).
func freeAddr(ctx context.Context) (string, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), nil
}
