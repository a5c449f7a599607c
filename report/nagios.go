package report

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/sanitize"
)

// Bounds of the nagios output. The first line is what every monitoring
// engine shows and stores; older Nagios cores keep 4 KiB of output.
const (
	nagiosSummaryMax   = 200  // runes of the summary after "CERTWIZ STATUS - "
	nagiosFirstLineMax = 1024 // bytes of the whole first line, performance data included
	nagiosDetailMax    = 300  // runes of one detail line
)

// clockSkewRange is the browsers' clock rule as a perfdata threshold:
// certwiz (like Chromium) calls the device clock wrong beyond 5 minutes.
const clockSkewRange = "-300:300"

// WriteNagios writes doc as a monitoring plugin's output, following the
// Monitoring Plugins Development Guidelines: the first line is
// "CERTWIZ <STATUS> - <summary> | <performance data>", the details
// follow on later lines, and performance data that does not fit the
// first line continues after a "|" on the last detail line, one item per
// line. STATUS is the document's status, so it matches the exit status.
// Everything from the network is sanitized; no text contains "|".
func WriteNagios(w io.Writer, doc Document) error {
	var b strings.Builder
	line := "CERTWIZ " + statusWord(doc) + " - " + nagiosSummary(doc) + " |"
	for _, p := range runPerf(doc) {
		line += " " + p
	}
	rest := targetPerf(doc)
	for len(rest) > 0 && len(line)+1+len(rest[0]) <= nagiosFirstLineMax {
		line += " " + rest[0]
		rest = rest[1:]
	}
	b.WriteString(line + "\n")
	details := nagiosDetails(doc)
	for i, d := range details {
		b.WriteString(d)
		if i == len(details)-1 && len(rest) > 0 {
			b.WriteString(" | " + rest[0])
			rest = rest[1:]
		}
		b.WriteString("\n")
	}
	for _, p := range rest {
		b.WriteString(p + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write nagios output: %w", err)
	}
	return nil
}

// plugText makes s safe for plugin output: one line, sanitized, bounded,
// and without "|" (which starts performance data).
func plugText(s string, max int) string {
	return strings.ReplaceAll(sanitize.Limit(s, max), "|", "/")
}

// hostPort names a target as HOST:PORT ([v6]:PORT).
func hostPort(t Target) string { return net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) }

// nagiosSummary is the one-line summary: the verdict, where, how much
// was tested, the clock and the portal.
func nagiosSummary(doc Document) string {
	var parts []string
	if doc.Cause != "" && doc.Cause != "none" && doc.Cause != "code" {
		parts = append(parts, "cause "+doc.Cause)
	}
	tested, faults := 0, 0
	var primary, untested []string
	for _, t := range doc.Targets {
		switch {
		case !targetTested(t):
			untested = append(untested, hostPort(t))
			continue
		case t.Code != 0 && t.Code == doc.Code:
			primary = append(primary, hostPort(t))
		}
		tested++
		if t.Code != 0 {
			faults++
		}
	}
	if doc.Code != 0 && len(primary) > 0 {
		parts = append(parts, fmt.Sprintf("code %d (%s) on %s", doc.Code, findings.Code(doc.Code), someOf(primary, 3)))
	} else if len(untested) == 0 && len(doc.Targets) > 0 {
		parts = append(parts, "no certificate fault")
	}
	if len(untested) > 0 {
		parts = append(parts, "not tested: "+someOf(untested, 3))
	}
	parts = append(parts, fmt.Sprintf("%d/%d targets tested, %d with a fault", tested, len(doc.Targets), faults))
	parts = append(parts, clockPhrase(doc.Clock))
	if p := doc.Network.CaptivePortal; p != nil && *p {
		parts = append(parts, "captive portal")
	}
	if doc.Interrupted {
		parts = append(parts, "interrupted")
	}
	return plugText(strings.Join(parts, "; "), nagiosSummaryMax)
}

// someOf lists up to n items and how many more there are.
func someOf(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

func clockPhrase(c Clock) string {
	s := "clock " + c.Verdict
	if c.Verdict == "" {
		s = "clock unknown"
	}
	if c.OffsetSeconds != nil {
		s += fmt.Sprintf(" (offset %+.1fs)", *c.OffsetSeconds)
	}
	return s
}

// runPerf is the run's performance data: the clock offset, with the
// 5-minute rule as the warning range (certwiz reports skew as WARNING,
// never CRITICAL, so there is no critical range), and the duration.
func runPerf(doc Document) []string {
	off := "U"
	if doc.Clock.OffsetSeconds != nil {
		off = strconv.FormatFloat(*doc.Clock.OffsetSeconds, 'f', 3, 64) + "s"
	}
	return []string{
		"clock_offset=" + off + ";" + clockSkewRange + ";;;",
		"duration=" + strconv.FormatFloat(float64(doc.DurationMS)/1000, 'f', 3, 64) + "s;;;0;",
	}
}

// targetPerf is each target's performance data: the article code
// (critical above 0), whole days until the leaf expires, and the
// handshake time. Unknown values are "U", as the guidelines say.
func targetPerf(doc Document) []string {
	at := runTime(doc)
	var out []string
	for _, t := range doc.Targets {
		hp := hostPort(t)
		code, days, hs := "U", "U", "U"
		if targetTested(t) {
			code = strconv.Itoa(t.Code)
		}
		if d, ok := daysLeft(t, at); ok {
			days = strconv.FormatInt(d, 10)
		}
		if t.HandshakeMS != nil && targetTested(t) {
			hs = strconv.FormatInt(*t.HandshakeMS, 10) + "ms"
		}
		out = append(out,
			perfLabel(hp+" code")+"="+code+";;0;0;",
			perfLabel(hp+" days_left")+"="+days+";;;;",
			perfLabel(hp+" handshake")+"="+hs+";;;0;",
		)
	}
	return out
}

// perfLabel quotes a performance data label: sanitized, bounded, "=" and
// "|" replaced (the guidelines forbid "="), single quotes doubled.
func perfLabel(s string) string {
	s = plugText(s, 96)
	s = strings.ReplaceAll(s, "=", "_")
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// nagiosDetails are the later lines: one per target, the clock, the
// portal and the cause.
func nagiosDetails(doc Document) []string {
	at := runTime(doc)
	var out []string
	for _, t := range doc.Targets {
		out = append(out, plugText(targetDetail(t, at), nagiosDetailMax))
	}
	c := doc.Clock
	clock := "clock: " + clockPhrase(c)[len("clock "):]
	if c.Source != "" {
		clock += ", source " + c.Source
	}
	out = append(out, plugText(clock, nagiosDetailMax))
	portal := "captive portal: unknown"
	if p := doc.Network.CaptivePortal; p != nil {
		portal = "captive portal: " + map[bool]string{true: "yes", false: "no"}[*p]
	}
	out = append(out, portal)
	if doc.Cause != "" {
		out = append(out, plugText("cause: "+doc.Cause, nagiosDetailMax))
	}
	return out
}

func targetDetail(t Target, at time.Time) string {
	hp := hostPort(t)
	if !targetTested(t) {
		why := "no result"
		if t.Error != nil {
			why = *t.Error
		}
		return hp + ": not tested: " + why
	}
	var s string
	if t.Code == 0 {
		s = hp + ": no certificate fault"
	} else {
		s = fmt.Sprintf("%s: code %d (%s)", hp, t.Code, findings.Code(t.Code))
		for _, f := range t.Findings {
			if f.Code == t.Code {
				s += ": " + strings.TrimSuffix(f.Summary, ".")
				break
			}
		}
	}
	if t.Interceptor != nil {
		s += "; interception by " + *t.Interceptor
		if t.InterceptorKind != nil {
			s += " (" + *t.InterceptorKind + ")"
		}
	}
	if na, ok := leafNotAfter(t); ok {
		s += "; leaf valid until " + na.UTC().Format("2006-01-02")
		if d, ok := daysLeft(t, at); ok {
			s += fmt.Sprintf(" (%d days)", d)
		}
	}
	return s
}
