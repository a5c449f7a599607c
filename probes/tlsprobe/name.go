package tlsprobe

import (
	"crypto/x509"

	"github.com/certwiz/certwiz/findings"
)

// checkName is code 1: the leaf must name the host (SANs only, as
// browsers require). A certificate naming the host only in its common
// name is reported with the legacy_common_name evidence.
func checkName(leaf *x509.Certificate, host string) []findings.Finding {
	if leaf.VerifyHostname(host) == nil {
		return nil
	}
	f := newFinding(IDNameMismatch, findings.CodeNameMismatch, findings.Critical, 0,
		"The certificate is not valid for the name "+host+".").
		With(LabelHost, host).
		With(LabelNames, certNames(leaf)).
		With(LabelCommonName, leaf.Subject.CommonName)
	if len(leaf.DNSNames) == 0 && len(leaf.IPAddresses) == 0 && leaf.Subject.CommonName != "" {
		f = f.With(LabelLegacyCommonName, leaf.Subject.CommonName)
		f.Summary = "The certificate names " + host + " only in its legacy common name, which clients ignore."
	}
	return []findings.Finding{f}
}
