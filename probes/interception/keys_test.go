package interception

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"regexp"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// keyIDOf is the RFC 5280 method-1 identifier of c's key.
func keyIDOf(t *testing.T, c *x509.Certificate) string {
	t.Helper()
	var spki struct {
		Algorithm asn1.RawValue
		Key       asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil {
		t.Fatal(err)
	}
	sum := sha1.Sum(spki.Key.Bytes)
	return hex.EncodeToString(sum[:])
}

func spkiOf(c *x509.Certificate) string {
	sum := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	return hex.EncodeToString(sum[:])
}

// TestIdentifyByKey: a root with a neutral name ("Acme Co", as preact-cli's
// certificate) is recognised by its key, whether the server sends the
// root, only a leaf it issued (Authority Key Identifier), or the
// self-signed certificate itself.
func TestIdentifyByKey(t *testing.T) {
	t.Parallel()
	root, err := pki.NewRoot("", pki.Org("Acme Co"))
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := root.Leaf([]string{"zoom.us"})
	if err != nil {
		t.Fatal(err)
	}
	if len(leaf.Cert.AuthorityKeyId) == 0 {
		t.Fatal("the lab leaf has no Authority Key Identifier")
	}
	// Go writes truncated-SHA-256 key identifiers; the published keys'
	// issuers wrote RFC 5280 method-1 ones (keyIDOf). The rule holds what
	// the CA really writes.
	rules := []keyRule{{product: "preact-cli", kind: KindDebuggingProxy, spkiSHA256: spkiOf(root.Cert), keyID: hex.EncodeToString(root.Cert.SubjectKeyId), source: "test", knownBad: true}}
	if len(keyIDOf(t, root.Cert)) != 40 {
		t.Fatal("keyIDOf broken")
	}
	tests := []struct {
		name      string
		chain     []*x509.Certificate
		certIndex int
		label     string
	}{
		{"only the leaf it issued", []*x509.Certificate{leaf.Cert}, 0, "authority_key_id"},
		{"leaf and root", []*x509.Certificate{leaf.Cert, root.Cert}, 1, "spki_sha256"},
		{"the self-signed certificate itself", []*x509.Certificate{root.Cert}, 0, "spki_sha256"},
	}
	for _, tt := range tests {
		m := identify(tt.chain, nil, rules, nameRules)
		if m == nil || m.Product != "preact-cli" || !m.KnownBad || m.CertIndex != tt.certIndex {
			t.Fatalf("%s: match = %+v", tt.name, m)
		}
		f := m.Finding()
		if f.ID != IDKnownBadRoot || f.Value(tt.label) == "" || f.Value("product_key") != "preact-cli" {
			t.Fatalf("%s: finding = %+v", tt.name, f)
		}
	}
	// An unrelated key with the same names is not the product.
	other, err := pki.NewRoot("", pki.Org("Acme Co"))
	if err != nil {
		t.Fatal(err)
	}
	if m := identify(other.Chain(), nil, rules, nameRules); m != nil {
		t.Fatalf("another Acme Co root matched: %+v", m)
	}
	// A key rule outranks a name heuristic on the same chain.
	squid, err := root.Intermediate("squid bump CA")
	if err != nil {
		t.Fatal(err)
	}
	l2, err := squid.Leaf([]string{"zoom.us"})
	if err != nil {
		t.Fatal(err)
	}
	if m := identify(l2.Chain(), nil, rules, nameRules); m == nil || m.Product != "preact-cli" {
		t.Fatalf("match = %+v, want the key rule over the squid guess", m)
	}
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)
var hex40 = regexp.MustCompile(`^[0-9a-f]{40}$`)

func TestKeyAndHashTablesWellFormed(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range keyRules {
		if !hex64.MatchString(r.spkiSHA256) || !hex40.MatchString(r.keyID) || r.source == "" || r.product == "" {
			t.Errorf("malformed key rule %+v", r)
		}
		if seen[r.spkiSHA256] || seen[r.keyID] {
			t.Errorf("duplicate key in %+v", r)
		}
		seen[r.spkiSHA256], seen[r.keyID] = true, true
	}
	for _, r := range hashRules {
		if !hex64.MatchString(r.sha256) {
			t.Errorf("malformed hash rule %+v", r)
		}
	}
	// Freshly minted lab certificates match no published key.
	root, err := pki.NewRoot("Plain Root")
	if err != nil {
		t.Fatal(err)
	}
	if m := matchKeys(root.Chain(), keyRules); m != nil {
		t.Fatalf("a fresh key matched %+v", m)
	}
}

func TestProductsAndKinds(t *testing.T) {
	t.Parallel()
	kinds := map[string]bool{}
	for _, k := range Kinds {
		kinds[k] = true
	}
	names := map[string]bool{}
	for _, p := range Products() {
		if names[p.Name] {
			t.Errorf("%s listed twice", p.Name)
		}
		names[p.Name] = true
		if !kinds[p.Kind] {
			t.Errorf("%s has unknown kind %q", p.Name, p.Kind)
		}
		if p.Key == "" || p.Key != ProductKey(p.Name) {
			t.Errorf("%s: key %q", p.Name, p.Key)
		}
	}
	for _, want := range []string{"Superfish", "eDellRoot", "DSDTestProvider", "preact-cli", "webpack-dev-server", "Netskope", "AVG", "Fiddler", "Charles Proxy", "mitmproxy", "Squid"} {
		if !names[want] {
			t.Errorf("%s missing from the product table", want)
		}
	}
	for in, want := range map[string]string{
		"Blue Coat (Symantec)": "blue-coat-symantec", "Trend Micro IWSS": "trend-micro-iwss",
		"eDellRoot": "edellroot", "webpack-dev-server": "webpack-dev-server", "  A--b  ": "a-b",
	} {
		if got := ProductKey(in); got != want {
			t.Errorf("ProductKey(%q) = %q, want %q", in, got, want)
		}
	}
}
