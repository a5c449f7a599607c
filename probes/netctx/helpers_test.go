package netctx

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
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

// startChronyd runs a real chronyd serving NTP on 127.0.0.1 (the fault
// lab's, the one every package's tests use) and returns its UDP port.
func startChronyd(t testing.TB) int {
	t.Helper()
	srv := ntplab.Start(t, 0)
	_, port, err := net.SplitHostPort(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return p
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
