package probes

import (
	"context"
	"net"
	"net/url"
	"strconv"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/netctx"
)

// The safe* wrappers run one probe and turn a panic into a failed result,
// so a bug in one probe never takes the run (or the wizard) down.

func safeTarget(ctx context.Context, e *env, t Target, ref referenceFunc) (tr *TargetReport) {
	defer func() {
		if v := recover(); v != nil {
			f := panicFinding("tls", v)
			f.Code, f.NotTested = findings.CodeOther, true
			tr = &TargetReport{Target: t, Findings: []findings.Finding{f}}
		}
	}()
	return runTarget(ctx, e, t, ref)
}

func safeClock(ctx context.Context, e *env) (res *clock.Result) {
	defer func() {
		if v := recover(); v != nil {
			res = &clock.Result{Source: clock.SourceNone, Verdict: clock.VerdictUnknown, Findings: []findings.Finding{panicFinding("clock", v)}}
		}
	}()
	var dates []string
	for _, t := range e.cfg.Targets {
		dates = append(dates, (&url.URL{Scheme: "https", Host: net.JoinHostPort(t.Host, strconv.Itoa(t.Port)), Path: "/"}).String())
	}
	build := e.cfg.BuildTime
	if build.IsZero() {
		build = clock.BuildTime()
	}
	return clock.Probe(ctx, clock.Config{
		Servers: e.cfg.NTPServers, DateURLs: dates, Client: e.client, Now: e.cfg.Now, BuildTime: build,
	})
}

func safeCaptive(ctx context.Context, e *env) (res *captive.Result) {
	defer func() {
		if v := recover(); v != nil {
			res = &captive.Result{State: captive.StateUnknown, Findings: []findings.Finding{panicFinding("captive", v)}}
		}
	}()
	return captive.Probe(ctx, captive.Config{URL: e.cfg.CaptiveURL, Client: e.client})
}

func safeNetwork(ctx context.Context, e *env) (res *netctx.Result) {
	defer func() {
		if v := recover(); v != nil {
			res = &netctx.Result{Findings: []findings.Finding{panicFinding("network", v)}}
		}
	}()
	var hosts []string
	seen := map[string]bool{}
	for _, t := range e.cfg.Targets {
		if !seen[t.Host] {
			seen[t.Host] = true
			hosts = append(hosts, t.Host)
		}
	}
	return netctx.Probe(ctx, netctx.Config{Targets: hosts, STUNServer: e.cfg.STUNServer, Dial: e.dialer.DialContext})
}
