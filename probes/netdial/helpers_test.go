package netdial

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// tlsServer is a loopback TLS server that greets every client with
// "hello <SNI>\n".
type tlsServer struct {
	port  int
	roots *x509.CertPool
}

func startTLSServer(t *testing.T) *tlsServer {
	t.Helper()
	root, err := pki.NewRoot("netdial test root")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := root.Leaf([]string{"zoom.test", "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{leaf.TLS()}})
	if err != nil {
		t.Fatal(err)
	}
	faultlab.ServeConns(t, ln, func(c net.Conn) {
		tc := c.(*tls.Conn)
		if err := tc.Handshake(); err != nil {
			return
		}
		_, _ = tc.Write([]byte("hello " + tc.ConnectionState().ServerName + "\n"))
	})
	return &tlsServer{port: ln.Addr().(*net.TCPAddr).Port, roots: root.Pool()}
}

// greet runs a TLS handshake for serverName over conn and returns the
// server's greeting line.
func greet(t *testing.T, conn net.Conn, serverName string, roots *x509.CertPool) string {
	t.Helper()
	tc := tls.Client(conn, &tls.Config{ServerName: serverName, RootCAs: roots})
	defer tc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tc.HandshakeContext(ctx); err != nil {
		t.Fatalf("TLS handshake with %s through the route: %v", serverName, err)
	}
	_ = tc.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(tc).ReadString('\n')
	if err != nil {
		t.Fatalf("read greeting: %v", err)
	}
	return line
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func itoa(n int) string { return strconv.Itoa(n) }
