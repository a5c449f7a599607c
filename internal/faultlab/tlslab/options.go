package tlslab

import (
	"net/http"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// Option adjusts a scenario server.
type Option func(*options)

type options struct {
	staple     func(leaf *pki.Cert) ([]byte, error)
	scts       func(leaf *pki.Cert) ([][]byte, error)
	leafOpts   []pki.Option
	cert       *pki.Cert
	handler    http.Handler
	host       string
	extraChain []*pki.Cert
}

// WithOCSPStaple staples the given OCSP response to every handshake.
func WithOCSPStaple(der []byte) Option {
	return func(o *options) { o.staple = func(*pki.Cert) ([]byte, error) { return der, nil } }
}

// WithOCSPStapleFunc staples the response f makes for the scenario's
// leaf (f sees the leaf and, through leaf.Issuer, its issuer's key).
func WithOCSPStapleFunc(f func(leaf *pki.Cert) ([]byte, error)) Option {
	return func(o *options) { o.staple = f }
}

// WithSCTs sends the given serialized SCTs in the TLS extension.
func WithSCTs(scts ...[]byte) Option {
	return func(o *options) { o.scts = func(*pki.Cert) ([][]byte, error) { return scts, nil } }
}

// WithSCTsFunc sends the SCTs f makes for the scenario's leaf.
func WithSCTsFunc(f func(leaf *pki.Cert) ([][]byte, error)) Option {
	return func(o *options) { o.scts = f }
}

// WithLeafOptions adds pki options to the scenario's leaf (an OCSP
// responder URL, CRL points, extensions, dates...). They apply after the
// scenario's own options.
func WithLeafOptions(opts ...pki.Option) Option {
	return func(o *options) { o.leafOpts = append(o.leafOpts, opts...) }
}

// WithCertificate serves c (and its issuers, root excluded) instead of
// the scenario's leaf. Use it with scenario Valid for a custom chain.
func WithCertificate(c *pki.Cert) Option {
	return func(o *options) { o.cert = c }
}

// WithExtraCerts appends certificates to the presented chain after the
// normal ones (for over-long or disordered chains).
func WithExtraCerts(certs ...*pki.Cert) Option {
	return func(o *options) { o.extraChain = append(o.extraChain, certs...) }
}

// WithHost issues the leaf for host instead of DefaultHost.
func WithHost(host string) Option {
	return func(o *options) { o.host = host }
}

// WithHandler serves h over HTTPS after the handshake (TLS scenarios
// only). The default answers 200 with a short body and a Date header.
func WithHandler(h http.Handler) Option {
	return func(o *options) { o.handler = h }
}
