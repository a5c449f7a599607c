package revocation

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// judgeCRL reads a CRL held in memory for s (the fuzz target and small
// callers); downloads go through the streaming path (crlfetch.go).
func judgeCRL(der []byte, s subject, c clocks, crlURL string) judgement {
	want := map[string]struct{}{serialKey(s.cert.SerialNumber): {}}
	sc, err := scanCRL(bytes.NewReader(der), MaxCRLBytes, want)
	if err != nil {
		return crlUnreadable(err, s, crlURL)
	}
	return judgeScan(sc, s, c, crlURL)
}

// crlEvidence adds the source and URL labels to a CRL finding.
func crlEvidence(f findings.Finding, crlURL string) findings.Finding {
	return f.With(LabelSource, string(SourceCRL)).With(LabelCRLURL, crlURL)
}

// crlUnreadable is the judgement for a CRL that could not be read
// (malformed, too large, or signed with an algorithm certwiz does not
// verify).
func crlUnreadable(err error, s subject, crlURL string) judgement {
	var j judgement
	j.status, j.reason = StatusError, "the CRL cannot be parsed: "+err.Error()
	summary := "The downloaded CRL cannot be parsed: " + err.Error() + "."
	if errors.Is(err, errTooLarge) {
		j.reason = "the CRL server sent more than the size limit"
		summary = "The CRL server's answer is larger than certwiz accepts."
	}
	j.findings = append(j.findings, crlEvidence(fault(IDCRLBadResponse, findings.CodeOCSPError, s.idx, summary), crlURL).With(LabelError, err.Error()))
	return j
}

// judgeScan judges s against a streamed CRL: it must be issued and signed
// by s's issuer and current (with TimeSlop); then s's serial is looked up.
func judgeScan(sc *crlScan, s subject, c clocks, crlURL string) judgement {
	var j judgement
	j.thisUpdate, j.nextUpdate = sc.thisUpdate, sc.nextUpdate
	if !bytes.Equal(sc.rawIssuer, s.issuer.RawSubject) {
		name := nameString(sc.rawIssuer)
		j.status, j.reason = StatusError, "the CRL was issued by "+name+", not by the certificate's issuer"
		j.findings = append(j.findings, crlEvidence(fault(IDCRLBadSignature, findings.CodeOCSPError, s.idx, "The CRL was issued by another authority than the certificate's issuer."), crlURL).
			With(LabelError, "CRL issuer "+name).With(LabelSigner, name))
		return j
	}
	if err := checkCRLSigner(sc, s.issuer); err != nil {
		j.status, j.reason = StatusError, "the CRL's signature does not verify with the issuer's key"
		j.findings = append(j.findings, crlEvidence(fault(IDCRLBadSignature, findings.CodeOCSPError, s.idx, "The CRL's signature does not verify with the issuer's key."), crlURL).With(LabelError, err.Error()))
		return j
	}
	at := func(t time.Time) string { return windowProblem(sc.thisUpdate, sc.nextUpdate, t) }
	if p := at(c.now); p != "" {
		cc := c.clockCaused(at)
		var f findings.Finding
		if p == "future" {
			f = fault(IDCRLNotYetValid, findings.CodeOCSPError, s.idx, "The CRL is dated in the future (thisUpdate after the local time).")
		} else {
			f = fault(IDCRLStale, findings.CodeOCSPError, s.idx, "The CRL is out of date (nextUpdate before the local time).")
		}
		f = crlEvidence(f, crlURL).With(LabelThisUpdate, stamp(sc.thisUpdate)).With(LabelNextUpdate, stamp(sc.nextUpdate)).With(LabelLocalTime, stamp(c.now))
		j.findings = append(j.findings, withClock(f, c, cc))
		if !cc {
			j.status, j.reason = StatusError, "the CRL is not current at the local time"
			return j
		}
		j.clockCaused = true
	}
	if e, ok := sc.revoked[serialKey(s.cert.SerialNumber)]; ok {
		j.status = StatusRevoked
		j.revokedAt = e.at
		j.revocationReason = reasonName(e.reason)
		j.reason = "the CA's CRL lists the certificate as revoked"
		j.findings = append(j.findings, crlEvidence(fault(IDCRLRevoked, findings.CodeRevoked, s.idx,
			fmt.Sprintf("The certificate is on its CA's revocation list since %s (reason: %s).", stamp(e.at), j.revocationReason)), crlURL).
			With(LabelSerial, serialHex(s.cert.SerialNumber)).With(LabelRevokedAt, stamp(e.at)).
			With(LabelReason, j.revocationReason).With(LabelSubject, certLabel(s.cert)))
		return j
	}
	j.status, j.reason = StatusGood, "the certificate is not on its CA's CRL"
	return j
}

// checkCRLSigner applies the checks x509.RevocationList.CheckSignatureFrom
// makes (a CA allowed to sign CRLs) and verifies the streamed signature.
func checkCRLSigner(sc *crlScan, issuer *x509.Certificate) error {
	if issuer.Version == 3 && !issuer.BasicConstraintsValid || issuer.BasicConstraintsValid && !issuer.IsCA {
		return errors.New("the issuer is not a CA")
	}
	if issuer.KeyUsage != 0 && issuer.KeyUsage&x509.KeyUsageCRLSign == 0 {
		return errors.New("the issuer's key may not sign CRLs")
	}
	return sc.verify(issuer.PublicKey)
}

// nameString renders a DER Name for evidence.
func nameString(raw []byte) string {
	var rdn pkix.RDNSequence
	rest, err := asn1.Unmarshal(raw, &rdn)
	if err != nil || len(rest) > 0 {
		return "an unreadable name"
	}
	var n pkix.Name
	n.FillFromRDNSequence(&rdn)
	return n.String()
}
