package netctx

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	yes, no := boolPtr(true), boolPtr(false)
	tests := []struct {
		name       string
		r          *Result
		portal     *bool
		publicNTP  *bool
		want       string
		reasonHint string
	}{
		{"nothing known", &Result{}, nil, nil, TypeUnknown, "nothing tells"},
		{"no network result but a portal", nil, yes, nil, TypePublicWiFi, "captive portal"},
		{"no network result", nil, nil, nil, TypeUnknown, "not checked"},
		{"portal beats everything", &Result{VPN: VPNInfo{Detected: true, FullTunnel: yes}, WiFi: yes}, yes, nil, TypePublicWiFi, "wireless"},
		{"full tunnel", &Result{VPN: VPNInfo{Detected: true, Interface: "tun0", FullTunnel: yes}}, no, nil, TypeVPN, "tun0"},
		{"office NTP silent at home", &Result{SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, yes, TypeHome, "ntp.office.example"},
		{"office NTP silent, public NTP unknown", &Result{SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, nil, TypeUnknown, ""},
		{"office NTP silent while both silent", &Result{SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, no, TypeUnknown, ""},
		{"split tunnel from home", &Result{VPN: VPNInfo{Detected: true, Interface: "wg0", FullTunnel: no}, SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, yes, TypeVPN, "does not carry all traffic"},
		{"split tunnel", &Result{VPN: VPNInfo{Detected: true, Interface: "wg0", FullTunnel: no}}, nil, nil, TypeVPN, "split"},
		{"system proxy", &Result{Proxy: ProxyInfo{System: "proxy.corp.example:3128"}}, no, nil, TypeOffice, "proxy.corp.example"},
		{"PAC", &Result{Proxy: ProxyInfo{PAC: "http://wpad/wpad.dat"}}, nil, nil, TypeOffice, "wpad"},
		{"DNS rewriting on Wi-Fi", &Result{DNS: []DNSAnswer{{Host: "zoom.us", Suspicious: true, Reason: "private"}}, WiFi: yes}, nil, nil, TypePublicWiFi, "zoom.us"},
		{"DNS rewriting wired", &Result{DNS: []DNSAnswer{{Host: "zoom.us", Suspicious: true, Reason: "private"}}, WiFi: no}, nil, nil, TypeOffice, "private"},
		{"clean wired network is not assumed home", &Result{WiFi: no, SystemNTP: SystemNTP{Reachable: yes}}, no, yes, TypeUnknown, ""},
	}
	for _, tc := range tests {
		got, reasons := Suggest(tc.r, tc.portal, tc.publicNTP)
		if got != tc.want {
			t.Errorf("%s: type %q, want %q (reasons %q)", tc.name, got, tc.want, reasons)
			continue
		}
		if len(reasons) == 0 || !strings.Contains(strings.Join(reasons, " | "), tc.reasonHint) {
			t.Errorf("%s: reasons %q lack %q", tc.name, reasons, tc.reasonHint)
		}
	}
}
