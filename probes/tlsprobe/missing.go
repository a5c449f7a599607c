package tlsprobe

import (
	"bytes"
	"crypto/x509"
	"strings"

	"github.com/certwiz/certwiz/findings"
)

// Values of LabelChainEnd: why the chain stops short of a trusted root.
const (
	chainEndMissing   = "missing-intermediate"
	chainEndUntrusted = "untrusted-root"
)

// selfSigned reports a certificate that names itself as issuer.
func selfSigned(c *x509.Certificate) bool {
	if !bytes.Equal(c.RawIssuer, c.RawSubject) {
		return false
	}
	return len(c.AuthorityKeyId) == 0 || bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId)
}

// missingIssuer tells "an intermediate is missing" from "the chain ends
// at a root this device does not trust" for the top presented
// certificate c. A server certificate (not a CA) that publishes where its
// issuer is (AIA caIssuers) was issued by an intermediate the server did
// not send. A CA certificate's issuer is normally a root, which servers
// need not send; and a server certificate with no AIA, issued straight by
// a private CA (the way inspection devices mint them), ends at that CA.
func missingIssuer(c *x509.Certificate) bool {
	if selfSigned(c) || (c.BasicConstraintsValid && c.IsCA) {
		return false
	}
	return len(httpURLs(c.IssuingCertificateURL)) > 0
}

func incompleteFinding(chain []*x509.Certificate, top int, err error) findings.Finding {
	c := chain[top]
	f := newFinding(IDIncompleteChain, findings.CodeUntrustedIssuer, findings.Critical, top,
		"The server did not send the intermediate certificate "+issuerName(c)+" that links its certificate to a trusted root.").
		With(LabelSubject, subjectName(chain[0])).With(LabelIssuer, issuerName(c)).
		With(LabelChainEnd, chainEndMissing)
	if len(c.IssuingCertificateURL) > 0 {
		f = f.With(LabelAIAIssuerURL, c.IssuingCertificateURL[0])
	}
	if len(c.AuthorityKeyId) > 0 {
		f = f.With(LabelAuthorityKeyID, hexID(c.AuthorityKeyId))
	}
	return f.With(LabelReason, err.Error())
}

// httpURLs keeps the plain http:// URLs (AIA is fetched over HTTP only).
func httpURLs(urls []string) []string {
	var out []string
	for _, u := range urls {
		if strings.HasPrefix(strings.ToLower(u), "http://") {
			out = append(out, u)
		}
	}
	return out
}

func hexID(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 3*len(b))
	for i, x := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, digits[x>>4], digits[x&15])
	}
	return string(out)
}
