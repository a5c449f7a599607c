package captive

import (
	"fmt"
	"strconv"

	"github.com/certwiz/certwiz/findings"
)

// Finding IDs this probe emits.
const (
	// IDPortal: a captive portal answered the check (Warning, no code:
	// the runner decides how a portal outranks certificate codes).
	IDPortal = "captive.portal"
	// IDUnknown: the check got no usable answer (Unknown).
	IDUnknown = "captive.unknown"
)

// FindingIDs lists every finding ID the probe can emit.
var FindingIDs = []string{IDPortal, IDUnknown}

// Evidence labels.
const (
	LabelURL        = "url"
	LabelStatus     = "status"
	LabelLandingURL = "landing_url"
	LabelReason     = "reason"
	LabelError      = "error"
)

func portalFinding(c CheckResult) findings.Finding {
	f := findings.Finding{
		ID: IDPortal, Severity: findings.Warning, CertIndex: -1,
		Summary: fmt.Sprintf("A captive portal answered the connectivity check %s (HTTP %d).", c.URL, c.StatusCode),
	}
	return f.With(LabelURL, c.URL).
		With(LabelStatus, strconv.Itoa(c.StatusCode)).
		With(LabelLandingURL, c.LandingURL).
		With(LabelReason, c.Reason)
}

func unknownFinding(c CheckResult) findings.Finding {
	msg := c.Err
	if msg == "" {
		msg = fmt.Sprintf("unexpected HTTP status %d", c.StatusCode)
	}
	f := findings.Finding{
		ID: IDUnknown, Severity: findings.Unknown, CertIndex: -1,
		Summary: "The captive-portal check got no usable answer: " + msg,
	}
	f = f.With(LabelURL, c.URL).With(LabelError, msg)
	if c.StatusCode != 0 {
		f = f.With(LabelStatus, strconv.Itoa(c.StatusCode))
	}
	return f
}
