package netctx

import (
	"net"
	"slices"
	"strings"
	"testing"
)

func TestWindowsRoutePrintFullTunnel(t *testing.T) {
	t.Parallel()
	out := readFixture(t, "route-print-full.txt")
	ifaces, routes, err := parseRoutePrint(out)
	if err != nil {
		t.Fatal(err)
	}
	if ifaces[25] != "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64" ||
		ifaces[12] != "Intel(R) Ethernet Connection (7) I219-LM" || ifaces[1] != "Software Loopback Interface 1" {
		t.Fatalf("interfaces = %v", ifaces)
	}
	if len(routes) != 5 {
		t.Fatalf("routes = %+v", routes)
	}
	adapters, err := parseGetNetAdapterCSV(readFixture(t, "get-netadapter.csv"))
	if err != nil {
		t.Fatal(err)
	}
	live := []Interface{
		{Name: "Ethernet", Flags: net.FlagUp, Addrs: []string{"192.168.1.20/24"}},
		{Name: "Ethernet 3", Flags: net.FlagUp, Addrs: []string{"10.10.0.5/24"}},
	}
	for i := range live {
		for _, a := range adapters {
			if a.Name == live[i].Name {
				live[i].Description = a.Description
			}
		}
	}
	rf := winRouteFacts(out, live)
	if rf.Iface != "Ethernet 3" || !strings.Contains(rf.Route, "10.10.0.5 metric 2") {
		t.Fatalf("route facts = %+v", rf)
	}
	v := decideVPN(live, func(i Interface) string { return tunnelReason(i, nil) }, rf)
	if !v.Detected || v.FullTunnel == nil || !*v.FullTunnel || v.Why != "adapter description" || !strings.Contains(v.Interface, "AnyConnect") {
		t.Fatalf("vpn = %+v", v)
	}
}

func TestWindowsRoutePrintSplitTunnel(t *testing.T) {
	t.Parallel()
	live := []Interface{
		{Name: "Ethernet", Flags: net.FlagUp, Addrs: []string{"192.168.1.20/24"}},
		{Name: "wg-office", Flags: net.FlagUp, Addrs: []string{"10.6.0.2/24"}, Description: "WireGuard Tunnel"},
	}
	rf := winRouteFacts(readFixture(t, "route-print-split.txt"), live)
	if rf.Iface != "Ethernet" {
		t.Fatalf("route facts = %+v", rf)
	}
	v := decideVPN(live, func(i Interface) string { return tunnelReason(i, nil) }, rf)
	if !v.Detected || v.FullTunnel == nil || *v.FullTunnel {
		t.Fatalf("vpn = %+v", v)
	}
}

func TestWindowsRoutePrintBadInput(t *testing.T) {
	t.Parallel()
	for _, out := range []string{"", "garbage\r\n", "The requested operation requires elevation.\r\n"} {
		rf := winRouteFacts(out, nil)
		if rf.Err == "" || rf.Iface != "" {
			t.Errorf("%q: %+v", out, rf)
		}
	}
	// A default route whose interface address no adapter has: unknown.
	rf := winRouteFacts(readFixture(t, "route-print-split.txt"), []Interface{{Name: "x", Addrs: []string{"172.16.0.1/24"}}})
	if rf.Iface != "" || rf.Err == "" {
		t.Fatalf("unmatched interface: %+v", rf)
	}
}

func TestGetNetAdapterCSV(t *testing.T) {
	t.Parallel()
	as, err := parseGetNetAdapterCSV("\ufeff" + readFixture(t, "get-netadapter.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 3 || as[1].IfIndex != 25 || as[2].MediaType != "Native 802.11" || as[2].Status != "Disconnected" {
		t.Fatalf("adapters = %+v", as)
	}
	for _, bad := range []string{"", "\"a\",\"b\"\n\"1\",\"2\"\n", "\"Name\n"} {
		if _, err := parseGetNetAdapterCSV(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestWindowsProxySettings(t *testing.T) {
	t.Parallel()
	one, zero := uint64(1), uint64(0)
	dcs := make([]byte, 12)
	dcs[8] = 0x09 // direct + auto-detect
	tests := []struct {
		name string
		in   winInternetSettings
		want ProxyInfo
	}{
		{"single proxy", winInternetSettings{ProxyEnable: &one, ProxyServer: "proxy.corp.example:8080"}, ProxyInfo{Source: "registry", System: "proxy.corp.example:8080"}},
		{"per scheme", winInternetSettings{ProxyEnable: &one, ProxyServer: "http=h.example:80;https=s.example:443;ftp=f:21"}, ProxyInfo{Source: "registry", System: "s.example:443"}},
		{"socks only", winInternetSettings{ProxyEnable: &one, ProxyServer: "socks=sock.example:1080"}, ProxyInfo{Source: "registry", System: "socks=sock.example:1080"}},
		{"disabled", winInternetSettings{ProxyEnable: &zero, ProxyServer: "stale.example:8080"}, ProxyInfo{Source: "registry"}},
		{"PAC and WPAD", winInternetSettings{AutoConfigURL: " http://wpad.corp.example/p.pac ", DefaultConnectionSettings: dcs}, ProxyInfo{Source: "registry", PAC: "http://wpad.corp.example/p.pac", WPAD: true}},
		{"enabled but empty", winInternetSettings{ProxyEnable: &one}, ProxyInfo{Source: "registry", Err: "ProxyEnable is set but ProxyServer is empty"}},
		{"malformed", winInternetSettings{ProxyEnable: &one, ProxyServer: "http=a:1;bogus"}, ProxyInfo{Source: "registry", Err: `ProxyServer entry "bogus" has no scheme`}},
		{"short blob", winInternetSettings{DefaultConnectionSettings: []byte{1, 2}}, ProxyInfo{Source: "registry"}},
	}
	for _, tc := range tests {
		if got := interpretInternetSettings(tc.in); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestNetshWinHTTP(t *testing.T) {
	t.Parallel()
	if p, err := parseNetshWinHTTP(readFixture(t, "netsh-winhttp-direct.txt")); err != nil || p != "" {
		t.Fatalf("direct: %q %v", p, err)
	}
	if p, err := parseNetshWinHTTP(readFixture(t, "netsh-winhttp-proxy.txt")); err != nil || p != "secure.corp.example:8443" {
		t.Fatalf("proxy: %q %v", p, err)
	}
	if _, err := parseNetshWinHTTP("Access is denied.\r\n"); err == nil {
		t.Fatal("unrecognized output accepted")
	}
}

func TestW32Time(t *testing.T) {
	t.Parallel()
	tests := []struct {
		out     string
		servers []string
		note    bool
		err     bool
	}{
		{"time.windows.com,0x9\r\n", []string{"time.windows.com"}, false, false},
		{"ntp1.office.example,0x8 ntp2.office.example,0x8\r\n", []string{"ntp1.office.example", "ntp2.office.example"}, false, false},
		{"Local CMOS Clock\r\n", nil, true, false},
		{"VM IC Time Synchronization Provider\r\n", nil, true, false},
		{"The following error occurred: The service has not been started. (0x80070426)\r\n", nil, false, true},
		{"", nil, false, true},
	}
	for _, tc := range tests {
		s, note, err := parseW32tmSource(tc.out)
		if !slices.Equal(s, tc.servers) || (note != "") != tc.note || (err != nil) != tc.err {
			t.Errorf("%q: servers %q note %q err %v", tc.out, s, note, err)
		}
	}
	if got := parseNtpServerValue("time.windows.com,0x9  pool.office.example,0x1"); !slices.Equal(got, []string{"time.windows.com", "pool.office.example"}) {
		t.Fatalf("NtpServer = %q", got)
	}
}
