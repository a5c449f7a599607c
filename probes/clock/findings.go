package clock

import (
	"fmt"
	"strings"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Finding IDs this probe emits.
const (
	// IDSkewed: the local clock is ahead of or behind the reference by
	// more than Chromium's tolerance (Warning, no code: whether it caused
	// a certificate fault is the runner's call).
	IDSkewed = "clock.skewed"
	// IDUnknown: no time source answered and the build-time bound proved
	// nothing (Unknown).
	IDUnknown = "clock.unknown"
	// IDNTPBlocked: no SNTP server answered but HTTPS Date headers did,
	// which usually means UDP 123 is filtered (Info).
	IDNTPBlocked = "clock.ntp-blocked"
	// IDSourcesDisagree: the time sources split into equal groups and
	// nothing broke the tie, so the clock was not judged (Unknown).
	IDSourcesDisagree = "clock.sources-disagree"
	// IDOutlier: one time source disagreed with the consensus and was
	// ignored (Info).
	IDOutlier = "clock.outlier"
	// IDSourceRejected: a time source gave a time before the build or
	// decades after it, and was ignored (Info).
	IDSourceRejected = "clock.source-rejected"
)

// FindingIDs lists every finding ID the probe can emit.
var FindingIDs = []string{IDSkewed, IDUnknown, IDNTPBlocked, IDSourcesDisagree, IDOutlier, IDSourceRejected}

// Evidence labels.
const (
	LabelLocalTime     = "local_time"
	LabelReferenceTime = "reference_time"
	LabelOffset        = "offset"
	LabelUncertainty   = "uncertainty"
	LabelSource        = "source"
	LabelServers       = "servers"
	LabelBuildTime     = "build_time"
	LabelTried         = "tried"
	LabelError         = "error"
	LabelServer        = "server"
	LabelAnswer        = "answer"
	LabelReason        = "reason"
	LabelEarliest      = "earliest"
	LabelLatest        = "latest"
	LabelDecidedBy     = "decided_by"
)

func skewedFinding(r *Result, answered []string) findings.Finding {
	dir := "behind"
	if r.Verdict == VerdictAhead {
		dir = "ahead of"
	}
	f := findings.Finding{ID: IDSkewed, Severity: findings.Warning, CertIndex: -1}
	f = f.With(LabelLocalTime, r.LocalTime.UTC().Format(time.RFC3339))
	if r.Source == SourceBuildTime {
		f.Summary = fmt.Sprintf("The local clock (%s) is %s what this program's build date (%s) allows.",
			r.LocalTime.UTC().Format(time.RFC3339), dir, r.BuildTime.UTC().Format(time.RFC3339))
		if r.Verdict == VerdictBehind {
			f.Summary = fmt.Sprintf("The local clock (%s) is earlier than this program's build date (%s).",
				r.LocalTime.UTC().Format(time.RFC3339), r.BuildTime.UTC().Format(time.RFC3339))
		}
		return f.With(LabelBuildTime, r.BuildTime.UTC().Format(time.RFC3339)).With(LabelSource, r.Source)
	}
	f.Summary = fmt.Sprintf("The local clock is %s the %s reference by %s.",
		dir, r.Source, absDuration(r.Offset))
	return f.With(LabelReferenceTime, r.ReferenceTime.UTC().Format(time.RFC3339)).
		With(LabelOffset, FormatOffset(r.Offset)).
		With(LabelUncertainty, r.Uncertainty.Round(time.Millisecond).String()).
		With(LabelSource, r.Source).
		With(LabelServers, strings.Join(answered, ", "))
}

func unknownFinding(r *Result, tried []string, errs []string) findings.Finding {
	f := findings.Finding{
		ID: IDUnknown, Severity: findings.Unknown, CertIndex: -1,
		Summary: "No time source answered, so the local clock could not be checked.",
	}
	f = f.With(LabelLocalTime, r.LocalTime.UTC().Format(time.RFC3339)).
		With(LabelTried, strings.Join(tried, ", "))
	if !r.BuildTime.IsZero() {
		f = f.With(LabelBuildTime, r.BuildTime.UTC().Format(time.RFC3339))
	}
	if len(errs) > 0 {
		f = f.With(LabelError, strings.Join(errs, "; "))
	}
	return f
}

func ntpBlockedFinding(servers []ServerResult) findings.Finding {
	names := make([]string, 0, len(servers))
	var errs []string
	for _, s := range servers {
		names = append(names, s.Server)
		if s.Err != "" {
			errs = append(errs, s.Err)
		}
	}
	return findings.Finding{
		ID: IDNTPBlocked, Severity: findings.Info, CertIndex: -1,
		Summary: "No NTP server answered (UDP port 123 may be blocked); HTTPS Date headers were used instead.",
	}.With(LabelServers, strings.Join(names, ", ")).With(LabelError, strings.Join(errs, "; "))
}

// FormatOffset writes an offset with an explicit sign, to the
// millisecond: "+2h0m0s", "-30m0.004s", "+0s".
func FormatOffset(d time.Duration) string {
	d = d.Round(time.Millisecond)
	if d < 0 {
		return d.String()
	}
	return "+" + d.String()
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		d = -d
	}
	return d.Round(time.Second)
}

// describe writes answers as "name (+3h0m0s), name (+0s)".
func describe(as []answer) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		parts = append(parts, fmt.Sprintf("%s (%s)", a.name, FormatOffset(a.est.offset)))
	}
	return strings.Join(parts, ", ")
}

func disagreeFinding(as []answer) findings.Finding {
	return findings.Finding{
		ID: IDSourcesDisagree, Severity: findings.Unknown, CertIndex: -1,
		Summary: fmt.Sprintf("The time sources disagree (%s), so the local clock could not be checked.", describe(as)),
	}.With(LabelServers, describe(as))
}

func outlierFinding(a answer, consensus []string, e estimate, tieBreak bool) findings.Finding {
	f := findings.Finding{
		ID: IDOutlier, Severity: findings.Info, CertIndex: -1,
		Summary: fmt.Sprintf("The time source %s (offset %s) disagrees with %s (offset %s) and was ignored.",
			a.name, FormatOffset(a.est.offset), strings.Join(consensus, ", "), FormatOffset(e.offset)),
	}.With(LabelServer, a.name).
		With(LabelOffset, FormatOffset(a.est.offset)).
		With(LabelServers, strings.Join(consensus, ", "))
	if tieBreak {
		f = f.With(LabelDecidedBy, SourceHTTPSDate)
	}
	return f
}

func rejectedFinding(name string, answered time.Time, reason string, earliest, latest time.Time) findings.Finding {
	return findings.Finding{
		ID: IDSourceRejected, Severity: findings.Info, CertIndex: -1,
		Summary: fmt.Sprintf("The time source %s gave %s, outside the possible range %s to %s (%s); it was ignored.",
			name, answered.UTC().Format(time.RFC3339), earliest.UTC().Format(time.RFC3339), latest.UTC().Format(time.RFC3339), reason),
	}.With(LabelServer, name).
		With(LabelAnswer, answered.UTC().Format(time.RFC3339)).
		With(LabelReason, reason).
		With(LabelEarliest, earliest.UTC().Format(time.RFC3339)).
		With(LabelLatest, latest.UTC().Format(time.RFC3339))
}
