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
}

// Managed reports whether the product is normally run by a network or IT
// administrator (the office remedy: ask IT), rather than installed by the
// user on this machine (the home remedy: configure or remove it).
func (m *Match) Managed() bool {
	return findings.InterceptorKind(m.Kind).Managed()
}

// Identify looks for a known interception product in chain (leaf first).
// It tests the leaf's issuer first, then the issuers of the other
// presented certificates; a product's exact names win over a heuristic.
// It returns nil when nothing matches.
func Identify(chain []*x509.Certificate) *Match {
	return identify(chain, hashRules, nameRules)
}

func identify(chain []*x509.Certificate, hashes []hashRule, names []nameRule) *Match {
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
	for _, heuristic := range []bool{false, true} {
		for i, c := range chain {
			if c == nil {
				continue
			}
			for ri := range names {
				r := &names[ri]
				if r.heuristic != heuristic || !r.matches(c.Issuer.CommonName, c.Issuer.Organization) {
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
		Product: r.product, Kind: r.kind, CertIndex: i, Rule: rule,
		Evidence: []findings.Evidence{
			{Label: "product", Value: r.product},
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
		{Label: "kind", Value: r.kind},
		{Label: "issuer", Value: c.Issuer.String()},
		{Label: "issuer_cn", Value: c.Issuer.CommonName},
		{Label: "issuer_o", Value: strings.Join(c.Issuer.Organization, ", ")},
		{Label: "cert_index", Value: strconv.Itoa(i)},
		{Label: "rule", Value: r.describe()},
	}
	if r.heuristic {
		ev = append(ev, findings.Evidence{Label: "heuristic", Value: "yes"})
	}
	return &Match{
		Product: r.product, Kind: r.kind, Evidence: ev, Rule: r.describe(),
		CertIndex: i, Heuristic: r.heuristic,
	}
}
