package report

import (
	"strings"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
)

// Exit statuses, in the monitoring-plugin convention.
const (
	StatusOK       = 0
	StatusWarning  = 1
	StatusCritical = 2
	StatusUnknown  = 3
)

// ExitStatus maps a report to the monitoring-plugin exit status:
// 2 when any target has a certificate fault; else 3 when a target could
// not be tested at all; else 1 when anything deserves attention (clock
// skew, a captive portal, a revocation check that could not be made);
// else 0.
func ExitStatus(r *probes.Report) int {
	untested, warn := false, false
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			switch {
			case f.Severity == findings.Critical && f.Code != findings.CodeNone:
				return StatusCritical
			case f.Severity == findings.Unknown && connectionLevel(f):
				untested = true
			case f.Severity == findings.Unknown || f.Severity == findings.Warning:
				warn = true
			}
		}
	}
	if untested || r.Interrupted {
		return StatusUnknown
	}
	if warn || clockSkewed(r) || portal(r) {
		return StatusWarning
	}
	return StatusOK
}

// connectionLevel reports findings that mean the target was not tested:
// the TLS connection itself failed, or the probe crashed.
func connectionLevel(f findings.Finding) bool {
	return strings.HasPrefix(f.ID, "tls.") || strings.HasPrefix(f.ID, "probe.")
}

func clockSkewed(r *probes.Report) bool {
	return r.Clock != nil && (r.Clock.Verdict == "ahead" || r.Clock.Verdict == "behind")
}

func portal(r *probes.Report) bool {
	p := r.CaptivePortal()
	return p != nil && *p
}

// StatusWord names an exit status as monitoring tools do.
func StatusWord(status int) string {
	switch status {
	case StatusOK:
		return "OK"
	case StatusWarning:
		return "WARNING"
	case StatusCritical:
		return "CRITICAL"
	}
	return "UNKNOWN"
}
