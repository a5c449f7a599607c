package netctx

import (
	"net"
	"testing"
)

func TestScutilProxy(t *testing.T) {
	t.Parallel()
	got, err := parseScutilProxy(readFixture(t, "scutil-proxy.txt"))
	want := ProxyInfo{Source: "scutil", System: "proxy.corp.example:3129", PAC: "http://wpad.corp.example/proxy.pac", WPAD: true}
	if err != nil || got != want {
		t.Fatalf("got %+v %v, want %+v", got, err, want)
	}
	got, err = parseScutilProxy(readFixture(t, "scutil-proxy-none.txt"))
	if err != nil || got != (ProxyInfo{Source: "scutil"}) {
		t.Fatalf("none: %+v %v", got, err)
	}
	for _, bad := range []string{
		"",
		"No such key\n",
		"<dictionary> {\n  HTTPSEnable : 1\n  HTTPSProxy : p.example\n  HTTPSPort : many\n}\n",
		"<dictionary> {\n  ProxyAutoConfigEnable : 1\n}\n",
	} {
		got, err := parseScutilProxy(bad)
		if err == nil {
			t.Errorf("%q accepted as %+v", bad, got)
		}
		if got.System != "" {
			t.Errorf("%q: claimed proxy %q", bad, got.System)
		}
	}
}

func TestRouteGetDefault(t *testing.T) {
	t.Parallel()
	r, err := parseRouteGetDefault(readFixture(t, "route-get-default-utun.txt"))
	if err != nil || r.Interface != "utun4" || r.Gateway != "10.8.0.1" {
		t.Fatalf("utun: %+v %v", r, err)
	}
	ifaces := []Interface{{Name: "en0", Flags: net.FlagUp}, {Name: "utun4", Flags: net.FlagUp | net.FlagPointToPoint, Addrs: []string{"10.8.0.6/24"}}}
	v := decideVPN(ifaces, func(i Interface) string { return tunnelReason(i, nil) }, routeFacts{Iface: r.Interface})
	if !v.Detected || v.FullTunnel == nil || !*v.FullTunnel {
		t.Fatalf("vpn = %+v", v)
	}
	r, err = parseRouteGetDefault(readFixture(t, "route-get-default-en0.txt"))
	if err != nil || r.Interface != "en0" {
		t.Fatalf("en0: %+v %v", r, err)
	}
	for _, bad := range []string{"", "route: writing to routing socket: not in table\n", "garbage"} {
		if _, err := parseRouteGetDefault(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSystemsetupNTP(t *testing.T) {
	t.Parallel()
	if s, err := parseSystemsetupNTP("Network Time Server: time.office.example\n"); err != nil || s != "time.office.example" {
		t.Fatalf("got %q %v", s, err)
	}
	for _, bad := range []string{"", "You need administrator access to run this tool... exiting!\n", "Network Time Server: \n"} {
		if _, err := parseSystemsetupNTP(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
