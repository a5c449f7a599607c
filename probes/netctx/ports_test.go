package netctx

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/findings"
)

// tcpListener is a loopback port that accepts and closes connections.
func tcpListener(t testing.TB) int {
	t.Helper()
	_, port, err := net.SplitHostPort(faultlab.ServeTCP(t, func(net.Conn) {}))
	if err != nil {
		t.Fatal(err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func closedTCPPort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	return p
}

func state(rs []PortResult, proto string, port int) PortResult {
	for _, r := range rs {
		if r.Proto == proto && r.Port == port {
			return r
		}
	}
	return PortResult{State: "missing"}
}

func TestTCPPortsOpenAndClosed(t *testing.T) {
	t.Parallel()
	open, closed := tcpListener(t), closedTCPPort(t)
	cfg := Config{Targets: []string{"127.0.0.1"}, Ports: []int{open, closed}, UDPPorts: []int{}, PortTimeout: shortTimeout}
	rs := testPorts(context.Background(), &cfg)
	if got := state(rs, "tcp", open); got.State != StateOpen || got.Host != "127.0.0.1" {
		t.Fatalf("open port: %+v", got)
	}
	if got := state(rs, "tcp", closed); got.State != StateClosed {
		t.Fatalf("closed port: %+v", got)
	}
	fs := buildFindings(&Result{Ports: rs})
	if len(fs) != 1 || fs[0].ID != IDPortBlocked || fs[0].Value("port") != fmt.Sprint(closed) || fs[0].Value("state") != StateClosed || fs[0].Code != findings.CodeNone {
		t.Fatalf("findings = %+v", fs)
	}
}

func TestTCPUnresolvableHostIsNotTestable(t *testing.T) {
	t.Parallel()
	cfg := Config{Targets: []string{"no-such-host.invalid"}, Ports: []int{443}, UDPPorts: []int{}, PortTimeout: shortTimeout,
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &net.DNSError{Err: "no such host", Name: "no-such-host.invalid", IsNotFound: true}
		}}
	rs := testPorts(context.Background(), &cfg)
	if got := state(rs, "tcp", 443); got.State != StateNotTestable || got.Err == "" {
		t.Fatalf("got %+v", got)
	}
}

func TestUDPWithoutSTUNIsNotTestable(t *testing.T) {
	t.Parallel()
	cfg := Config{Targets: []string{"zoom.example"}, Ports: []int{}}
	rs := testPorts(context.Background(), &cfg)
	if len(rs) != len(DefaultUDPPorts) {
		t.Fatalf("results = %+v", rs)
	}
	for _, r := range rs {
		if r.Proto != "udp" || r.State != StateNotTestable || r.Err == "" {
			t.Fatalf("got %+v", r)
		}
	}
	if fs := buildFindings(&Result{Ports: rs}); len(fs) != 0 {
		t.Fatalf("not-testable must not be reported as blocked: %+v", fs)
	}
}

func TestUDPBySTUN(t *testing.T) {
	t.Parallel()
	stunPort := startSTUN(t).LocalAddr().(*net.UDPAddr).Port
	silent := startSilentUDP(t)
	closed := freeUDPPort(t)
	tests := []struct {
		name  string
		port  int
		state string
	}{
		{"STUN server answers", stunPort, StateOpen},
		{"nothing listens: ICMP unreachable", closed, StateClosed},
		{"no answer at all", silent, StateFiltered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := Config{Ports: []int{}, UDPPorts: []int{3478, 8801}, STUNServer: fmt.Sprintf("127.0.0.1:%d", tc.port), PortTimeout: shortTimeout}
			rs := testPorts(context.Background(), &cfg)
			got := state(rs, "udp", tc.port)
			if got.State != tc.state {
				t.Fatalf("state = %+v, want %s", got, tc.state)
			}
			if tc.state == StateOpen && !strings.HasPrefix(got.Mapped, "127.0.0.1:") {
				t.Fatalf("mapped address = %q", got.Mapped)
			}
			for _, p := range []int{3478, 8801} {
				if r := state(rs, "udp", p); r.State != StateNotTestable {
					t.Fatalf("port %d: %+v, want not-testable (the STUN server only serves one port)", p, r)
				}
			}
		})
	}
}

func TestUDPBySTUNHostWithoutPortTestsEachPort(t *testing.T) {
	t.Parallel()
	stunPort := startSTUN(t).LocalAddr().(*net.UDPAddr).Port
	closed := freeUDPPort(t)
	cfg := Config{Ports: []int{}, UDPPorts: []int{stunPort, closed}, STUNServer: "127.0.0.1", PortTimeout: shortTimeout}
	rs := testPorts(context.Background(), &cfg)
	if a, b := state(rs, "udp", stunPort), state(rs, "udp", closed); a.State != StateOpen || b.State != StateClosed {
		t.Fatalf("got %+v and %+v", a, b)
	}
}

func TestSTUNServerBadPort(t *testing.T) {
	t.Parallel()
	cfg := Config{Ports: []int{}, STUNServer: "127.0.0.1:http"}
	rs := testPorts(context.Background(), &cfg)
	if len(rs) == 0 || rs[0].State != StateNotTestable || !strings.Contains(rs[0].Err, "bad port") {
		t.Fatalf("got %+v", rs)
	}
}

func TestDialIsUsedForTCPOnly(t *testing.T) {
	t.Parallel()
	stunPort := startSTUN(t).LocalAddr().(*net.UDPAddr).Port
	var networks []string
	var mu sync.Mutex
	cfg := Config{Targets: []string{"127.0.0.1"}, Ports: []int{tcpListener(t)}, STUNServer: fmt.Sprintf("127.0.0.1:%d", stunPort), PortTimeout: shortTimeout,
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			mu.Lock()
			networks = append(networks, network)
			mu.Unlock()
			if network != "tcp" {
				return nil, fmt.Errorf("only tcp is supported")
			}
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}}
	rs := testPorts(context.Background(), &cfg)
	for _, r := range rs {
		if r.State != StateOpen && r.State != StateNotTestable {
			t.Fatalf("%+v", r)
		}
	}
	if state(rs, "udp", stunPort).State != StateOpen || len(networks) != 1 || networks[0] != "tcp" {
		t.Fatalf("dial networks %v, results %+v", networks, rs)
	}
}
