// Package loopback builds runner configurations for tests that can reach
// nothing but this machine: lab TLS servers resolved to 127.0.0.1, a dead
// NTP address, a lab portal that says "online", no proxy, and no
// network-context probe (it reads the real system's settings).
package loopback

import (
	"context"
	"crypto/x509"
	"fmt"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/netdial"
)

// Config is a runner configuration that reaches loopback only, with the
// lab root as the only trust anchor and an empty public pool (CT does not
// apply, so the TLS codes stand alone). Tests change what they study.
func Config(t testing.TB, lab *tlslab.Lab) probes.Config {
	t.Helper()
	return probes.Config{
		Roots:       lab.Roots(),
		PublicRoots: x509.NewCertPool(),
		NTPServers:  []string{ntplab.DeadAddr(t)},
		CaptiveURL:  portallab.Start(t, portallab.Online).URL,
		Resolve:     map[string]string{},
		Proxy:       netdial.Fixed(nil),
		SkipNetwork: true,
		Timeout:     5 * time.Second,
	}
}

// AddTarget points cfg at srv, its host name resolved to 127.0.0.1, and
// returns the target.
func AddTarget(cfg *probes.Config, srv *tlslab.Server) probes.Target {
	t := probes.Target{Host: srv.Host, Port: srv.Port}
	if cfg.Resolve == nil {
		cfg.Resolve = map[string]string{}
	}
	cfg.Resolve[fmt.Sprintf("%s:%d", srv.Host, srv.Port)] = "127.0.0.1"
	cfg.Targets = append(cfg.Targets, t)
	return t
}

// Run runs cfg under a generous outer deadline (the budget inside cfg is
// what the test studies; this only stops a broken run from hanging).
func Run(t testing.TB, cfg probes.Config, onEvent func(probes.Event)) *probes.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return probes.Run(ctx, cfg, onEvent)
}
