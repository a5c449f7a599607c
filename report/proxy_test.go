package report_test

import (
	"crypto/x509"
	"fmt"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/verdict"

	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/proxylab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/netdial"
)

// TestProxyLoginRefused: the proxy wants a login the configuration does
// not have. The target reports the proxy, and the JSON names the proxy
// without the credentials.
func TestProxyLoginRefused(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	proxy, err := proxylab.StartConnect(proxylab.ConnectOptions{
		User: "agent", Password: "right-password",
		Hosts: map[string]string{tlslab.DefaultHost: "127.0.0.1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Close() })
	cfg := loopback.Config(t, lab)
	cfg.SkipClock, cfg.SkipCaptive = true, true
	cfg.Proxy = netdial.Fixed(proxy.URLWithLogin("agent", "wrong-password"))
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))

	rep := loopback.Run(t, cfg, nil)
	tr := rep.Targets[0]
	if len(tr.Findings) == 0 || tr.Findings[0].ID != "tls.proxy-login" {
		t.Fatalf("findings %v, want tls.proxy-login first", ids(tr.Findings))
	}
	if _, notTested := tr.NotTested(); !notTested || tr.Code() != 0 {
		t.Errorf("a 407 must leave the target not tested with no code: code %d", tr.Code())
	}
	if proxy.Connects() == 0 || proxy.Tunnels() != 0 {
		t.Errorf("proxy saw %d CONNECTs and opened %d tunnels", proxy.Connects(), proxy.Tunnels())
	}
	if got := diagnosis.Decide(rep, verdict.Answers{}).Status; got != verdict.StatusUnknown {
		t.Errorf("exit status %d, want 3 (the target could not be tested)", got)
	}
	doc, raw := jsonDoc(t, rep)
	tg := doc["targets"].([]any)[0].(map[string]any)
	if msg, _ := tg["error"].(string); tg["code"] != 0.0 || tg["tested"] != false || !strings.Contains(msg, "asks for a login") {
		t.Errorf("JSON target code %v tested %v error %q, want 0, false and the login in words", tg["code"], tg["tested"], msg)
	}
	want := proxy.URL().String()
	if got := doc["network"].(map[string]any)["proxy"]; got != want {
		t.Errorf("network.proxy = %v, want %s", got, want)
	}
	if strings.Contains(string(raw), "wrong-password") {
		t.Error("the JSON leaks the proxy password")
	}
}

// squidCA is a bump CA named like Zscaler's, so the product table knows it.
func squidCA(t *testing.T) *pki.Cert {
	t.Helper()
	ca, err := pki.NewRoot("Zscaler Root CA", pki.Org("Zscaler Inc."))
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

// TestSquidBumpNamesTheProduct: real squid re-signs the target's chain
// with a Zscaler-named CA. The target names the product; with that CA
// deployed as an enterprise root the cause is interception.
func TestSquidBumpNamesTheProduct(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	sq := proxylab.StartSquid(t, proxylab.SquidOptions{Bump: true, CA: squidCA(t)})
	srv := lab.Serve(t, tlslab.Valid)
	// squid resolves names itself: give it the IP literal the leaf covers.
	target := probes.Target{Host: "127.0.0.1", Port: srv.Port}

	for name, tc := range map[string]struct {
		roots     func() *x509.CertPool
		wantCodes string
		wantCause verdict.Cause
	}{
		// The CA is deployed on the machine (a managed office device).
		"enterprise root": {func() *x509.CertPool {
			p := lab.Roots()
			p.AddCert(sq.CA.Cert)
			return p
		}, "[]", verdict.CauseNone}, // no fault: the interception is information only
		// The CA is not trusted here: the certificate fails as code 6,
		// and the named product still explains it.
		"not deployed": {lab.Roots, "[untrusted-issuer]", verdict.CauseInterceptionOffice},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := loopback.Config(t, lab)
			cfg.SkipClock, cfg.SkipCaptive = true, true
			cfg.Roots = tc.roots()
			cfg.Proxy = netdial.Fixed(sq.URL())
			cfg.Targets = []probes.Target{target}
			rep := loopback.Run(t, cfg, nil)
			tr := rep.Targets[0]
			if tr.Interceptor == nil || tr.Interceptor.Product != "Zscaler" {
				t.Fatalf("interceptor %+v; findings %v\nsquid log:\n%s", tr.Interceptor, ids(tr.Findings), sq.AccessLog())
			}
			if tr.TLS == nil || tr.TLS.Proxy != sq.URL().String() {
				t.Errorf("route proxy %q, want %s", tr.TLS.Proxy, sq.URL())
			}
			doc, _ := jsonDoc(t, rep)
			tg := doc["targets"].([]any)[0].(map[string]any)
			if tg["interceptor"] != "Zscaler" {
				t.Errorf("JSON interceptor = %v", tg["interceptor"])
			}
			if d := diagnosis.Decide(rep, verdict.Answers{}); d.Cause != tc.wantCause {
				t.Errorf("cause %q, want %q; findings %v", d.Cause, tc.wantCause, ids(tr.Findings))
			}
			if got := fmt.Sprint(tr.Codes()); got != tc.wantCodes {
				t.Errorf("codes %s, want %s; findings %v", got, tc.wantCodes, ids(tr.Findings))
			}
		})
	}
}
