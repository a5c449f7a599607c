package diagnosis

import (
	"testing"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
)

// A target that could not be reached is "not tested" for the decision
// tree, not a code-100 fault the remedy would follow; a target with a
// real fault keeps its code, and the person sees its findings.
func TestTargetFactsSeparateUntestedFromFaults(t *testing.T) {
	refused := findings.Finding{ID: "tls.refused", Code: findings.CodeOther, Severity: findings.Unknown, Summary: "refused", NotTested: true}
	untrusted := findings.Finding{ID: "cert.untrusted-issuer", Code: findings.CodeUntrustedIssuer, Severity: findings.Critical}
	noRevocation := findings.Finding{ID: "revocation.none", Severity: findings.Info}
	enterprise := findings.Finding{ID: "interception.enterprise-root", Severity: findings.Info, Context: true}

	f := TargetFacts(&probes.TargetReport{Target: probes.Target{Host: "zoom.us", Port: 443}, Findings: []findings.Finding{refused}})
	if f.Code != findings.CodeNone || f.Codes != nil || f.Err == "" || !f.NotTested || f.NotTestedID != "tls.refused" {
		t.Fatalf("unreachable target facts = %+v, want not tested", f)
	}
	f = TargetFacts(&probes.TargetReport{Target: probes.Target{Host: "zoom.us", Port: 443},
		Findings: []findings.Finding{untrusted, enterprise, noRevocation}})
	if f.Code != findings.CodeUntrustedIssuer || f.Err != "" {
		t.Fatalf("untrusted target facts = %+v", f)
	}
	if len(f.Findings) != 2 || f.Findings[0].ID != untrusted.ID || f.Findings[1].ID != enterprise.ID {
		t.Fatalf("shown findings = %+v, want the fault and the interception fact only", f.Findings)
	}
}
