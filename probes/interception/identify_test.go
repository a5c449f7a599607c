package interception

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"testing"

	"github.com/certwiz/certwiz/faultlab/pki"
	"github.com/certwiz/certwiz/findings"
)

// chainUnder mints root -> (optional intermediate) -> leaf and returns the
// chain as a server presents it plus the root.
func chainUnder(t *testing.T, rootCN string, rootOrg []string, interCN string, interOrg []string) []*x509.Certificate {
	t.Helper()
	root, err := pki.NewRoot(rootCN, pki.Org(rootOrg...))
	if err != nil {
		t.Fatal(err)
	}
	issuer := root
	if interCN != "" {
		issuer, err = root.Intermediate(interCN, pki.Org(interOrg...))
		if err != nil {
			t.Fatal(err)
		}
	}
	leaf, err := issuer.Leaf([]string{"zoom.us"})
	if err != nil {
		t.Fatal(err)
	}
	return leaf.Chain()
}

func TestIdentifyKnownProducts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		cn          string
		org         []string
		product     string
		kind        string
		managed     bool
		heuristic   bool
		wantNoMatch bool
	}{
		{name: "FortiGate", cn: "FortiGate CA", org: []string{"Fortinet"}, product: "FortiGate", kind: KindFirewall, managed: true},
		{name: "Fortinet by O only", cn: "FGT60E-XYZ", org: []string{"Fortinet Ltd."}, product: "Fortinet", kind: KindFirewall, managed: true},
		{name: "Zscaler any CN", cn: "Zscaler Intermediate Root CA (zscalertwo.net)", org: []string{"Zscaler Inc."}, product: "Zscaler", kind: KindEnterpriseProxy, managed: true},
		{name: "Zscaler O must match in full", cn: "x", org: []string{"Zscaler Inc"}, wantNoMatch: true},
		{name: "Zscaler O among several", cn: "x", org: []string{"Acme", "Zscaler Inc."}, product: "Zscaler", kind: KindEnterpriseProxy, managed: true},
		{name: "mitmproxy", cn: "mitmproxy", org: []string{"mitmproxy"}, product: "mitmproxy", kind: KindDebuggingProxy},
		{name: "mitmproxy CN alone is not enough", cn: "mitmproxy", org: []string{"Acme"}, wantNoMatch: true},
		{name: "Kaspersky", cn: "Kaspersky Anti-Virus Personal Root Certificate", product: "Kaspersky", kind: KindAntivirus},
		{name: "ContentKeeper numbered", cn: "ContentKeeper Appliance CA (12345)", org: []string{"ContentKeeper Technologies"}, product: "ContentKeeper", kind: KindEnterpriseProxy, managed: true},
		{name: "ContentKeeper not numbered", cn: "ContentKeeper Appliance CA (abc)", org: []string{"ContentKeeper Technologies"}, wantNoMatch: true},
		{name: "Sophos", cn: "Sophos SSL CA_C1234-AB", org: []string{"Sophos"}, product: "Sophos", kind: KindFirewall, managed: true},
		{name: "Blue Coat", cn: "proxy.corp", org: []string{"Blue Coat Systems"}, product: "Blue Coat (Symantec)", kind: KindEnterpriseProxy, managed: true},
		{name: "NetSpark", cn: "www.netspark.com", org: []string{"NetSpark"}, product: "NetSpark", kind: KindParentalControl},
		{name: "ESET", cn: "ESET SSL Filter CA", org: []string{"ESET, spol. s r. o."}, product: "ESET", kind: KindAntivirus},
		{name: "Burp", cn: "PortSwigger CA", org: []string{"PortSwigger"}, product: "Burp Suite", kind: KindDebuggingProxy},
		{name: "Charles", cn: "Charles Proxy CA (2 Jan 2023, laptop)", org: []string{"XK72 Ltd"}, product: "Charles Proxy", kind: KindDebuggingProxy},
		{name: "Squid is a labelled guess", cn: "Office Squid CA", org: []string{"Acme"}, product: "Squid (guessed from the CA name)", kind: KindEnterpriseProxy, managed: true, heuristic: true},
		{name: "case matters as in Chromium", cn: "fortigate ca", org: []string{"fortinet"}, wantNoMatch: true},
		{name: "public CA", cn: "DigiCert Global G2 TLS RSA SHA256 2020 CA1", org: []string{"DigiCert Inc"}, wantNoMatch: true},
		{name: "hostile name does not full-match", cn: "FortiGate CA\x1b]52;c;bad\x07", org: []string{"Acme"}, wantNoMatch: true},
		{name: "hostile CN, vendor O", cn: "FGT\x1b[2J", org: []string{"Fortinet"}, product: "Fortinet", kind: KindFirewall, managed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			chain := chainUnder(t, tt.cn, tt.org, "", nil)
			m := Identify(chain)
			if tt.wantNoMatch {
				if m != nil {
					t.Fatalf("matched %q by %s", m.Product, m.Rule)
				}
				return
			}
			if m == nil {
				t.Fatalf("no match for CN=%q O=%q", tt.cn, tt.org)
			}
			if m.Product != tt.product || m.Kind != tt.kind || m.Managed() != tt.managed || m.Heuristic != tt.heuristic || m.CertIndex != 0 {
				t.Fatalf("match = %+v", m)
			}
			f := m.Finding()
			if f.ID != IDProduct || f.Value("product") != tt.product || f.Value("issuer_cn") != tt.cn || f.Value("rule") == "" {
				t.Fatalf("finding = %+v", f)
			}
			wantSev := findings.Warning
			if tt.heuristic {
				wantSev = findings.Info
				if f.Value("heuristic") != "yes" {
					t.Fatalf("heuristic match not labelled: %+v", f.Evidence)
				}
			}
			if f.Severity != wantSev || findings.Counts(f) {
				t.Fatalf("severity %v, counts %v", f.Severity, findings.Counts(f))
			}
		})
	}
}

func TestIdentifyLooksPastTheLeafIssuer(t *testing.T) {
	t.Parallel()
	// The leaf's issuer is a neutral intermediate; its own issuer is Zscaler's root.
	chain := chainUnder(t, "Zscaler Root CA", []string{"Zscaler Inc."}, "Corp Issuing CA 3", []string{"Acme"})
	m := Identify(chain)
	if m == nil || m.Product != "Zscaler" || m.CertIndex != 1 {
		t.Fatalf("match = %+v", m)
	}
}

func TestIdentifyPrefersKnownNamesOverHeuristic(t *testing.T) {
	t.Parallel()
	chain := chainUnder(t, "FortiGate CA", []string{"Fortinet"}, "squid-bump-ca", []string{"Acme"})
	m := Identify(chain)
	if m == nil || m.Product != "FortiGate" || m.Heuristic || m.CertIndex != 1 {
		t.Fatalf("match = %+v", m)
	}
}

func TestIdentifyByHash(t *testing.T) {
	t.Parallel()
	chain := chainUnder(t, "Plain Root", nil, "Suspicious Intermediate", nil)
	sum := sha256.Sum256(chain[1].Raw)
	h := hex.EncodeToString(sum[:])
	rules := []hashRule{{product: "Superfish", kind: KindAdware, sha256: h, source: "test"}}
	m := identify(chain, rules, nameRules)
	if m == nil || m.Product != "Superfish" || m.CertIndex != 1 || m.Managed() {
		t.Fatalf("match = %+v", m)
	}
	if f := m.Finding(); f.Value("sha256") != h {
		t.Fatalf("evidence = %+v", f.Evidence)
	}
	if Identify(chain) != nil {
		t.Fatal("the real table matched a freshly minted certificate")
	}
	if len(hashRules) != 1 || len(hashRules[0].sha256) != 64 {
		t.Fatalf("Superfish rule malformed: %+v", hashRules)
	}
}

func TestIdentifyEmpty(t *testing.T) {
	t.Parallel()
	if Identify(nil) != nil || Identify([]*x509.Certificate{nil}) != nil {
		t.Fatal("empty chain matched")
	}
}
