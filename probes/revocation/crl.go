package revocation

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// judgeCRL reads a downloaded CRL for s: it must be issued and signed by
// s's issuer and current (with TimeSlop); then s's serial is looked up.
func judgeCRL(der []byte, s subject, c clocks, crlURL string) judgement {
	ev := func(f findings.Finding) findings.Finding {
		return f.With(LabelSource, string(SourceCRL)).With(LabelCRLURL, crlURL)
	}
	var j judgement
	crl, err := x509.ParseRevocationList(der)
	if err != nil {
		j.status, j.reason = StatusError, "the CRL cannot be parsed: "+err.Error()
		j.findings = append(j.findings, ev(fault(IDCRLBadResponse, findings.CodeOCSPError, s.idx, "The downloaded CRL cannot be parsed: "+err.Error()+".")).With(LabelError, err.Error()))
		return j
	}
	j.thisUpdate, j.nextUpdate = crl.ThisUpdate, crl.NextUpdate
	if !bytes.Equal(crl.RawIssuer, s.issuer.RawSubject) {
		j.status, j.reason = StatusError, "the CRL was issued by "+crl.Issuer.String()+", not by the certificate's issuer"
		j.findings = append(j.findings, ev(fault(IDCRLBadSignature, findings.CodeOCSPError, s.idx, "The CRL was issued by another authority than the certificate's issuer.")).
			With(LabelError, "CRL issuer "+crl.Issuer.String()).With(LabelSigner, crl.Issuer.String()))
		return j
	}
	if err := crl.CheckSignatureFrom(s.issuer); err != nil {
		j.status, j.reason = StatusError, "the CRL's signature does not verify with the issuer's key"
		j.findings = append(j.findings, ev(fault(IDCRLBadSignature, findings.CodeOCSPError, s.idx, "The CRL's signature does not verify with the issuer's key.")).With(LabelError, err.Error()))
		return j
	}
	at := func(t time.Time) string { return windowProblem(crl.ThisUpdate, crl.NextUpdate, t) }
	if p := at(c.now); p != "" {
		cc := c.clockCaused(at)
		var f findings.Finding
		if p == "future" {
			f = fault(IDCRLNotYetValid, findings.CodeOCSPError, s.idx, "The CRL is dated in the future (thisUpdate after the local time).")
		} else {
			f = fault(IDCRLStale, findings.CodeOCSPError, s.idx, "The CRL is out of date (nextUpdate before the local time).")
		}
		f = ev(f).With(LabelThisUpdate, stamp(crl.ThisUpdate)).With(LabelNextUpdate, stamp(crl.NextUpdate)).With(LabelLocalTime, stamp(c.now))
		j.findings = append(j.findings, withClock(f, c, cc))
		if !cc {
			j.status, j.reason = StatusError, "the CRL is not current at the local time"
			return j
		}
		j.clockCaused = true
	}
	for _, e := range crl.RevokedCertificateEntries {
		if e.SerialNumber == nil || e.SerialNumber.Cmp(s.cert.SerialNumber) != 0 {
			continue
		}
		j.status = StatusRevoked
		j.revokedAt = e.RevocationTime
		j.revocationReason = reasonName(e.ReasonCode)
		j.reason = "the CA's CRL lists the certificate as revoked"
		j.findings = append(j.findings, ev(fault(IDCRLRevoked, findings.CodeRevoked, s.idx,
			fmt.Sprintf("The certificate is on its CA's revocation list since %s (reason: %s).", stamp(e.RevocationTime), j.revocationReason))).
			With(LabelSerial, serialHex(s.cert.SerialNumber)).With(LabelRevokedAt, stamp(e.RevocationTime)).
			With(LabelReason, j.revocationReason).With(LabelSubject, certLabel(s.cert)))
		return j
	}
	j.status, j.reason = StatusGood, "the certificate is not on its CA's CRL"
	return j
}
