// Package tlslab starts real TLS servers on 127.0.0.1, one per named
// fault scenario (expired leaf, unknown CA, missing intermediate, plain
// HTTP on the TLS port, a server that never answers...), all issued under
// one generated test root so a test trusts exactly that root.
//
// Tests use New(tb); programs (the tmux end-to-end test's fault server)
// use Open and Close. Servers listen on ephemeral loopback ports only.
package tlslab

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// DefaultHost is the name every scenario's certificate is issued for
// (except WrongHost). Point it at 127.0.0.1 with --resolve.
const DefaultHost = "zoom.test"

// Lab is one test PKI and the servers started from it.
type Lab struct {
	// Root is the trusted test root; Intermediate is the CA it certifies
	// that issues the scenario leaves.
	Root, Intermediate *pki.Cert
	// Untrusted is a second root, not in Roots, for UnknownCA.
	Untrusted, UntrustedIntermediate *pki.Cert

	mu      sync.Mutex
	servers []*Server
	closed  bool
}

// Open generates a fresh test PKI. Call Close to stop every server.
func Open() (*Lab, error) {
	// CAs are backdated so scenarios with old leaves and intermediates
	// still chain to a root that was valid at the time.
	long := pki.Valid(time.Now().Add(-5*365*24*time.Hour), time.Now().Add(10*365*24*time.Hour))
	root, err := pki.NewRoot("certwiz Lab Root", long)
	if err != nil {
		return nil, fmt.Errorf("tlslab root: %w", err)
	}
	inter, err := root.Intermediate("certwiz Lab Issuing CA", long)
	if err != nil {
		return nil, fmt.Errorf("tlslab intermediate: %w", err)
	}
	other, err := pki.NewRoot("Unknown Lab Root", long)
	if err != nil {
		return nil, fmt.Errorf("tlslab untrusted root: %w", err)
	}
	otherInter, err := other.Intermediate("Unknown Lab Issuing CA", long)
	if err != nil {
		return nil, fmt.Errorf("tlslab untrusted intermediate: %w", err)
	}
	return &Lab{Root: root, Intermediate: inter, Untrusted: other, UntrustedIntermediate: otherInter}, nil
}

// New is Open for tests: it fails tb on error and closes the lab (and
// every server it started) when the test ends.
func New(tb testing.TB) *Lab {
	tb.Helper()
	l, err := Open()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = l.Close() })
	return l
}

// Roots returns a pool holding only the lab's trusted root.
func (l *Lab) Roots() *x509.CertPool { return l.Root.Pool() }

// RootPEM returns the trusted root certificate, PEM-encoded.
func (l *Lab) RootPEM() []byte { return l.Root.PEM() }

// WriteRootPEM writes the trusted root to path (mode 0644).
func (l *Lab) WriteRootPEM(path string) error {
	if err := os.WriteFile(path, l.Root.PEM(), 0o644); err != nil {
		return fmt.Errorf("write lab root: %w", err)
	}
	return nil
}

// Serve starts scenario s and fails tb if it cannot; the server closes
// with the lab.
func (l *Lab) Serve(tb testing.TB, s Scenario, opts ...Option) *Server {
	tb.Helper()
	srv, err := l.Start(s, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return srv
}

// Start starts a server for scenario s on 127.0.0.1 with an ephemeral
// port. It stays up until its Close or the lab's Close.
func (l *Lab) Start(s Scenario, opts ...Option) (*Server, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	srv, err := l.start(s, &o)
	if err != nil {
		return nil, fmt.Errorf("tlslab %s: %w", s, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		_ = srv.Close()
		return nil, errors.New("tlslab: lab is closed")
	}
	l.servers = append(l.servers, srv)
	return srv, nil
}

// Close stops every server the lab started.
func (l *Lab) Close() error {
	l.mu.Lock()
	servers := l.servers
	l.servers, l.closed = nil, true
	l.mu.Unlock()
	var errs []error
	for _, s := range servers {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}
