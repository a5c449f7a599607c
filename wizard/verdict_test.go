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
	if got := m.Verdict(); got != "cause=portal code=6" {
		t.Fatalf("portal verdict = %q", got)
	}
}
