package probes

import (
	"context"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/ct"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/revocation"
	"github.com/certwiz/certwiz/probes/tlsprobe"
)

// tlsShare is the part of the budget the handshake may use; the rest is
// kept for the revocation fetches that follow it.
const tlsShare = 0.7

// referenceFunc waits for the clock probe (within the budget) and returns
// its result, or false when there is none.
type referenceFunc func() (*clock.Result, bool)

// runTarget probes one target and analyses what it presented: the TLS
// checks, interception, revocation and CT, merged and ranked.
func runTarget(ctx context.Context, e *env, t Target, reference referenceFunc) *TargetReport {
	t0 := time.Now()
	tr := &TargetReport{Target: t}
	defer func() { tr.Duration = time.Since(t0) }()
	tlsCtx, cancel := context.WithTimeout(ctx, time.Duration(float64(e.cfg.timeout())*tlsShare))
	res := tlsprobe.Probe(tlsCtx, tlsprobe.Config{
		Host: t.Host, Port: t.Port, Dial: e.dial,
		Roots: e.roots, PublicRoots: e.public, Now: e.cfg.Now, AIAClient: e.client, Paths: e.paths,
	})
	cancel()
	tr.TLS = res
	all := append([]findings.Finding(nil), res.Findings...)
	if e.setupErr != nil {
		all = append(all, envFinding(e.setupErr))
	}
	if len(res.Chain) == 0 {
		findings.Sort(all)
		tr.Findings = all
		return tr
	}

	if m := interception.Identify(res.Chain); m != nil {
		tr.Interceptor = m
		all = append(all, m.Finding())
	}
	tr.Pool = interception.ClassifyRoots(e.paths, res.Completed(), e.roots, e.public, res.LocalTime)
	if f, ok := tr.Pool.Finding(); ok {
		all = append(all, f)
	}

	var ref time.Time
	if c, ok := reference(); ok {
		ref, _ = c.ReferenceNow(res.LocalTime)
	}
	tr.Revocation = revocation.Check(ctx, revocation.Input{
		Chain: res.Completed(), Roots: e.roots, Staple: res.StapledOCSP, Client: e.client,
		Now: res.LocalTime, Reference: ref, Paths: e.paths,
	})
	all = append(all, tr.Revocation.Findings...)

	tr.CT = ct.Check(ct.Input{
		Chain: res.Completed(), TLSSCTs: res.SCTs, OCSPSCTs: tr.Revocation.OCSPSCTs, OCSPSCTListError: tr.Revocation.OCSPSCTsError,
		Logs: e.cfg.CTLogs, PublicRoots: e.public, Now: res.LocalTime, Reference: ref, Paths: e.paths,
	})
	all = append(all, tr.CT.Findings...)

	findings.Sort(all)
	tr.Findings = all
	return tr
}

// markClockCaused returns tr with the date findings flagged clock-caused
// when its chain fails at the local time but verifies at the reference
// time of clk: the device clock, not the certificate, is wrong. It
// returns tr itself when nothing changes, else a copy (a report already
// handed out never changes).
func markClockCaused(tr *TargetReport, clk *clock.Result, e *env) *TargetReport {
	if clk == nil || tr.TLS == nil || len(tr.TLS.Chain) == 0 {
		return tr
	}
	ref, ok := clk.ReferenceNow(tr.TLS.LocalTime)
	if !ok || tr.TLS.VerifiesAt(tr.TLS.LocalTime, e.roots) || !tr.TLS.VerifiesAt(ref, e.roots) {
		return tr
	}
	cp := *tr
	cp.Findings = append([]findings.Finding(nil), tr.Findings...)
	for i := range cp.Findings {
		if cp.Findings[i].Code == findings.CodeDateInvalid {
			cp.Findings[i].ClockCaused = true
		}
	}
	return &cp
}
