package clock

import (
	"sort"
	"time"
)

// Tolerance is Chromium's margin: the local clock is called wrong only
// when it differs from the reference by more than the reference's
// uncertainty plus this.
const Tolerance = 5 * time.Minute

// Chromium's build-time window: a clock earlier than the build minus
// BuildSlackBehind is behind; later than the build plus BuildSlackAhead
// is ahead.
const (
	BuildSlackBehind = 2 * 24 * time.Hour
	BuildSlackAhead  = 365 * 24 * time.Hour
)

// estimate is one source's view of reference − local.
type estimate struct {
	offset, uncertainty time.Duration
}

// median returns the median offset of ests (which must not be empty).
// With an even count it averages the two middle offsets and widens the
// uncertainty by half their spread, so the result still covers both.
func median(ests []estimate) estimate {
	s := append([]estimate(nil), ests...)
	sort.Slice(s, func(i, j int) bool { return s[i].offset < s[j].offset })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	a, b := s[n/2-1], s[n/2]
	spread := b.offset - a.offset
	return estimate{
		offset:      a.offset + spread/2,
		uncertainty: max(a.uncertainty, b.uncertainty) + spread/2,
	}
}

// offsetVerdict applies Chromium's rule to offset = reference − local.
func offsetVerdict(offset, uncertainty time.Duration) string {
	abs := offset
	if abs < 0 {
		abs = -abs
	}
	switch {
	case abs <= uncertainty+Tolerance:
		return VerdictOK
	case offset > 0:
		return VerdictBehind
	default:
		return VerdictAhead
	}
}

// buildVerdict bounds local by the build time. Inside the window the
// bound proves nothing, so the verdict is unknown.
func buildVerdict(local, build time.Time) string {
	switch {
	case local.Before(build.Add(-BuildSlackBehind)):
		return VerdictBehind
	case local.After(build.Add(BuildSlackAhead)):
		return VerdictAhead
	}
	return VerdictUnknown
}
