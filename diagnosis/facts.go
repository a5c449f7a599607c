package diagnosis

import (
	"slices"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/netctx"
	"github.com/certwiz/certwiz/verdict"
)

// Facts adapts everything a report holds to the verdict's evidence.
func Facts(rep *probes.Report) verdict.Facts {
	f := verdict.Facts{
		Clock:       ClockFacts(rep.Clock, rep.Network),
		Net:         NetworkFacts(rep),
		Interrupted: rep.Interrupted,
	}
	for _, t := range rep.Targets {
		f.Targets = append(f.Targets, TargetFacts(t))
	}
	return f
}

// Decide is the one decision on a report and the person's answers: the
// same for `certwiz check`, the wizard and every report they write.
func Decide(rep *probes.Report, a verdict.Answers) verdict.Decision {
	return verdict.Decide(Facts(rep), a)
}

// ClockFacts adapts the clock probe's result (and the network probe's
// system-NTP check, when there is one).
func ClockFacts(c *clock.Result, n *netctx.Result) verdict.ClockFacts {
	var f verdict.ClockFacts
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

// NetworkFacts adapts the captive-portal and network-context results and
// the session's network-type suggestion.
func NetworkFacts(rep *probes.Report) verdict.NetworkFacts {
	f := verdict.NetworkFacts{
		Suggested: findings.NetworkType(rep.SuggestedNetwork),
		Proxy:     rep.Proxy,
	}
	for _, r := range rep.NetworkReasons {
		f.Reasons = append(f.Reasons, verdict.Reason{Key: r.Key, Args: r.Args})
	}
	if f.Suggested == "" {
		f.Suggested = findings.NetUnknown
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
func TargetFacts(tr *probes.TargetReport) verdict.TargetFacts {
	f := verdict.TargetFacts{Host: tr.Target.Host, Port: tr.Target.Port}
	if nt, ok := tr.NotTested(); ok {
		f.NotTested, f.NotTestedID = true, nt.ID
		f.Err = nt.Summary
		if tr.TLS != nil && tr.TLS.Err != nil {
			f.Err = tr.TLS.Err.Error()
		}
		f.Findings = []findings.Finding{nt}
		return f
	}
	f.Code, f.Codes = tr.Code(), tr.Codes()
	var unexplained []findings.Finding
	for _, fd := range tr.Findings {
		f.ClockCaused = f.ClockCaused || fd.ClockCaused
		f.Faulty = f.Faulty || findings.Fault(fd)
		f.Warns = f.Warns || findings.Warns(fd)
		if findings.Counts(fd) && !fd.ClockCaused {
			unexplained = append(unexplained, fd)
		}
		if findings.Notable(fd) {
			f.Findings = append(f.Findings, fd)
		}
	}
	// A code is the clock's when none of its findings remains at the
	// reference time.
	remaining := findings.Codes(unexplained)
	for _, c := range f.Codes {
		if !slices.Contains(remaining, c) {
			f.ClockExplained = append(f.ClockExplained, c)
		}
	}
	if tr.Interceptor != nil {
		f.Interceptor = tr.Interceptor.Product
		f.InterceptorKind = findings.InterceptorKind(tr.Interceptor.Kind)
	}
	f.EnterpriseRoot = tr.Pool.Trust == interception.EnterpriseRoot
	return f
}
