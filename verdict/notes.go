package verdict

import (
	"strings"

	"github.com/certwiz/certwiz/findings"
)

// ServiceDomains are the service's own domains: a fault on one of them is
// the service's to fix, on any other the domain owner's.
var ServiceDomains = []string{"zoom.us", "zoom.com"}

// ServiceDomain reports whether host is the service's (a service domain
// or one of its subdomains).
func ServiceDomain(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range ServiceDomains {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

// Note is one sentence of advice that follows from what was measured: a
// message key (content "note.<Key>" or "trust.<Key>") and its values, raw
// (sanitize them to display).
type Note struct {
	Key  string
	Args map[string]string
}

// Trust rules: what to do about the alert's "Trust Anyway" button in this
// case. Every decision has exactly one.
const (
	// TrustNever: possibly an attack (an unknown device re-signing on a
	// public network), or a root whose private key is public.
	TrustNever = "never"
	// TrustNeverRevoked: the certificate was withdrawn by its issuer.
	TrustNeverRevoked = "never-revoked"
	// TrustFixFirst: the cause can be fixed (the time, a sign-in page);
	// the alert then goes away without it.
	TrustFixFirst = "fix-first"
	// TrustIfITSays: the company's own inspection device: only when IT
	// says so.
	TrustIfITSays = "if-it-says"
	// TrustIfKnown: a product at home: only when the person knows and
	// trusts the product or device that re-signs.
	TrustIfKnown = "if-known"
	// TrustAsk: a certificate problem certwiz cannot settle: not before
	// IT or the service's support confirmed it.
	TrustAsk = "ask-first"
	// TrustNotNeeded: nothing was found from here.
	TrustNotNeeded = "not-needed"
)

// trustRule is the "Trust Anyway" rule that fits the decision.
func trustRule(d Decision) string {
	switch d.Cause {
	case CauseInterceptionPublic:
		return TrustNever
	case CauseInterceptionHome:
		if d.ProductKind == findings.KindAdware {
			return TrustNever
		}
		return TrustIfKnown
	case CauseInterceptionOffice:
		return TrustIfITSays
	case CauseClock, CausePortal:
		return TrustFixFirst
	case CauseCode:
		if d.Code == findings.CodeRevoked {
			return TrustNeverRevoked
		}
		return TrustAsk
	}
	return TrustNotNeeded
}

// notes are the sentences of advice that depend on what was measured,
// beyond the remedy page itself.
func notes(f Facts, d Decision) []Note {
	var out []Note
	if d.OthersRemain {
		out = append(out, Note{Key: "others-remain"})
	}
	if d.Focus < 0 {
		return out
	}
	t := f.Targets[d.Focus]
	switch d.Code {
	case findings.CodeOCSPError:
		out = append(out, revocationNotes(f, t)...)
	case findings.CodeDateInvalid:
		if f.Clock.Known && !f.Clock.Skewed {
			out = append(out, Note{Key: "clock-verified"})
		}
	}
	if d.Cause == CauseCode {
		switch d.Code {
		case findings.CodeRevoked, findings.CodeOCSPError, findings.CodeCTInvalid, findings.CodeOther:
			key := "third-party"
			if ServiceDomain(t.Host) {
				key = "service-domain"
			}
			out = append(out, Note{Key: key, Args: map[string]string{"host": t.Host}})
		}
	}
	return out
}

// revocationNotes tell an unreachable revocation server from an answer
// that was out of date or wrong, and say whether the time was verified.
func revocationNotes(f Facts, t TargetFacts) []Note {
	var out []Note
	for _, fd := range t.Findings {
		switch fd.ID {
		case "ocsp.unreachable", "crl.unreachable":
			host := fd.Value("host")
			if host == "" {
				host = fd.Value("url")
			}
			out = append(out, Note{Key: "revocation-unreachable", Args: map[string]string{"server": host}})
			return append(out, clockNote(f)...)
		case "ocsp.expired-response", "ocsp.future-response", "crl.stale", "crl.not-yet-valid":
			out = append(out, Note{Key: "revocation-stale"})
			return append(out, clockNote(f)...)
		case "ocsp.not-ocsp":
			return append(out, Note{Key: "revocation-intercepted"})
		}
	}
	return append(out, clockNote(f)...)
}

// clockNote says whether the time can be ruled out as the cause.
func clockNote(f Facts) []Note {
	if f.Clock.Known && !f.Clock.Skewed {
		return []Note{{Key: "clock-verified"}}
	}
	return nil
}
