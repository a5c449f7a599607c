package captive

import (
	"time"

	"github.com/certwiz/certwiz/findings"
)

// States of the network path.
const (
	StateOnline  = "online"
	StatePortal  = "portal"
	StateUnknown = "unknown"
)

// Reasons a check reached its state (CheckResult.Reason).
const (
	ReasonNoContent      = "no-content"      // 204, or 200 with at most one byte
	ReasonExpectedBody   = "expected-body"   // a corroborating check's body matched
	ReasonRedirect       = "redirect"        // 3xx
	ReasonNetworkAuth    = "network-auth"    // 511 Network Authentication Required
	ReasonContent        = "content"         // 200 with a page instead of nothing
	ReasonWrongBody      = "wrong-body"      // a corroborating check's body differed
	ReasonFaked204       = "faked-204"       // 204 without the challenge echo
	ReasonUnexpected     = "unexpected"      // another status
	ReasonNetworkFailure = "network-failure" // no HTTP answer
)

// Result is what the probe established.
type Result struct {
	// State is StateOnline, StatePortal or StateUnknown.
	State string
	// URL, StatusCode and LandingURL are those of the deciding check.
	// LandingURL is the portal's page (resolved Location, refresh target
	// or the check URL itself); empty unless State is StatePortal.
	URL        string
	StatusCode int
	LandingURL string
	// Err is the deciding check's network error, when State is unknown.
	Err string
	// Checks are every check made, the primary first.
	Checks   []CheckResult
	Findings []findings.Finding
	Duration time.Duration
}

// CheckResult is one connectivity check.
type CheckResult struct {
	URL        string
	State      string
	Reason     string
	StatusCode int
	LandingURL string
	// BodyBytes is how much of the body was read (at most MaxBody);
	// Truncated is set when there was more.
	BodyBytes int
	Truncated bool
	Err       string
}
