package interception

import (
	"fmt"

	"github.com/certwiz/certwiz/findings"
)

// Finding IDs this package produces.
const (
	// IDProduct: a known interception product issued the chain.
	IDProduct = "interception.product"
	// IDEnterpriseRoot: the chain ends at a root this machine trusts but
	// the public Web PKI does not.
	IDEnterpriseRoot = "interception.enterprise-root"
	// IDKnownBadRoot: the chain is issued by (or is) a certificate whose
	// private key is public, so anyone can impersonate any site to this
	// device (Warning, code 6 for context; the remedy is to remove it).
	IDKnownBadRoot = "interception.known-bad-root"
)

// FindingIDs lists every finding ID the package can produce.
var FindingIDs = []string{IDProduct, IDEnterpriseRoot, IDKnownBadRoot}

// Finding returns the interception.product finding for m: a Warning for
// a product's known names, Info for a heuristic guess. Its code is 6
// (issuer), for context only: the severity keeps it out of the counted
// codes. A known-bad root gets interception.known-bad-root instead, with
// the stronger warning.
func (m *Match) Finding() findings.Finding {
	if m.KnownBad {
		return findings.Finding{
			ID: IDKnownBadRoot, Code: findings.CodeUntrustedIssuer, Severity: findings.Warning,
			Summary:   fmt.Sprintf("The certificate chain uses %s, whose private key is public: anyone can impersonate any site to a device that trusts it. Remove it and its root certificate.", m.Product),
			Evidence:  append([]findings.Evidence(nil), m.Evidence...),
			CertIndex: m.CertIndex,
		}
	}
	sev := findings.Warning
	summary := fmt.Sprintf("The certificate was issued by %s (%s), which decrypts and re-signs TLS connections.", m.Product, m.Kind)
	if m.Heuristic {
		sev = findings.Info
		summary = fmt.Sprintf("The issuing CA's name suggests %s (%s) re-signs TLS connections; this is a guess from the name.", m.Product, m.Kind)
	}
	return findings.Finding{
		ID: IDProduct, Code: findings.CodeUntrustedIssuer, Severity: sev,
		Summary: summary, Evidence: append([]findings.Evidence(nil), m.Evidence...),
		CertIndex: m.CertIndex, Context: true,
	}
}

// Finding returns the interception.enterprise-root finding (Info) when
// the verdict is EnterpriseRoot; ok is false otherwise.
func (v PoolVerdict) Finding() (f findings.Finding, ok bool) {
	if v.Trust != EnterpriseRoot {
		return findings.Finding{}, false
	}
	anchor := "a root"
	if v.Anchor != nil {
		anchor = fmt.Sprintf("the root %q", v.Anchor.Subject.CommonName)
	}
	return findings.Finding{
		ID: IDEnterpriseRoot, Severity: findings.Info, CertIndex: -1, Context: true,
		Summary:  fmt.Sprintf("This machine trusts %s that is not in the public root list; it issued this chain, so an organisation's or a program's root is installed here.", anchor),
		Evidence: append([]findings.Evidence(nil), v.Evidence...),
	}, true
}
