package tlsprobe

import (
	"bytes"
	"crypto/x509"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
)

// trustResult is the outcome of the isolated trust check.
type trustResult struct {
	ok bool
	// at is the time the chain verified at: now when a path is valid now,
	// else a time inside the certificates' windows (dates are judged on
	// the path separately, so they do not mask trust).
	at time.Time
	// path is the verified path, leaf first, ending at the trust anchor
	// as the verifier found it in the pool (the anchor may be missing
	// when trust was established past a weak signature by hand).
	path []*x509.Certificate
	// weakPath is set when trust was established only by checking SHA-1
	// or MD5 signatures by hand (Go refuses them).
	weakPath bool
	// dateless is set when no one time had every certificate on the path
	// valid (a leaf issued after its intermediate expired): trust was
	// established for the top of the linked path alone, at a time inside
	// its own window, and the dates are judged on the path separately.
	dateless bool
	// anchorKnown says path ends at the anchor from the pool.
	anchorKnown bool
	roots       *x509.CertPool
	// paths is the run's path memory the trust answer came from.
	paths *chainverify.Verifier
	// err is the verifier's first error when !ok.
	err      error
	findings []findings.Finding
}

// checkTrust is code 6, isolated from name, dates and purpose: the leaf
// must chain, through the presented (and AIA-fetched) intermediates, to
// a root in roots (nil: the system pool), for any key usage. A path valid
// at now is preferred (the one a browser would take); failing that, any
// time inside the certificates' validity windows. paths may be nil.
func checkTrust(chain []*x509.Certificate, roots *x509.CertPool, now time.Time, paths *chainverify.Verifier) trustResult {
	var firstErr error
	for i, t := range chainverify.TrustTimes(chain, now) {
		found, err := paths.Verify(chainverify.Request{
			Cert: chain[0], Intermediates: chain[1:], Roots: roots, At: t,
			Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil {
			return trustResult{ok: true, at: t, roots: roots, paths: paths, path: bestPath(found), anchorKnown: true}
		}
		if firstErr == nil && i > 0 { // the error at now may be only dates
			firstErr = err
		}
	}
	if path, t, known, ok := weakTolerantTrust(chain, roots, now); ok {
		return trustResult{ok: true, at: t, weakPath: true, roots: roots, path: path, anchorKnown: known}
	}
	if datesOnly(chain, firstErr) {
		// Every time tried failed on a date, so the error says nothing
		// about the root: ask the question of the linked path's top.
		path, t, err := paths.Anchored(chain, roots, now, signedBy)
		if err == nil {
			return trustResult{ok: true, at: t, dateless: true, roots: roots, paths: paths, path: path, anchorKnown: true}
		}
		if fs := trustFindings(chain, err); len(fs) > 0 {
			return trustResult{err: err, findings: fs}
		}
	}
	return trustResult{err: firstErr, findings: trustFindings(chain, firstErr)}
}

// datesOnly reports an error from the verifier that is about a presented
// certificate's dates: the leaf outside its window, or the only candidate
// issuer found by name rejected as expired or not yet valid.
func datesOnly(chain []*x509.Certificate, err error) bool {
	var cie x509.CertificateInvalidError
	if errors.As(err, &cie) {
		return cie.Reason == x509.Expired && cie.Cert != nil && indexOf(chain, cie.Cert) >= 0
	}
	reason, name, ok := rejectedCandidate(err)
	return ok && strings.Contains(reason, "expired or is not yet valid") && indexBySubject(chain, name) >= 0
}

// bestPath picks the shortest of the verified paths.
func bestPath(paths [][]*x509.Certificate) []*x509.Certificate {
	best := paths[0]
	for _, p := range paths[1:] {
		if len(p) < len(best) {
			best = p
		}
	}
	return best
}

// hintRE reads the candidate the verifier rejected out of an
// UnknownAuthorityError's text (the type keeps it unexported).
var hintRE = regexp.MustCompile(`possibly because of "(.*)" while trying to verify candidate authority certificate "(.*)"\)$`)

// rejectedCandidate returns the reason and name of the authority the
// verifier found by name but rejected, if err says so.
func rejectedCandidate(err error) (reason, name string, ok bool) {
	var ua x509.UnknownAuthorityError
	if !errors.As(err, &ua) {
		return "", "", false
	}
	m := hintRE.FindStringSubmatch(ua.Error())
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
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
		for _, c := range chain {
			if len(c.UnhandledCriticalExtensions) > 0 {
				return nil // a sent certificate: checkWeakness reports it
			}
		}
		// No sent certificate has one: the verifier rejected the root.
		return []findings.Finding{anchorCritical(issuerName(chain[topOf(chain)]), err)}
	case errors.As(err, &cie) && cie.Reason == x509.CANotAuthorizedForThisName:
		return []findings.Finding{newFinding(IDNameConstraint, findings.CodeOther, findings.Critical, indexOf(chain, cie.Cert),
			"An issuing CA is not allowed to issue certificates for the names in this certificate.").
			With(LabelSubject, subjectName(leaf)).With(LabelReason, err.Error())}
	case errors.As(err, &cie) && cie.Reason == x509.Expired && cie.Cert != nil:
		if indexOf(chain, cie.Cert) >= 0 {
			return nil // the date check reports presented certificates
		}
		return []findings.Finding{anchorExpired(cie.Cert.Subject.CommonName, err)}
	case errors.As(err, &cie):
		return []findings.Finding{untrusted(chain, 0, issuerName(leaf), err)}
	}
	if reason, name, ok := rejectedCandidate(err); ok {
		switch {
		case strings.Contains(reason, "unhandled critical extension"):
			idx := indexBySubject(chain, name)
			if idx >= 0 {
				return nil // a sent certificate: checkWeakness reports it
			}
			return []findings.Finding{anchorCritical(name, err)}
		case strings.Contains(reason, "expired or is not yet valid") && indexBySubject(chain, name) < 0:
			return []findings.Finding{anchorExpired(name, err)}
		}
	}
	// Unknown authority (or no system roots): say which kind.
	if bytes.Equal(leaf.RawIssuer, leaf.RawSubject) {
		return []findings.Finding{newFinding(IDSelfSigned, findings.CodeUntrustedIssuer, findings.Critical, 0,
			"The certificate is self-signed: no certificate authority vouches for it.").
			With(LabelSubject, subjectName(leaf)).With(LabelIssuer, issuerName(leaf)).With(LabelReason, err.Error())}
	}
	top := topOf(chain)
	if missingIssuer(chain[top]) {
		return []findings.Finding{incompleteFinding(chain, top, err)}
	}
	return []findings.Finding{untrusted(chain, top, issuerName(chain[top]), err)}
}

func anchorCritical(name string, err error) findings.Finding {
	return newFinding(IDCriticalExtension, findings.CodeOther, findings.Critical, -1,
		"The trusted root "+name+" has a critical extension the verifier does not understand, so it rejects every chain to it.").
		With(LabelSubject, name).With(LabelOID, "(in the root from the trust store)").With(LabelReason, err.Error())
}

func anchorExpired(name string, err error) findings.Finding {
	return newFinding(IDExpired, findings.CodeDateInvalid, findings.Critical, -1,
		"The trusted root "+name+" is outside its validity period.").
		With(LabelSubject, name).With(LabelNotAfter, "(root in the trust store)").With(LabelReason, err.Error())
}

// topOf follows issuers through the presented certificates from the leaf
// and returns the index of the last one reached.
func topOf(chain []*x509.Certificate) int {
	path := chainverify.LinkedPath(chain, signedBy)
	return path[len(path)-1]
}

func untrusted(chain []*x509.Certificate, idx int, issuer string, err error) findings.Finding {
	return newFinding(IDUntrustedIssuer, findings.CodeUntrustedIssuer, findings.Critical, idx,
		"The certificate chains to "+issuer+", which this device does not trust.").
		With(LabelSubject, subjectName(chain[0])).With(LabelIssuer, issuer).With(LabelReason, err.Error())
}

func indexOf(chain []*x509.Certificate, c *x509.Certificate) int {
	for i, x := range chain {
		if c != nil && x.Equal(c) {
			return i
		}
	}
	return -1
}

// indexBySubject finds a presented certificate by the name the verifier
// prints for it (common name, else first organization).
func indexBySubject(chain []*x509.Certificate, name string) int {
	for i, c := range chain {
		if c.Subject.CommonName == name || (c.Subject.CommonName == "" && len(c.Subject.Organization) > 0 && c.Subject.Organization[0] == name) {
			return i
		}
	}
	return -1
}
