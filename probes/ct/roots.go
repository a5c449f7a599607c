package ct

import (
	"crypto/x509"
	"sync"

	"golang.org/x/crypto/x509roots/fallback/bundle"
)

// publicRoots is the bundled public Web PKI (Mozilla's NSS roots via
// golang.org/x/crypto/x509roots/fallback), used when Input.PublicRoots is
// nil. It is built once and only read.
var publicRoots = sync.OnceValue(func() *x509.CertPool {
	p := x509.NewCertPool()
	for r := range bundle.Roots() {
		c, err := x509.ParseCertificate(r.Certificate)
		if err != nil {
			continue
		}
		if r.Constraint != nil {
			p.AddCertWithConstraint(c, r.Constraint)
		} else {
			p.AddCert(c)
		}
	}
	return p
})
