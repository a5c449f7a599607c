package revocation

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/probes/chainverify"
)

// TestIssuerFromTheRunsPaths: with the run's path memory holding the
// leaf's trust answer (as the TLS probe leaves it), findIssuer names the
// same issuer for every certificate as it does alone, in every chain
// shape: complete, root sent, root missing from the pool, cross-signed,
// intermediate missing.
func TestIssuerFromTheRunsPaths(t *testing.T) {
	root, err := pki.NewRoot("issuer test root")
	if err != nil {
		t.Fatal(err)
	}
	other, err := pki.NewRoot("issuer test other root")
	if err != nil {
		t.Fatal(err)
	}
	inter, err := root.Intermediate("issuer test intermediate")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := inter.Leaf([]string{"zoom.test"})
	if err != nil {
		t.Fatal(err)
	}
	crossed, err := inter.CrossSigned(other)
	if err != nil {
		t.Fatal(err)
	}
	cross := crossed.Cert
	both := x509.NewCertPool()
	both.AddCert(root.Cert)
	both.AddCert(other.Cert)
	now := time.Now()
	for name, tc := range map[string]struct {
		chain []*x509.Certificate
		roots *x509.CertPool
	}{
		"complete":             {[]*x509.Certificate{leaf.Cert, inter.Cert}, root.Pool()},
		"root sent":            {[]*x509.Certificate{leaf.Cert, inter.Cert, root.Cert}, root.Pool()},
		"untrusted":            {[]*x509.Certificate{leaf.Cert, inter.Cert}, other.Pool()},
		"cross-signed":         {[]*x509.Certificate{leaf.Cert, inter.Cert, cross}, both},
		"cross only":           {[]*x509.Certificate{leaf.Cert, cross}, other.Pool()},
		"intermediate missing": {[]*x509.Certificate{leaf.Cert}, root.Pool()},
	} {
		t.Run(name, func(t *testing.T) {
			alone := newChecker(Input{Chain: tc.chain, Roots: tc.roots, Now: now})
			paths := chainverify.New(0)
			_, _ = paths.Verify(chainverify.Request{ // what the TLS probe asks first
				Cert: tc.chain[0], Intermediates: tc.chain[1:], Roots: tc.roots, At: now,
				Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
			})
			shared := newChecker(Input{Chain: tc.chain, Roots: tc.roots, Now: now, Paths: paths})
			for i := range tc.chain {
				want, got := alone.findIssuer(i), shared.findIssuer(i)
				if (want == nil) != (got == nil) {
					t.Fatalf("certificate %d: issuer %v with the run's paths, %v alone", i, issuerName(got), issuerName(want))
				}
				if want == nil {
					continue
				}
				if got.Subject.String() != want.Subject.String() || string(got.RawSubjectPublicKeyInfo) != string(want.RawSubjectPublicKeyInfo) {
					t.Errorf("certificate %d: issuer %s with the run's paths, %s alone", i, issuerName(got), issuerName(want))
				}
				if err := tc.chain[i].CheckSignatureFrom(got); err != nil {
					t.Errorf("certificate %d: the named issuer did not sign it: %v", i, err)
				}
			}
		})
	}
}

func issuerName(c *x509.Certificate) string {
	if c == nil {
		return "none"
	}
	return c.Subject.CommonName
}
