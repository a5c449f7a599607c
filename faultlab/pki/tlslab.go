package pki

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"time"
)

// LeafWithKey is Leaf with a caller-chosen key pair (an RSA key of a
// given size, for the weak-key scenario) instead of a fresh P-256 key.
func (c *Cert) LeafWithKey(names []string, key crypto.Signer, opts ...Option) (*Cert, error) {
	tmpl := &x509.Certificate{
		NotBefore:   time.Now().Add(-time.Hour),
		NotAfter:    time.Now().Add(90 * 24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if len(names) > 0 {
		tmpl.Subject = pkix.Name{CommonName: names[0]}
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	for _, o := range opts {
		o(tmpl)
	}
	if tmpl.SerialNumber == nil {
		serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
		if err != nil {
			return nil, fmt.Errorf("serial: %w", err)
		}
		tmpl.SerialNumber = serial.Add(serial, big.NewInt(1))
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.Cert, key.Public(), c.Key)
	if err != nil {
		return nil, fmt.Errorf("sign %q: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse %q: %w", tmpl.Subject.CommonName, err)
	}
	return &Cert{Cert: cert, Key: key, Issuer: c}, nil
}

// SignatureAlgorithm makes the issuer sign with alg (for example
// x509.ECDSAWithSHA1 for the weak-signature scenario).
func SignatureAlgorithm(alg x509.SignatureAlgorithm) Option {
	return func(t *x509.Certificate) { t.SignatureAlgorithm = alg }
}
