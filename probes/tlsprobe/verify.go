package tlsprobe

import (
	"crypto/x509"
	"time"

	"github.com/certwiz/certwiz/probes/chainverify"
)

// VerifiesAt reports whether the presented chain passes a full check at
// time t: the name, the dates on the path, serverAuth usage
// and trust in roots (nil: the system pool) through the presented
// intermediates. The runner compares the local time with a reference
// time: failing at one and passing at the other means the clock caused it.
func (r *Result) VerifiesAt(t time.Time, roots *x509.CertPool) bool {
	if r == nil || len(r.Chain) == 0 {
		return false
	}
	_, err := r.paths.Verify(chainverify.Request{
		Cert: r.Chain[0], Intermediates: append(append([]*x509.Certificate(nil), r.Chain[1:]...), r.Fetched...),
		DNSName: r.Host, Roots: roots, At: t,
		Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	return err == nil
}

// Completed returns the presented chain followed by the intermediates AIA
// completion fetched: what the other analyses of the target (revocation,
// CT, root classification) should walk. Without fetched certificates it
// is Chain itself.
func (r *Result) Completed() []*x509.Certificate {
	if r == nil {
		return nil
	}
	if len(r.Fetched) == 0 {
		return r.Chain
	}
	return append(append([]*x509.Certificate(nil), r.Chain...), r.Fetched...)
}
