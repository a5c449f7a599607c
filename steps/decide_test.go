package steps

import (
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
)

func TestDecide(t *testing.T) {
	yes, no := true, false
	code6 := TargetFacts{Host: "zoom.us", Port: 443, Code: 6, Codes: []findings.Code{6}}
	tests := []struct {
		name    string
		s       State
		cause   Cause
		code    findings.Code
		page    string
		agree   *bool
		product string
	}{
		{"nothing found", State{}, CauseNone, 0, "remedy-none", nil, ""},
		{"portal outranks code 6", State{Net: NetworkFacts{CaptivePortal: &yes}, Targets: []TargetFacts{code6}}, CausePortal, 6, "remedy-portal", nil, ""},
		{"portal outranks clock", State{Net: NetworkFacts{CaptivePortal: &yes}, Clock: ClockFacts{Known: true, Skewed: true}}, CausePortal, 0, "remedy-portal", nil, ""},
		{"no portal is not a portal", State{Net: NetworkFacts{CaptivePortal: &no}}, CauseNone, 0, "remedy-none", nil, ""},
		{"skewed clock", State{Clock: ClockFacts{Known: true, Skewed: true}}, CauseClock, 0, "remedy-clock", nil, ""},
		{"skewed clock outranks interception", State{Clock: ClockFacts{Known: true, Skewed: true}, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Zscaler"}}}, CauseClock, 6, "remedy-clock", nil, "Zscaler"},
		{"skew without a reference does not count", State{Clock: ClockFacts{Skewed: true}}, CauseNone, 0, "remedy-none", nil, ""},
		{"clock-caused target", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 5, ClockCaused: true}}}, CauseClock, 5, "remedy-clock", nil, ""},
		{"known product at the office", State{Network: NetOffice, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Zscaler", InterceptorKind: KindEnterpriseProxy}}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, "Zscaler"},
		{"known product over VPN", State{Network: NetVPN, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "FortiGate"}}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, "FortiGate"},
		{"antivirus at home", State{Network: NetHome, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Kaspersky", InterceptorKind: KindAntivirus}}}, CauseInterceptionHome, 6, "remedy-interception-home", nil, "Kaspersky"},
		{"enterprise proxy product but user is at home", State{Network: NetHome, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Zscaler", InterceptorKind: KindEnterpriseProxy}}}, CauseInterceptionHome, 6, "remedy-interception-home", nil, "Zscaler"},
		{"unsure network, kind decides office", State{Network: NetUnknown, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "FortiGate", InterceptorKind: KindFirewall}}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, "FortiGate"},
		{"unsure network, kind decides home", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Circle", InterceptorKind: KindParentalControl}}}, CauseInterceptionHome, 6, "remedy-interception-home", nil, "Circle"},
		{"unsure network, debugging proxy is home", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "mitmproxy", InterceptorKind: KindDebuggingProxy}}}, CauseInterceptionHome, 6, "remedy-interception-home", nil, "mitmproxy"},
		{"unsure network, adware is home even with a deployed root", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Superfish", InterceptorKind: KindAdware, EnterpriseRoot: true}}}, CauseInterceptionHome, 6, "remedy-interception-home", nil, "Superfish"},
		{"suggested office used when user is unsure", State{Network: NetUnknown, Net: NetworkFacts{Suggested: NetOffice}, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Sophos"}}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, "Sophos"},
		{"VPN seen when user is unsure", State{Net: NetworkFacts{VPN: true, Suggested: NetHome}, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, Interceptor: "Sophos"}}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, "Sophos"},
		{"code 6 with enterprise root, unsure network", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 6, EnterpriseRoot: true}}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, ""},
		{"code 6 with enterprise root at home", State{Network: NetHome, Targets: []TargetFacts{{Host: "zoom.us", Code: 6, EnterpriseRoot: true}}}, CauseInterceptionHome, 6, "remedy-interception-home", nil, ""},
		{"code 6 at the office, unknown product", State{Network: NetOffice, Targets: []TargetFacts{code6}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, ""},
		{"code 6 on VPN", State{Network: NetVPN, Targets: []TargetFacts{code6}}, CauseInterceptionOffice, 6, "remedy-interception-office", nil, ""},
		{"code 6 at home, nothing else: the code's remedy", State{Network: NetHome, Targets: []TargetFacts{code6}}, CauseCode, 6, "remedy-code-6", nil, ""},
		{"code 6 on public wifi: the code's remedy", State{Network: NetPublicWiFi, Targets: []TargetFacts{code6}}, CauseCode, 6, "remedy-code-6", nil, ""},
		{"code 5 at the office is not interception", State{Network: NetOffice, Targets: []TargetFacts{{Host: "zoom.us", Code: 5}}}, CauseCode, 5, "remedy-code-5", nil, ""},
		{"code 1", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 1}}}, CauseCode, 1, "remedy-code-1", nil, ""},
		{"code 2", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 2}}}, CauseCode, 2, "remedy-code-2", nil, ""},
		{"code 3", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 3}}}, CauseCode, 3, "remedy-code-3", nil, ""},
		{"code 4", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 4}}}, CauseCode, 4, "remedy-code-4", nil, ""},
		{"code 7", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 7}}}, CauseCode, 7, "remedy-code-7", nil, ""},
		{"code 100", State{Targets: []TargetFacts{{Host: "zoom.us", Code: 100}}}, CauseCode, 100, "remedy-code-100", nil, ""},
		{"most serious target wins (7 over 5)", State{Targets: []TargetFacts{{Host: "a", Code: 5}, {Host: "b", Code: 7}}}, CauseCode, 7, "remedy-code-7", nil, ""},
		{"room: shown 6, found 6 agree", State{ShownCode: 6, CodeAsked: true, Network: NetHome, Targets: []TargetFacts{code6}}, CauseCode, 6, "remedy-code-6", &yes, ""},
		{"room: shown 6, found 1 disagree, found wins", State{ShownCode: 6, CodeAsked: true, Targets: []TargetFacts{{Host: "zoom.us", Code: 1}}}, CauseCode, 1, "remedy-code-1", &no, ""},
		{"room: shown 3, nothing found, shown code's page", State{ShownCode: 3, CodeAsked: true, Targets: []TargetFacts{{Host: "zoom.us"}}}, CauseCode, 3, "remedy-code-3", nil, ""},
		{"room: don't know, nothing found", State{CodeAsked: true, Targets: []TargetFacts{{Host: "zoom.us"}}}, CauseNone, 0, "remedy-none", nil, ""},
		{"room: shown 6 at office, nothing found here", State{ShownCode: 6, Network: NetOffice}, CauseCode, 6, "remedy-code-6", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.s)
			if d.Cause != tt.cause || d.Code != tt.code || d.Page != tt.page {
				t.Fatalf("Decide = %s code %d page %s, want %s code %d page %s", d.Cause, d.Code, d.Page, tt.cause, tt.code, tt.page)
			}
			switch {
			case tt.agree == nil && d.Agree != nil:
				t.Fatalf("Agree = %v, want unset", *d.Agree)
			case tt.agree != nil && (d.Agree == nil || *d.Agree != *tt.agree):
				t.Fatalf("Agree = %v, want %v", d.Agree, *tt.agree)
			}
			if d.Args["product"] != tt.product {
				t.Fatalf("product = %q, want %q", d.Args["product"], tt.product)
			}
		})
	}
}

func TestEveryCauseIsReachable(t *testing.T) {
	seen := map[Cause]bool{}
	yes := true
	for _, s := range []State{
		{Net: NetworkFacts{CaptivePortal: &yes}},
		{Clock: ClockFacts{Known: true, Skewed: true}},
		{Network: NetOffice, Targets: []TargetFacts{{Code: 6}}},
		{Network: NetHome, Targets: []TargetFacts{{Code: 6, Interceptor: "x"}}},
		{Targets: []TargetFacts{{Code: 2}}},
		{},
	} {
		seen[Decide(s).Cause] = true
	}
	for _, c := range Causes {
		if !seen[c] {
			t.Errorf("cause %s never decided", c)
		}
	}
}

func TestDecideArgs(t *testing.T) {
	loc := time.FixedZone("JST", 9*3600)
	local := time.Date(2025, 3, 1, 10, 0, 0, 0, loc)
	s := State{
		Hosts:     []string{"zoom.us"},
		Network:   NetOffice,
		Clock:     ClockFacts{Known: true, Offset: 2*time.Hour + 400*time.Millisecond, Local: local, Reference: local.Add(2 * time.Hour).UTC(), Source: "ntp"},
		Net:       NetworkFacts{LandingURL: "http://portal.example/login"},
		Targets:   []TargetFacts{{Host: "a.example", Code: 5}, {Host: "b.example", Code: 6, Interceptor: "Zscaler"}},
		ShownCode: 6,
	}
	a := Decide(s).Args
	want := map[string]string{
		"host":           "b.example",
		"product":        "Zscaler",
		"offset":         "2h0m0s",
		"local_time":     "2025-03-01 10:00:00 +09:00",
		"reference_time": "2025-03-01 12:00:00 +09:00",
		"source":         "ntp",
		"code":           "6",
		"found_code":     "6",
		"landing_url":    "http://portal.example/login",
		"network":        "office",
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("Args[%q] = %q, want %q", k, a[k], v)
		}
	}
	if len(a) != len(want) {
		t.Errorf("Args has %d keys, want %d: %v", len(a), len(want), a)
	}
	if got := Decide(State{Hosts: []string{"zoom.us"}}).Args; got["host"] != "zoom.us" || got["code"] != "?" || got["local_time"] != "" {
		t.Errorf("empty-state args = %v", got)
	}
	if FormatOffset(-90*time.Second) != "1m30s" {
		t.Errorf("FormatOffset(-90s) = %q", FormatOffset(-90*time.Second))
	}
}

func TestPageID(t *testing.T) {
	tests := []struct {
		s    State
		want string
	}{
		{New(hosts), "start"},
		{at(ScreenClock, DevicePersonal), "clock-check"},
		{clockDone(ClockFacts{Known: true}), "clock-ok"},
		{clockDone(ClockFacts{Known: true, Skewed: true}), "clock-skewed"},
		{clockDone(ClockFacts{}), "clock-unknown"},
		{at(ScreenNetwork, DevicePersonal), "network-type"},
		{at(ScreenPublicWiFi, DevicePersonal), "public-wifi"},
		{at(ScreenRoomCode, DeviceRoom), "room-code"},
		{at(ScreenRoomDomain, DeviceRoom), "cert-check"},
		{at(ScreenCertCheck, DevicePersonal), "cert-check"},
		{at(ScreenRemedy, DevicePersonal), "remedy-none"},
		{at(ScreenSummary, DevicePersonal), "summary"},
		{Next(New(hosts), ch(ChooseQuick)), "cert-check"},
	}
	for _, tt := range tests {
		if got := PageID(tt.s); got != tt.want {
			t.Errorf("PageID(%s) = %q, want %q", tt.s.Screen, got, tt.want)
		}
	}
	room := Next(New(hosts), ch(ChooseRoom))
	room = Next(room, ClockResult{Run: room.Run(ProbeClock).ID, Facts: ClockFacts{Known: true, Skewed: true}})
	if got := PageID(room); got != "clock-skewed-room" {
		t.Errorf("room skewed page = %q", got)
	}
}
