package revocation

import (
	"reflect"
	"testing"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
)

// TestRevokedOutranksUntrusted: a revoked certificate from a CA the
// device does not trust shows code 2 first, as Chromium ranks it.
func TestRevokedOutranksUntrusted(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{}, &ocsplab.Entry{Revoked: true, Reason: "keyCompromise"})
	// The TLS probe found the chain untrusted (code 6); the intermediate
	// was presented, so revocation can still be checked.
	in := l.input(leaf)
	in.Roots = newLab(t).root.Pool()
	res := check(t, in)
	tlsFinding := findings.Finding{ID: "cert.untrusted-issuer", Code: findings.CodeUntrustedIssuer, Severity: findings.Critical, CertIndex: -1}
	all := append([]findings.Finding{tlsFinding}, res.Findings...)
	findings.Sort(all)
	if all[0].ID != IDOCSPRevoked {
		t.Fatalf("first finding %s, want %s", all[0].ID, IDOCSPRevoked)
	}
	if got, want := findings.Codes(all), []findings.Code{findings.CodeRevoked, findings.CodeUntrustedIssuer}; !reflect.DeepEqual(got, want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
}
