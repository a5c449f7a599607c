package interception

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"testing"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
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
		knownBad    bool
		wantNoMatch bool
	}{
		{name: "FortiGate", cn: "FortiGate CA", org: []string{"Fortinet"}, product: "FortiGate", kind: KindFirewall, managed: true},
		{name: "Fortinet by O only", cn: "FGT60E-XYZ", org: []string{"Fortinet Ltd."}, product: "Fortinet", kind: KindFirewall, managed: true},
		{name: "Zscaler any CN", cn: "Zscaler Intermediate Root CA (zscalertwo.net)", org: []string{"Zscaler Inc."}, product: "Zscaler", kind: KindCloudGateway, managed: true},
		{name: "Zscaler O must match in full", cn: "x", org: []string{"Zscaler Inc"}, wantNoMatch: true},
		{name: "Zscaler O among several", cn: "x", org: []string{"Acme", "Zscaler Inc."}, product: "Zscaler", kind: KindCloudGateway, managed: true},
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
		{name: "Squid is a labelled guess", cn: "Office Squid CA", org: []string{"Acme"}, product: "Squid", kind: KindEnterpriseProxy, managed: true, heuristic: true},
		{name: "case matters as in Chromium", cn: "fortigate ca", org: []string{"fortinet"}, wantNoMatch: true},
		{name: "public CA", cn: "DigiCert Global G2 TLS RSA SHA256 2020 CA1", org: []string{"DigiCert Inc"}, wantNoMatch: true},
		{name: "hostile name does not full-match", cn: "FortiGate CA\x1b]52;c;bad\x07", org: []string{"Acme"}, wantNoMatch: true},
		{name: "hostile CN, vendor O", cn: "FGT\x1b[2J", org: []string{"Fortinet"}, product: "Fortinet", kind: KindFirewall, managed: true},
		{name: "Fortinet Ltd.", cn: "FG100F3G19000000", org: []string{"Fortinet Ltd."}, product: "Fortinet", kind: KindFirewall, managed: true},
		{name: "NotFortinet", cn: "FG100F", org: []string{"NotFortinet"}, wantNoMatch: true},
		{name: "Fortinet Ltd without the dot", cn: "FG100F", org: []string{"Fortinet Ltd"}, wantNoMatch: true},
		{name: "Fortinet as a prefix only", cn: "FG100F", org: []string{"Fortinet Japan KK"}, wantNoMatch: true},
		{name: "FortiGate CA with another O", cn: "FortiGate CA", org: []string{"Fortinet Inc"}, wantNoMatch: true},
		{name: "Avast legacy", cn: "avast! Web/Mail Shield Root", org: []string{"avast! Web/Mail Shield"}, product: "Avast", kind: KindAntivirus},
		{name: "Avast current", cn: "Avast Web/Mail Shield Root", org: []string{"Avast Web/Mail Shield"}, product: "Avast", kind: KindAntivirus},
		{name: "AVG", cn: "AVG Web/Mail Shield Root", org: []string{"AVG Web/Mail Shield"}, product: "AVG", kind: KindAntivirus},
		{name: "AVG lookalike", cn: "AVG Web/Mail Shield Root 2", wantNoMatch: true},
		{name: "Kaspersky by O", cn: "Kaspersky Anti-Virus Personal Root Certificate 2", org: []string{"AO Kaspersky Lab"}, product: "Kaspersky", kind: KindAntivirus},
		{name: "Kaspersky O lookalike", cn: "x", org: []string{"Kaspersky Lab Fan Club"}, wantNoMatch: true},
		{name: "Netskope root", cn: "certadmin", org: []string{"Netskope Inc."}, product: "Netskope", kind: KindCloudGateway, managed: true},
		{name: "Netskope tenant intermediate", cn: "ca.example-corp.goskope.com", org: []string{"Example Corp"}, product: "Netskope", kind: KindCloudGateway, managed: true},
		{name: "goskope lookalike", cn: "ca.example.goskope.com.evil.test", wantNoMatch: true},
		{name: "Cloudflare Gateway legacy root", cn: "Cloudflare for Teams ECC Certificate Authority", org: []string{"Cloudflare, Inc"}, product: "Cloudflare Gateway", kind: KindCloudGateway, managed: true},
		{name: "Cloudflare managed G1", cn: "Gateway CA - Cloudflare Managed G1 d4cab1c0e006138441e1f1b57bfde614", product: "Cloudflare Gateway", kind: KindCloudGateway, managed: true},
		{name: "Cloudflare managed G2", cn: "Gateway CA - Cloudflare Managed G2 c1b48542cf403275c80745c42d11e580", product: "Cloudflare Gateway", kind: KindCloudGateway, managed: true},
		{name: "Cloudflare managed lookalike", cn: "Gateway CA - Cloudflare Managed G1 not-an-id", wantNoMatch: true},
		{name: "Cloudflare's public CA is not Gateway", cn: "Cloudflare Inc ECC CA-3", org: []string{"Cloudflare, Inc."}, wantNoMatch: true},
		{name: "Norton", cn: "Norton Web/Mail Shield Root", org: []string{"Norton Web/Mail Shield"}, product: "Norton", kind: KindAntivirus},
		{name: "Norton lookalike", cn: "Norton Web/Mail Shield Root CA", wantNoMatch: true},
		{name: "AdGuard", cn: "AdGuard Personal CA", org: []string{"AdGuard"}, product: "AdGuard", kind: KindParentalControl},
		{name: "Adguard older spelling", cn: "Adguard Personal CA", org: []string{"Adguard"}, product: "AdGuard", kind: KindParentalControl},
		{name: "AdGuard Android intermediate", cn: "AdGuard Personal Intermediate CA", product: "AdGuard", kind: KindParentalControl},
		{name: "AdGuard CN with another O", cn: "AdGuard Personal CA", org: []string{"Acme"}, wantNoMatch: true},
		{name: "Cisco Umbrella", cn: "Cisco Umbrella Primary SubCA", org: []string{"Cisco"}, product: "Cisco Umbrella", kind: KindCloudGateway, managed: true},
		{name: "Umbrella without Cisco O", cn: "Cisco Umbrella Root CA", org: []string{"Umbrella Corp"}, wantNoMatch: true},
		{name: "Forcepoint Cloud", cn: "Forcepoint Cloud CA", org: []string{"Forcepoint LLC"}, product: "Forcepoint", kind: KindCloudGateway, managed: true},
		{name: "Bitdefender", cn: "Bitdefender Personal CA.Net-Defender", org: []string{"Bitdefender"}, product: "Bitdefender", kind: KindAntivirus},
		{name: "Bitdefender dot is literal", cn: "Bitdefender Personal CAxNet-Defender", org: []string{"Bitdefender"}, wantNoMatch: true},
		{name: "Trend Micro IWSS", cn: "IWSS.TREND", product: "Trend Micro IWSS", kind: KindEnterpriseProxy, managed: true},
		{name: "Trend Micro lookalike", cn: "IWSSxTREND", wantNoMatch: true},
		{name: "McAfee Web Gateway", cn: "McAfee Web Gateway", org: []string{"McAfee"}, product: "McAfee Web Gateway", kind: KindEnterpriseProxy, managed: true},
		{name: "SonicWall", cn: "192.168.168.168", org: []string{"HTTPS Management Certificate for SonicWALL"}, product: "SonicWall", kind: KindFirewall, managed: true},
		{name: "Superfish", cn: "Superfish, Inc.", org: []string{"Superfish, Inc."}, product: "Superfish", kind: KindAdware, knownBad: true},
		{name: "Superfish CN without O", cn: "Superfish, Inc.", org: []string{"Acme"}, wantNoMatch: true},
		{name: "eDellRoot", cn: "eDellRoot", product: "eDellRoot", kind: KindAdware, knownBad: true},
		{name: "eDellRoot case", cn: "edellroot", wantNoMatch: true},
		{name: "DSDTestProvider", cn: "DSDTestProvider", org: []string{"DSDTestProvider"}, product: "DSDTestProvider", kind: KindAdware, knownBad: true},
		{name: "webpack-dev-server", cn: "Webpack Dev Server", product: "webpack-dev-server", kind: KindDebuggingProxy, knownBad: true},
		{name: "Fiddler", cn: "DO_NOT_TRUST_FiddlerRoot", org: []string{"DO_NOT_TRUST"}, product: "Fiddler", kind: KindDebuggingProxy},
		{name: "Fiddler lookalike", cn: "DO_NOT_TRUST_FiddlerRoot-2", wantNoMatch: true},
		{name: "Charles without the date", cn: "Charles Proxy CA", wantNoMatch: true},
		{name: "Squid in O", cn: "Proxy CA", org: []string{"SQUID Corp"}, product: "Squid", kind: KindEnterpriseProxy, managed: true, heuristic: true},
		{name: "Let's Encrypt", cn: "R11", org: []string{"Let's Encrypt"}, wantNoMatch: true},
		{name: "GlobalSign", cn: "GlobalSign GCC R3 DV TLS CA 2020", org: []string{"GlobalSign nv-sa"}, wantNoMatch: true},
		{name: "Japanese public CA", cn: "SECOM Passport for Web SR 3.0 CA", org: []string{"SECOM Trust Systems CO.,LTD."}, wantNoMatch: true},
		{name: "Cybertrust Japan", cn: "Cybertrust Japan SureServer CA G4", org: []string{"Cybertrust Japan Co., Ltd."}, wantNoMatch: true},
		{name: "corporate private CA", cn: "Example Corp Issuing CA 01", org: []string{"Example Corp"}, wantNoMatch: true},
		{name: "empty names", cn: "", wantNoMatch: true},
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
			if m.Product != tt.product || m.Kind != tt.kind || m.Managed() != tt.managed || m.Heuristic != tt.heuristic ||
				m.KnownBad != tt.knownBad || m.CertIndex != 0 {
				t.Fatalf("match = %+v", m)
			}
			f := m.Finding()
			wantID := IDProduct
			if tt.knownBad {
				wantID = IDKnownBadRoot
			}
			if f.ID != wantID || f.Value("product") != tt.product || f.Value("product_key") != ProductKey(tt.product) ||
				f.Value("issuer_cn") != tt.cn || f.Value("rule") == "" {
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

// TestIdentifyByOrganizationalUnit: Cloudflare Gateway's legacy
// intermediate has no CN; a leaf it issued is named from its O and OU
// together, while the same O with another OU (Cloudflare's public CAs)
// names nothing.
func TestIdentifyByOrganizationalUnit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ou   []string
		want string
	}{
		{[]string{"Gateway Intermediate ECC Certificate Authority"}, "Cloudflare Gateway"},
		{[]string{"Other Unit", "Gateway Intermediate ECC Certificate Authority"}, "Cloudflare Gateway"},
		{[]string{"Gateway Intermediate ECC Certificate Authority 2"}, ""},
		{nil, ""},
	} {
		root, err := pki.NewRoot("Cloudflare for Teams test root")
		if err != nil {
			t.Fatal(err)
		}
		inter, err := root.Intermediate("", pki.Template(func(c *x509.Certificate) {
			c.Subject.CommonName = ""
			c.Subject.Organization = []string{"Cloudflare, Inc."}
			c.Subject.OrganizationalUnit = tc.ou
		}))
		if err != nil {
			t.Fatal(err)
		}
		leaf, err := inter.Leaf([]string{"zoom.us"})
		if err != nil {
			t.Fatal(err)
		}
		m := Identify([]*x509.Certificate{leaf.Cert}) // the leaf alone: its issuer has no CN
		switch {
		case tc.want == "" && m != nil:
			t.Errorf("OU %q: matched %q by %s", tc.ou, m.Product, m.Rule)
		case tc.want != "" && (m == nil || m.Product != tc.want || m.Kind != KindCloudGateway):
			t.Errorf("OU %q: match %+v, want %s", tc.ou, m, tc.want)
		case m != nil && m.Finding().Value("issuer_ou") == "":
			t.Errorf("OU %q: the finding does not show the OU it matched", tc.ou)
		}
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
	m := identify(chain, rules, nil, nameRules)
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
