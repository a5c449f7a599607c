package clock

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The consensus rule.
//
// Each answer (an SNTP server's or an HTTPS Date header's) stands for an
// interval: its offset ± max(its uncertainty, MinAgreement). Two answers
// agree when their intervals overlap, so answers always agree within
// 2 s and within the sum of their own error bounds when those are
// larger. The consensus is the largest group of answers whose intervals
// all share one point (Marzullo's intersection, as NTP itself selects
// truechimers). It is used only when no other group is as large: two
// servers that disagree, or three that all disagree, prove nothing on
// their own, and their offsets are never averaged.
//
// Answers that cannot be right whatever the clock says are screened out
// first: a reference time before the build time minus BuildSlackBehind
// (or before EarliestPlausible when the build time is unknown), or more
// than MaxYearsAfterBuild years after it.

// MinAgreement is the least half-width of an answer's interval: answers
// closer than twice this always agree.
const MinAgreement = time.Second

// MaxYearsAfterBuild bounds answers from above: a reference time this
// many years after the build (or after EarliestPlausible) is rejected.
const MaxYearsAfterBuild = 20

// EarliestPlausible is the floor used when the build time is unknown
// (a test binary, a build without version-control stamps): no answer
// dated before this code was written can be right.
var EarliestPlausible = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Reasons an answer that arrived was not used (ServerResult.Rejected,
// DateResult.Rejected).
const (
	// RejectBeforeBuild: the answer is earlier than the build time
	// allows.
	RejectBeforeBuild = "before-build"
	// RejectFarFuture: the answer is more than MaxYearsAfterBuild years
	// after the build time.
	RejectFarFuture = "far-future"
	// RejectOutlier: the answer disagrees with the consensus.
	RejectOutlier = "outlier"
	// RejectDisagree: the answers split into groups of equal size and
	// nothing broke the tie, so none was used.
	RejectDisagree = "disagree"
)

// answer is one usable source: its name (server or URL), its estimate and
// its index in Result.Servers or Result.Dates.
type answer struct {
	name string
	est  estimate
	idx  int
}

func radius(e estimate) time.Duration { return max(e.uncertainty, MinAgreement) }

// agree reports whether two estimates' intervals overlap.
func agree(a, b estimate) bool {
	d := a.offset - b.offset
	if d < 0 {
		d = -d
	}
	return d <= radius(a)+radius(b)
}

// plausibleWindow returns the earliest and latest reference time an
// answer may give.
func plausibleWindow(build time.Time) (earliest, latest time.Time) {
	base := EarliestPlausible
	earliest = EarliestPlausible
	if !build.IsZero() {
		base = build
		if e := build.Add(-BuildSlackBehind); e.After(earliest) {
			earliest = e
		}
	}
	return earliest, base.AddDate(MaxYearsAfterBuild, 0, 0)
}

// plausible returns "" when local+offset lies inside the window, else the
// reject reason.
func plausible(local time.Time, offset time.Duration, earliest, latest time.Time) string {
	ref := local.Add(offset)
	switch {
	case ref.Before(earliest):
		return RejectBeforeBuild
	case ref.After(latest):
		return RejectFarFuture
	}
	return ""
}

// largestGroups returns every largest group of mutually agreeing
// answers (as indexes into as). One group means a consensus; more than
// one means a tie. It returns nil when as is empty.
func largestGroups(as []answer) [][]int {
	var best [][]int
	seen := map[string]bool{}
	for _, p := range as {
		// The largest overlap is always reached at some interval's
		// lower end.
		point := p.est.offset - radius(p.est)
		var members []int
		for j, a := range as {
			if a.est.offset-radius(a.est) <= point && point <= a.est.offset+radius(a.est) {
				members = append(members, j)
			}
		}
		if len(best) > 0 && len(members) < len(best[0]) {
			continue
		}
		if len(best) > 0 && len(members) > len(best[0]) {
			best, seen = nil, map[string]bool{}
		}
		if k := key(members); !seen[k] {
			seen[k] = true
			best = append(best, members)
		}
	}
	// A stable order: the tie is reported the same way every run.
	sort.Slice(best, func(i, j int) bool { return key(best[i]) < key(best[j]) })
	return best
}

func key(members []int) string {
	var b strings.Builder
	for _, m := range members {
		b.WriteString(strconv.Itoa(m))
		b.WriteByte(',')
	}
	return b.String()
}

// groupEstimate is the median of a group's answers: they agree, so the
// median is a fair centre and its widened bound still covers them all.
func groupEstimate(as []answer, members []int) estimate {
	ests := make([]estimate, 0, len(members))
	for _, m := range members {
		ests = append(ests, as[m].est)
	}
	return median(ests)
}

// breakTie picks the one tied group that agrees with ref, or reports
// false when none or several do.
func breakTie(as []answer, groups [][]int, ref estimate) ([]int, bool) {
	var pick []int
	n := 0
	for _, g := range groups {
		if agree(groupEstimate(as, g), ref) {
			pick = g
			n++
		}
	}
	return pick, n == 1
}

func names(as []answer, members []int) []string {
	out := make([]string, 0, len(members))
	for _, m := range members {
		out = append(out, as[m].name)
	}
	return out
}

// outside returns the indexes of as that are not in members.
func outside(as []answer, members []int) []int {
	var out []int
	for i := range as {
		if !slices.Contains(members, i) {
			out = append(out, i)
		}
	}
	return out
}
