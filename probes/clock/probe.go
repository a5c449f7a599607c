package clock

import (
	"context"
	"errors"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Probe finds the reference time and judges the local clock against it.
//
// Sources, best first:
//
//  1. SNTP: every server is asked at once (for at most NTPWait). Answers
//     that fail validation or give an impossible time (see the consensus
//     rule in consensus.go) are set aside; the largest group of answers
//     that agree is the reference, and its median is the offset. When
//     the answers split into equal groups, the HTTPS Date headers
//     (fetched concurrently) pick the group they agree with; when they
//     cannot, the sources disagree and the verdict is unknown.
//  2. HTTPS Date headers from DateURLs, used when no SNTP answer is
//     usable, under the same consensus rule. Each estimate's uncertainty
//     is one second (the header's resolution) plus the round trip.
//  3. The build time: the clock is behind when earlier than the build
//     minus two days, ahead when later than the build plus a year; inside
//     that window the verdict stays unknown.
//
// Probe returns when ctx is done at the latest; it never returns nil.
func Probe(ctx context.Context, cfg Config) *Result {
	start := time.Now()
	local := cfg.now()
	adjust := time.Now().Round(0).Sub(local.Round(0)) // system − local
	res := &Result{LocalTime: local, Source: SourceNone, Verdict: VerdictUnknown, BuildTime: cfg.BuildTime}
	defer func() { res.Duration = time.Since(start) }()
	earliest, latest := plausibleWindow(cfg.BuildTime)

	dateCtx, cancelDates := context.WithCancel(ctx)
	defer cancelDates()
	ntpCtx, cancelNTPCause := context.WithCancelCause(ctx)
	cancelNTP := func() { cancelNTPCause(nil) }
	defer cancelNTP()
	datesReady := make(chan struct{})
	var dateResults []DateResult
	go func() {
		defer close(datesReady)
		if len(cfg.DateURLs) > 0 {
			dateResults = fetchDates(dateCtx, dateClient(cfg.Client), cfg.DateURLs, adjust)
		}
	}()
	// Nothing waits for silence once the verdict can be given: when the
	// HTTPS Date headers answered, silent time servers get DateGrace more,
	// not the whole of NTPWait (UDP 123 is often blocked in offices).
	go func() {
		select {
		case <-datesReady:
		case <-ntpCtx.Done():
			return
		}
		if !anyDate(dateResults) {
			return
		}
		grace := time.NewTimer(DateGrace)
		defer grace.Stop()
		select {
		case <-grace.C:
			cancelNTPCause(errDateAnswered)
		case <-ntpCtx.Done():
		}
	}()
	var dates []answer
	waitDates := func() {
		<-datesReady
		res.Dates = dateResults
		dates = res.dateAnswers(earliest, latest)
	}

	servers := cfg.servers()
	res.Servers = queryAll(ntpCtx, servers, adjust)
	cancelNTP() // the grace watcher is done too
	ntpAnswers := res.serverAnswers(earliest, latest)
	switch groups := largestGroups(ntpAnswers); {
	case len(groups) == 1:
		cancelDates() // SNTP agreed: neither fallback nor tie-break is needed.
		<-datesReady
		res.Source = SourceNTP
		res.adopt(ntpAnswers, groups[0], res.markServer)
		return res
	case len(groups) > 1:
		waitDates()
		if dg := largestGroups(dates); len(dg) == 1 {
			if pick, ok := breakTie(ntpAnswers, groups, groupEstimate(dates, dg[0])); ok {
				res.Source, res.TieBreak = SourceNTP, true
				res.adopt(ntpAnswers, pick, res.markServer)
				return res
			}
		}
		res.disagree(ntpAnswers, res.markServer)
		return res
	}

	waitDates()
	switch groups := largestGroups(dates); {
	case len(groups) == 1:
		res.Source = SourceHTTPSDate
		if res.noServerAnswered() {
			res.Findings = append(res.Findings, ntpBlockedFinding(res.Servers))
		}
		res.adopt(dates, groups[0], res.markDate)
		return res
	case len(groups) > 1:
		res.disagree(dates, res.markDate)
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

// adopt makes group the reference, marks and reports the other answers
// as outliers, and judges the clock.
func (r *Result) adopt(as []answer, group []int, mark func(int, string)) {
	e := groupEstimate(as, group)
	for _, o := range outside(as, group) {
		mark(as[o].idx, RejectOutlier)
		r.Findings = append(r.Findings, outlierFinding(as[o], names(as, group), e, r.TieBreak))
	}
	r.judge(e, names(as, group))
}

// disagree records that the answers split into equal groups: none is
// used and the verdict stays unknown.
func (r *Result) disagree(as []answer, mark func(int, string)) {
	for _, a := range as {
		mark(a.idx, RejectDisagree)
	}
	r.Source, r.Verdict = SourceNone, VerdictUnknown
	r.Findings = append(r.Findings, disagreeFinding(as))
	findings.Sort(r.Findings)
}

func (r *Result) markServer(i int, reason string) { r.Servers[i].Rejected = reason }
func (r *Result) markDate(i int, reason string)   { r.Dates[i].Rejected = reason }

// serverAnswers returns the valid SNTP answers inside the plausible
// window, rejecting (and reporting) the others.
func (r *Result) serverAnswers(earliest, latest time.Time) []answer {
	var in []answer
	for i, s := range r.Servers {
		if s.Err == "" {
			in = append(in, answer{name: s.Server, est: estimate{s.Offset, s.Uncertainty}, idx: i})
		}
	}
	return r.plausibleOnly(in, earliest, latest, r.markServer)
}

// dateAnswers is serverAnswers for the HTTPS Date headers.
func (r *Result) dateAnswers(earliest, latest time.Time) []answer {
	var in []answer
	for i, d := range r.Dates {
		if d.Err == "" {
			in = append(in, answer{name: d.URL, est: estimate{d.Offset, d.Uncertainty}, idx: i})
		}
	}
	return r.plausibleOnly(in, earliest, latest, r.markDate)
}

// plausibleOnly keeps the answers inside [earliest, latest]; each other
// one is marked rejected and reported with the server's name.
func (r *Result) plausibleOnly(in []answer, earliest, latest time.Time, mark func(int, string)) []answer {
	var out []answer
	for _, a := range in {
		if why := plausible(r.LocalTime, a.est.offset, earliest, latest); why != "" {
			mark(a.idx, why)
			r.Findings = append(r.Findings, rejectedFinding(a.name, r.LocalTime.Add(a.est.offset), why, earliest, latest))
			continue
		}
		out = append(out, a)
	}
	return out
}

func (r *Result) noServerAnswered() bool {
	for _, s := range r.Servers {
		if s.Err == "" {
			return false
		}
	}
	return true
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

// errDateAnswered is why silent time servers stop being waited for.
var errDateAnswered = errors.New("no answer yet when the HTTPS Date headers had answered")

// anyDate reports whether any HTTPS Date header was read.
func anyDate(ds []DateResult) bool {
	for _, d := range ds {
		if d.Err == "" {
			return true
		}
	}
	return false
}
