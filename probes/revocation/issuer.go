package revocation

import (
	"bytes"
	"crypto/x509"
	"time"

	"github.com/certwiz/certwiz/probes/chainverify"
)

// findIssuer returns the certificate that issued Chain[idx]: the next
// one on a path the run already verified from the leaf, else a later
// certificate of the presented chain that signed it, else the issuer
// found by building a path to Input.Roots. nil when unknown.
func (c *checker) findIssuer(idx int) *x509.Certificate {
	chain := c.in.Chain
	cert := chain[idx]
	if iss := c.issuerOnKnownPath(cert); iss != nil {
		return iss
	}
	for _, cand := range chain[idx+1:] {
		if cand != nil && bytes.Equal(cand.RawSubject, cert.RawIssuer) && cert.CheckSignatureFrom(cand) == nil {
			return cand
		}
	}
	chains, err := c.in.Paths.Verify(chainverify.Request{
		Cert: cert, Intermediates: chain[idx+1:], Roots: c.in.Roots,
		At:     inside(cert, c.clocks.now),
		Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return nil
	}
	for _, ch := range chains {
		if len(ch) > 1 {
			return ch[1]
		}
	}
	return nil
}

// issuerOnKnownPath returns the certificate after cert on a path from
// the leaf that Input.Paths already verified (for trust, at the time and
// against the roots this check uses), or nil; it builds no path.
func (c *checker) issuerOnKnownPath(cert *x509.Certificate) *x509.Certificate {
	chain := c.in.Chain
	if chain[0] == nil {
		return nil
	}
	paths, ok := c.in.Paths.Paths(chainverify.Request{
		Cert: chain[0], Intermediates: chain[1:], Roots: c.in.Roots,
		At:     inside(chain[0], c.clocks.now),
		Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if !ok {
		return nil
	}
	for _, p := range paths {
		for j := 0; j+1 < len(p); j++ {
			if bytes.Equal(p[j].Raw, cert.Raw) {
				return p[j+1]
			}
		}
	}
	return nil
}

// inside returns t when it falls in cert's validity, else the middle of
// it, so path building is not defeated by dates (code 5 is not ours).
func inside(cert *x509.Certificate, t time.Time) time.Time {
	if !t.Before(cert.NotBefore) && !t.After(cert.NotAfter) {
		return t
	}
	return cert.NotBefore.Add(cert.NotAfter.Sub(cert.NotBefore) / 2)
}

// isSelfSigned reports whether cert is a self-signed root.
func isSelfSigned(cert *x509.Certificate) bool {
	return bytes.Equal(cert.RawSubject, cert.RawIssuer) && cert.CheckSignatureFrom(cert) == nil
}
