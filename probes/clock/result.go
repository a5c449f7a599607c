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
	// SNTP answered and the fallback was not needed.
	Dates    []DateResult
	Findings []findings.Finding
	Duration time.Duration
}

// ServerResult is one SNTP server's answer. Err is empty when the answer
// was valid and took part in the median.
type ServerResult struct {
	Server  string
	Offset  time.Duration // reference − local, as Result.Offset
	RTT     time.Duration
	Stratum int
	// Uncertainty is this answer's error bound (root distance).
	Uncertainty time.Duration
	Err         string
}

// DateResult is one HTTPS Date header. Err is empty when the header was
// read and took part in the median.
type DateResult struct {
	URL         string
	Offset      time.Duration
	RTT         time.Duration
	Uncertainty time.Duration
	Date        time.Time
	Err         string
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
