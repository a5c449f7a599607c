package probes

import (
	"crypto/x509"
	"net/url"
	"time"

	"github.com/certwiz/certwiz/target"

	"github.com/google/certificate-transparency-go/loglist3"
)

// DefaultTimeout is the total budget of a check.
const DefaultTimeout = 10 * time.Second

// Target is one HOST:PORT to check (package target's).
type Target = target.Target

// ParseTarget reads a HOST[:PORT] as people name it; see target.Parse.
func ParseTarget(s string) (Target, error) { return target.Parse(s) }

// Config says what a check probes and how.
type Config struct {
	// Targets are probed in order; results keep that order.
	Targets []Target
	// Roots is the trust store verdicts are made against; nil means the
	// system pool.
	Roots *x509.CertPool
	// PublicRoots is the public Web PKI pool (CT policy, interception
	// comparison); nil means the bundled public roots, or Roots when
	// RootsReplacePublic is set.
	PublicRoots *x509.CertPool
	// InstalledRoots are roots the machine's owner or IT installed
	// (--installed-roots): trusted in addition to Roots, never public, so
	// no CT requirement applies and chains to them are reported as a
	// locally deployed root.
	InstalledRoots []*x509.Certificate
	// NTPServers replaces the clock probe's default servers when not empty.
	NTPServers []string
	// CaptiveURL replaces the captive-portal check URL when not empty.
	CaptiveURL string
	// Resolve maps "host:port" to an IP address, as curl's --resolve.
	Resolve map[string]string
	// Proxy picks the proxy for a request URL; nil reads the environment.
	Proxy func(*url.URL) (*url.URL, error)
	// CTLogs replaces the embedded CT log list when not nil.
	CTLogs *loglist3.LogList
	// STUNServer enables the UDP port test against a STUN server.
	STUNServer string
	// MaxConcurrentTargets bounds how many targets are probed at once;
	// zero means DefaultTargetConcurrency.
	MaxConcurrentTargets int
	// Timeout is the total budget; zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the local clock; nil means time.Now.
	Now func() time.Time
	// BuildTime bounds the clock when no time source answers.
	BuildTime time.Time
	// SkipNetwork, SkipCaptive and SkipClock leave a probe out.
	SkipNetwork, SkipCaptive, SkipClock bool
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}
