package probes_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"testing"
	"time"

	"github.com/certwiz/certwiz/faultlab/ntplab"
	"github.com/certwiz/certwiz/faultlab/portallab"
	"github.com/certwiz/certwiz/faultlab/tlslab"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/netdial"
)

// labConfig is a runner configuration that can only reach loopback: no
// public NTP, no public portal check, no proxy from the environment, no
// network-context probe, the lab root as the only trust anchor and an
// empty public pool (so CT does not apply and TLS codes stand alone).
func labConfig(t testing.TB, lab *tlslab.Lab) probes.Config {
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

// addTarget points cfg at srv (its host name resolved to 127.0.0.1) and
// returns the target.
func addTarget(cfg *probes.Config, srv *tlslab.Server) probes.Target {
	t := probes.Target{Host: srv.Host, Port: srv.Port}
	cfg.Resolve[fmt.Sprintf("%s:%d", srv.Host, srv.Port)] = "127.0.0.1"
	cfg.Targets = append(cfg.Targets, t)
	return t
}

// run runs cfg under a generous outer deadline.
func run(t testing.TB, cfg probes.Config, onEvent func(probes.Event)) *probes.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return probes.Run(ctx, cfg, onEvent)
}

// ids lists the IDs of fs, for failure messages.
func ids(fs []findings.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s(%d,%s)", f.ID, f.Code, f.Severity))
	}
	return out
}

// hasID reports whether fs holds a finding with id.
func hasID(fs []findings.Finding, id string) bool {
	for _, f := range fs {
		if f.ID == id {
			return true
		}
	}
	return false
}
