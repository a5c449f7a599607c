package tlsprobe

import (
	"crypto/x509"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// judge runs every certificate check on the captured chain, each on its
// own, and returns all their findings (unranked).
func (r *Result) judge(roots *x509.CertPool, now time.Time) []findings.Finding {
	var out []findings.Finding
	out = append(out, checkName(r.Chain[0], r.Host)...)
	out = append(out, checkDates(r.Chain, now)...)
	tr := checkTrust(r.Chain, roots, now)
	out = append(out, tr.findings...)
	out = append(out, checkPurpose(r.Chain, r.CipherSuite, tr)...)
	out = append(out, checkWeakness(r.Chain)...)
	out = append(out, checkVersion(r.Version)...)
	return out
}
