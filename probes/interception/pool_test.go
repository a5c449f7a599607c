package interception

import (
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"golang.org/x/crypto/x509roots/fallback/bundle"
)

func TestClassifyEnterpriseRoot(t *testing.T) {
	t.Parallel()
	root, err := pki.NewRoot("Acme Inspection Root", pki.Org("Acme Corp"))
	if err != nil {
		t.Fatal(err)
	}
	inter, err := root.Intermediate("Acme Inspection Issuing CA")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := inter.Leaf([]string{"zoom.us"})
	if err != nil {
		t.Fatal(err)
	}
	presented := leaf.Chain()[:2] // leaf + intermediate, as servers send
	v := ClassifyRoots(nil, presented, root.Pool(), nil, time.Now())
	if v.Trust != EnterpriseRoot || !v.SystemTrusted || v.PublicTrusted || v.Anchor == nil || !v.Anchor.Equal(root.Cert) {
		t.Fatalf("verdict = %+v", v)
	}
	f, ok := v.Finding()
	if !ok || f.ID != IDEnterpriseRoot || f.Value("trust") != "enterprise-root" || !strings.Contains(f.Value("anchor"), "Acme Inspection Root") {
		t.Fatalf("finding = %+v, %v", f, ok)
	}
	if f.Value("public_error") == "" {
		t.Fatal("the public verification's failure is not in the evidence")
	}

	// Neither pool: untrusted, no finding.
	v = ClassifyRoots(nil, presented, x509.NewCertPool(), nil, time.Now())
	if v.Trust != Untrusted || v.SystemTrusted || v.Anchor != nil {
		t.Fatalf("verdict = %+v", v)
	}
	if _, ok := v.Finding(); ok {
		t.Fatal("untrusted chain gave an enterprise-root finding")
	}
	// Trusted by the "public" pool too: public wins.
	v = ClassifyRoots(nil, presented, root.Pool(), root.Pool(), time.Now())
	if v.Trust != Public || !v.SystemTrusted || !v.PublicTrusted {
		t.Fatalf("verdict = %+v", v)
	}
}

func TestClassifyIgnoresDates(t *testing.T) {
	t.Parallel()
	past := time.Now().Add(-400 * 24 * time.Hour)
	root, err := pki.NewRoot("Old Office Root", pki.Valid(past.Add(-time.Hour), past.Add(10*365*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := root.Leaf([]string{"zoom.us"}, pki.Valid(past, past.Add(90*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	v := ClassifyRoots(nil, leaf.Chain()[:1], root.Pool(), x509.NewCertPool(), time.Now())
	if v.Trust != EnterpriseRoot {
		t.Fatalf("an expired leaf changed the trust verdict: %+v", v)
	}
}

func TestClassifyPublicLookingChainIsUntrusted(t *testing.T) {
	t.Parallel()
	// Names copied from a public CA do not make a chain public.
	root, err := pki.NewRoot("DigiCert Global Root G2", pki.Org("DigiCert Inc"))
	if err != nil {
		t.Fatal(err)
	}
	inter, err := root.Intermediate("DigiCert Global G2 TLS RSA SHA256 2020 CA1", pki.Org("DigiCert Inc"))
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := inter.Leaf([]string{"zoom.us"})
	if err != nil {
		t.Fatal(err)
	}
	v := ClassifyRoots(nil, leaf.Chain()[:2], x509.NewCertPool(), nil, time.Now())
	if v.Trust != Untrusted || v.PublicTrusted {
		t.Fatalf("verdict = %+v", v)
	}
	if got := ClassifyRoots(nil, nil, nil, nil, time.Now()); got.Trust != Untrusted {
		t.Fatalf("empty chain verdict = %+v", got)
	}
}

func TestPublicPoolHoldsTheBundle(t *testing.T) {
	t.Parallel()
	var g2 *x509.Certificate
	for r := range bundle.Roots() {
		c, err := x509.ParseCertificate(r.Certificate)
		if err != nil {
			t.Fatal(err)
		}
		if c.Subject.CommonName == "DigiCert Global Root G2" {
			g2 = c
		}
	}
	if g2 == nil {
		t.Fatal("bundle lacks DigiCert Global Root G2")
	}
	v := ClassifyRoots(nil, []*x509.Certificate{g2}, x509.NewCertPool(), nil, time.Now())
	if v.Trust != Public || v.SystemTrusted || !v.PublicTrusted {
		t.Fatalf("a bundled root is not public: %+v", v)
	}
	// Each call returns a copy: changing one must not change the next.
	p := PublicPool()
	extra, err := pki.NewRoot("Injected Root")
	if err != nil {
		t.Fatal(err)
	}
	p.AddCert(extra.Cert)
	if got := ClassifyRoots(nil, extra.Chain(), x509.NewCertPool(), nil, time.Now()); got.PublicTrusted {
		t.Fatal("PublicPool returned a shared pool")
	}
	if got := ClassifyRoots(nil, extra.Chain(), x509.NewCertPool(), p, time.Now()); !got.PublicTrusted {
		t.Fatal("the caller's copy did not take the added root")
	}
}

func TestFindingIDs(t *testing.T) {
	t.Parallel()
	if len(FindingIDs) != 3 || FindingIDs[0] != IDProduct || FindingIDs[1] != IDEnterpriseRoot || FindingIDs[2] != IDKnownBadRoot {
		t.Fatalf("FindingIDs = %v", FindingIDs)
	}
}

// TestClassifyWhenNoMomentSuitsTheChain: a leaf issued after its
// intermediate expired never verifies as a whole, but the root it reaches
// is still known: the pools are judged by the root the path's top
// reaches, with every link's signature checked.
func TestClassifyWhenNoMomentSuitsTheChain(t *testing.T) {
	t.Parallel()
	now := time.Now()
	root, lapsed, leaf, err := pki.LapsedChain("Acme Old Inspection Root", "zoom.us")
	if err != nil {
		t.Fatal(err)
	}
	presented := []*x509.Certificate{leaf.Cert, lapsed.Cert}
	v := ClassifyRoots(nil, presented, root.Pool(), nil, now)
	if v.Trust != EnterpriseRoot || v.Anchor == nil || !v.Anchor.Equal(root.Cert) {
		t.Fatalf("verdict = %+v, want the enterprise root it reaches", v)
	}
	other, err := pki.NewRoot(lapsed.Cert.Subject.CommonName) // the issuer's name, another key
	if err != nil {
		t.Fatal(err)
	}
	forged, err := other.Leaf([]string{"zoom.us"})
	if err != nil {
		t.Fatal(err)
	}
	if v := ClassifyRoots(nil, []*x509.Certificate{forged.Cert, lapsed.Cert}, root.Pool(), nil, now); v.Trust != Untrusted {
		t.Fatalf("a leaf the intermediate did not sign: %+v", v)
	}
}
