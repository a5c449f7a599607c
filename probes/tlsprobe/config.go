package tlsprobe

import (
	"context"
	"crypto/x509"
	"net"
	"net/http"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
)

// MaxChain is the longest verified path, leaf to trust anchor, that
// verifiers accept; a longer path that does reach a trusted root is a
// code-100 finding ("chain too long"), not an untrusted issuer.
const MaxChain = 10

// maxPresented bounds how many presented certificates Probe keeps.
const maxPresented = 32

// DialFunc opens the TCP path to host:port, directly or through a proxy.
// It returns the connection, the address TCP connected to, and the proxy
// URL used ("" when direct). A non-empty proxy with an error means the
// proxy failed.
type DialFunc func(ctx context.Context, host string, port int) (conn net.Conn, addr, proxy string, err error)

// Config says which target to probe and against what.
type Config struct {
	// Host is the name to check (sent as SNI unless it is an IP literal);
	// Port its TCP port.
	Host string
	Port int
	// Dial opens the TCP path; nil means a plain net.Dialer to Host:Port.
	// The runner adapts netdial to it, so tlsprobe does not import netdial.
	Dial DialFunc
	// Roots is the trust store the chain is judged against; nil means the
	// system pool.
	Roots *x509.CertPool
	// PublicRoots is the public Web PKI pool. Probe does not use it; it is
	// carried for the runner's other analyses of the same target.
	PublicRoots *x509.CertPool
	// Now is the local clock; nil means time.Now.
	Now func() time.Time
	// AIAClient fetches missing intermediates from caIssuers URLs (the
	// runner's client, so the proxy and --resolve apply); nil disables
	// AIA completion. It is used only when a chain is incomplete.
	AIAClient *http.Client
	// Paths remembers path-building answers for the whole run, so the
	// runner's other analyses of this chain (the pools, revocation, CT)
	// and the clock comparison reuse this probe's; nil verifies every
	// time.
	Paths *chainverify.Verifier
}

// Result is what one probe of a target established.
type Result struct {
	Host string
	Port int
	// Addr is what TCP connected to; Proxy the proxy URL or "".
	Addr, Proxy string
	// Chain is the presented chain, leaf first, at most 32 long; Sent is
	// how many certificates the server sent.
	Chain []*x509.Certificate
	Sent  int
	// Fetched are the intermediates AIA completion fetched (each the
	// issuer of the one before); nil when the chain was complete.
	Fetched []*x509.Certificate
	// DHBits is the finite-field DH group size when the raw handshake saw
	// a DHE key exchange, else 0.
	DHBits int
	// Version and CipherSuite were negotiated (0 when the handshake failed).
	Version, CipherSuite uint16
	// StapledOCSP is the stapled OCSP response; SCTs the TLS-extension SCTs.
	StapledOCSP []byte
	SCTs        [][]byte
	// Findings are every fault found, ranked by findings.Sort. Empty means
	// the target is fine.
	Findings []findings.Finding
	Duration time.Duration
	// Err is the connection or handshake error, nil when the handshake
	// completed (certificate faults are findings, not errors).
	Err error
	// LocalTime is the local clock reading the dates were judged at.
	LocalTime time.Time

	budget     time.Duration         // the time ctx allowed when Probe started
	unreadable int                   // sent certificates that could not be parsed
	paths      *chainverify.Verifier // the run's path memory (Config.Paths)
}
