package pki

import (
	"crypto/x509"
)

// SignatureAlgorithm makes the issuer sign with alg (for example
// x509.ECDSAWithSHA1 for the weak-signature scenario).
func SignatureAlgorithm(alg x509.SignatureAlgorithm) Option {
	return func(t *x509.Certificate) { t.SignatureAlgorithm = alg }
}
