package revocation

import (
	"bytes"
	"crypto/x509"

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
		At:     chainverify.Within(cert, c.clocks.now),
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
// the leaf that Input.Paths already verified (for trust, at one of the
// trust moments and against the roots this check uses), or nil; it
// builds no path.
func (c *checker) issuerOnKnownPath(cert *x509.Certificate) *x509.Certificate {
	chain := c.in.Chain
	if chain[0] == nil {
		return nil
	}
	// Trust was asked at chainverify.TrustTimes; the first moment it
	// remembers an answer for is the one that succeeded.
	for _, at := range chainverify.TrustTimes(chain, c.clocks.now) {
		paths, ok := c.in.Paths.Paths(chainverify.Request{
			Cert: chain[0], Intermediates: chain[1:], Roots: c.in.Roots, At: at,
			Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if !ok {
			continue
		}
		for _, p := range paths {
			for j := 0; j+1 < len(p); j++ {
				if bytes.Equal(p[j].Raw, cert.Raw) {
					return p[j+1]
				}
			}
		}
	}
	return nil
}

// isSelfSigned reports whether cert is a self-signed root.
func isSelfSigned(cert *x509.Certificate) bool {
	return bytes.Equal(cert.RawSubject, cert.RawIssuer) && cert.CheckSignatureFrom(cert) == nil
}
