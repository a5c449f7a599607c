package probes

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"

	"github.com/certwiz/certwiz/probes/chainverify"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/netdial"
)

// env is what every probe of one run shares: how to reach servers and
// what to trust. It is built once per run.
type env struct {
	cfg    Config
	dialer *netdial.Dialer
	client *http.Client
	roots  *x509.CertPool
	public *x509.CertPool
	// paths remembers path-building answers across the run's probes and
	// targets (one chain is asked about by several of them).
	paths *chainverify.Verifier
	// setupErr is a part of the configuration that could not be loaded
	// (the system trust store); every target reports it as a finding.
	setupErr error
}

func newEnv(cfg Config) *env {
	e := &env{cfg: cfg, dialer: &netdial.Dialer{Resolve: cfg.Resolve, Proxy: cfg.Proxy}, paths: chainverify.New(0)}
	if e.dialer.Proxy == nil {
		e.dialer.Proxy = netdial.FromEnvironment()
	}
	e.client = e.dialer.HTTPClient()
	var err error
	e.roots = cfg.Roots
	if e.roots == nil {
		if e.roots, err = x509.SystemCertPool(); err != nil {
			e.roots = x509.NewCertPool()
			e.setupErr = fmt.Errorf("read the system trust store: %w", err)
		}
	}
	if len(cfg.InstalledRoots) > 0 {
		e.roots = e.roots.Clone() // --roots may share its pool with the public one
		for _, c := range cfg.InstalledRoots {
			e.roots.AddCert(c)
		}
	}
	e.public = cfg.PublicRoots
	if e.public == nil {
		e.public = interception.PublicPool()
	}
	return e
}

// dial adapts netdial to tlsprobe's dial function.
func (e *env) dial(ctx context.Context, host string, port int) (net.Conn, string, string, error) {
	conn, route, err := e.dialer.DialTLSRoute(ctx, host, port)
	return conn, route.Addr, route.Proxy, err
}

// proxyFor names the proxy the targets go through, without credentials.
func (e *env) proxyFor(ts []Target) string {
	if e.dialer.Proxy == nil || len(ts) == 0 {
		return ""
	}
	u := &url.URL{Scheme: "https", Host: net.JoinHostPort(ts[0].Host, strconv.Itoa(ts[0].Port))}
	p, err := e.dialer.Proxy(u)
	if err != nil || p == nil {
		return ""
	}
	return netdial.Redact(p)
}
