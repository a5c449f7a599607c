package ocsplab

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"fmt"
	"math/big"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"golang.org/x/crypto/ocsp"
)

// Response mints an OCSP response about cert signed by signer (the
// issuer itself, a delegated responder, or an unrelated key for the bad
// signer case). tmpl supplies Status, ThisUpdate, NextUpdate, RevokedAt,
// RevocationReason and ExtraExtensions; SerialNumber defaults to cert's.
// A signer other than issuer is embedded in the response.
func Response(issuer, signer *pki.Cert, cert *x509.Certificate, tmpl ocsp.Response) ([]byte, error) {
	if tmpl.SerialNumber == nil {
		tmpl.SerialNumber = cert.SerialNumber
	}
	if tmpl.ThisUpdate.IsZero() {
		tmpl.ThisUpdate = time.Now().Add(-time.Hour)
	}
	if signer == nil {
		signer = issuer
	}
	if !bytes.Equal(signer.Cert.Raw, issuer.Cert.Raw) {
		tmpl.Certificate = signer.Cert
	}
	der, err := ocsp.CreateResponse(issuer.Cert, signer.Cert, tmpl, signer.Key)
	if err != nil {
		return nil, fmt.Errorf("create OCSP response: %w", err)
	}
	return der, nil
}

// ResponderCert returns a delegated OCSP responder certificate issued by ca,
// with the OCSPSigning usage unless opts change it.
func ResponderCert(ca *pki.Cert, opts ...pki.Option) (*pki.Cert, error) {
	base := []pki.Option{pki.EKU(x509.ExtKeyUsageOCSPSigning), pki.CommonName("ocsp responder")}
	return ca.Leaf(nil, append(base, opts...)...)
}

// CRL mints a CRL signed by issuer with the given dates and revoked
// entries.
func CRL(issuer *pki.Cert, thisUpdate, nextUpdate time.Time, revoked ...x509.RevocationListEntry) ([]byte, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1<<40))
	if err != nil {
		return nil, fmt.Errorf("CRL number: %w", err)
	}
	tmpl := &x509.RevocationList{
		Number: n, ThisUpdate: thisUpdate, NextUpdate: nextUpdate,
		RevokedCertificateEntries: revoked,
	}
	der, err := x509.CreateRevocationList(rand.Reader, tmpl, issuer.Cert, issuer.Key)
	if err != nil {
		return nil, fmt.Errorf("create CRL: %w", err)
	}
	return der, nil
}

// Corrupt returns a copy of a signed DER object (certificate, CRL, OCSP
// response) with the last byte of its signature flipped: still parsable,
// no longer verifiable.
func Corrupt(der []byte) []byte {
	out := bytes.Clone(der)
	if len(out) > 0 {
		out[len(out)-1] ^= 0x01
	}
	return out
}
