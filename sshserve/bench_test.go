package sshserve

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// benchServer starts a server that admits anyone (loopback only) for the
// benchmarks, with room for many sessions.
func benchServer(b *testing.B, maxSessions int) *Server {
	b.Helper()
	srv, err := New(Config{
		Listen: "127.0.0.1:0", InsecureNoAuth: true, MaxSessions: maxSessions,
		HostKeyPath: b.TempDir() + "/host_key", NewModel: newTestModel, Logger: discardLogger(),
	})
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.ListenAndServe() }()
	b.Cleanup(func() { _ = srv.Close() })
	return srv
}

// BenchmarkFirstFrame measures the time from TCP connect to the wizard's
// first frame on the client: SSH handshake, PTY, program start, render.
func BenchmarkFirstFrame(b *testing.B) {
	srv := benchServer(b, 16)
	cfg := &gossh.ClientConfig{User: "bench", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	for b.Loop() {
		conn, err := net.DialTimeout("tcp", srv.Addr().String(), 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
		c, chans, reqs, err := gossh.NewClientConn(conn, srv.Addr().String(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		client := gossh.NewClient(c, chans, reqs)
		sess, err := client.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		out, _ := sess.StdoutPipe()
		if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			b.Fatal(err)
		}
		if err := sess.Shell(); err != nil {
			b.Fatal(err)
		}
		if err := readUntil(out, "CERTWIZ TEST WIZARD"); err != nil {
			b.Fatal(err)
		}
		_ = client.Close()
	}
}

// readUntil reads r until want has been seen.
func readUntil(r io.Reader, want string) error {
	var seen bytes.Buffer
	buf := make([]byte, 4096)
	for !strings.Contains(seen.String(), want) {
		n, err := r.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkIdleSessionMemory opens 50 wizard sessions from real OpenSSH
// clients (separate processes) and reports the server's growth in Go
// memory and in resident set size per idle session.
func BenchmarkIdleSessionMemory(b *testing.B) {
	const sessions = 50
	sshBin := needBin(b, "ssh")
	srv := benchServer(b, sessions)
	port := strconv.Itoa(srv.Addr().(*net.TCPAddr).Port)
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		rssBefore := rssBytes()
		var clients []*exec.Cmd
		for range sessions {
			cmd := exec.Command(sshBin, "-F", "/dev/null", "-tt", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
				"-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-p", port, "127.0.0.1")
			stdin, _ := cmd.StdinPipe()
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			clients = append(clients, cmd)
			_ = stdin // kept open: the session stays idle
			if err := readUntil(bufio.NewReader(stdout), "CERTWIZ TEST WIZARD"); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		rssAfter := rssBytes()
		goBytes := float64(after.HeapInuse+after.StackInuse) - float64(before.HeapInuse+before.StackInuse)
		b.ReportMetric(goBytes/sessions, "go-bytes/session")
		b.ReportMetric(float64(rssAfter-rssBefore)/sessions, "rss-bytes/session")
		for _, c := range clients {
			_ = c.Process.Kill()
			_ = c.Wait()
		}
	}
}

// rssBytes is this process's resident set size (Linux), or 0.
func rssBytes() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkHugePtyRSS asks for a 2000×2000 terminal (clamped to 500×200)
// and reports the server's resident set size once the wizard has drawn
// its first frame, and its growth over the idle server.
func BenchmarkHugePtyRSS(b *testing.B) {
	srv := benchServer(b, 16)
	cfg := &gossh.ClientConfig{User: "bench", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	for b.Loop() {
		runtime.GC()
		before := rssBytes()
		c, err := dialFrom("", srv.Addr().String(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		sess, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		out, _ := sess.StdoutPipe()
		if err := sess.RequestPty("xterm-256color", 2000, 2000, gossh.TerminalModes{}); err != nil {
			b.Fatal(err)
		}
		if err := sess.Shell(); err != nil {
			b.Fatal(err)
		}
		if err := readUntil(out, "size 500x200"); err != nil {
			b.Fatal(err)
		}
		after := rssBytes()
		b.ReportMetric(float64(after)/(1<<20), "rss-MB")
		b.ReportMetric(float64(after-before)/(1<<20), "rss-growth-MB")
		_ = c.Close()
	}
}

// BenchmarkLoginWhileOneAddressHoldsSilentConnections measures a login
// (TCP connect, SSH handshake, authentication) from 127.0.0.2 while
// 127.0.0.1 holds 64 silent connections.
func BenchmarkLoginWhileOneAddressHoldsSilentConnections(b *testing.B) {
	srv := benchServer(b, 16)
	holdSilent(b, "127.0.0.1", srv.Addr().String(), 64)
	cfg := &gossh.ClientConfig{User: "bench", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	for b.Loop() {
		c, err := dialFrom("127.0.0.2", srv.Addr().String(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		_ = c.Close()
	}
}
