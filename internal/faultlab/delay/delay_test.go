package delay

import (
	"bytes"
	"crypto/rand"
	"io"
	"net"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

func echoTCP(t testing.TB) string {
	t.Helper()
	return faultlab.ServeTCP(t, func(c net.Conn) { _, _ = io.Copy(c, c) })
}

// dial connects to addr with a 10 s deadline on everything that follows,
// closed when t ends.
func dial(t testing.TB, network, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial(network, addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	return c
}

func echoUDP(t testing.TB) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 2048)
		for {
			n, a, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			_, _ = pc.WriteTo(buf[:n], a)
		}
	}()
	t.Cleanup(func() { _ = pc.Close(); <-done })
	return pc.LocalAddr().String()
}

func TestTCPRelayCarriesDataBothWays(t *testing.T) {
	t.Parallel()
	r, err := New(echoTCP(t), time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	c := dial(t, "tcp", r.Addr())
	msg := make([]byte, 200<<10)
	_, _ = rand.Read(msg)
	go func() { _, _ = c.Write(msg) }()
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, msg) {
		t.Fatal("relayed bytes differ")
	}
}

// The delay is a lower bound by construction (each chunk waits before
// it is forwarded), so asserting the minimum cannot flake.
func TestTCPRelayDelaysRoundTrip(t *testing.T) {
	t.Parallel()
	const oneWay = 40 * time.Millisecond
	r, err := New(echoTCP(t), oneWay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	c := dial(t, "tcp", r.Addr())
	start := time.Now()
	if _, err := c.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		t.Fatal(err)
	}
	if rtt := time.Since(start); rtt < 2*oneWay {
		t.Fatalf("round trip %v, want at least %v", rtt, 2*oneWay)
	}
}

func TestCloseDropsRelayedConnections(t *testing.T) {
	t.Parallel()
	r, err := New(echoTCP(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, "tcp", r.Addr())
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(c, make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Fatal("connection still open after Close")
	}
	if _, err := net.Dial("tcp", r.Addr()); err == nil {
		t.Fatal("relay still accepts after Close")
	}
}

func TestRelayRefusesNonLoopbackTargets(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"192.0.2.1:443", "example.com:443", "nonsense", "[2001:db8::1]:123"} {
		if r, err := New(target, 0); err == nil {
			_ = r.Close()
			t.Fatalf("New(%q) accepted", target)
		}
		if r, err := NewUDP(target, 0); err == nil {
			_ = r.Close()
			t.Fatalf("NewUDP(%q) accepted", target)
		}
	}
}

func TestUDPRelayEchoesWithDelay(t *testing.T) {
	t.Parallel()
	const oneWay = 30 * time.Millisecond
	r, err := NewUDP(echoUDP(t), oneWay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	c := dial(t, "udp", r.Addr())
	start := time.Now()
	if _, err := c.Write([]byte("ntp?")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	if string(buf[:n]) != "ntp?" {
		t.Fatalf("got %q", buf[:n])
	}
	if rtt := time.Since(start); rtt < 2*oneWay {
		t.Fatalf("round trip %v, want at least %v", rtt, 2*oneWay)
	}
}

func BenchmarkTCPRelayRoundTrip(b *testing.B) {
	r, err := New(echoTCP(b), 5*time.Millisecond)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = r.Close() })
	c, err := net.Dial("tcp", r.Addr())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 1)
	for b.Loop() {
		if _, err := c.Write(buf); err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			b.Fatal(err)
		}
	}
}
