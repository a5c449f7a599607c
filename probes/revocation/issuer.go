package revocation

import (
	"bytes"
	"crypto/x509"
	"time"
)

// findIssuer returns the certificate that issued Chain[idx]: a later
// certificate of the presented chain that signed it, else the issuer
// found by building a path to Input.Roots. nil when unknown.
func (c *checker) findIssuer(idx int) *x509.Certificate {
	chain := c.in.Chain
	cert := chain[idx]
	for _, cand := range chain[idx+1:] {
		if cand != nil && bytes.Equal(cand.RawSubject, cert.RawIssuer) && cert.CheckSignatureFrom(cand) == nil {
			return cand
		}
	}
	inter := x509.NewCertPool()
	for _, x := range chain[idx+1:] {
		if x != nil {
			inter.AddCert(x)
		}
	}
	chains, err := cert.Verify(x509.VerifyOptions{
		Roots:         c.in.Roots,
		Intermediates: inter,
		CurrentTime:   inside(cert, c.clocks.now),
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
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
