package probes

import (
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/ct"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/netctx"
	"github.com/certwiz/certwiz/probes/revocation"
	"github.com/certwiz/certwiz/probes/tlsprobe"
)

// Report is everything one check established.
type Report struct {
	Started  time.Time
	Duration time.Duration
	// Targets keep the order of Config.Targets. An entry whose probe did
	// not finish within the budget has TLS == nil and a timeout finding.
	Targets []*TargetReport
	// Clock, Captive and Network are nil when skipped or not finished.
	Clock   *clock.Result
	Captive *captive.Result
	Network *netctx.Result
	// NetworkDuration is how long the network-context probe took.
	NetworkDuration time.Duration
	// SuggestedNetwork is the network type the evidence points to (home,
	// office, vpn, public-wifi, unknown), with the reasons.
	SuggestedNetwork string
	NetworkReasons   []netctx.Reason
	// Proxy is the proxy the TLS probes went through ("" when direct).
	Proxy string
	// Interrupted is set when the run was cancelled (Ctrl-C) before the end.
	Interrupted bool
	// Machine is the computer the checks ran from.
	Machine Machine
}

// Machine names the computer a check ran from, for the hand-off to IT:
// the room's own computer and a laptop beside it see different things.
type Machine struct {
	Hostname string `json:"hostname"`
	OS       string `json:"os"`
	Arch     string `json:"arch"`
}

// TargetReport is one target's result: the TLS capture and every
// analysis made of it, with all findings merged and ranked.
type TargetReport struct {
	Target      Target
	TLS         *tlsprobe.Result
	Interceptor *interception.Match
	Pool        interception.PoolVerdict
	Revocation  *revocation.Result
	CT          *ct.Result
	// Findings are all of the target's findings, ranked.
	Findings []findings.Finding
	Duration time.Duration
}

// NotTested returns the finding that says the target was never reached
// (no certificate was seen), and whether there is one.
func (t *TargetReport) NotTested() (findings.Finding, bool) {
	if t.TLS != nil && len(t.TLS.Chain) > 0 {
		return findings.Finding{}, false
	}
	for _, f := range t.Findings {
		if f.NotTested {
			return f, true
		}
	}
	return findings.Finding{}, false
}

// Codes returns the target's article codes, most serious first.
func (t *TargetReport) Codes() []findings.Code { return findings.Codes(t.Findings) }

// Code returns the target's primary article code (0 when none).
func (t *TargetReport) Code() findings.Code { return findings.Primary(t.Findings) }

// Code returns the run's primary article code: the most serious code of
// any target.
func (r *Report) Code() findings.Code {
	var all []findings.Code
	for _, t := range r.Targets {
		all = append(all, t.Code())
	}
	return findings.MostSerious(all...)
}

// CaptivePortal reports whether a captive portal was seen: true, false,
// or nil when unknown.
func (r *Report) CaptivePortal() *bool {
	if r.Captive == nil {
		return nil
	}
	var v bool
	switch r.Captive.State {
	case captive.StatePortal:
		v = true
	case captive.StateOnline:
		v = false
	default:
		return nil
	}
	return &v
}
