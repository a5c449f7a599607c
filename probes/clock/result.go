package clock

import (
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Sources of the reference time, best first.
const (
	SourceNTP       = "ntp"
	SourceHTTPSDate = "https-date"
	SourceBuildTime = "build-time"
	SourceNone      = "none"
)

// Verdicts about the local clock.
const (
	VerdictOK      = "ok"
	VerdictAhead   = "ahead"  // the local clock is ahead of the reference
	VerdictBehind  = "behind" // the local clock is behind the reference
	VerdictUnknown = "unknown"
)

// Result is what the probe established about the local clock.
type Result struct {
	// Offset is reference − local: a reference two hours ahead of this
	// machine reads +2h, and the local clock is then "behind". Zero for
	// the build-time and none sources.
	Offset time.Duration
	// Uncertainty bounds the error of the reference itself (see
	// Probe for how each source computes it).
	Uncertainty time.Duration
	// Source is one of SourceNTP, SourceHTTPSDate, SourceBuildTime,
	// SourceNone.
	Source string
	// Verdict is one of VerdictOK, VerdictAhead, VerdictBehind,
	// VerdictUnknown.
	Verdict string
	// LocalTime is the local clock when the probe ran; ReferenceTime is
	// LocalTime + Offset (zero when there is no reference).
	LocalTime, ReferenceTime time.Time
	// BuildTime is the bound used when Source is SourceBuildTime.
	BuildTime time.Time
	// Servers has one entry per SNTP server asked, in Config order.
	Servers []ServerResult
	// Dates has one entry per Date URL asked, in Config order; empty when
	// SNTP reached a consensus and neither the fallback nor the tie-break
	// was needed.
	Dates []DateResult
	// TieBreak is true when the SNTP answers were tied and the HTTPS Date
	// headers decided which group is right.
	TieBreak bool
	Findings []findings.Finding
	Duration time.Duration
}

// ServerResult is one SNTP server's answer. Err is empty when an answer
// arrived and passed validation; it took part in the consensus when
// Rejected is empty too.
type ServerResult struct {
	Server  string
	Offset  time.Duration // reference − local, as Result.Offset
	RTT     time.Duration
	Stratum int
	// Uncertainty is this answer's error bound (root distance).
	Uncertainty time.Duration
	Err         string
	// Rejected says why a valid answer was not used: RejectBeforeBuild,
	// RejectFarFuture, RejectOutlier or RejectDisagree. Empty when it
	// was used (or when Err is set).
	Rejected string
}

// DateResult is one HTTPS Date header. Err is empty when the header was
// read; it took part in the consensus (or the tie-break) when Rejected is
// empty too.
type DateResult struct {
	URL         string
	Offset      time.Duration
	RTT         time.Duration
	Uncertainty time.Duration
	Date        time.Time
	Err         string
	// Rejected is as in ServerResult.
	Rejected string
}

// ReferenceNow returns local corrected by the measured offset, when the
// reference came from the network (SNTP or HTTPS Date). Build-time
// bounds give no usable time, so ok is false for them.
func (r *Result) ReferenceNow(local time.Time) (t time.Time, ok bool) {
	if r == nil || (r.Source != SourceNTP && r.Source != SourceHTTPSDate) {
		return time.Time{}, false
	}
	return local.Add(r.Offset), true
}

// Skewed reports whether the verdict says the local clock is wrong.
func (r *Result) Skewed() bool {
	return r != nil && (r.Verdict == VerdictAhead || r.Verdict == VerdictBehind)
}
