package findings

import "fmt"

// Code is one of the error codes the meeting app shows on room devices.
// Zero means no certificate fault was found.
type Code int

// The article's codes. CodeOther (100) collects everything without a
// code of its own: protocol failures, weak signatures, timeouts.
const (
	CodeNone            Code = 0
	CodeNameMismatch    Code = 1
	CodeRevoked         Code = 2
	CodeOCSPError       Code = 3
	CodeCTInvalid       Code = 4
	CodeDateInvalid     Code = 5
	CodeUntrustedIssuer Code = 6
	CodeBadPurpose      Code = 7
	CodeOther           Code = 100
)

// AllCodes lists the article's codes in table order (CodeNone excluded).
var AllCodes = []Code{
	CodeNameMismatch, CodeRevoked, CodeOCSPError, CodeCTInvalid,
	CodeDateInvalid, CodeUntrustedIssuer, CodeBadPurpose, CodeOther,
}

// Valid reports whether c is one of the article's codes or CodeNone.
func (c Code) Valid() bool {
	if c == CodeNone {
		return true
	}
	for _, k := range AllCodes {
		if k == c {
			return true
		}
	}
	return false
}

// String returns a short English name, for logs and tests. User-facing
// text comes from package content.
func (c Code) String() string {
	switch c {
	case CodeNone:
		return "none"
	case CodeNameMismatch:
		return "name-mismatch"
	case CodeRevoked:
		return "revoked"
	case CodeOCSPError:
		return "ocsp-error"
	case CodeCTInvalid:
		return "ct-invalid"
	case CodeDateInvalid:
		return "date-invalid"
	case CodeUntrustedIssuer:
		return "untrusted-issuer"
	case CodeBadPurpose:
		return "bad-purpose"
	case CodeOther:
		return "other"
	}
	return fmt.Sprintf("code-%d", int(c))
}

// ParseCode parses a code as the room controller shows it ("6", "100").
func ParseCode(s string) (Code, error) {
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || fmt.Sprint(n) != s {
		return CodeNone, fmt.Errorf("error code %q is not a number", s)
	}
	c := Code(n)
	if c == CodeNone || !c.Valid() {
		return CodeNone, fmt.Errorf("error code %d is not one the app shows (1-7 or 100)", n)
	}
	return c, nil
}
