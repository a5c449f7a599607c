// Package oldtls starts Debian's openssl s_server and gnutls-serv on
// 127.0.0.1 for what Go's TLS server cannot serve: RC4, 3DES and NULL
// suites, finite-field DHE with a chosen group size. Tests skip (or fail
// under CI) when the tools are missing; servers stop with the test.
package oldtls

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// Server is one running openssl or gnutls server.
type Server struct {
	Addr string
	Port int
	cmd  *exec.Cmd
	log  *bytes.Buffer
}

// OpenSSL serves cert (with its issuers, root excluded) with
// `openssl s_server`, adding args (for example "-cipher",
// "NULL-SHA256:@SECLEVEL=0", "-tls1_2").
func OpenSSL(tb testing.TB, cert *pki.Cert, args ...string) *Server {
	tb.Helper()
	bin := faultlab.Tool(tb, "openssl", "openssl")
	leaf, chain, _, key := writeFiles(tb, cert)
	return start(tb, func(port int) *exec.Cmd {
		a := []string{"s_server", "-accept", "127.0.0.1:" + strconv.Itoa(port), "-cert", leaf, "-key", key, "-quiet", "-naccept", "1000"}
		if chain != "" {
			a = append(a, "-cert_chain", chain)
		}
		return exec.Command(bin, append(a, args...)...)
	})
}

// GnuTLS serves cert with gnutls-serv under the priority string (for
// example "NONE:+VERS-TLS1.2:+ARCFOUR-128:+RSA:+SHA1:+SIGN-ALL:+COMP-NULL:+GROUP-ALL").
func GnuTLS(tb testing.TB, cert *pki.Cert, priority string) *Server {
	tb.Helper()
	bin := faultlab.Tool(tb, "gnutls-serv", "gnutls-bin")
	_, _, full, key := writeFiles(tb, cert)
	return start(tb, func(port int) *exec.Cmd {
		return exec.Command(bin, "--x509certfile", full, "--x509keyfile", key, "-p", strconv.Itoa(port), "--priority", priority)
	})
}

// DHParams writes finite-field DH parameters of bits to a file and
// returns its path (openssl dhparam; 1024 bits take about a second).
func DHParams(tb testing.TB, bits int) string {
	tb.Helper()
	bin := faultlab.Tool(tb, "openssl", "openssl")
	p := filepath.Join(tb.TempDir(), "dh.pem")
	if out, err := exec.Command(bin, "dhparam", "-out", p, strconv.Itoa(bits)).CombinedOutput(); err != nil {
		tb.Fatalf("openssl dhparam: %v: %s", err, out)
	}
	return p
}

// writeFiles writes PEM files: the leaf alone, its issuers up to but not
// including the root ("" when there are none), leaf and issuers
// together, and the key.
func writeFiles(tb testing.TB, cert *pki.Cert) (leaf, chain, full, key string) {
	tb.Helper()
	dir := tb.TempDir()
	var issuers []byte
	for x := cert.Issuer; x != nil && x.Issuer != nil; x = x.Issuer {
		issuers = append(issuers, x.PEM()...)
	}
	kp, err := cert.KeyPEM()
	if err != nil {
		tb.Fatal(err)
	}
	leaf, key = filepath.Join(dir, "leaf.pem"), filepath.Join(dir, "key.pem")
	must(tb, os.WriteFile(leaf, cert.PEM(), 0o600))
	must(tb, os.WriteFile(key, kp, 0o600))
	if len(issuers) > 0 {
		chain = filepath.Join(dir, "chain.pem")
		must(tb, os.WriteFile(chain, issuers, 0o600))
	}
	full = filepath.Join(dir, "full.pem")
	must(tb, os.WriteFile(full, append(cert.PEM(), issuers...), 0o600))
	return leaf, chain, full, key
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// start picks a free port, starts the command and waits until the port
// accepts connections.
func start(tb testing.TB, mk func(port int) *exec.Cmd) *Server {
	tb.Helper()
	for attempt := 0; attempt < 3; attempt++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		_ = ln.Close()
		s := &Server{Addr: "127.0.0.1:" + strconv.Itoa(port), Port: port, cmd: mk(port), log: &bytes.Buffer{}}
		s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
		if err := s.cmd.Start(); err != nil {
			tb.Fatalf("start %s: %v", s.cmd.Path, err)
		}
		exited := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(exited) }()
		tb.Cleanup(func() {
			_ = s.cmd.Process.Kill()
			<-exited
		})
		if s.ready(exited) {
			return s
		}
		_ = s.cmd.Process.Kill()
		<-exited
	}
	tb.Fatal("oldtls: the server did not start")
	return nil
}

func (s *Server) ready(exited <-chan struct{}) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		default:
		}
		c, err := net.DialTimeout("tcp", s.Addr, 200*time.Millisecond)
		if err == nil {
			_ = c.Close()
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// String describes the server for test failures.
func (s *Server) String() string { return fmt.Sprintf("%s (%s)", s.Addr, s.cmd.Path) }
