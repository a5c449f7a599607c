package netctx

import (
	"context"
	"net/netip"
	"slices"
	"testing"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/dnslab"
)

func TestDNSAgainstRealResolver(t *testing.T) {
	t.Parallel()
	lab, err := dnslab.Start(dnslab.Config{
		Records: map[string][]string{
			"zoom.example.com":    {"10.20.30.40"},
			"portal.example.net":  {"100.64.1.1"},
			"fine.example.org":    {"93.184.216.34", "2606:2800:220:1::1"},
			"printer.office.corp": {"192.168.1.9"},
		},
		Silent: []string{"silent.example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lab.Close() })
	cfg := Config{
		Targets:       []string{"zoom.example.com", "portal.example.net", "fine.example.org", "printer.office.corp", "gone.example.com", "silent.example.com"},
		Resolver:      lab.Resolver(),
		LookupTimeout: shortTimeout,
	}
	got := lookup(context.Background(), &cfg, cfg.Targets)
	by := map[string]DNSAnswer{}
	for _, a := range got {
		by[a.Host] = a
	}
	if a := by["zoom.example.com"]; !a.Suspicious || a.Reason != "private" || !slices.Equal(a.Addrs, []string{"10.20.30.40"}) {
		t.Errorf("private answer: %+v", a)
	}
	if a := by["portal.example.net"]; !a.Suspicious || a.Reason != "shared (CGNAT)" {
		t.Errorf("CGNAT answer: %+v", a)
	}
	if a := by["fine.example.org"]; a.Suspicious || a.Err != "" || len(a.Addrs) != 2 {
		t.Errorf("public answer: %+v", a)
	}
	if a := by["printer.office.corp"]; a.Suspicious || a.Err != "" {
		t.Errorf("internal name with a private answer is normal: %+v", a)
	}
	if a := by["gone.example.com"]; !a.NotFound || a.Timeout || a.Err == "" {
		t.Errorf("NXDOMAIN: %+v", a)
	}
	if a := by["silent.example.com"]; !a.Timeout || a.NotFound {
		t.Errorf("timeout: %+v", a)
	}

	fs := buildFindings(&Result{DNS: got})
	ids := map[string][]findings.Finding{}
	for _, f := range fs {
		if f.Code != findings.CodeNone {
			t.Errorf("finding %s has code %d", f.ID, f.Code)
		}
		ids[f.ID] = append(ids[f.ID], f)
	}
	if p := ids[IDDNSPrivateAnswer]; len(p) != 2 || p[0].Value("host") != "zoom.example.com" || p[0].Value("addresses") != "10.20.30.40" {
		t.Errorf("private-answer findings: %+v", p)
	}
	failures := map[string]string{}
	for _, f := range ids[IDDNSFailed] {
		failures[f.Value("host")] = f.Value("failure")
	}
	if failures["gone.example.com"] != "nxdomain" || failures["silent.example.com"] != "timeout" || len(failures) != 2 {
		t.Errorf("failure findings: %v", failures)
	}
}

func TestClassifyAddrAndPublicNames(t *testing.T) {
	t.Parallel()
	addrs := map[string]string{
		"10.1.1.1": "private", "172.16.0.1": "private", "192.168.0.1": "private", "fd12::1": "private",
		"100.64.0.1": "shared (CGNAT)", "100.127.255.255": "shared (CGNAT)", "100.128.0.1": "",
		"127.0.0.1": "loopback", "::1": "loopback", "169.254.1.1": "link-local", "fe80::1": "link-local",
		"0.0.0.0": "unspecified", "::": "unspecified", "::ffff:10.0.0.1": "private",
		"198.18.0.5": "benchmarking (fake-IP proxies)", "8.8.8.8": "", "2001:4860::8888": "",
	}
	for a, want := range addrs {
		if got := classifyAddr(netip.MustParseAddr(a)); got != want {
			t.Errorf("classifyAddr(%s) = %q, want %q", a, got, want)
		}
	}
	names := map[string]bool{
		"zoom.us": true, "ZOOM.US.": true, "a.b.example.com": true,
		"localhost": false, "intranet": false, "nas.local": false, "x.home.arpa": false, "srv.corp": false,
		"10.0.0.1": false, "::1": false, "": false,
	}
	for n, want := range names {
		if got := isPublicName(n); got != want {
			t.Errorf("isPublicName(%q) = %v, want %v", n, got, want)
		}
	}
}
