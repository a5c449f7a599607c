package wizard

import (
	"testing"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/steps"
)

func TestVerdictFollowsTheDecision(t *testing.T) {
	m := New(Options{Engine: nil, Hosts: []string{"zoom.us"}})
	if got := m.Verdict(); got != "no decision (nothing checked)" {
		t.Fatalf("fresh verdict = %q", got)
	}
	m.s.Targets = []steps.TargetFacts{{Host: "zoom.us", Code: findings.CodeUntrustedIssuer, Codes: []findings.Code{6}}}
	if got := m.Verdict(); got != "cause=code code=6" {
		t.Fatalf("verdict = %q", got)
	}
	yes := true
	m.s.Net.CaptivePortal = &yes
	// An unknown issuer re-signing behind a sign-in page: the public
	// Wi-Fi caution, not the portal alone.
	if got := m.Verdict(); got != "cause=interception-public-wifi code=6" {
		t.Fatalf("portal verdict = %q", got)
	}
	m.s.Targets = []steps.TargetFacts{{Host: "zoom.us", Code: findings.CodeNameMismatch, Codes: []findings.Code{1}}}
	if got := m.Verdict(); got != "cause=portal code=1" {
		t.Fatalf("portal with a name mismatch: verdict = %q", got)
	}
}
