package tlslab

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// handshake connects to srv verifying against the lab root as host.
func handshake(srv *Server, roots *x509.CertPool, cfg *tls.Config) (*tls.Conn, error) {
	if cfg == nil {
		cfg = &tls.Config{RootCAs: roots, ServerName: srv.Host}
	}
	d := &net.Dialer{Timeout: 5 * time.Second}
	return tls.DialWithDialer(d, "tcp", srv.Addr, cfg)
}

func TestEveryScenarioStartsOnLoopback(t *testing.T) {
	t.Parallel()
	lab := New(t)
	for _, s := range Scenarios {
		srv := lab.Serve(t, s)
		host, _, err := net.SplitHostPort(srv.Addr)
		if err != nil || host != "127.0.0.1" || srv.Port == 0 {
			t.Fatalf("%s listens on %q", s, srv.Addr)
		}
		if srv.HostPort() != net.JoinHostPort(DefaultHost, srv.Addr[len("127.0.0.1:"):]) {
			t.Fatalf("%s HostPort = %q", s, srv.HostPort())
		}
	}
	if _, err := lab.Start("no-such-scenario"); err == nil {
		t.Fatal("unknown scenario started")
	}
}

func TestValidVerifiesAndServesHTTPS(t *testing.T) {
	t.Parallel()
	lab := New(t)
	srv := lab.Serve(t, Valid)
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: lab.Roots(), ServerName: DefaultHost},
	}}
	t.Cleanup(client.CloseIdleConnections)
	resp, err := client.Get("https://" + srv.Addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode != 200 || resp.Header.Get("Date") == "" || !strings.Contains(string(body), "valid") {
		t.Fatalf("status %d date %q body %q", resp.StatusCode, resp.Header.Get("Date"), body)
	}
}

func TestScenariosFailVerificationAsIntended(t *testing.T) {
	t.Parallel()
	lab := New(t)
	tests := map[Scenario]func(error) bool{
		Expired:             isInvalid(x509.Expired),
		NotYetValid:         isInvalid(x509.Expired),
		ExpiredIntermediate: isInvalid(x509.Expired),
		ClientAuthOnly:      isInvalid(x509.IncompatibleUsage),
		WrongHost:           func(err error) bool { var e x509.HostnameError; return errors.As(err, &e) },
		UnknownCA:           isUnknownAuthority,
		SelfSigned:          isUnknownAuthority,
		MissingIntermediate: isUnknownAuthority,
	}
	for s, want := range tests {
		t.Run(string(s), func(t *testing.T) {
			t.Parallel()
			srv := lab.Serve(t, s)
			c, err := handshake(srv, lab.Roots(), nil)
			if err == nil {
				_ = c.Close()
				t.Fatal("handshake verified")
			}
			if !want(err) {
				t.Fatalf("wrong failure: %v", err)
			}
		})
	}
}

func isInvalid(reason x509.InvalidReason) func(error) bool {
	return func(err error) bool {
		var e x509.CertificateInvalidError
		return errors.As(err, &e) && e.Reason == reason
	}
}

func isUnknownAuthority(err error) bool {
	var e x509.UnknownAuthorityError
	return errors.As(err, &e)
}

func TestProtocolScenarios(t *testing.T) {
	t.Parallel()
	lab := New(t)
	insecure := func(min, max uint16) *tls.Config {
		return &tls.Config{InsecureSkipVerify: true, MinVersion: min, MaxVersion: max}
	}
	t.Run("TLS 1.0 only", func(t *testing.T) {
		srv := lab.Serve(t, TLS10Only)
		if c, err := handshake(srv, nil, insecure(tls.VersionTLS12, tls.VersionTLS13)); err == nil {
			_ = c.Close()
			t.Fatal("TLS10Only accepted TLS 1.2")
		}
		c, err := handshake(srv, nil, insecure(tls.VersionTLS10, tls.VersionTLS13))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if v := c.ConnectionState().Version; v != tls.VersionTLS10 {
			t.Fatalf("negotiated %x", v)
		}
	})
	t.Run("handshake abort sends an alert", func(t *testing.T) {
		srv := lab.Serve(t, HandshakeAbort)
		_, err := handshake(srv, nil, insecure(0, 0))
		if err == nil || !strings.Contains(err.Error(), "handshake failure") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("plain HTTP", func(t *testing.T) {
		srv := lab.Serve(t, PlainHTTP)
		_, err := handshake(srv, nil, insecure(0, 0))
		var rhe tls.RecordHeaderError
		if !errors.As(err, &rhe) || string(rhe.RecordHeader[:]) != "HTTP/" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("blackhole stays silent until closed", func(t *testing.T) {
		srv, err := lab.Start(Blackhole)
		if err != nil {
			t.Fatal(err)
		}
		c, err := net.Dial("tcp", srv.Addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		var ne net.Error
		if _, err := c.Read(make([]byte, 1)); !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("blackhole answered: %v", err)
		}
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil || errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("connection not dropped by Close: %v", err)
		}
	})
}

func TestStapleAndSCTsAreServed(t *testing.T) {
	t.Parallel()
	lab := New(t)
	var sawLeaf bool
	srv := lab.Serve(t, Valid,
		WithOCSPStapleFunc(func(leaf *pki.Cert) ([]byte, error) {
			sawLeaf = leaf != nil && leaf.Issuer != nil
			return []byte("ocsp"), nil
		}),
		WithSCTs([]byte("a"), []byte("b")))
	c, err := handshake(srv, lab.Roots(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cs := c.ConnectionState()
	if string(cs.OCSPResponse) != "ocsp" || len(cs.SignedCertificateTimestamps) != 2 || !sawLeaf {
		t.Fatalf("staple %q scts %q leaf %v", cs.OCSPResponse, cs.SignedCertificateTimestamps, sawLeaf)
	}
}

func TestRootPEMAndClose(t *testing.T) {
	t.Parallel()
	lab, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "root.pem")
	if err := lab.WriteRootPEM(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatal("root file is not a PEM certificate")
	}
	root, err := x509.ParseCertificate(block.Bytes)
	if err != nil || !root.Equal(lab.Root.Cert) {
		t.Fatalf("root file holds another certificate: %v", err)
	}
	srv, err := lab.Start(Valid)
	if err != nil {
		t.Fatal(err)
	}
	if err := lab.Close(); err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", srv.Addr, 5*time.Second); err == nil {
		_ = c.Close()
		t.Fatal("server still listening after lab.Close")
	}
	if _, err := lab.Start(Valid); err == nil {
		t.Fatal("closed lab started a server")
	}
}
