package netctx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/dnslab"
)

var snake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func checkFindings(t *testing.T, fs []findings.Finding) map[string][]findings.Finding {
	t.Helper()
	known := map[string]bool{}
	for _, id := range FindingIDs {
		known[id] = true
	}
	by := map[string][]findings.Finding{}
	for _, f := range fs {
		if !known[f.ID] || f.Code != findings.CodeNone || f.CertIndex != -1 || f.Summary == "" {
			t.Errorf("bad finding %+v", f)
		}
		for _, e := range f.Evidence {
			if !snake.MatchString(e.Label) || e.Value == "" {
				t.Errorf("%s: evidence %+v", f.ID, e)
			}
		}
		by[f.ID] = append(by[f.ID], f)
	}
	return by
}

func TestProbeEndToEnd(t *testing.T) {
	t.Parallel()
	lab, err := dnslab.Start(dnslab.Config{Records: map[string][]string{"zoom.example.com": {"10.0.0.7"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lab.Close() })
	open, closed, deadNTP := tcpListener(t), closedTCPPort(t), freeUDPPort(t)
	stunPort := startSTUN(t).LocalAddr().(*net.UDPAddr).Port
	root := writeTree(t, map[string]string{
		"etc/chrony/chrony.conf":           fmt.Sprintf("server 127.0.0.1 port %d iburst\n", deadNTP),
		"proc/net/route":                   routeHeader + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
		"sys/class/net/eth0/device/vendor": "0x8086\n",
	})
	cfg := Config{
		Targets:       []string{"zoom.example.com"},
		FirstTarget:   "127.0.0.1",
		Ports:         []int{open, closed},
		STUNServer:    fmt.Sprintf("127.0.0.1:%d", stunPort),
		Resolver:      lab.Resolver(),
		LookupTimeout: shortTimeout, PortTimeout: shortTimeout, NTPTimeout: shortTimeout,
		Env: envOf(map[string]string{"HTTPS_PROXY": "http://proxy.corp.example:3128"}),
		FS:  os.DirFS(root),
		RunCommand: fixtureRunner(map[string]string{
			"gsettings get org.gnome.system.proxy mode":       "'manual'\n",
			"gsettings get org.gnome.system.proxy.https host": "'proxy.corp.example'\n",
			"gsettings get org.gnome.system.proxy.https port": "3128\n",
			"ip rule show": "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n",
		}),
		Interfaces: func() ([]Interface, error) {
			return []Interface{
				{Name: "lo", Flags: net.FlagUp | net.FlagLoopback, Addrs: []string{"127.0.0.1/8"}},
				{Name: "eth0", Flags: net.FlagUp, Addrs: []string{"192.168.1.5/24"}},
				{Name: "wg0", Flags: net.FlagUp, Addrs: []string{"10.6.0.2/32"}},
			}, nil
		},
	}
	r := Probe(context.Background(), cfg)

	if !r.VPN.Detected || r.VPN.Interface != "wg0" || r.VPN.FullTunnel == nil || *r.VPN.FullTunnel {
		t.Errorf("vpn = %+v", r.VPN)
	}
	if r.Proxy.System != "proxy.corp.example:3128" || r.Proxy.Source != "gsettings" || !r.Proxy.EnvBypassed {
		t.Errorf("proxy = %+v (the environment proxy never applies to loopback)", r.Proxy)
	}
	if len(r.DNS) != 1 || !r.DNS[0].Suspicious {
		t.Errorf("dns = %+v", r.DNS)
	}
	if state(r.Ports, "tcp", open).State != StateOpen || state(r.Ports, "tcp", closed).State != StateClosed || state(r.Ports, "udp", stunPort).State != StateOpen {
		t.Errorf("ports = %+v", r.Ports)
	}
	if r.SystemNTP.Reachable == nil || *r.SystemNTP.Reachable || !strings.HasPrefix(r.SystemNTP.Source, "chrony: /etc/chrony/chrony.conf") {
		t.Errorf("system ntp = %+v", r.SystemNTP)
	}
	if r.WiFi == nil || *r.WiFi {
		t.Errorf("wifi = %v, want wired", r.WiFi)
	}
	by := checkFindings(t, r.Findings)
	for _, id := range []string{IDVPNSplitTunnel, IDProxyConfigured, IDDNSPrivateAnswer, IDPortBlocked, IDSystemNTPUnreach} {
		if len(by[id]) != 1 {
			t.Errorf("want one %s, got %d (all: %v)", id, len(by[id]), r.Findings)
		}
	}

	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	vpn, _ := doc["vpn"].(map[string]any)
	ntp, _ := doc["system_ntp"].(map[string]any)
	if vpn["detected"] != true || vpn["interface"] != "wg0" || vpn["full_tunnel"] != false ||
		ntp["reachable"] != false || ntp["servers"] == nil || doc["dns"] == nil || doc["ports"] == nil {
		t.Errorf("json = %s", b)
	}
}

func TestProbeBadInputIsUnknownNeverCertain(t *testing.T) {
	t.Parallel()
	garbage := "\x1b[31m\x00garbage\n"
	cfg := Config{
		Ports: []int{}, UDPPorts: []int{},
		FS: fstest.MapFS{
			"etc/chrony/chrony.conf": {Data: []byte(garbage)},
			"proc/net/route":         {Data: []byte(garbage)},
		},
		RunCommand: func(context.Context, string, ...string) ([]byte, error) { return []byte(garbage), nil },
		Interfaces: func() ([]Interface, error) { return nil, errors.New("netlink: permission denied") },
	}
	r := Probe(context.Background(), cfg)
	if r.VPN.Detected || r.VPN.FullTunnel != nil || r.VPN.Err == "" {
		t.Errorf("vpn = %+v", r.VPN)
	}
	if r.Proxy.System != "" || r.Proxy.Err == "" {
		t.Errorf("proxy = %+v", r.Proxy)
	}
	if r.SystemNTP.Reachable != nil || len(r.SystemNTP.Servers) != 0 || r.SystemNTP.Err == "" {
		t.Errorf("ntp = %+v", r.SystemNTP)
	}
	if r.WiFi != nil {
		t.Error("wifi claimed")
	}
	by := checkFindings(t, r.Findings)
	for _, id := range []string{IDVPNUnknown, IDProxyUnknown, IDSystemNTPUnknown} {
		if len(by[id]) != 1 || by[id][0].Severity != findings.Unknown {
			t.Errorf("want one Unknown %s: %+v", id, by[id])
		}
	}

	// Interfaces fine but the routing table unreadable: tunnel seen, routing unknown.
	cfg.Interfaces = func() ([]Interface, error) { return []Interface{{Name: "tun0", Flags: net.FlagUp}}, nil }
	r = Probe(context.Background(), cfg)
	if !r.VPN.Detected || r.VPN.FullTunnel != nil || !strings.Contains(r.VPN.Err, "default route is unknown") {
		t.Errorf("vpn = %+v", r.VPN)
	}
	if by := checkFindings(t, r.Findings); len(by[IDVPNDetected]) != 1 {
		t.Errorf("findings = %+v", r.Findings)
	}
}

func TestProbeSkipSystemAndEmpty(t *testing.T) {
	t.Parallel()
	r := Probe(context.Background(), Config{SkipSystem: true, UDPPorts: []int{}})
	if r == nil || len(r.Findings) != 0 || len(r.Ports) != 0 || r.DNS == nil || r.SystemNTP.Servers == nil {
		t.Fatalf("got %+v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r = Probe(ctx, Config{SkipSystem: true, Targets: []string{"zoom.example.com"}, FirstTarget: "127.0.0.1", Ports: []int{closedTCPPort(t)}, UDPPorts: []int{}})
	if len(r.DNS) != 1 || r.DNS[0].Err == "" || r.Ports[0].State == StateOpen {
		t.Fatalf("cancelled probe claimed success: %+v", r)
	}
}

func BenchmarkNetctxProbe(b *testing.B) {
	lab, err := dnslab.Start(dnslab.Config{Records: map[string][]string{"zoom.example.com": {"10.0.0.7"}, "eu.example.com": {"93.184.216.34"}}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = lab.Close() })
	stunPort := startSTUN(b).LocalAddr().(*net.UDPAddr).Port
	cfg := Config{
		Targets: []string{"zoom.example.com", "eu.example.com"}, FirstTarget: "127.0.0.1",
		Ports: []int{tcpListener(b), closedTCPPort(b)}, STUNServer: fmt.Sprintf("127.0.0.1:%d", stunPort),
		Resolver: lab.Resolver(), SkipSystem: true, Env: envOf(nil),
	}
	b.ResetTimer()
	for b.Loop() {
		if r := Probe(context.Background(), cfg); len(r.Ports) == 0 {
			b.Fatal("no ports")
		}
	}
}
