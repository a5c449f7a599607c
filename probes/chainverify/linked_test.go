package chainverify

import (
	"crypto/x509"
	"slices"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

func TestLinkedPath(t *testing.T) {
	t.Parallel()
	ok := must[*pki.Cert](t)
	root := ok(pki.NewRoot("Linked Root"))
	inter := ok(root.Intermediate("Linked Issuing CA"))
	leaf := ok(inter.Leaf([]string{"zoom.test"}))
	decoy := func() *x509.Certificate { return ok(pki.NewRoot("Linked Issuing CA")).Cert }
	selfSigned := ok(pki.NewRoot("zoom.test"))
	for _, tc := range []struct {
		name  string
		chain []*x509.Certificate
		want  []int
	}{
		{"leaf, intermediate, root", []*x509.Certificate{leaf.Cert, inter.Cert, root.Cert}, []int{0, 1, 2}},
		{"order does not matter", []*x509.Certificate{leaf.Cert, root.Cert, inter.Cert}, []int{0, 2, 1}},
		{"root not sent", []*x509.Certificate{leaf.Cert, inter.Cert}, []int{0, 1}},
		{"issuer not sent", []*x509.Certificate{leaf.Cert, root.Cert}, []int{0}},
		{"decoys before the issuer", []*x509.Certificate{leaf.Cert, decoy(), decoy(), inter.Cert, root.Cert}, []int{0, 3, 4}},
		{"only decoys", []*x509.Certificate{leaf.Cert, decoy(), decoy()}, []int{0}},
		{"one decoy is taken by name", []*x509.Certificate{leaf.Cert, decoy()}, []int{0, 1}},
		{"self-signed leaf", []*x509.Certificate{selfSigned.Cert, inter.Cert}, []int{0}},
		{"nil entries are skipped", []*x509.Certificate{leaf.Cert, nil, inter.Cert}, []int{0, 2}},
		{"a repeated certificate is no loop", []*x509.Certificate{leaf.Cert, inter.Cert, inter.Cert, root.Cert}, []int{0, 1, 3}},
	} {
		if got := LinkedPath(tc.chain, nil); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if LinkedPath(nil, nil) != nil {
		t.Error("an empty chain has a path")
	}
	// SignedPath keeps a name-only link only when its signature checks.
	forged := ok(ok(pki.NewRoot("Linked Issuing CA")).Leaf([]string{"zoom.test"}))
	for _, tc := range []struct {
		name  string
		chain []*x509.Certificate
		want  int
	}{
		{"every link signed", []*x509.Certificate{leaf.Cert, inter.Cert, root.Cert}, 3},
		{"a leaf the sent issuer did not sign", []*x509.Certificate{forged.Cert, inter.Cert, root.Cert}, 1},
		{"decoys before the issuer", []*x509.Certificate{leaf.Cert, decoy(), inter.Cert}, 2},
	} {
		if got := SignedPath(tc.chain, nil); len(got) != tc.want {
			t.Errorf("SignedPath %s: %d certificates, want %d", tc.name, len(got), tc.want)
		}
	}
}

// TestAnchored: a leaf issued after its intermediate expired has no
// moment when x509 accepts the chain; Anchored still finds the root the
// path reaches, and refuses a path whose links are not signed or whose
// root is not in the pool.
func TestAnchored(t *testing.T) {
	t.Parallel()
	ok := must[*pki.Cert](t)
	now := time.Now()
	root, lapsed, leaf, err := pki.LapsedChain("Anchored Root", "zoom.test")
	if err != nil {
		t.Fatal(err)
	}
	forger := ok(pki.NewRoot(lapsed.Cert.Subject.CommonName)) // the name of the real issuer, another key
	forged := ok(forger.Leaf([]string{"zoom.test"}))
	chain := []*x509.Certificate{leaf.Cert, lapsed.Cert}
	if _, err := leaf.Cert.Verify(x509.VerifyOptions{Roots: root.Pool(), Intermediates: pool(lapsed.Cert), CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err == nil {
		t.Fatal("the fixture verifies as a whole; it must not")
	}
	v := New(0)
	path, at, err := v.Anchored(chain, root.Pool(), now, nil)
	if err != nil {
		t.Fatalf("Anchored: %v", err)
	}
	if len(path) != 3 || path[2].Subject.CommonName != "Anchored Root" || !at.Equal(lapsed.Cert.NotAfter) {
		t.Errorf("path %d long ending at %q, at %v; want leaf, intermediate, root at the intermediate's end", len(path), path[len(path)-1].Subject.CommonName, at)
	}
	if _, _, err := v.Anchored(chain, ok(pki.NewRoot("Other Root")).Pool(), now, nil); err == nil {
		t.Error("anchored to a pool without the root")
	}
	if _, _, err := v.Anchored([]*x509.Certificate{forged.Cert, lapsed.Cert}, root.Pool(), now, nil); err == nil {
		t.Error("anchored a leaf the intermediate did not sign")
	}
	var nilV *Verifier
	if _, _, err := nilV.Anchored(chain, root.Pool(), now, nil); err != nil {
		t.Errorf("a nil Verifier: %v", err)
	}
}

func pool(certs ...*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range certs {
		p.AddCert(c)
	}
	return p
}
