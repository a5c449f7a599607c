package netctx

import (
	"context"
	"fmt"
	"github.com/certwiz/certwiz/faultlab"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// freeUDPPort returns a UDP port of 127.0.0.1 that was free a moment ago.
func freeUDPPort(t testing.TB) int {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := pc.LocalAddr().(*net.UDPAddr).Port
	_ = pc.Close()
	return port
}

// startChronyd runs a real chronyd serving NTP on 127.0.0.1 and returns
// its port once it answers. The daemon is killed at cleanup.
func startChronyd(t testing.TB) int {
	t.Helper()
	faultlab.Tool(t, "/usr/sbin/chronyd", "chrony")
	dir := t.TempDir()
	for attempt := 0; attempt < 3; attempt++ {
		port := freeUDPPort(t)
		conf := filepath.Join(dir, fmt.Sprintf("chrony-%d.conf", attempt))
		body := strings.Join([]string{
			fmt.Sprintf("port %d", port),
			"bindaddress 127.0.0.1",
			"allow 127.0.0.1",
			"local stratum 8",
			"cmdport 0",
			"pidfile " + filepath.Join(dir, "chronyd.pid"),
			"driftfile " + filepath.Join(dir, "drift"),
		}, "\n") + "\n"
		if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("/usr/sbin/chronyd", "-d", "-x", "-f", conf)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatalf("start chronyd: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			<-exited
		})
		// Wait until it answers (or exits).
		server := fmt.Sprintf("127.0.0.1:%d", port)
		for i := 0; i < 50; i++ {
			select {
			case <-exited:
				i = 50
				continue
			default:
			}
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			err := sntpQuery(ctx, server)
			cancel()
			if err == nil {
				return port
			}
		}
		_ = cmd.Process.Kill()
		<-exited
		t.Logf("chronyd on port %d did not answer; stderr: %s", port, stderr.String())
	}
	t.Fatal("chronyd never answered")
	return 0
}

// fixtureRunner returns a RunCommand that answers "name arg..." from
// outputs, and exec.ErrNotFound for commands it does not know.
func fixtureRunner(outputs map[string]string) func(context.Context, string, ...string) ([]byte, error) {
	return func(ctx context.Context, name string, args ...string) ([]byte, error) {
		if _, ok := ctx.Deadline(); !ok {
			return nil, fmt.Errorf("command %s run without a deadline", name)
		}
		key := strings.Join(append([]string{name}, args...), " ")
		out, ok := outputs[key]
		if !ok {
			return nil, fmt.Errorf("%s: %w", key, exec.ErrNotFound)
		}
		return []byte(out), nil
	}
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
