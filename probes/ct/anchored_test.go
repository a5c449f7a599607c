package ct

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// TestApplicabilityWhenNoMomentSuitsTheChain: a leaf issued after its
// intermediate expired still ends at a public root, so CT applies and a
// leaf without SCTs is not compliant; under a private root it does not
// apply.
func TestApplicabilityWhenNoMomentSuitsTheChain(t *testing.T) {
	t.Parallel()
	now := time.Now()
	root, lapsed, leaf, err := pki.LapsedChain("Public-ish Root", "zoom.test")
	if err != nil {
		t.Fatal(err)
	}
	chain := []*x509.Certificate{leaf.Cert, lapsed.Cert}
	if r := Check(Input{Chain: chain, PublicRoots: root.Pool(), Now: now}); r.Verdict != VerdictNotCompliant {
		t.Errorf("under a public root: %s (%s), want %s", r.Verdict, r.Reason, VerdictNotCompliant)
	}
	if r := Check(Input{Chain: chain, PublicRoots: x509.NewCertPool(), Now: now}); r.Verdict != VerdictNotApplicable {
		t.Errorf("under a private root: %s, want %s", r.Verdict, VerdictNotApplicable)
	}
}
