package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/netctx"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/certwiz/certwiz/steps"
)

// TextOptions tune the text output.
type TextOptions struct {
	// Color styles the status marks. Meaning never rests on colour: every
	// line also has a mark and a word.
	Color bool
}

// mark is one line's status: a symbol and a word, never colour alone.
type mark int

const (
	markOK mark = iota
	markWarn
	markFail
	markUnknown
)

func (m mark) render(lang content.Lang, color bool) string {
	sym, key, col := "✓", "status.ok", lipgloss.Color("2")
	switch m {
	case markWarn:
		sym, key, col = "!", "status.warning", lipgloss.Color("3")
	case markFail:
		sym, key, col = "✗", "status.fail", lipgloss.Color("1")
	case markUnknown:
		sym, key, col = "?", "status.unknown", lipgloss.Color("8")
	}
	s := "[" + sym + "] " + content.Msg(lang, key, nil)
	if color {
		return lipgloss.NewStyle().Foreground(col).Bold(true).Render(s)
	}
	return s
}

// textWriter accumulates the report's lines.
type textWriter struct {
	b     strings.Builder
	lang  content.Lang
	color bool
}

func (t *textWriter) head(m mark, title string, took time.Duration) {
	fmt.Fprintf(&t.b, "%s  %s (%s)\n", m.render(t.lang, t.color), title, formatDuration(took))
}

func (t *textWriter) detail(s string) { fmt.Fprintf(&t.b, "      %s\n", s) }

func (t *textWriter) fix(s string) { fmt.Fprintf(&t.b, "      → %s\n", s) }

func (t *textWriter) msg(key string, args map[string]string) string {
	return content.Msg(t.lang, key, args)
}

// WriteText writes the doctor-style report: one line per check with a
// mark, a word and its time, indented evidence, one fix line, and a final
// verdict. Network values are sanitized.
func WriteText(w io.Writer, rep *probes.Report, lang content.Lang, opts TextOptions) error {
	t := &textWriter{lang: lang, color: opts.Color}
	t.b.WriteString(t.msg("check.title", map[string]string{"count": strconv.Itoa(len(rep.Targets))}) + "\n\n")
	if rep.Clock != nil {
		t.clock(rep.Clock)
		t.systemNTP(rep)
	}
	if rep.Captive != nil {
		t.captive(rep.Captive)
	}
	for _, tr := range rep.Targets {
		t.target(tr)
	}
	if rep.Network != nil {
		t.network(rep)
	}
	t.b.WriteString("\n")
	t.verdict(rep)
	_, err := io.WriteString(w, t.b.String())
	if err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

func (t *textWriter) clock(c *clock.Result) {
	m := markOK
	switch {
	case c.Skewed():
		m = markWarn
	case c.Verdict == clock.VerdictUnknown:
		m = markUnknown
	}
	t.head(m, t.msg("check.clock", nil), c.Duration)
	source := t.msg("clock.source."+c.Source, nil)
	if c.Source == clock.SourceNTP || c.Source == clock.SourceHTTPSDate {
		line := t.msg("check.clock.offset", map[string]string{"offset": clock.FormatOffset(c.Offset), "source": source})
		if m == markOK {
			line = t.msg("check.clock.ok", nil) + " — " + line
		}
		t.detail(line)
	}
	t.findings(c.Findings, false)
	if m == markWarn {
		t.fix(t.msg("check.fix.clock", nil))
	}
}

// systemNTP says, under the clock, when the time server this device is
// set to use does not answer from here while public ones do: the
// article's "office NTP server used from home" case.
func (t *textWriter) systemNTP(rep *probes.Report) {
	if rep.Network == nil {
		return
	}
	for _, f := range rep.Network.Findings {
		if f.ID == netctx.IDSystemNTPUnreach {
			t.detail("• " + FindingText(t.lang, f))
		}
	}
}

func (t *textWriter) captive(c *captive.Result) {
	switch c.State {
	case captive.StateOnline:
		t.head(markOK, t.msg("check.captive", nil), c.Duration)
		t.detail(t.msg("check.captive.online", nil))
	case captive.StatePortal:
		t.head(markWarn, t.msg("check.captive", nil), c.Duration)
		landing := sanitize.Text(c.LandingURL)
		t.detail(t.msg("check.captive.portal", map[string]string{"landing_url": landing}))
		t.fix(t.msg("check.fix.portal", map[string]string{"landing_url": landing}))
	default:
		t.head(markUnknown, t.msg("check.captive", nil), c.Duration)
		t.findings(c.Findings, false)
	}
}

func (t *textWriter) target(tr *probes.TargetReport) {
	code := tr.Code()
	m := markOK
	for _, f := range tr.Findings {
		if f.Severity == findings.Unknown && connectionLevel(f) {
			m = markUnknown
		}
	}
	if code != findings.CodeNone && m != markUnknown {
		m = markFail
	}
	title := t.msg("check.target", map[string]string{"host": sanitize.Text(tr.Target.Host), "port": strconv.Itoa(tr.Target.Port)})
	t.head(m, title, tr.Duration)
	if code != findings.CodeNone {
		t.detail(fmt.Sprintf("%d: %s", code, t.msg("code.title."+strconv.Itoa(int(code)), nil)))
	}
	if tr.Interceptor != nil {
		t.detail(t.msg("check.interceptor", map[string]string{"product": sanitize.Text(tr.Interceptor.Product)}))
	}
	t.findings(tr.Findings, true)
	if tr.TLS != nil && code != findings.CodeNone {
		for i, c := range tr.TLS.Chain {
			t.detail(t.msg("check.chain.entry", map[string]string{
				"index": strconv.Itoa(i), "subject": sanitize.Text(c.Subject.String()),
				"issuer": sanitize.Text(c.Issuer.String()), "not_after": c.NotAfter.UTC().Format("2006-01-02"),
			}))
		}
	}
	switch {
	case code == findings.CodeNone || m == markUnknown:
	case clockCausedAny(tr):
		t.fix(t.msg("check.fix.clock", nil))
	case tr.Interceptor != nil && !tr.Interceptor.Heuristic:
		t.fix(t.msg("check.fix.interception", map[string]string{"product": sanitize.Text(tr.Interceptor.Product)}))
	default:
		t.fix(t.msg("check.fix.code-"+strconv.Itoa(int(code)), nil))
	}
}

func clockCausedAny(tr *probes.TargetReport) bool {
	for _, f := range tr.Findings {
		if f.ClockCaused {
			return true
		}
	}
	return false
}

func (t *textWriter) network(rep *probes.Report) {
	m := markOK
	for _, f := range rep.Network.Findings {
		if f.Severity >= findings.Warning {
			m = markWarn
		}
	}
	t.head(m, t.msg("check.network", nil), rep.NetworkDuration)
	if rep.SuggestedNetwork != "" {
		t.detail(t.msg("ui.net.suggested", map[string]string{"type": t.msg("net.type."+rep.SuggestedNetwork, nil)}))
	}
	t.findings(rep.Network.Findings, false)
}

// findings writes one line per finding worth a person's attention (with
// all, also the interception facts of a target): the localized text with
// sanitized evidence, else the English summary.
func (t *textWriter) findings(fs []findings.Finding, all bool) {
	for _, f := range fs {
		if !Shown(f, all) || f.ID == "interception.product" { // the product has its own line
			continue
		}
		t.detail("• " + FindingText(t.lang, f))
	}
}

// Shown reports whether a finding is worth a line in front of a person:
// faults, warnings and could-not-check, and (for a target) the
// interception facts. Other context, such as "no revocation information",
// stays in the JSON and Markdown reports.
func Shown(f findings.Finding, target bool) bool {
	return f.Severity != findings.Info || (target && strings.HasPrefix(f.ID, "interception."))
}

// FindingText is a finding in words: its localized message with the
// evidence (sanitized) as arguments, or its sanitized English summary
// when no message exists.
func FindingText(lang content.Lang, f findings.Finding) string {
	return findingWords(lang, f, func(v string) string { return sanitize.Limit(v, 200) }, sanitize.Text)
}

// findingWords is FindingText with the rendering of network text chosen
// by the caller: value renders one evidence value put into a message,
// whole renders the English summary used when there is no message (it
// may quote network text too).
func findingWords(lang content.Lang, f findings.Finding, value, whole func(string) string) string {
	key := "finding." + f.ID
	if !content.HasMsg(lang, key) {
		return whole(f.Summary)
	}
	args := make(map[string]string, len(f.Evidence))
	source, hasSource := "", false
	for _, e := range f.Evidence {
		args[e.Label] = value(e.Value)
		if e.Label == "source" {
			source, hasSource = e.Value, true
		}
	}
	if hasSource && content.HasMsg(lang, "clock.source."+source) {
		args["source"] = content.Msg(lang, "clock.source."+source, nil) // our words, not the network's
	}
	s := content.Msg(lang, key, args)
	if len(content.Placeholders(s)) > 0 {
		// The evidence lacks a value the text needs: the summary is
		// better than a sentence with a hole in it.
		s = whole(f.Summary)
	}
	if f.ClockCaused {
		sep := " "
		if lang == content.JA {
			sep = "" // Japanese sentences are not separated by spaces
		}
		s += sep + content.Msg(lang, "check.clock-caused", nil)
	}
	return s
}

func (t *textWriter) verdict(rep *probes.Report) {
	status := ExitStatus(rep)
	d := Decide(rep)
	cause := t.msg("cause."+string(d.Cause), nil)
	var line string
	switch status {
	case StatusOK:
		line = t.msg("check.verdict.ok", nil)
	case StatusCritical:
		line = t.msg("check.verdict.critical", map[string]string{"cause": cause, "code": strconv.Itoa(int(rep.Code()))})
	case StatusWarning:
		line = t.msg("check.verdict.warning", map[string]string{"what": cause})
	default:
		line = t.msg("check.verdict.unknown", map[string]string{"what": strings.Join(untested(rep, t.lang), ", ")})
	}
	fmt.Fprintf(&t.b, "%s %s\n", StatusWord(status), line)
	if status == StatusOK {
		return
	}
	switch d.Cause {
	case steps.CauseClock:
		t.b.WriteString("→ " + t.msg("check.fix.clock", nil) + "\n")
	case steps.CausePortal:
		t.b.WriteString("→ " + t.msg("check.fix.portal", map[string]string{"landing_url": sanitize.Text(rep.Captive.LandingURL)}) + "\n")
	}
}

// untested names the targets that could not be tested, or the reason.
func untested(rep *probes.Report, lang content.Lang) []string {
	var out []string
	for _, tr := range rep.Targets {
		for _, f := range tr.Findings {
			if f.Severity == findings.Unknown && connectionLevel(f) {
				out = append(out, sanitize.Text(fmt.Sprintf("%s:%d", tr.Target.Host, tr.Target.Port)))
				break
			}
		}
	}
	if rep.Interrupted {
		out = append(out, content.Msg(lang, "check.interrupted", nil))
	}
	return out
}

func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}
