package revocation

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/certwiz/certwiz/findings"
	"golang.org/x/crypto/ocsp"
)

// oidOCSPSCTs is the OCSP single extension carrying SCTs (RFC 6962 3.3).
var oidOCSPSCTs = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 5}

// judgeOCSP reads one OCSP response for s as a browser would: the
// signature (by the issuer, or by a responder certificate the issuer
// issued with the OCSPSigning usage and valid dates), the dates with
// TimeSlop, the response status and the certificate status.
func judgeOCSP(der []byte, s subject, c clocks, source Source, responderURL string) judgement {
	ev := func(f findings.Finding) findings.Finding {
		f = f.With(LabelSource, string(source))
		if responderURL != "" {
			f = f.With(LabelResponderURL, responderURL)
		}
		return f
	}
	var j judgement
	resp, err := ocsp.ParseResponseForCert(der, s.cert, nil)
	if err != nil {
		return parseFailure(err, s, ev)
	}
	j.thisUpdate, j.nextUpdate = resp.ThisUpdate, resp.NextUpdate
	j.scts, j.sctErr = ocspSCTs(resp)

	if problem, responder := checkSigner(resp, s.issuer); problem != "" {
		j.status, j.reason = StatusError, "the OCSP response is not signed by the certificate's issuer or a responder it authorized: "+problem
		f := ev(fault(IDOCSPBadSigner, findings.CodeOCSPError, s.idx, "The OCSP response is not signed by an authorized responder: "+problem+".")).
			With(LabelError, problem).With(LabelSigner, certLabel(responder))
		j.findings = append(j.findings, f)
		return j
	}
	if responder := resp.Certificate; responder != nil && !bytes.Equal(responder.Raw, s.issuer.Raw) {
		at := func(t time.Time) string {
			switch {
			case t.Before(responder.NotBefore):
				return "not yet valid"
			case t.After(responder.NotAfter):
				return "expired"
			}
			return ""
		}
		if p := at(c.now); p != "" {
			cc := c.clockCaused(at)
			f := ev(fault(IDOCSPBadSigner, findings.CodeOCSPError, s.idx, "The OCSP responder's certificate is "+p+" at the local time.")).
				With(LabelError, "responder certificate "+p).With(LabelSigner, certLabel(responder)).
				With(LabelLocalTime, stamp(c.now))
			f = withClock(f, c, cc)
			j.findings = append(j.findings, f)
			if !cc {
				j.status, j.reason = StatusError, "the OCSP responder's certificate is "+p
				return j
			}
			j.clockCaused = true
		}
	}

	at := func(t time.Time) string { return windowProblem(resp.ThisUpdate, resp.NextUpdate, t) }
	if p := at(c.now); p != "" {
		cc := c.clockCaused(at)
		var f findings.Finding
		if p == "future" {
			f = fault(IDOCSPFutureResponse, findings.CodeOCSPError, s.idx, "The OCSP response is dated in the future (thisUpdate after the local time).")
		} else {
			f = fault(IDOCSPExpiredResponse, findings.CodeOCSPError, s.idx, "The OCSP response has expired (nextUpdate before the local time).")
		}
		f = ev(f).With(LabelThisUpdate, stamp(resp.ThisUpdate)).With(LabelNextUpdate, stamp(resp.NextUpdate)).
			With(LabelProducedAt, stamp(resp.ProducedAt)).With(LabelLocalTime, stamp(c.now))
		j.findings = append(j.findings, withClock(f, c, cc))
		if !cc {
			j.status = StatusError
			j.reason = fmt.Sprintf("the OCSP response is not valid at the local time (%s)", map[string]string{"future": "dated in the future", "expired": "expired"}[p])
			return j
		}
		j.clockCaused = true
	}

	switch resp.Status {
	case ocsp.Good:
		j.status, j.reason = StatusGood, "the OCSP response says the certificate is good"
	case ocsp.Revoked:
		j.status = StatusRevoked
		j.revokedAt = resp.RevokedAt
		j.revocationReason = reasonName(resp.RevocationReason)
		j.reason = "the OCSP response says the certificate was revoked"
		f := ev(fault(IDOCSPRevoked, findings.CodeRevoked, s.idx, fmt.Sprintf("The certificate was revoked by its CA on %s (reason: %s).", stamp(resp.RevokedAt), j.revocationReason))).
			With(LabelSerial, serialHex(s.cert.SerialNumber)).With(LabelRevokedAt, stamp(resp.RevokedAt)).
			With(LabelReason, j.revocationReason).With(LabelSubject, certLabel(s.cert))
		j.findings = append(j.findings, f)
	default:
		j.status, j.reason = StatusUnknown, "the OCSP responder does not know the certificate"
		f := ev(fault(IDOCSPUnknownStatus, findings.CodeOCSPError, s.idx, "The OCSP responder answered that it does not know this certificate.")).
			With(LabelSerial, serialHex(s.cert.SerialNumber)).With(LabelSubject, certLabel(s.cert))
		j.findings = append(j.findings, f)
	}
	return j
}

// parseFailure turns an ocsp parse error into a judgement.
func parseFailure(err error, s subject, ev func(findings.Finding) findings.Finding) judgement {
	var j judgement
	j.status = StatusError
	var re ocsp.ResponseError
	switch {
	case errors.As(err, &re):
		j.reason = "the OCSP responder answered with an error: " + re.Status.String()
		f := ev(fault(IDOCSPResponderError, findings.CodeOCSPError, s.idx, "The OCSP responder answered with an error status ("+re.Status.String()+") instead of the certificate's status.")).
			With(LabelResponseStatus, re.Status.String())
		j.findings = append(j.findings, f)
	case strings.Contains(err.Error(), "bad signature on embedded certificate"):
		j.reason = "the OCSP response's signature does not verify"
		f := ev(fault(IDOCSPBadSigner, findings.CodeOCSPError, s.idx, "The OCSP response's signature does not verify.")).
			With(LabelError, err.Error())
		j.findings = append(j.findings, f)
	default:
		j.reason = "the OCSP response cannot be used: " + err.Error()
		f := ev(fault(IDOCSPBadResponse, findings.CodeOCSPError, s.idx, "The OCSP response cannot be used: "+err.Error()+".")).
			With(LabelError, err.Error())
		j.findings = append(j.findings, f)
	}
	return j
}

// checkSigner verifies who signed resp: the issuer itself, or a responder
// certificate issued by the issuer with the OCSPSigning usage. It returns
// a problem in words ("" when fine) and the signer certificate, if any.
// (The response's signature by an embedded certificate was already
// verified by the parser.)
func checkSigner(resp *ocsp.Response, issuer *x509.Certificate) (string, *x509.Certificate) {
	rc := resp.Certificate
	if rc == nil {
		if err := resp.CheckSignatureFrom(issuer); err != nil {
			return "signature does not verify with the issuer's key", nil
		}
		return "", nil
	}
	if bytes.Equal(rc.Raw, issuer.Raw) {
		return "", rc
	}
	if !bytes.Equal(rc.RawIssuer, issuer.RawSubject) {
		return "the responder certificate was issued by " + rc.Issuer.String() + ", not by the certificate's issuer", rc
	}
	if err := rc.CheckSignatureFrom(issuer); err != nil {
		return "the responder certificate's signature does not verify with the issuer's key", rc
	}
	for _, u := range rc.ExtKeyUsage {
		if u == x509.ExtKeyUsageOCSPSigning {
			return "", rc
		}
	}
	return "the responder certificate lacks the OCSP signing usage", rc
}

// ocspSCTs returns the serialized SCTs in the response's SCT extension,
// or why the extension could not be read (an unreadable list is invalid
// evidence for the CT check, not an absent one).
func ocspSCTs(resp *ocsp.Response) ([][]byte, string) {
	for _, e := range resp.Extensions {
		if e.Id.Equal(oidOCSPSCTs) {
			list, err := unwrapSCTList(e.Value)
			if err != nil {
				return nil, err.Error()
			}
			return list, ""
		}
	}
	return nil, ""
}

// withClock marks a finding caused by the clock and adds the reference
// time as evidence.
func withClock(f findings.Finding, c clocks, caused bool) findings.Finding {
	if c.ref.IsZero() {
		return f
	}
	f = f.With(LabelReferenceTime, stamp(c.ref))
	if caused {
		f.ClockCaused = true
		f.Summary += " It is valid at the reference time: the device clock is wrong, not the response."
	}
	return f
}
