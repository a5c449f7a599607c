package netctx

import (
	"net"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const routeHeader = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"

func TestParseProcRouteDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, iface, route string
	}{
		{"wired default", routeHeader +
			"eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n" +
			"eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n",
			"eth0", "0.0.0.0/0 via 192.168.1.1 dev eth0 metric 100"},
		{"lower metric wins", routeHeader +
			"wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n" +
			"eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
			"eth0", "0.0.0.0/0 via 192.168.2.1 dev eth0 metric 100"},
		{"OpenVPN halves override the default", routeHeader +
			"eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n" +
			"tun0\t00000000\t0100080A\t0003\t0\t0\t0\t00000080\t0\t0\t0\n" +
			"tun0\t00000080\t0100080A\t0003\t0\t0\t0\t00000080\t0\t0\t0\n",
			"tun0", "0.0.0.0/1 via 10.8.0.1 dev tun0 metric 0"},
		{"down and reject routes ignored", routeHeader +
			"tun0\t00000000\t00000000\t0000\t0\t0\t0\t00000000\t0\t0\t0\n" +
			"tun1\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0\n" +
			"eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
			"eth0", "0.0.0.0/0 via 192.168.1.1 dev eth0 metric 100"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs, err := parseProcRoute(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			d, ok := defaultRoute(rs)
			if !ok || d.Iface != tc.iface || d.String() != tc.route {
				t.Fatalf("default = %v (%v), want %s", d, ok, tc.route)
			}
		})
	}
}

func TestParseProcRouteMalformed(t *testing.T) {
	t.Parallel()
	for name, data := range map[string]string{
		"empty":      "",
		"no header":  "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
		"short line": routeHeader + "eth0\t00000000\n",
		"bad hex":    routeHeader + "eth0\tZZZZZZZZ\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
		"bad metric": routeHeader + "eth0\t00000000\t0101A8C0\t0003\t0\t0\tx\t00000000\t0\t0\t0\n",
	} {
		if _, err := parseProcRoute(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

const ipv6Routes = "" +
	"00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n" +
	"20010db8000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n" +
	"00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n"

func TestParseProcIPv6Route(t *testing.T) {
	t.Parallel()
	rs, err := parseProcIPv6Route(ipv6Routes)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := defaultRoute(rs)
	if !ok || d.String() != "::/0 via fe80::1 dev eth0 metric 1024" {
		t.Fatalf("default = %v %v", d, ok)
	}
	if _, err := parseProcIPv6Route("0000 00 x\n"); err == nil {
		t.Fatal("malformed line accepted")
	}
}

func TestLinuxRouteFactsAndWiFi(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"proc/net/route":                  {Data: []byte(routeHeader + "wlp2s0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n")},
		"proc/net/ipv6_route":             {Data: []byte(ipv6Routes)},
		"sys/class/net/wlp2s0/wireless/x": {Data: []byte("")},
		"sys/class/net/wlp2s0/device/x":   {Data: []byte("")},
		"sys/class/net/eth0/device/x":     {Data: []byte("")},
	}
	rf := linuxRouteFacts(fsys)
	if rf.Iface != "wlp2s0" || rf.Err != "" || !strings.Contains(rf.Route, "::/0 via fe80::1 dev eth0") {
		t.Fatalf("route facts = %+v", rf)
	}
	if w := linuxWiFi(fsys, "wlp2s0", nil); w == nil || !*w {
		t.Fatalf("wlp2s0 wifi = %v", w)
	}
	if w := linuxWiFi(fsys, "eth0", nil); w == nil || *w {
		t.Fatalf("eth0 wifi = %v", w)
	}
	if w := linuxWiFi(fsys, "veth9", nil); w != nil {
		t.Fatalf("virtual interface: wifi = %v, want unknown", *w)
	}
	if w := linuxWiFi(fsys, "wlp2s0", []string{"wlp2s0"}); w != nil {
		t.Fatal("a tunnel's medium is unknown")
	}
	if rf := linuxRouteFacts(fstest.MapFS{}); rf.Err == "" {
		t.Fatal("missing /proc/net/route must be an error")
	}
}

func TestParseIPRules(t *testing.T) {
	t.Parallel()
	plain := "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n"
	if got := parseIPRules(plain); len(got) != 0 {
		t.Fatalf("plain rules: %q", got)
	}
	wg := "0:\tfrom all lookup local\n32764:\tfrom all lookup main suppress_prefixlength 0\n32765:\tnot from all fwmark 0xca6c lookup 51820\n32766:\tfrom all lookup main\n"
	if got := parseIPRules(wg); !slices.Equal(got, []string{"32765:\tnot from all fwmark 0xca6c lookup 51820"}) {
		t.Fatalf("wg-quick rules: %q", got)
	}
}

func TestTunnelReason(t *testing.T) {
	t.Parallel()
	sys := fstest.MapFS{
		"sys/class/net/myvpn0/tun_flags": {Data: []byte("0x1001\n")},
		"sys/class/net/gre1/type":        {Data: []byte("778\n")},
		"sys/class/net/eth0/type":        {Data: []byte("1\n")},
	}
	up := net.FlagUp | net.FlagRunning
	tests := []struct {
		ifc  Interface
		want string
	}{
		{Interface{Name: "myvpn0", Flags: up}, "tun/tap device"},
		{Interface{Name: "gre1", Flags: up}, "GRE tunnel type"},
		{Interface{Name: "wg0", Flags: up}, "name wg*"},
		{Interface{Name: "utun3", Flags: up}, "name utun*"},
		{Interface{Name: "odd", Flags: up | net.FlagPointToPoint}, "point-to-point"},
		{Interface{Name: "Ethernet 3", Flags: up, Description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64"}, "adapter description"},
		{Interface{Name: "eth0", Flags: up}, ""},
		{Interface{Name: "tun0", Flags: net.FlagRunning}, ""}, // down
		{Interface{Name: "lo", Flags: up | net.FlagLoopback}, ""},
	}
	for _, tc := range tests {
		if got := tunnelReason(tc.ifc, sys); got != tc.want {
			t.Errorf("tunnelReason(%s) = %q, want %q", tc.ifc.Name, got, tc.want)
		}
	}
}

func TestDecideVPN(t *testing.T) {
	t.Parallel()
	up := net.FlagUp
	ifaces := []Interface{{Name: "eth0", Flags: up, Addrs: []string{"192.168.1.5/24"}}, {Name: "wg0", Flags: up, Addrs: []string{"10.6.0.2/32"}}}
	why := func(i Interface) string { return tunnelReason(i, nil) }
	tests := []struct {
		name string
		rf   routeFacts
		full *bool
	}{
		{"default via tunnel", routeFacts{Iface: "wg0"}, boolPtr(true)},
		{"default via eth0", routeFacts{Iface: "eth0"}, boolPtr(false)},
		{"policy rules", routeFacts{Iface: "eth0", PolicyRules: []string{"32765: not from all fwmark 0xca6c lookup 51820"}}, nil},
		{"route unknown", routeFacts{Err: "/proc/net/route: empty"}, nil},
	}
	for _, tc := range tests {
		v := decideVPN(ifaces, why, tc.rf)
		if !v.Detected || v.Interface != "wg0" || !slices.Equal(v.Addresses, []string{"10.6.0.2/32"}) {
			t.Fatalf("%s: %+v", tc.name, v)
		}
		if (v.FullTunnel == nil) != (tc.full == nil) || (v.FullTunnel != nil && *v.FullTunnel != *tc.full) {
			t.Errorf("%s: full tunnel = %v, want %v", tc.name, v.FullTunnel, tc.full)
		}
		if tc.full == nil && v.Err == "" {
			t.Errorf("%s: unknown routing without a reason", tc.name)
		}
		fs := vpnFindings(v)
		want := map[string]string{"default via tunnel": IDVPNFullTunnel, "default via eth0": IDVPNSplitTunnel}[tc.name]
		if want == "" {
			want = IDVPNDetected
		}
		if len(fs) != 1 || fs[0].ID != want || fs[0].Value("interface") != "wg0" {
			t.Errorf("%s: findings %+v", tc.name, fs)
		}
	}
	if v := decideVPN(ifaces[:1], why, routeFacts{Iface: "eth0"}); v.Detected || len(vpnFindings(v)) != 0 {
		t.Fatalf("no tunnel: %+v", v)
	}
}
