package content_test

import (
	"strings"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/probes/netctx"
)

// Every reason the network probe can give has Japanese words: the probe
// is run over the shapes of evidence that lead to each suggestion.
func TestEveryNetworkReasonIsLocalized(t *testing.T) {
	t.Parallel()
	yes, no := true, false
	vpn := func(full *bool) *netctx.Result {
		r := &netctx.Result{}
		r.VPN.Detected, r.VPN.Interface, r.VPN.FullTunnel = true, "utun3", full
		return r
	}
	ntpAway := func(withVPN bool) *netctx.Result {
		r := &netctx.Result{}
		r.SystemNTP.Reachable, r.SystemNTP.Servers = &no, []string{"ntp.corp.example"}
		if withVPN {
			r.VPN.Detected, r.VPN.Interface = true, "tun0"
		}
		return r
	}
	proxy := &netctx.Result{}
	proxy.Proxy.System = "http://proxy.corp.example:8080"
	proxy.SystemNTP.Reachable, proxy.SystemNTP.Servers = &yes, []string{"ntp.corp.example"}
	dns := func(wifi *bool) *netctx.Result {
		r := &netctx.Result{WiFi: wifi}
		r.DNS = []netctx.DNSAnswer{{Host: "zoom.us", Suspicious: true, Reason: "private, shared (CGNAT)"}}
		return r
	}
	cases := []struct {
		r      *netctx.Result
		portal *bool
		public *bool
	}{
		{nil, nil, nil}, {nil, &yes, nil},
		{&netctx.Result{WiFi: &yes}, &yes, nil},
		{vpn(&yes), nil, nil}, {vpn(&no), nil, nil}, {vpn(nil), nil, nil},
		{ntpAway(false), nil, &yes}, {ntpAway(true), nil, &yes},
		{proxy, nil, nil}, {dns(&yes), nil, nil}, {dns(nil), nil, nil},
		{&netctx.Result{}, nil, nil},
	}
	seen := 0
	for _, c := range cases {
		_, reasons := netctx.Suggest(c.r, c.portal, c.public)
		for _, raw := range reasons {
			seen++
			ja := content.NetworkReason(content.JA, raw.Key, raw.Args)
			if ja == content.Msg(content.JA, "net.reason.other", nil) {
				t.Errorf("reason %q has no Japanese message", raw.Key)
			}
			if p := content.JapaneseProblems(ja); len(p) != 0 {
				t.Errorf("reason %q in Japanese %q: %v", raw.Key, ja, p)
			}
			if en := content.NetworkReason(content.EN, raw.Key, raw.Args); strings.Contains(en, "{") {
				t.Errorf("reason %q in English %q keeps a placeholder", raw.Key, en)
			}
		}
	}
	if seen < 12 {
		t.Errorf("only %d reasons exercised", seen)
	}
	for _, k := range netctx.ReasonKeys {
		for _, lang := range []content.Lang{content.EN, content.JA} {
			if !content.HasMsg(lang, "net.reason."+k) {
				t.Errorf("reason key %q has no %s message", k, lang)
			}
		}
	}
	if got := content.NetworkReason(content.JA, "something-new", nil); got != content.Msg(content.JA, "net.reason.other", nil) {
		t.Errorf("unknown reason in Japanese = %q", got)
	}
}

func TestProductName(t *testing.T) {
	t.Parallel()
	if got := content.ProductName(content.JA, "Squid (guessed from the CA name)"); got != "Squid（認証局の名前から推定）" {
		t.Errorf("guessed product in Japanese = %q", got)
	}
	if got := content.ProductName(content.EN, "FortiGate"); got != "FortiGate" {
		t.Errorf("named product = %q", got)
	}
	if got := content.ProductName(content.JA, ""); got != content.Msg(content.JA, "ui.product.unknown", nil) {
		t.Errorf("no product = %q", got)
	}
}
