package report

import (
	"fmt"

	"github.com/certwiz/certwiz/findings"

	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/netctx"
	"github.com/certwiz/certwiz/steps"
)

// ClockFacts adapts the clock probe's result (and the network probe's
// system-NTP check, when there is one) to the decision tree's facts.
func ClockFacts(c *clock.Result, n *netctx.Result) steps.ClockFacts {
	var f steps.ClockFacts
	if c != nil {
		f.Known = c.Source == clock.SourceNTP || c.Source == clock.SourceHTTPSDate ||
			(c.Source == clock.SourceBuildTime && c.Verdict != clock.VerdictUnknown)
		f.Skewed = c.Skewed()
		f.Offset = c.Offset
		f.Local, f.Reference = c.LocalTime, c.ReferenceTime
		f.Source = c.Source
	}
	if n != nil {
		f.SystemNTPServers = n.SystemNTP.Servers
		f.SystemNTPUnreachable = n.SystemNTP.Reachable != nil && !*n.SystemNTP.Reachable
	}
	return f
}

// NetworkFacts adapts the captive-portal and network-context results.
func NetworkFacts(rep *probes.Report) steps.NetworkFacts {
	f := steps.NetworkFacts{
		Suggested: steps.NetworkType(rep.SuggestedNetwork),
		Reasons:   rep.NetworkReasons,
		Proxy:     rep.Proxy,
	}
	if f.Suggested == "" {
		f.Suggested = steps.NetUnknown
	}
	f.CaptivePortal = rep.CaptivePortal()
	if rep.Captive != nil && rep.Captive.State == captive.StatePortal {
		f.LandingURL = rep.Captive.LandingURL
	}
	if rep.Network != nil {
		f.VPN = rep.Network.VPN.Detected
	}
	return f
}

// TargetFacts adapts one target's report.
func TargetFacts(tr *probes.TargetReport) steps.TargetFacts {
	f := steps.TargetFacts{Host: tr.Target.Host, Port: tr.Target.Port, Code: tr.Code(), Codes: tr.Codes()}
	if tr.Interceptor != nil {
		f.Interceptor = tr.Interceptor.Product
		f.InterceptorKind = tr.Interceptor.Kind
	}
	f.EnterpriseRoot = tr.Pool.Trust == interception.EnterpriseRoot
	for _, fd := range tr.Findings {
		if fd.ClockCaused {
			f.ClockCaused = true
		}
		if Shown(fd, true) {
			f.Findings = append(f.Findings, fd)
		}
	}
	if untestedOnly(tr) {
		// The target could not be tested at all (no connection): that is
		// "not tested", not a certificate fault the remedy should follow.
		f.Code, f.Codes = 0, nil
		f.Err = "not tested"
		if tr.TLS != nil && tr.TLS.Err != nil {
			f.Err = tr.TLS.Err.Error()
		}
	}
	return f
}

// untestedOnly reports a target whose only counted findings say the
// connection itself failed.
func untestedOnly(tr *probes.TargetReport) bool {
	untested := false
	for _, f := range tr.Findings {
		if !findings.Counts(f) {
			continue
		}
		if f.Severity != findings.Unknown || !connectionLevel(f) {
			return false
		}
		untested = true
	}
	return untested
}

// State is the decision tree's state for a whole check: a quick check of
// rep's targets with every fact the run established.
func State(rep *probes.Report) steps.State {
	var hosts []string
	for _, t := range rep.Targets {
		hosts = append(hosts, fmt.Sprintf("%s:%d", t.Target.Host, t.Target.Port))
	}
	s := steps.New(hosts)
	s.Quick = true
	s.Clock = ClockFacts(rep.Clock, rep.Network)
	s.Net = NetworkFacts(rep)
	for _, t := range rep.Targets {
		s.Targets = append(s.Targets, TargetFacts(t))
	}
	return s
}

// Decide applies the wizard's decision to a check's report, so `check`
// and the wizard always name the same cause.
func Decide(rep *probes.Report) steps.Decision { return steps.Decide(State(rep)) }
