package verdict

import (
	"slices"
	"testing"

	"github.com/certwiz/certwiz/findings"
)

// Every decision states the "Trust Anyway" rule that fits its case.
func TestTrustRuleFitsTheCase(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    Facts
		a    Answers
		want string
	}{
		{"unknown issuer on public Wi-Fi", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Network: findings.NetPublicWiFi}, TrustNever},
		{"known-compromised root", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "Superfish", findings.KindAdware)}}, Answers{}, TrustNever},
		{"antivirus at home", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "Kaspersky", findings.KindAntivirus)}}, Answers{}, TrustIfKnown},
		{"company firewall", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "FortiGate", findings.KindFirewall)}}, Answers{}, TrustIfITSays},
		{"wrong clock", Facts{Clock: wrongClk}, Answers{}, TrustFixFirst},
		{"sign-in page", Facts{Net: NetworkFacts{CaptivePortal: &yes}}, Answers{}, TrustFixFirst},
		{"revoked", Facts{Targets: []TargetFacts{fault("zoom.us", 2)}}, Answers{}, TrustNeverRevoked},
		{"name mismatch", Facts{Targets: []TargetFacts{fault("zoom.us", 1)}}, Answers{}, TrustAsk},
		{"nothing found", Facts{Clock: okClk, Targets: []TargetFacts{{Host: "zoom.us"}}}, Answers{}, TrustNotNeeded},
	} {
		if got := Decide(tt.f, tt.a).Trust; got != tt.want {
			t.Errorf("%s: trust rule %q, want %q", tt.name, got, tt.want)
		}
	}
}

func noteKeys(d Decision) []string {
	var out []string
	for _, n := range d.Notes {
		out = append(out, n.Key)
	}
	return out
}

// The advice follows what was measured: an unreachable revocation server
// is not a stale answer, a verified clock rules the time out, and a
// third party's domain is not the service's to fix.
func TestNotesFollowTheEvidence(t *testing.T) {
	unreachable := findings.Finding{ID: "ocsp.unreachable", Code: 3, Severity: findings.Unknown}.With("host", "ocsp.example-ca.test")
	stale := findings.Finding{ID: "ocsp.expired-response", Code: 3, Severity: findings.Critical}
	portalAnswer := findings.Finding{ID: "ocsp.not-ocsp", Code: 3, Severity: findings.Critical}
	code3 := func(host string, f findings.Finding) TargetFacts {
		t := fault(host, 3)
		t.Findings = []findings.Finding{f}
		return t
	}
	for _, tt := range []struct {
		name string
		f    Facts
		want []string
	}{
		{"OCSP unreachable, clock verified, Zoom's domain", Facts{Clock: okClk, Targets: []TargetFacts{code3("zoom.us", unreachable)}}, []string{"revocation-unreachable", "clock-verified", "service-domain"}},
		{"stale answer, clock unknown, third party", Facts{Targets: []TargetFacts{code3("api.partner.test", stale)}}, []string{"revocation-stale", "third-party"}},
		{"OCSP answered by a web page", Facts{Clock: okClk, Targets: []TargetFacts{code3("zoom.us", portalAnswer)}}, []string{"revocation-intercepted", "service-domain"}},
		{"expired certificate, clock verified", Facts{Clock: okClk, Targets: []TargetFacts{fault("zoom.us", 5)}}, []string{"clock-verified"}},
		{"revoked on a subdomain of the service", Facts{Targets: []TargetFacts{fault("us04web.zoom.us", 2)}}, []string{"service-domain"}},
		{"revoked, third party", Facts{Targets: []TargetFacts{fault("zoom.us.evil.test", 2)}}, []string{"third-party"}},
		{"clock wrong and a fault remains", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 1)}}, []string{"others-remain"}},
	} {
		if got := noteKeys(Decide(tt.f, Answers{})); !slices.Equal(got, tt.want) {
			t.Errorf("%s: notes %v, want %v", tt.name, got, tt.want)
		}
	}
	d := Decide(Facts{Targets: []TargetFacts{code3("zoom.us", unreachable)}}, Answers{})
	if d.Notes[0].Args["server"] != "ocsp.example-ca.test" {
		t.Errorf("the unreachable server is not named: %+v", d.Notes[0])
	}
}

// A room gets the Zoom Rooms steps for the code it shows (the article's
// steps per code), else for the code found, else the room's time steps
// when its own clock is wrong; other devices get none.
func TestRoomsSteps(t *testing.T) {
	room := Answers{Device: DeviceRoom, RunsOn: RunsOnThisDevice}
	for _, tt := range []struct {
		name string
		f    Facts
		a    Answers
		want string
	}{
		{"shown code 3, nothing found", Facts{Clock: okClk}, Answers{Device: DeviceRoom, RunsOn: RunsOnSameNetwork, ShownCode: 3, CodeAsked: true}, "rooms-code-3"},
		{"shown 6, found 1", Facts{Targets: []TargetFacts{fault("zoom.us", 1)}}, Answers{Device: DeviceRoom, ShownCode: 6, CodeAsked: true}, "rooms-code-6"},
		{"no code given, 7 found", Facts{Targets: []TargetFacts{fault("zoom.us", 7)}}, room, "rooms-code-7"},
		{"room's own clock wrong", Facts{Clock: wrongClk}, room, "rooms-code-5"},
		{"another computer's clock wrong", Facts{Clock: wrongClk}, Answers{Device: DeviceRoom, RunsOn: RunsOnSameNetwork}, ""},
		{"personal device", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Device: DevicePersonal}, ""},
	} {
		if got := Decide(tt.f, tt.a).RoomsPage; got != tt.want {
			t.Errorf("%s: rooms page %q, want %q", tt.name, got, tt.want)
		}
	}
}
