package tlslab

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// Scenario names one fault a server reproduces.
type Scenario string

// The scenarios. Unless stated, the leaf is for DefaultHost and
// 127.0.0.1, issued by the lab's intermediate, and the server presents
// leaf + intermediate.
const (
	// Valid is a correct chain: nothing to find.
	Valid Scenario = "valid"
	// Expired has a leaf that expired ten days ago.
	Expired Scenario = "expired"
	// NotYetValid has a leaf that becomes valid in ten days.
	NotYetValid Scenario = "not-yet-valid"
	// WrongHost has a leaf for wrong.test only.
	WrongHost Scenario = "wrong-host"
	// UnknownCA chains to a root that is not in the lab's pool.
	UnknownCA Scenario = "unknown-ca"
	// SelfSigned presents a self-signed leaf.
	SelfSigned Scenario = "self-signed"
	// MissingIntermediate presents the leaf alone; its AIA caIssuers
	// URL names where the intermediate would be.
	MissingIntermediate Scenario = "missing-intermediate"
	// ClientAuthOnly has a leaf whose only EKU is clientAuth.
	ClientAuthOnly Scenario = "client-auth-only"
	// CAAsLeaf serves a CA certificate as the leaf.
	CAAsLeaf Scenario = "ca-as-leaf"
	// TLS10Only speaks TLS 1.0 and nothing newer.
	TLS10Only Scenario = "tls10-only"
	// HandshakeAbort answers the ClientHello with a handshake_failure
	// alert and closes.
	HandshakeAbort Scenario = "handshake-abort"
	// PlainHTTP answers plain HTTP/1.1 on the TLS port.
	PlainHTTP Scenario = "plain-http"
	// Blackhole accepts connections and never sends a byte.
	Blackhole Scenario = "blackhole"
	// ExpiredIntermediate presents a valid leaf under an intermediate
	// that expired yesterday.
	ExpiredIntermediate Scenario = "expired-intermediate"
	// WeakSignature has a leaf signed with ECDSA-SHA1.
	WeakSignature Scenario = "weak-signature"
	// WeakKey has a leaf with a 1024-bit RSA key.
	WeakKey Scenario = "weak-key"
)

// Scenarios lists every scenario, in the order the fault server prints
// them.
var Scenarios = []Scenario{
	Valid, Expired, NotYetValid, WrongHost, UnknownCA, SelfSigned,
	MissingIntermediate, ClientAuthOnly, CAAsLeaf, TLS10Only,
	HandshakeAbort, PlainHTTP, Blackhole, ExpiredIntermediate,
	WeakSignature, WeakKey,
}

// AIAIssuerURL is the caIssuers URL the MissingIntermediate leaf carries.
// Nothing serves it: a loopback port that refuses at once, so the AIA
// completion certwiz tries fails fast and without DNS.
const AIAIssuerURL = "http://127.0.0.1:9/issuing-ca.crt"

// leafFor mints the scenario's leaf. It returns nil for scenarios that
// do not speak TLS.
func (l *Lab) leafFor(s Scenario, o *options) (*pki.Cert, error) {
	host := DefaultHost
	if o.host != "" {
		host = o.host
	}
	names := []string{host, "127.0.0.1"}
	now := time.Now()
	leaf := func(issuer *pki.Cert, names []string, opts ...pki.Option) (*pki.Cert, error) {
		return issuer.Leaf(names, append(opts, o.leafOpts...)...)
	}
	switch s {
	case Valid, TLS10Only:
		return leaf(l.Intermediate, names)
	case Expired:
		return leaf(l.Intermediate, names, pki.Valid(now.Add(-100*24*time.Hour), now.Add(-10*24*time.Hour)))
	case NotYetValid:
		return leaf(l.Intermediate, names, pki.Valid(now.Add(10*24*time.Hour), now.Add(100*24*time.Hour)))
	case WrongHost:
		return leaf(l.Intermediate, []string{"wrong.test"})
	case UnknownCA:
		return leaf(l.UntrustedIntermediate, names)
	case SelfSigned:
		return pki.NewRoot(host, append([]pki.Option{pki.Template(func(t *x509.Certificate) {
			t.IsCA, t.BasicConstraintsValid = false, true
			t.KeyUsage = x509.KeyUsageDigitalSignature
			t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
			t.DNSNames = []string{host}
		})}, o.leafOpts...)...)
	case MissingIntermediate:
		return leaf(l.Intermediate, names, pki.IssuingCertificateURL(AIAIssuerURL))
	case ClientAuthOnly:
		return leaf(l.Intermediate, names, pki.EKU(x509.ExtKeyUsageClientAuth))
	case CAAsLeaf:
		return leaf(l.Intermediate, names, pki.AsCA())
	case ExpiredIntermediate:
		inter, err := l.Root.Intermediate("certwiz Lab Lapsed CA", pki.Valid(now.Add(-400*24*time.Hour), now.Add(-24*time.Hour)))
		if err != nil {
			return nil, err
		}
		return leaf(inter, names, pki.Valid(now.Add(-300*24*time.Hour), now.Add(60*24*time.Hour)))
	case WeakSignature:
		return leaf(l.Intermediate, names, pki.SignatureAlgorithm(x509.ECDSAWithSHA1))
	case WeakKey:
		key, err := rsa.GenerateKey(rand.Reader, 1024)
		if err != nil {
			return nil, fmt.Errorf("rsa key: %w", err)
		}
		return l.Intermediate.LeafWithKey(names, key, o.leafOpts...)
	case HandshakeAbort, PlainHTTP, Blackhole:
		return nil, nil
	}
	return nil, fmt.Errorf("unknown scenario %q", s)
}

// certificate builds what the server presents for leaf.
func certificate(s Scenario, leaf *pki.Cert, o *options) tls.Certificate {
	c := leaf.TLS()
	if s == MissingIntermediate && o.cert == nil {
		c.Certificate = c.Certificate[:1]
	}
	for _, x := range o.extraChain {
		c.Certificate = append(c.Certificate, x.Cert.Raw)
	}
	return c
}
