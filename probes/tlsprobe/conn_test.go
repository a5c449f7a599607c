package tlsprobe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// rawServer listens on 127.0.0.1 and runs handle for each connection.
func rawServer(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	return faultlab.ServeTCP(t, handle)
}

func probeAddr(addr, host string, timeout time.Duration, dial DialFunc) *Result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	_, p, _ := net.SplitHostPort(addr)
	port := 0
	for _, ch := range p {
		port = port*10 + int(ch-'0')
	}
	if dial == nil {
		dial = dialTo(addr)
	}
	return Probe(ctx, Config{Host: host, Port: port, Dial: dial})
}

// onlyFinding asserts r has exactly one finding, id, that could not test
// the certificate (code 100, Unknown), and returns it.
func onlyFinding(t *testing.T, r *Result, id string) findings.Finding {
	t.Helper()
	if len(r.Findings) != 1 || r.Findings[0].ID != id {
		t.Fatalf("findings = %v, want [%s] (%+v)", ids(r.Findings), id, r.Findings)
	}
	f := r.Findings[0]
	if f.Code != findings.CodeOther || f.Severity != findings.Unknown || f.CertIndex != -1 {
		t.Fatalf("%s: code %v severity %v index %d", id, f.Code, f.Severity, f.CertIndex)
	}
	if r.Err == nil || len(r.Chain) != 0 {
		t.Fatalf("Err %v chain %d", r.Err, len(r.Chain))
	}
	checkListed(t, r.Findings)
	wantEvidence(t, f, LabelError, "*")
	wantEvidence(t, f, LabelHost, "*")
	return f
}

func TestProbeConnectionFailures(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)

	t.Run("handshake alert", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.HandshakeAbort)
		f := onlyFinding(t, probeServer(t, lab, srv, srv.Host, 5*time.Second), IDHandshakeAlert)
		wantEvidence(t, f, LabelAlert, "handshake failure")
	})
	t.Run("plain HTTP on the TLS port", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.PlainHTTP)
		f := onlyFinding(t, probeServer(t, lab, srv, srv.Host, 5*time.Second), IDPlainHTTP)
		if got := f.Value(LabelResponse); got != "HTTP/1.1 400 Bad Request" {
			t.Fatalf("response = %q", got)
		}
	})
	t.Run("blackhole returns by the deadline", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.Blackhole)
		done := make(chan *Result, 1)
		go func() { done <- probeServer(t, lab, srv, srv.Host, 300*time.Millisecond) }()
		select {
		case r := <-done:
			f := onlyFinding(t, r, IDTimeout)
			wantEvidence(t, f, LabelStage, "handshake")
			if d, err := time.ParseDuration(f.Value(LabelTimeout)); err != nil || d <= 0 || d > 300*time.Millisecond {
				t.Errorf("timeout evidence = %q, want the budget (at most 300ms)", f.Value(LabelTimeout))
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Probe ignored its 300ms deadline against a silent server")
		}
	})
	t.Run("refused", func(t *testing.T) {
		t.Parallel()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		f := onlyFinding(t, probeAddr(addr, "zoom.test", 5*time.Second, nil), IDRefused)
		wantEvidence(t, f, LabelStage, "connect")
	})
	t.Run("reset during handshake", func(t *testing.T) {
		t.Parallel()
		addr := rawServer(t, func(c net.Conn) {
			_, _ = c.Read(make([]byte, 1024))
			_ = c.(*net.TCPConn).SetLinger(0)
		})
		onlyFinding(t, probeAddr(addr, "zoom.test", 5*time.Second, nil), IDReset)
	})
	t.Run("closed during handshake", func(t *testing.T) {
		t.Parallel()
		addr := rawServer(t, func(c net.Conn) {
			_, _ = c.Read(make([]byte, 1024))
			_ = c.(*net.TCPConn).CloseWrite()
			_, _ = io.Copy(io.Discard, c)
		})
		onlyFinding(t, probeAddr(addr, "zoom.test", 5*time.Second, nil), IDClosed)
	})
	t.Run("not TLS at all", func(t *testing.T) {
		t.Parallel()
		addr := rawServer(t, func(c net.Conn) {
			_, _ = io.WriteString(c, "SSH-2.0-OpenSSH_9.6\r\n")
			_, _ = c.Read(make([]byte, 1024))
		})
		f := onlyFinding(t, probeAddr(addr, "zoom.test", 5*time.Second, nil), IDNotTLS)
		wantEvidence(t, f, LabelRecordHeader, "SSH-2")
	})
	t.Run("name lookup fails", func(t *testing.T) {
		t.Parallel()
		// A resolver whose DNS server port is closed: a real lookup
		// failure that never leaves the machine.
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		dnsAddr := pc.LocalAddr().String()
		_ = pc.Close()
		res := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "udp", dnsAddr)
		}}
		dial := func(ctx context.Context, host string, port int) (net.Conn, string, string, error) {
			d := net.Dialer{Resolver: res}
			c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(host, "443"))
			if err != nil {
				return nil, "", "", err
			}
			return c, c.RemoteAddr().String(), "", nil
		}
		f := onlyFinding(t, probeAddr("127.0.0.1:443", "zoom.test", 5*time.Second, dial), IDDNS)
		wantEvidence(t, f, LabelHost, "zoom.test")
	})
	t.Run("proxy failure passes the dialer's words through", func(t *testing.T) {
		t.Parallel()
		proxy := rawServer(t, func(c net.Conn) {
			_, _ = c.Read(make([]byte, 1024))
			_, _ = io.WriteString(c, "HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
		})
		// A minimal CONNECT dialer standing in for netdial.
		dial := func(ctx context.Context, host string, port int) (net.Conn, string, string, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, "tcp", proxy)
			if err != nil {
				return nil, proxy, "http://" + proxy, err
			}
			_, _ = io.WriteString(c, "CONNECT zoom.test:443 HTTP/1.1\r\nHost: zoom.test:443\r\n\r\n")
			buf := make([]byte, 128)
			n, _ := c.Read(buf)
			_ = c.Close()
			status := strings.SplitN(string(buf[:n]), "\r\n", 2)[0]
			return nil, proxy, "http://" + proxy, errors.New("proxy refused CONNECT: " + status)
		}
		f := onlyFinding(t, probeAddr("127.0.0.1:443", "zoom.test", 5*time.Second, dial), IDProxy)
		wantEvidence(t, f, LabelProxy, "http://"+proxy)
		wantEvidence(t, f, LabelError, "407 Proxy Authentication Required")
	})
	t.Run("protocol_version alert", func(t *testing.T) {
		t.Parallel()
		addr := rawServer(t, func(c net.Conn) {
			_, _ = c.Read(make([]byte, 4096))
			_, _ = c.Write([]byte{21, 3, 1, 0, 2, 2, 70})
		})
		f := onlyFinding(t, probeAddr(addr, "zoom.test", 5*time.Second, nil), IDNoCommonVersion)
		wantEvidence(t, f, LabelAlert, "protocol version")
	})
	t.Run("SSL 3.0 server", func(t *testing.T) {
		t.Parallel()
		addr := rawServer(t, func(c net.Conn) {
			_, _ = c.Read(make([]byte, 4096))
			// ServerHello choosing SSL 3.0 and TLS_RSA_WITH_AES_128_CBC_SHA.
			body := append([]byte{3, 0}, make([]byte, 32)...)
			body = append(body, 0, 0x00, 0x2f, 0)
			hs := append([]byte{2, 0, 0, byte(len(body))}, body...)
			_, _ = c.Write(append([]byte{22, 3, 0, 0, byte(len(hs))}, hs...))
		})
		// The raw handshake reads the ServerHello Go refuses: SSL 3.0 leads.
		r := probeAddr(addr, "zoom.test", 5*time.Second, nil)
		if got := ids(r.Findings); !reflect.DeepEqual(got, []string{IDOldVersion, IDWeakCipher}) {
			t.Fatalf("findings = %v", got)
		}
		wantEvidence(t, r.Findings[0], LabelVersion, "SSLv3")
		wantEvidence(t, r.Findings[1], LabelCipherSuite, "TLS_RSA_WITH_AES_128_CBC_SHA")
	})
	t.Run("proxy named only in the error text", func(t *testing.T) {
		t.Parallel()
		// net/http's words when the proxy itself cannot be reached.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := ln.Addr().String()
		_ = ln.Close()
		dial := func(ctx context.Context, host string, port int) (net.Conn, string, string, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, "tcp", closed)
			if err != nil {
				return nil, "", "", fmt.Errorf("proxyconnect tcp: %w", err)
			}
			return c, closed, "", nil
		}
		f := onlyFinding(t, probeAddr("127.0.0.1:443", "zoom.test", 5*time.Second, dial), IDProxy)
		wantEvidence(t, f, LabelError, "proxyconnect")
	})
	t.Run("cancelled", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.Blackhole)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// The run is cancelled (Ctrl-C) once connected, mid-handshake.
		dial := func(ctx context.Context, host string, port int) (net.Conn, string, string, error) {
			c, addr, proxy, err := dialTo(srv.Addr)(ctx, host, port)
			cancel()
			return c, addr, proxy, err
		}
		r := Probe(ctx, Config{Host: srv.Host, Port: srv.Port, Dial: dial})
		onlyFinding(t, r, IDCancelled)
	})
}
