package interception

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/findings"
)

// Match is a recognised interception product.
type Match struct {
	// Product is the product's name ("FortiGate", "Zscaler", "mitmproxy").
	Product string
	// Kind is one of the Kind* constants.
	Kind string
	// Evidence holds the matched names (raw; sanitize before display).
	Evidence []findings.Evidence
	// Rule says which rule matched and where the rule comes from.
	Rule string
	// CertIndex is the presented certificate whose issuer (or, for a hash
	// rule, which itself) matched; 0 is the leaf.
	CertIndex int
	// Heuristic is set when the match is a guess from a name pattern, not
	// a product's known name.
	Heuristic bool
	// KnownBad is set for roots whose private key is public (Superfish,
	// eDellRoot, DSDTestProvider, development servers' bundled
	// certificates): anyone can impersonate any site to a device that
	// trusts them.
	KnownBad bool
}

// Key is the product's message key suffix (see ProductKey).
func (m *Match) Key() string { return ProductKey(m.Product) }

// Managed reports whether the product is normally run by a network or IT
// administrator (the office remedy: ask IT), rather than installed by the
// user on this machine (the home remedy: configure or remove it).
func (m *Match) Managed() bool {
	return findings.InterceptorKind(m.Kind).Managed()
}

// Identify looks for a known interception product in chain (leaf first).
// Evidence, strongest first: a presented certificate's own hash; a known
// public key on a presented certificate, or an Authority Key Identifier
// naming one (so a server that sends only its leaf is still recognised);
// then the ISSUER names of the presented certificates, leaf first, so the
// top certificate's issuer names the product even when the root itself
// is not sent. A product's exact names win over a heuristic. It returns
// nil when nothing matches.
func Identify(chain []*x509.Certificate) *Match {
	return identify(chain, hashRules, keyRules, nameRules)
}

func identify(chain []*x509.Certificate, hashes []hashRule, keys []keyRule, names []nameRule) *Match {
	for i, c := range chain {
		if c == nil {
			continue
		}
		sum := sha256.Sum256(c.Raw)
		h := hex.EncodeToString(sum[:])
		for _, r := range hashes {
			if r.sha256 == h {
				return hashMatch(r, c, i, h)
			}
		}
	}
	if m := matchKeys(chain, keys); m != nil {
		return m
	}
	for _, heuristic := range []bool{false, true} {
		for i, c := range chain {
			if c == nil {
				continue
			}
			for ri := range names {
				r := &names[ri]
				if r.heuristic != heuristic || !r.matches(c.Issuer.CommonName, c.Issuer.Organization, c.Issuer.OrganizationalUnit) {
					continue
				}
				return newMatch(r, c, i)
			}
		}
	}
	return nil
}

func hashMatch(r hashRule, c *x509.Certificate, i int, h string) *Match {
	rule := r.source + ": certificate SHA-256 " + h
	return &Match{
		Product: r.product, Kind: r.kind, CertIndex: i, Rule: rule, KnownBad: true,
		Evidence: []findings.Evidence{
			{Label: "product", Value: r.product},
			{Label: "product_key", Value: ProductKey(r.product)},
			{Label: "kind", Value: r.kind},
			{Label: "subject", Value: c.Subject.String()},
			{Label: "sha256", Value: h},
			{Label: "cert_index", Value: strconv.Itoa(i)},
			{Label: "rule", Value: rule},
		},
	}
}

func newMatch(r *nameRule, c *x509.Certificate, i int) *Match {
	ev := []findings.Evidence{
		{Label: "product", Value: r.product},
		{Label: "product_key", Value: ProductKey(r.product)},
		{Label: "kind", Value: r.kind},
		{Label: "issuer", Value: c.Issuer.String()},
		{Label: "issuer_cn", Value: c.Issuer.CommonName},
		{Label: "issuer_o", Value: strings.Join(c.Issuer.Organization, ", ")},
		{Label: "issuer_ou", Value: strings.Join(c.Issuer.OrganizationalUnit, ", ")},
		{Label: "cert_index", Value: strconv.Itoa(i)},
		{Label: "rule", Value: r.describe()},
	}
	if r.heuristic {
		ev = append(ev, findings.Evidence{Label: "heuristic", Value: "yes"})
	}
	return &Match{
		Product: r.product, Kind: r.kind, Evidence: ev, Rule: r.describe(),
		CertIndex: i, Heuristic: r.heuristic, KnownBad: r.knownBad,
	}
}
