package findings

import "sort"

// minorOther lists code-100 findings that Chromium ranks below date
// errors (validity too long, non-unique names). Every other code-100
// finding ranks with name constraints and weak signatures, above dates.
var minorOther = map[string]bool{
	"cert.validity-too-long": true,
	"cert.non-unique-name":   true,
}

// handshakeBlocking lists findings that mean the browser's own handshake
// fails before any certificate is judged: an outdated protocol, a cipher
// suite or key exchange browsers refuse, a certificate nobody can parse.
// They rank above every certificate finding (the diagnostic handshake's
// certificate findings follow as context, never above).
var handshakeBlocking = map[string]bool{
	"tls.old-version": true,
	"tls.weak-cipher": true,
	"tls.weak-dh":     true,
	"cert.unreadable": true,
}

// HandshakeBlocking reports whether f means the browser's own handshake
// would fail (see handshakeBlocking); such findings rank first.
func HandshakeBlocking(f Finding) bool { return handshakeBlocking[f.ID] }

// Priority returns the browsers' rank of a finding: lower is more
// serious. The order follows Chromium's MapCertStatusToNetError mapped to
// the article's codes: 7 > 2 > 6 > 1 > 4 > 100 > 5 > minor 100 > 3,
// after the handshake-blocking findings, which come before all of them.
// Findings with no code rank last.
func Priority(f Finding) int {
	if handshakeBlocking[f.ID] && f.Code != CodeNone {
		return -1
	}
	switch f.Code {
	case CodeBadPurpose:
		return 0
	case CodeRevoked:
		return 1
	case CodeUntrustedIssuer:
		return 2
	case CodeNameMismatch:
		return 3
	case CodeCTInvalid:
		return 4
	case CodeOther:
		if minorOther[f.ID] {
			return 7
		}
		return 5
	case CodeDateInvalid:
		return 6
	case CodeOCSPError:
		return 8
	}
	return 9
}

// Counts reports whether f contributes its code to a target's codes: a
// fault (Critical) or a check that could not be done (Unknown) with a code.
func Counts(f Finding) bool {
	return f.Code != CodeNone && !f.NotTested && !f.Context && (f.Severity == Critical || f.Severity == Unknown)
}

// Notable reports whether f is worth a line in front of a person:
// faults, warnings, could-not-check, and context facts. Other information
// (such as "no revocation information") stays in the reports.
func Notable(f Finding) bool { return f.Severity != Info || f.Context }

// Warns reports whether f asks for attention without being a certificate
// fault: a warning, or a check that could not be made (revocation that
// could not be checked), that is neither context nor a target that was
// never reached.
func Warns(f Finding) bool {
	return !f.Context && !f.NotTested && (f.Severity == Warning || f.Severity == Unknown)
}

// Sort orders findings in place: counted findings first by Priority, then
// Critical before Unknown, then the rest by severity; ties keep their order.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		ca, cb := Counts(a), Counts(b)
		if ca != cb {
			return ca
		}
		if pa, pb := Priority(a), Priority(b); pa != pb {
			return pa < pb
		}
		if a.Severity != b.Severity {
			return severityOrder(a.Severity) < severityOrder(b.Severity)
		}
		return false
	})
}

func severityOrder(s Severity) int {
	switch s {
	case Critical:
		return 0
	case Unknown:
		return 1
	case Warning:
		return 2
	}
	return 3
}

// Codes returns the distinct codes of the counted findings, most serious
// first. It sorts a copy; fs is not changed.
func Codes(fs []Finding) []Code {
	cp := append([]Finding(nil), fs...)
	Sort(cp)
	seen := map[Code]bool{}
	var out []Code
	for _, f := range cp {
		if !Counts(f) || seen[f.Code] {
			continue
		}
		seen[f.Code] = true
		out = append(out, f.Code)
	}
	return out
}

// Primary returns the most serious code among fs, or CodeNone.
func Primary(fs []Finding) Code {
	if cs := Codes(fs); len(cs) > 0 {
		return cs[0]
	}
	return CodeNone
}

// MostSerious returns the code that ranks first among codes, or CodeNone.
func MostSerious(codes ...Code) Code {
	best, bestP := CodeNone, 1<<30
	for _, c := range codes {
		if c == CodeNone {
			continue
		}
		if p := Priority(Finding{Code: c}); p < bestP {
			best, bestP = c, p
		}
	}
	return best
}

// Fault reports whether f is a certificate fault: the app would show the
// alert for it.
func Fault(f Finding) bool { return f.Severity == Critical && Counts(f) }
