package tlsprobe

import (
	"bytes"
	"crypto/x509"
	"errors"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// trustResult is the outcome of the isolated trust check.
type trustResult struct {
	ok bool
	// at is the time the chain verified at (inside the certificates'
	// windows, so dates do not mask trust).
	at time.Time
	// weakPath is set when trust was established only by checking SHA-1
	// or MD5 signatures by hand (Go refuses them).
	weakPath bool
	roots    *x509.CertPool
	findings []findings.Finding
}

// checkTrust is code 6, isolated from name, dates and purpose: the leaf
// must chain, through the presented intermediates, to a root in roots
// (nil: the system pool) at some time inside the certificates' validity
// windows, for any key usage.
func checkTrust(chain []*x509.Certificate, roots *x509.CertPool, now time.Time) trustResult {
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	var firstErr error
	for _, t := range candidateTimes(chain, now) {
		_, err := chain[0].Verify(x509.VerifyOptions{
			Roots: roots, Intermediates: inter, CurrentTime: t,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil {
			return trustResult{ok: true, at: t, roots: roots}
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if t, ok := weakTolerantTrust(chain, roots, inter, now); ok {
		return trustResult{ok: true, at: t, weakPath: true, roots: roots}
	}
	return trustResult{findings: trustFindings(chain, firstErr)}
}

// candidateTimes returns times to verify trust at: now moved inside the
// window all presented certificates share, then inside the leaf's own
// window, then the middle of the leaf's window.
func candidateTimes(chain []*x509.Certificate, now time.Time) []time.Time {
	leaf := chain[0]
	lo, hi := leaf.NotBefore, leaf.NotAfter
	for _, c := range chain[1:] {
		if c.NotBefore.After(lo) {
			lo = c.NotBefore
		}
		if c.NotAfter.Before(hi) {
			hi = c.NotAfter
		}
	}
	var out []time.Time
	if !lo.After(hi) {
		out = append(out, clamp(now, lo, hi))
	}
	return append(out, clamp(now, leaf.NotBefore, leaf.NotAfter),
		leaf.NotBefore.Add(leaf.NotAfter.Sub(leaf.NotBefore)/2))
}

func clamp(t, lo, hi time.Time) time.Time {
	if t.Before(lo) {
		return lo
	}
	if t.After(hi) {
		return hi
	}
	return t
}

// trustFindings explains why the chain did not verify.
func trustFindings(chain []*x509.Certificate, err error) []findings.Finding {
	leaf := chain[0]
	var (
		uce x509.UnhandledCriticalExtension
		cie x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &uce):
		return nil // reported on its own by checkWeakness
	case errors.As(err, &cie) && cie.Reason == x509.CANotAuthorizedForThisName:
		return []findings.Finding{newFinding(IDNameConstraint, findings.CodeOther, findings.Critical, indexOf(chain, cie.Cert),
			"An issuing CA is not allowed to issue certificates for the names in this certificate.").
			With(LabelSubject, subjectName(leaf)).With(LabelReason, err.Error())}
	case errors.As(err, &cie) && cie.Reason == x509.Expired && cie.Cert != nil:
		if indexOf(chain, cie.Cert) >= 0 {
			return nil // the date check reports presented certificates
		}
		return []findings.Finding{newFinding(IDExpired, findings.CodeDateInvalid, findings.Critical, -1,
			"The trusted root "+subjectName(cie.Cert)+" is outside its validity period.").
			With(LabelSubject, subjectName(cie.Cert)).
			With(LabelNotBefore, stamp(cie.Cert.NotBefore)).
			With(LabelNotAfter, stamp(cie.Cert.NotAfter)).
			With(LabelReason, err.Error())}
	case errors.As(err, &cie):
		return []findings.Finding{untrusted(chain, 0, issuerName(leaf), err)}
	}
	// Unknown authority (or no system roots): say which kind.
	if bytes.Equal(leaf.RawIssuer, leaf.RawSubject) {
		return []findings.Finding{newFinding(IDSelfSigned, findings.CodeUntrustedIssuer, findings.Critical, 0,
			"The certificate is self-signed: no certificate authority vouches for it.").
			With(LabelSubject, subjectName(leaf)).With(LabelIssuer, issuerName(leaf)).With(LabelReason, err.Error())}
	}
	if findIssuer(chain, leaf) < 0 {
		f := newFinding(IDIncompleteChain, findings.CodeUntrustedIssuer, findings.Critical, 0,
			"The server did not send the intermediate certificate "+issuerName(leaf)+" that links its certificate to a trusted root.").
			With(LabelSubject, subjectName(leaf)).With(LabelIssuer, issuerName(leaf))
		if len(leaf.IssuingCertificateURL) > 0 {
			f = f.With(LabelAIAIssuerURL, leaf.IssuingCertificateURL[0])
		}
		return []findings.Finding{f.With(LabelReason, err.Error())}
	}
	top := 0
	for range chain {
		j := findIssuer(chain, chain[top])
		if j < 0 {
			break
		}
		top = j
		if bytes.Equal(chain[j].RawIssuer, chain[j].RawSubject) {
			break
		}
	}
	return []findings.Finding{untrusted(chain, top, issuerName(chain[top]), err)}
}

func untrusted(chain []*x509.Certificate, idx int, issuer string, err error) findings.Finding {
	return newFinding(IDUntrustedIssuer, findings.CodeUntrustedIssuer, findings.Critical, idx,
		"The certificate chains to "+issuer+", which this device does not trust.").
		With(LabelSubject, subjectName(chain[0])).With(LabelIssuer, issuer).With(LabelReason, err.Error())
}

// findIssuer returns the index of the presented certificate (other than
// c) whose subject is c's issuer, or -1.
func findIssuer(chain []*x509.Certificate, c *x509.Certificate) int {
	for j, x := range chain {
		if x != c && bytes.Equal(x.RawSubject, c.RawIssuer) {
			return j
		}
	}
	return -1
}

func indexOf(chain []*x509.Certificate, c *x509.Certificate) int {
	for i, x := range chain {
		if c != nil && x.Equal(c) {
			return i
		}
	}
	return -1
}
