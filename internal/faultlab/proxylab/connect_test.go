package proxylab

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawConnect sends one CONNECT to p and returns the status code and the
// open connection.
func rawConnect(t *testing.T, p *ConnectProxy, target string) (int, net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.DialTimeout("tcp", p.Addr(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "CONNECT "+target+" HTTP/1.1\r\nHost: "+target+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, c, br
}

func TestConnectProxyRefusesNonLoopback(t *testing.T) {
	t.Parallel()
	p, err := StartConnect(ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	for _, target := range []string{"192.0.2.1:443", "zoom.us:443", "garbage"} {
		if code, _, _ := rawConnect(t, p, target); code != http.StatusForbidden {
			t.Fatalf("CONNECT %s = %d, want 403", target, code)
		}
	}
	if p.Connects() != 3 || p.Tunnels() != 0 {
		t.Fatalf("connects %d tunnels %d", p.Connects(), p.Tunnels())
	}
	if _, err := StartConnect(ConnectOptions{Hosts: map[string]string{"zoom.us": "192.0.2.1"}}); err == nil {
		t.Fatal("a non-loopback Hosts entry was accepted")
	}
}

func TestConnectProxyCloseCutsTunnels(t *testing.T) {
	t.Parallel()
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { echo.Close() })
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _, _ = io.Copy(c, c) }()
		}
	}()
	p, err := StartConnect(ConnectOptions{Hosts: map[string]string{"echo.test": "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(echo.Addr().String())
	code, c, br := rawConnect(t, p, "echo.test:"+port)
	if code != http.StatusOK {
		t.Fatalf("CONNECT = %d", code)
	}
	if _, err := io.WriteString(c, "ping\n"); err != nil {
		t.Fatal(err)
	}
	if line, err := br.ReadString('\n'); err != nil || line != "ping\n" {
		t.Fatalf("echo through tunnel = %q, %v", line, err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := br.ReadString('\n'); err == nil {
		t.Fatal("tunnel still open after Close")
	}
	if got := strings.Join(p.Targets(), ","); got != "echo.test:"+port {
		t.Fatalf("targets = %q", got)
	}
}
