package tlsprobe

import (
	"crypto/x509"
	"strconv"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// checkDates is code 5: every presented certificate, leaf and
// intermediates alike, must be inside its validity window at the local
// time now. CertIndex says which certificate is out of its window.
func checkDates(chain []*x509.Certificate, now time.Time) []findings.Finding {
	var out []findings.Finding
	for i, c := range chain {
		var f findings.Finding
		switch {
		case now.After(c.NotAfter):
			ago := now.Sub(c.NotAfter)
			f = newFinding(IDExpired, findings.CodeDateInvalid, findings.Critical, i,
				"The certificate "+subjectName(c)+" expired "+span(ago)+" ago.").
				With(LabelExpiredAgo, span(ago)).
				With(LabelDaysAgo, strconv.Itoa(int(ago/(24*time.Hour))))
		case now.Before(c.NotBefore):
			ahead := c.NotBefore.Sub(now)
			f = newFinding(IDNotYetValid, findings.CodeDateInvalid, findings.Critical, i,
				"The certificate "+subjectName(c)+" only becomes valid in "+span(ahead)+".").
				With(LabelValidIn, span(ahead)).
				With(LabelDaysAhead, strconv.Itoa(int(ahead/(24*time.Hour))))
		default:
			continue
		}
		out = append(out, f.
			With(LabelSubject, subjectName(c)).
			With(LabelNotBefore, stamp(c.NotBefore)).
			With(LabelNotAfter, stamp(c.NotAfter)).
			With(LabelLocalTime, stamp(now)))
	}
	return out
}
