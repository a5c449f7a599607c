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
		{"nothing known", &Result{}, nil, nil, TypeUnknown, "none"},
		{"no network result but a portal", nil, yes, nil, TypePublicWiFi, "portal"},
		{"no network result", nil, nil, nil, TypeUnknown, "not-checked"},
		{"portal beats everything", &Result{VPN: VPNInfo{Detected: true, FullTunnel: yes}, WiFi: yes}, yes, nil, TypePublicWiFi, "wireless"},
		{"full tunnel", &Result{VPN: VPNInfo{Detected: true, Interface: "tun0", FullTunnel: yes}}, no, nil, TypeVPN, "tun0"},
		{"office NTP silent at home", &Result{SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, yes, TypeHome, "ntp.office.example"},
		{"office NTP silent, public NTP unknown", &Result{SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, nil, TypeUnknown, ""},
		{"office NTP silent while both silent", &Result{SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, no, TypeUnknown, ""},
		{"split tunnel from home", &Result{VPN: VPNInfo{Detected: true, Interface: "wg0", FullTunnel: no}, SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, yes, TypeVPN, "vpn-split wg0"},
		{"split tunnel", &Result{VPN: VPNInfo{Detected: true, Interface: "wg0", FullTunnel: no}}, nil, nil, TypeVPN, "vpn-split"},
		{"system proxy", &Result{Proxy: ProxyInfo{System: "proxy.corp.example:3128"}}, no, nil, TypeOffice, "proxy.corp.example"},
		{"PAC", &Result{Proxy: ProxyInfo{PAC: "http://wpad/wpad.dat"}}, nil, nil, TypeOffice, "wpad"},
		{"DNS rewriting on Wi-Fi", &Result{DNS: []DNSAnswer{{Host: "zoom.us", Suspicious: true, Reason: "private"}}, WiFi: yes}, nil, nil, TypePublicWiFi, "zoom.us"},
		{"DNS rewriting wired", &Result{DNS: []DNSAnswer{{Host: "zoom.us", Suspicious: true, Reason: "private"}}, WiFi: no}, nil, nil, TypeOffice, "dns zoom.us private"},
		{"proxy outranks a silent office time server", &Result{Proxy: ProxyInfo{Env: "http://proxy.corp.example:3128"}, SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, yes, TypeOffice, "proxy.corp.example"},
		{"PAC outranks a silent office time server", &Result{Proxy: ProxyInfo{PAC: "http://wpad/wpad.dat"}, SystemNTP: SystemNTP{Servers: []string{"ntp.office.example"}, Reachable: no}}, no, yes, TypeOffice, "proxy"},
		{"clean wired network is not assumed home", &Result{WiFi: no, SystemNTP: SystemNTP{Reachable: yes}}, no, yes, TypeUnknown, ""},
	}
	for _, tc := range tests {
		got, reasons := Suggest(tc.r, tc.portal, tc.publicNTP)
		if got != tc.want {
			t.Errorf("%s: type %q, want %q (reasons %q)", tc.name, got, tc.want, reasons)
			continue
		}
		var words []string
		for _, r := range reasons {
			words = append(words, r.Key)
			for _, k := range []string{"interface", "proxy", "servers", "host", "kind"} {
				if v := r.Args[k]; v != "" {
					words = append(words, v)
				}
			}
		}
		if len(reasons) == 0 || !strings.Contains(strings.Join(words, " "), tc.reasonHint) {
			t.Errorf("%s: reasons %q lack %q", tc.name, reasons, tc.reasonHint)
		}
	}
}
