package clock

import (
	"context"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Probe finds the reference time and judges the local clock against it.
//
// Sources, best first:
//
//  1. SNTP: every server is asked at once (for at most NTPWait); the
//     answers that pass validation give the median offset. Uncertainty
//     is the median answer's root distance (half the round trip plus the
//     server's own root delay/2 and dispersion).
//  2. HTTPS Date headers from DateURLs, fetched concurrently with SNTP
//     and used only when no SNTP answer is valid. Each estimate's
//     uncertainty is one second (the header's resolution) plus the
//     round trip.
//  3. The build time: the clock is behind when earlier than the build
//     minus two days, ahead when later than the build plus a year; inside
//     that window the verdict stays unknown.
//
// With two middle values the median is their mean and the uncertainty
// grows by half their spread. Probe returns when ctx is done at the
// latest; it never returns nil.
func Probe(ctx context.Context, cfg Config) *Result {
	start := time.Now()
	local := cfg.now()
	adjust := time.Now().Round(0).Sub(local.Round(0)) // system − local
	res := &Result{LocalTime: local, Source: SourceNone, Verdict: VerdictUnknown, BuildTime: cfg.BuildTime}
	defer func() { res.Duration = time.Since(start) }()

	dateCtx, cancelDates := context.WithCancel(ctx)
	defer cancelDates()
	datesDone := make(chan []DateResult, 1)
	go func() {
		var out []DateResult
		if len(cfg.DateURLs) > 0 {
			out = fetchDates(dateCtx, dateClient(cfg.Client), cfg.DateURLs, adjust)
		}
		datesDone <- out
	}()

	servers := cfg.servers()
	res.Servers = queryAll(ctx, servers, adjust)
	var answered []string
	var ests []estimate
	for _, s := range res.Servers {
		if s.Err == "" {
			answered = append(answered, s.Server)
			ests = append(ests, estimate{s.Offset, s.Uncertainty})
		}
	}
	if len(ests) > 0 {
		cancelDates() // SNTP answered: the fallback is not needed.
		<-datesDone
		res.Source = SourceNTP
		res.judge(median(ests), answered)
		return res
	}

	res.Dates = <-datesDone
	for _, d := range res.Dates {
		if d.Err == "" {
			answered = append(answered, d.URL)
			ests = append(ests, estimate{d.Offset, d.Uncertainty})
		}
	}
	if len(ests) > 0 {
		res.Source = SourceHTTPSDate
		res.Findings = append(res.Findings, ntpBlockedFinding(res.Servers))
		res.judge(median(ests), answered)
		return res
	}

	if !cfg.BuildTime.IsZero() {
		res.Source = SourceBuildTime
		res.Verdict = buildVerdict(local, cfg.BuildTime)
	}
	if res.Verdict == VerdictUnknown {
		res.Findings = append(res.Findings, unknownFinding(res, append(append([]string(nil), servers...), cfg.DateURLs...), res.errors()))
	} else {
		res.Findings = append(res.Findings, skewedFinding(res, nil))
	}
	findings.Sort(res.Findings)
	return res
}

// judge records the reference e and its verdict.
func (r *Result) judge(e estimate, answered []string) {
	r.Offset, r.Uncertainty = e.offset, e.uncertainty
	r.ReferenceTime = r.LocalTime.Add(e.offset)
	r.Verdict = offsetVerdict(e.offset, e.uncertainty)
	if r.Skewed() {
		r.Findings = append(r.Findings, skewedFinding(r, answered))
	}
	findings.Sort(r.Findings)
}

func (r *Result) errors() []string {
	var errs []string
	for _, s := range r.Servers {
		if s.Err != "" {
			errs = append(errs, s.Err)
		}
	}
	for _, d := range r.Dates {
		if d.Err != "" {
			errs = append(errs, d.Err)
		}
	}
	return errs
}
