package proxylab_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/proxylab"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/netdial"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// origin is a loopback HTTPS server answering "origin says hi".
func origin(t *testing.T) (port int, roots *x509.CertPool) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "origin says hi")
	}))
	srv.StartTLS()
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	port, _ = strconv.Atoi(u.Port())
	roots = x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	return port, roots
}

// fetch speaks TLS over conn, records the presented chain, and GETs /.
func fetch(t *testing.T, conn net.Conn, port int, roots *x509.CertPool) ([]*x509.Certificate, string) {
	t.Helper()
	var chain []*x509.Certificate
	tc := tls.Client(conn, &tls.Config{
		ServerName: "127.0.0.1", RootCAs: roots, NextProtos: []string{"http/1.1"},
		InsecureSkipVerify: roots == nil,
		VerifyConnection: func(cs tls.ConnectionState) error {
			chain = cs.PeerCertificates
			return nil
		},
	})
	defer tc.Close()
	if err := tc.HandshakeContext(ctxT(t)); err != nil {
		t.Fatalf("TLS through the proxy: %v", err)
	}
	_ = tc.SetDeadline(time.Now().Add(15 * time.Second))
	if _, err := io.WriteString(tc, "GET / HTTP/1.1\r\nHost: 127.0.0.1:"+strconv.Itoa(port)+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil {
		t.Fatalf("read response through the proxy: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	return chain, string(body)
}

func TestSquidTunnel(t *testing.T) {
	t.Parallel()
	sq := proxylab.StartSquid(t, proxylab.SquidOptions{})
	port, roots := origin(t)
	d := &netdial.Dialer{Proxy: netdial.Fixed(sq.URL())}
	conn, route, err := d.DialTLSRoute(ctxT(t), "127.0.0.1", port)
	if err != nil {
		t.Fatal(err)
	}
	if route.Addr != sq.Addr || route.Proxy != sq.URL().String() {
		t.Fatalf("route = %+v", route)
	}
	chain, body := fetch(t, conn, port, roots)
	if body != "origin says hi" || len(chain) == 0 || !chain[0].Equal(originLeaf(t, roots, chain)) {
		t.Fatalf("body %q, chain %d certs", body, len(chain))
	}
	// Squid writes the access-log line when the tunnel has closed, a
	// moment after the client hung up: wait for it (bounded).
	want := "CONNECT 127.0.0.1:" + strconv.Itoa(port)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(sq.AccessLog(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("squid did not log the tunnel:\n%s", sq.AccessLog())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Squid refuses destinations off loopback (TEST-NET-1, never dialled).
	_, _, err = d.DialTLSRoute(ctxT(t), "192.0.2.1", 443)
	var pe *netdial.ProxyError
	if !errors.As(err, &pe) || pe.StatusCode != http.StatusForbidden {
		t.Fatalf("non-loopback CONNECT: %v, want 403", err)
	}
}

// originLeaf returns the certificate the origin really serves: the
// tunnel must not change it.
func originLeaf(t *testing.T, roots *x509.CertPool, chain []*x509.Certificate) *x509.Certificate {
	t.Helper()
	if _, err := chain[0].Verify(x509.VerifyOptions{Roots: roots}); err != nil {
		t.Fatalf("the tunnelled chain is not the origin's: %v", err)
	}
	return chain[0]
}

func TestSquidLogin(t *testing.T) {
	t.Parallel()
	sq := proxylab.StartSquid(t, proxylab.SquidOptions{User: "alice", Password: "correct horse"})
	port, roots := origin(t)
	for _, tc := range []struct {
		name  string
		proxy *url.URL
	}{
		{"no login", sq.URL()},
		{"wrong password", sq.URLWithLogin("alice", "wrong")},
		{"unknown user", sq.URLWithLogin("mallory", "correct horse")},
	} {
		d := &netdial.Dialer{Proxy: netdial.Fixed(tc.proxy)}
		_, _, err := d.DialTLSRoute(ctxT(t), "127.0.0.1", port)
		var pe *netdial.ProxyError
		if !errors.As(err, &pe) || !pe.NeedsCredentials() || !strings.Contains(pe.Authenticate, "Basic") {
			t.Fatalf("%s: err = %v, want a 407 asking for Basic", tc.name, err)
		}
	}
	d := &netdial.Dialer{Proxy: netdial.Fixed(sq.URLWithLogin("alice", "correct horse"))}
	conn, _, err := d.DialTLSRoute(ctxT(t), "127.0.0.1", port)
	if err != nil {
		t.Fatalf("right login: %v", err)
	}
	if _, body := fetch(t, conn, port, roots); body != "origin says hi" {
		t.Fatalf("body = %q", body)
	}
}

func TestSquidBump(t *testing.T) {
	t.Parallel()
	zscalerLike, err := pki.NewRoot("Zscaler Root CA", pki.Org("Zscaler Inc."))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		ca      *pki.Cert
		product string
		guess   bool
	}{
		{"default lab CA", nil, "Squid", true},
		{"vendor-named CA", zscalerLike, "Zscaler", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sq := proxylab.StartSquid(t, proxylab.SquidOptions{Bump: true, CA: tc.ca})
			port, originRoots := origin(t)
			d := &netdial.Dialer{Proxy: netdial.Fixed(sq.URL())}
			conn, _, err := d.DialTLSRoute(ctxT(t), "127.0.0.1", port)
			if err != nil {
				t.Fatal(err)
			}
			chain, body := fetch(t, conn, port, nil)
			if body != "origin says hi" {
				t.Fatalf("body through the bumping squid = %q", body)
			}
			leaf := chain[0]
			if leaf.Issuer.String() != sq.CA.Cert.Subject.String() {
				t.Fatalf("leaf issuer %q, want the squid CA %q", leaf.Issuer, sq.CA.Cert.Subject)
			}
			if _, err := leaf.Verify(x509.VerifyOptions{Roots: originRoots}); err == nil {
				t.Fatal("the client saw the origin's own certificate: squid did not bump")
			}
			m := interception.Identify(chain)
			if m == nil || m.Product != tc.product || m.Heuristic != tc.guess {
				t.Fatalf("Identify = %+v, want %q", m, tc.product)
			}
			v := interception.ClassifyRoots(nil, chain, sq.CA.Pool(), nil, time.Now())
			if v.Trust != interception.EnterpriseRoot {
				t.Fatalf("ClassifyRoots = %+v, want enterprise-root", v)
			}
			if v := interception.ClassifyRoots(nil, chain, x509.NewCertPool(), nil, time.Now()); v.Trust != interception.Untrusted {
				t.Fatalf("without the CA installed: %+v, want untrusted", v)
			}
		})
	}
}
