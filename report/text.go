package report

import (
	"fmt"
	"io"
	"regexp"
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
	"github.com/certwiz/certwiz/verdict"
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

func (t *textWriter) msg(key string, args map[string]string) string {
	return content.Msg(t.lang, key, args)
}

// WriteText writes the doctor-style report: one line per check with a
// mark, a word and its time, indented evidence, one fix line, and a final
// verdict. Network values are sanitized.
func WriteText(w io.Writer, rep *probes.Report, d verdict.Decision, lang content.Lang, opts TextOptions) error {
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
	t.verdict(rep, d)
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
		line := t.msg("check.clock.offset", map[string]string{"offset": signedDuration(t.lang, c.Offset), "source": source})
		if m == markOK {
			line = t.msg("check.clock.ok", nil) + " — " + line
		}
		t.detail(line)
	}
	t.findings(c.Findings, false)
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
	default:
		t.head(markUnknown, t.msg("check.captive", nil), c.Duration)
		t.findings(c.Findings, false)
	}
}

func (t *textWriter) target(tr *probes.TargetReport) {
	title := t.msg("check.target", map[string]string{"host": sanitize.Text(tr.Target.Host), "port": strconv.Itoa(tr.Target.Port)})
	if f, ok := tr.NotTested(); ok {
		t.head(markUnknown, title, tr.Duration)
		t.detail(FindingText(t.lang, f))
		return
	}
	code := tr.Code()
	m := markOK
	if code != findings.CodeNone {
		m = markFail
	}
	t.head(m, title, tr.Duration)
	if code != findings.CodeNone {
		t.detail(fmt.Sprintf("%d: %s", code, t.msg("code.title."+strconv.Itoa(int(code)), nil)))
	}
	if tr.Interceptor != nil {
		t.detail(t.msg("check.interceptor", map[string]string{"product": ProductLabel(t.lang, tr.Interceptor)}))
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
	if f.Context {
		return target
	}
	return findings.Notable(f)
}

// forPeople renders an evidence value that is a timestamp (RFC 3339) or
// a Go duration ("2h0m0s") the way people read them in lang; anything
// else is returned as it is. Timestamps keep their own zone (certificate
// dates are UTC), so the output does not depend on the machine's zone.
func forPeople(lang content.Lang, v string) string {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return content.Time(lang, t)
	}
	if goDuration.MatchString(v) {
		if d, err := time.ParseDuration(v); err == nil {
			return content.Duration(lang, d)
		}
	}
	return v
}

// signedDuration is a clock offset for people: "+3 hours" when the
// reference is ahead of this device, "-3 hours" when behind.
func signedDuration(lang content.Lang, d time.Duration) string {
	if d < 0 {
		return "-" + content.Duration(lang, d)
	}
	return "+" + content.Duration(lang, d)
}

// goDuration is a duration as Go's time.Duration.String writes it.
var goDuration = regexp.MustCompile(`^-?(\d+h)?(\d+m)?(\d+(\.\d+)?(s|ms|µs|ns))?$`)

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
		args[e.Label] = value(forPeople(lang, e.Value))
		if e.Label == "source" {
			source, hasSource = e.Value, true
		}
	}
	// Our words for the source, not the network's.
	if hasSource && content.HasMsg(lang, "clock.source."+source) {
		args["source"] = content.Msg(lang, "clock.source."+source, nil)
	} else if hasSource && strings.HasPrefix(f.ID, "ct.") && content.HasMsg(lang, "ct.source."+source) {
		args["source"] = content.Msg(lang, "ct.source."+source, nil)
	}
	if _, ok := args["product"]; ok && strings.HasPrefix(f.ID, "interception.") {
		args["product"] = value(productLabel(lang, f.Value("product_key"), f.Value("product"), f.Value("heuristic") == "yes"))
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

// verdict writes the decision: the status and primary cause, then
// everything to fix in order, each with its fix line, then the targets
// that could not be tested.
func (t *textWriter) verdict(rep *probes.Report, d verdict.Decision) {
	cause := t.msg("cause."+string(d.Cause), nil)
	var line string
	switch d.Status {
	case verdict.StatusOK:
		line = t.msg("check.verdict.ok", nil)
	case verdict.StatusCritical:
		line = t.msg("check.verdict.critical", map[string]string{"cause": cause, "code": strconv.Itoa(int(d.FoundCode))})
	case verdict.StatusWarning:
		line = t.msg("check.verdict.warning", map[string]string{"what": cause})
	default:
		var what []string
		for _, u := range d.NotTested {
			what = append(what, sanitize.Text(fmt.Sprintf("%s:%d", u.Host, u.Port)))
		}
		if rep.Interrupted {
			what = append(what, t.msg("check.interrupted", nil))
		}
		line = t.msg("check.verdict.unknown", map[string]string{"what": strings.Join(what, ", ")})
	}
	fmt.Fprintf(&t.b, "%s %s\n", d.Status.Word(), line)
	if len(d.Causes) > 0 && d.Status != verdict.StatusOK {
		t.b.WriteString(t.msg("check.verdict.order", nil) + "\n")
		for i, c := range d.Causes {
			fix := t.fixFor(rep, d, c)
			if d.OthersRemain && c != verdict.CauseClock {
				fix += " " + t.msg("check.verdict.remains", nil)
			}
			fmt.Fprintf(&t.b, "  %d. %s\n     → %s\n", i+1, t.msg("cause."+string(c), nil), fix)
		}
	}
	for _, n := range d.Notes {
		t.b.WriteString("→ " + noteText(t.lang, n, sanitizeArg) + "\n")
	}
	if d.Status != verdict.StatusOK {
		t.b.WriteString(t.msg("trust."+d.Trust, nil) + "\n")
	}
	for _, tr := range rep.Targets {
		if f, ok := tr.NotTested(); ok {
			target := sanitize.Text(fmt.Sprintf("%s:%d", tr.Target.Host, tr.Target.Port))
			t.b.WriteString(t.msg("check.not-tested", map[string]string{"target": target, "why": FindingText(t.lang, f)}) + "\n")
		}
	}
}

// fixFor is the one-line fix for cause c of decision d.
func (t *textWriter) fixFor(rep *probes.Report, d verdict.Decision, c verdict.Cause) string {
	switch c {
	case verdict.CausePortal:
		landing := ""
		if rep.Captive != nil {
			landing = sanitize.Text(rep.Captive.LandingURL)
		}
		return t.msg("check.fix.portal", map[string]string{"landing_url": landing})
	case verdict.CauseCode:
		return t.msg("check.fix.code-"+strconv.Itoa(int(d.Code)), nil)
	case verdict.CauseInterceptionHome:
		if d.ProductKind == findings.KindAdware {
			// A root whose private key is public: remove it, whatever the network.
			return t.msg("check.fix.known-bad-root", map[string]string{"product": sanitize.Text(d.Product)})
		}
	}
	return t.msg("check.fix."+string(c), map[string]string{"product": sanitize.Text(d.Product)})
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

// ReasonText is one reason for the network-type suggestion in words, with
// its values sanitized.
func ReasonText(lang content.Lang, r netctx.Reason) string {
	args := make(map[string]string, len(r.Args))
	for k, v := range r.Args {
		args[k] = sanitize.Limit(v, 200)
	}
	return content.NetworkReason(lang, r.Key, args)
}

// noteText is one of the decision's notes in words, each value rendered
// by value (sanitized for a terminal, or a code span for Markdown).
func noteText(lang content.Lang, n verdict.Note, value func(string) string) string {
	args := make(map[string]string, len(n.Args))
	for k, v := range n.Args {
		args[k] = value(v)
	}
	return content.Msg(lang, "note."+n.Key, args)
}

func sanitizeArg(v string) string { return sanitize.Limit(v, 200) }
