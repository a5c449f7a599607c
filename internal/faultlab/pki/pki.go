// Package pki mints certificate authorities and certificates for tests:
// roots, intermediates and leaves with any dates, names, usages and
// extensions a scenario needs. Keys are ECDSA P-256 unless told otherwise.
package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// Cert is a certificate with its private key and the issuer that signed
// it (nil for a self-signed certificate).
type Cert struct {
	Cert   *x509.Certificate
	Key    crypto.Signer
	Issuer *Cert
}

// Option changes the template before it is signed.
type Option func(*x509.Certificate)

// NewRoot returns a self-signed root CA named cn, valid from an hour ago
// for ten years.
func NewRoot(cn string, opts ...Option) (*Cert, error) {
	tmpl := caTemplate(cn)
	for _, o := range opts {
		o(tmpl)
	}
	return sign(tmpl, nil, nil)
}

// Intermediate returns a CA certificate named cn issued by c.
func (c *Cert) Intermediate(cn string, opts ...Option) (*Cert, error) {
	tmpl := caTemplate(cn)
	tmpl.MaxPathLenZero = false
	for _, o := range opts {
		o(tmpl)
	}
	return sign(tmpl, c, nil)
}

// Leaf returns a server certificate for the given DNS names or IP
// addresses, issued by c, with serverAuth, valid from an hour ago for 90
// days. The first name becomes the common name.
func (c *Cert) Leaf(names []string, opts ...Option) (*Cert, error) {
	return sign(LeafTemplate(names, opts...), c, nil)
}

// LeafWithKey is Leaf with a caller-chosen key pair (an RSA key of a
// given size, for the weak-key scenario) instead of a fresh P-256 key.
func (c *Cert) LeafWithKey(names []string, key crypto.Signer, opts ...Option) (*Cert, error) {
	return sign(LeafTemplate(names, opts...), c, key)
}

// LeafTemplate is the template Leaf signs: serverAuth, digitalSignature,
// valid from an hour ago for 90 days, names split into DNS names and IP
// addresses, the first name as common name, then opts applied. Packages
// that sign in steps of their own (the CT precertificate flow) start
// from it.
func LeafTemplate(names []string, opts ...Option) *x509.Certificate {
	tmpl := &x509.Certificate{
		NotBefore:   time.Now().Add(-time.Hour),
		NotAfter:    time.Now().Add(90 * 24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if len(names) > 0 {
		tmpl.Subject.CommonName = names[0]
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
	return tmpl
}

// NewSerial returns a random positive 120-bit serial number.
func NewSerial() (*big.Int, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return nil, fmt.Errorf("serial: %w", err)
	}
	return serial.Add(serial, big.NewInt(1)), nil
}

func caTemplate(cn string) *x509.Certificate {
	return &x509.Certificate{
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"certwiz fault lab"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(10 * 365 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
}

// sign signs tmpl with issuer's key (self-signed when issuer is nil) for
// key, or for a fresh P-256 key when key is nil.
func sign(tmpl *x509.Certificate, issuer *Cert, key crypto.Signer) (*Cert, error) {
	if key == nil {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("generate key: %w", err)
		}
		key = k
	}
	if tmpl.SerialNumber == nil {
		serial, err := NewSerial()
		if err != nil {
			return nil, err
		}
		tmpl.SerialNumber = serial
	}
	parent, parentKey := tmpl, key
	if issuer != nil {
		parent, parentKey = issuer.Cert, issuer.Key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return nil, fmt.Errorf("sign %q: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse %q: %w", tmpl.Subject.CommonName, err)
	}
	return &Cert{Cert: cert, Key: key, Issuer: issuer}, nil
}

// CrossSigned returns c's certificate issued again by by: the same
// subject, key, validity and CA settings under a new serial, so a
// verifier can build two paths through it (the cross-signed
// intermediates public CAs use during a root change). The result's
// Issuer is by.
func (c *Cert) CrossSigned(by *Cert) (*Cert, error) {
	tmpl := &x509.Certificate{
		Subject: c.Cert.Subject, NotBefore: c.Cert.NotBefore, NotAfter: c.Cert.NotAfter,
		IsCA: c.Cert.IsCA, BasicConstraintsValid: c.Cert.BasicConstraintsValid,
		MaxPathLen: c.Cert.MaxPathLen, MaxPathLenZero: c.Cert.MaxPathLenZero,
		KeyUsage: c.Cert.KeyUsage, ExtKeyUsage: c.Cert.ExtKeyUsage,
	}
	return sign(tmpl, by, c.Key)
}

// LapsedChain returns a chain with no moment when every certificate is
// valid: a root valid for a decade either side of now (roots predate what
// they sign), an intermediate under it that expired yesterday, and a leaf
// for names it issued, valid from an hour ago. Names are rootCN and
// rootCN + " Lapsed CA".
func LapsedChain(rootCN string, names ...string) (root, inter, leaf *Cert, err error) {
	now := time.Now()
	decade := 10 * 365 * 24 * time.Hour
	if root, err = NewRoot(rootCN, Valid(now.Add(-decade), now.Add(decade))); err != nil {
		return nil, nil, nil, err
	}
	if inter, err = root.Intermediate(rootCN+" Lapsed CA", Valid(now.Add(-30*24*time.Hour), now.Add(-24*time.Hour))); err != nil {
		return nil, nil, nil, err
	}
	if leaf, err = inter.Leaf(names); err != nil {
		return nil, nil, nil, err
	}
	return root, inter, leaf, nil
}

// Chain returns c followed by its issuers, root last.
func (c *Cert) Chain() []*x509.Certificate {
	var out []*x509.Certificate
	for x := c; x != nil; x = x.Issuer {
		out = append(out, x.Cert)
	}
	return out
}

// TLS returns a tls.Certificate presenting c and its issuers up to, but
// not including, the self-signed root (as servers normally do).
func (c *Cert) TLS() tls.Certificate {
	var der [][]byte
	for x := c; x != nil; x = x.Issuer {
		if x.Issuer == nil && x != c {
			break
		}
		der = append(der, x.Cert.Raw)
	}
	return tls.Certificate{Certificate: der, PrivateKey: c.Key, Leaf: c.Cert}
}

// Pool returns a pool holding c's certificate.
func (c *Cert) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c.Cert)
	return p
}

// PEM returns c's certificate PEM-encoded.
func (c *Cert) PEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Cert.Raw})
}

// KeyPEM returns c's private key as PKCS#8 PEM.
func (c *Cert) KeyPEM() ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(c.Key)
	if err != nil {
		return nil, fmt.Errorf("marshal key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// Valid sets the validity window.
func Valid(notBefore, notAfter time.Time) Option {
	return func(t *x509.Certificate) { t.NotBefore, t.NotAfter = notBefore, notAfter }
}

// EKU replaces the extended key usages.
func EKU(usages ...x509.ExtKeyUsage) Option {
	return func(t *x509.Certificate) { t.ExtKeyUsage = usages }
}

// Org sets the subject organization.
func Org(o ...string) Option {
	return func(t *x509.Certificate) { t.Subject.Organization = o }
}

// CommonName sets the subject common name.
func CommonName(cn string) Option {
	return func(t *x509.Certificate) { t.Subject.CommonName = cn }
}

// AsCA makes the certificate a CA (for the "CA certificate as leaf" case).
func AsCA() Option {
	return func(t *x509.Certificate) {
		t.IsCA, t.BasicConstraintsValid = true, true
		t.KeyUsage |= x509.KeyUsageCertSign
	}
}

// OCSPServer sets the AIA OCSP URLs.
func OCSPServer(urls ...string) Option {
	return func(t *x509.Certificate) { t.OCSPServer = urls }
}

// IssuingCertificateURL sets the AIA caIssuers URLs.
func IssuingCertificateURL(urls ...string) Option {
	return func(t *x509.Certificate) { t.IssuingCertificateURL = urls }
}

// CRLDistributionPoints sets the CRL URLs.
func CRLDistributionPoints(urls ...string) Option {
	return func(t *x509.Certificate) { t.CRLDistributionPoints = urls }
}

// Extension adds an extra extension.
func Extension(ext pkix.Extension) Option {
	return func(t *x509.Certificate) { t.ExtraExtensions = append(t.ExtraExtensions, ext) }
}

// Serial sets the serial number.
func Serial(n *big.Int) Option {
	return func(t *x509.Certificate) { t.SerialNumber = n }
}

// Template applies an arbitrary change to the template.
func Template(f func(*x509.Certificate)) Option { return Option(f) }

// SignatureAlgorithm makes the issuer sign with alg (for example
// x509.ECDSAWithSHA1 for the weak-signature scenario).
func SignatureAlgorithm(alg x509.SignatureAlgorithm) Option {
	return func(t *x509.Certificate) { t.SignatureAlgorithm = alg }
}
