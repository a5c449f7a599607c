package report_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/faultlab/ntplab"
	"github.com/certwiz/certwiz/faultlab/portallab"
	"github.com/certwiz/certwiz/faultlab/tlslab"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/netdial"
	"github.com/certwiz/certwiz/report"
)

// labConfig is a runner configuration that reaches loopback only: a dead
// NTP address, a lab portal check that says "online", no proxy, no
// network-context probe, the lab root as the only trust anchor and an
// empty public pool (CT does not apply, so TLS codes stand alone).
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

// addTarget points cfg at srv, its host name resolved to 127.0.0.1.
func addTarget(cfg *probes.Config, srv *tlslab.Server) {
	cfg.Resolve[fmt.Sprintf("%s:%d", srv.Host, srv.Port)] = "127.0.0.1"
	cfg.Targets = append(cfg.Targets, probes.Target{Host: srv.Host, Port: srv.Port})
}

// run runs cfg under a generous outer deadline.
func run(t testing.TB, cfg probes.Config) *probes.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return probes.Run(ctx, cfg, nil)
}

// text renders rep as the doctor-style text in lang.
func text(t testing.TB, rep *probes.Report, lang content.Lang) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteText(&b, rep, lang, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// jsonDoc renders rep as JSON and parses it generically.
func jsonDoc(t testing.TB, rep *probes.Report) (map[string]any, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep, "test"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b.Bytes())
	}
	return doc, b.Bytes()
}

// ids lists the IDs of fs, for failure messages.
func ids(fs []findings.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s(%d,%s,clock=%v)", f.ID, f.Code, f.Severity, f.ClockCaused))
	}
	return out
}

// closedURL returns an http URL on a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/generate_204"
}
