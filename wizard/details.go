package wizard

import (
	"net"
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/certwiz/certwiz/steps"
)

// headLines are shown above the page body: the remedy's verdict, and on
// the summary the decision and the first thing to do (verdict first,
// details after).
func headLines(lang content.Lang, s steps.State) []line {
	switch s.Screen {
	case steps.ScreenRemedy:
		return append(verdictLines(lang, s), trustLine(lang, s.Decision()))
	case steps.ScreenSummary:
		out := verdictLines(lang, s)
		if step := firstStep(lang, s); step != "" {
			out = append(out, line{text: content.Msg(lang, "ui.summary.first", map[string]string{"step": step})})
		}
		return append(out, trustLine(lang, s.Decision()))
	}
	return nil
}

// trustLine states the "Trust Anyway" rule that fits the decision.
func trustLine(lang content.Lang, d verdict.Decision) line {
	return line{mark: markWarn, text: content.Msg(lang, "trust."+d.Trust, nil)}
}

// noteLines are the decision's advice that follows from what was
// measured, below the remedy page.
func noteLines(lang content.Lang, d verdict.Decision) []line {
	var out []line
	for _, n := range d.Notes {
		args := make(map[string]string, len(n.Args))
		for k, v := range n.Args {
			args[k] = sanitize.Limit(v, 120)
		}
		out = append(out, line{mark: markNone, text: "→ " + content.Msg(lang, "note."+n.Key, args)})
	}
	return out
}

// firstStep is the first thing the remedy page asks for: its first list
// item, else its first paragraph, as plain text.
func firstStep(lang content.Lang, s steps.State) string {
	page := content.Page(lang, s.Decision().Page, pageArgs(lang, s))
	var para string
	for _, b := range parseMarkdown(page) {
		switch {
		case b.kind == blockItem:
			return plainInline(b.text)
		case b.kind == blockPara && para == "":
			para = plainInline(b.text)
		}
	}
	return para
}

// plainInline drops the inline markup the pages use (** and `).
func plainInline(s string) string {
	return strings.NewReplacer("**", "", "`", "").Replace(s)
}

// detailLines are shown below the page body: what the probes found so
// far, as it matters to this screen.
func detailLines(lang content.Lang, s steps.State) []line {
	switch s.Screen {
	case steps.ScreenClock:
		return clockLines(lang, s)
	case steps.ScreenNetwork, steps.ScreenPublicWiFi:
		return networkLines(lang, s)
	case steps.ScreenRoomDomain:
		return []line{{text: content.Msg(lang, "ui.domain.prompt", nil)}}
	case steps.ScreenCertCheck:
		out := targetLines(lang, s)
		if s.Run(steps.ProbeTargets).Status == steps.Done {
			out = append(out, agreeLines(lang, s)...)
		}
		return out
	case steps.ScreenQuick:
		out := clockLines(lang, s)
		out = append(out, networkLines(lang, s)...)
		return append(out, targetLines(lang, s)...)
	case steps.ScreenRemedy:
		return noteLines(lang, s.Decision())
	case steps.ScreenSummary:
		return summaryLines(lang, s)
	}
	return nil
}

func clockLines(lang content.Lang, s steps.State) []line {
	switch s.Run(steps.ProbeClock).Status {
	case steps.NotRun:
		return nil
	case steps.Running:
		return []line{running(lang, "clock")}
	}
	c := s.Clock
	var out []line
	switch {
	case !c.Known:
		out = append(out, line{mark: markUnknown, text: content.Msg(lang, "finding.clock.unknown", nil)})
	case c.Skewed:
		out = append(out, line{mark: markFail, text: content.Msg(lang, "finding.clock.skewed", map[string]string{
			"offset": content.Duration(lang, c.Offset), "source": sourceName(lang, c.Source),
		})})
	default:
		out = append(out, line{mark: markOK, text: content.Msg(lang, "ui.clock.ok", map[string]string{
			"offset": content.Duration(lang, c.Offset), "source": sourceName(lang, c.Source),
		})})
	}
	if c.SystemNTPUnreachable {
		out = append(out, line{mark: markWarn, text: content.Msg(lang, "finding.net.system-ntp-unreachable", map[string]string{
			"servers": sanitize.Text(strings.Join(orNone(c.SystemNTPServers), ", ")),
		})})
	}
	return out
}

func orNone(xs []string) []string {
	if len(xs) == 0 {
		return []string{"?"}
	}
	return xs
}

func networkLines(lang content.Lang, s steps.State) []line {
	switch s.Run(steps.ProbeNetwork).Status {
	case steps.NotRun:
		return nil
	case steps.Running:
		return []line{running(lang, "network")}
	}
	n := s.Net
	out := []line{{mark: markNone, text: content.Msg(lang, "ui.net.suggested", map[string]string{
		"type": netName(lang, n.Suggested),
	})}}
	if len(n.Reasons) > 0 {
		out = append(out, line{text: content.Msg(lang, "ui.net.reasons", nil)})
		for _, r := range n.Reasons {
			out = append(out, line{indent: true, text: "- " + reasonText(lang, r)})
		}
	}
	switch {
	case n.CaptivePortal == nil:
		out = append(out, line{mark: markUnknown, text: content.Msg(lang, "finding.captive.unknown", nil)})
	case *n.CaptivePortal:
		out = append(out, line{mark: markFail, text: content.Msg(lang, "finding.captive.portal", map[string]string{
			"landing_url": sanitize.Text(n.LandingURL),
		})})
	}
	if n.Proxy != "" {
		out = append(out, line{mark: markNone, text: content.Msg(lang, "finding.net.proxy-configured", map[string]string{
			"proxy": sanitize.Text(n.Proxy),
		})})
	}
	return out
}

// targetLines lists every host of the latest run: its result, or that it
// is still being checked.
func targetLines(lang content.Lang, s steps.State) []line {
	r := s.Run(steps.ProbeTargets)
	if r.Status == steps.NotRun {
		return nil
	}
	var out []line
	seen := map[string]bool{}
	for _, t := range s.Targets {
		seen[t.Host] = true
		seen[net.JoinHostPort(t.Host, strconv.Itoa(t.Port))] = true
		out = append(out, targetLine(lang, t)...)
	}
	if r.Status == steps.Running {
		for _, h := range s.TargetHosts {
			if !seen[h] {
				out = append(out, line{mark: markRunning, text: content.Msg(lang, "ui.running", map[string]string{"what": sanitize.Text(h)})})
			}
		}
	}
	if r.Status == steps.Done && len(s.Targets) == 0 {
		out = append(out, line{mark: markUnknown, text: content.Msg(lang, "ui.cert.none", nil)})
	}
	return out
}

func targetName(t steps.TargetFacts) string {
	if t.Port == 0 {
		return sanitize.Text(t.Host)
	}
	return sanitize.Text(net.JoinHostPort(t.Host, strconv.Itoa(t.Port)))
}

func targetLine(lang content.Lang, t steps.TargetFacts) []line {
	name := targetName(t)
	var head line
	switch {
	case t.Code != findings.CodeNone:
		head = line{mark: markFail, text: name + " — " + codeTitle(lang, t.Code)}
	case t.NotTested:
		head = line{mark: markUnknown, text: name} // the mark says "not tested"; the reason follows
	default:
		head = line{mark: markOK, text: name}
	}
	out := []line{head}
	if t.Interceptor != "" {
		text := content.Msg(lang, "finding.interception.product", map[string]string{
			"product": sanitize.Text(t.Interceptor),
		})
		for _, f := range t.Findings {
			if f.ID == "interception.product" {
				text = report.FindingText(lang, f) // the localized label, marked when guessed
			}
		}
		out = append(out, line{indent: true, text: text})
	}
	for _, f := range t.Findings {
		if f.ID == "interception.product" {
			continue // said above
		}
		out = append(out, line{indent: true, text: report.FindingText(lang, f)})
	}
	if len(t.Findings) == 0 && t.Err != "" {
		out = append(out, line{indent: true, text: sanitize.Text(t.Err)})
	}
	return out
}

// agreeLines compare the room's code with the found one, when both exist.
func agreeLines(lang content.Lang, s steps.State) []line {
	d := s.Decision()
	if d.Agree == nil {
		return nil
	}
	args := map[string]string{"code": strconv.Itoa(int(d.ShownCode)), "found_code": strconv.Itoa(int(d.FoundCode))}
	if *d.Agree {
		return []line{{mark: markOK, text: content.Msg(lang, "ui.code.agree", args)}}
	}
	return []line{{mark: markWarn, text: content.Msg(lang, "ui.code.disagree", args)}}
}

// verdictLines state the decision: the cause, the code, agreement.
func verdictLines(lang content.Lang, s steps.State) []line {
	if before, fixed := s.Fixed(); fixed {
		names := make([]string, 0, len(before))
		for _, c := range before {
			names = append(names, content.Msg(lang, "cause."+string(c), nil))
		}
		sep := "; "
		if lang == content.JA {
			sep = "、"
		}
		return []line{{mark: markOK, text: content.Msg(lang, "ui.fixed", map[string]string{"before": strings.Join(names, sep)})}}
	}
	d := s.Decision()
	k := markFail
	if d.Cause == verdict.CauseNone {
		k = markOK
	}
	out := []line{{mark: k, text: content.Msg(lang, "cause."+string(d.Cause), nil)}}
	if d.Code != findings.CodeNone {
		out = append(out, line{indent: true, text: codeTitle(lang, d.Code)})
	}
	if len(d.Causes) > 1 {
		// More than one thing to fix: all of them, in the order to fix them.
		out = append(out, line{text: content.Msg(lang, "check.verdict.order", nil)})
		for i, c := range d.Causes {
			text := strconv.Itoa(i+1) + ". " + content.Msg(lang, "cause."+string(c), nil)
			if d.OthersRemain && c != verdict.CauseClock {
				text += content.Msg(lang, "check.verdict.remains", nil)
			}
			out = append(out, line{indent: true, text: text})
		}
	}
	for _, u := range d.NotTested {
		out = append(out, line{mark: markUnknown, text: content.Msg(lang, "check.not-tested", map[string]string{
			"target": sanitize.Text(u.Host + ":" + strconv.Itoa(u.Port)), "why": content.Msg(lang, "untested."+u.ID, nil),
		})})
	}
	return append(out, agreeLines(lang, s)...)
}

// summaryLines: what was found, then what was checked (the decision is
// above the page, in headLines).
func summaryLines(lang content.Lang, s steps.State) []line {
	d := s.Decision()
	out := []line{{heading: true, text: content.Msg(lang, "ui.summary.found", nil)}}
	if s.CodeAsked {
		shown := content.Msg(lang, "ui.code.unknown", nil)
		if d.ShownCode != findings.CodeNone {
			shown = codeTitle(lang, d.ShownCode)
		}
		out = append(out, line{text: content.Msg(lang, "ui.summary.shown-code", map[string]string{"code": shown})})
	}
	found := content.Msg(lang, "code.title.0", nil)
	if d.FoundCode != findings.CodeNone {
		found = codeTitle(lang, d.FoundCode)
	}
	out = append(out, line{text: content.Msg(lang, "ui.summary.found-code", map[string]string{"code": found})})
	out = append(out, line{heading: true, text: content.Msg(lang, "ui.summary.checked", nil)})
	out = append(out, clockLines(lang, s)...)
	out = append(out, networkLines(lang, s)...)
	if s.Network != "" {
		out = append(out, line{text: content.Msg(lang, "ui.summary.network", map[string]string{"network": netName(lang, s.Network)})})
	}
	return append(out, targetLines(lang, s)...)
}

// reasonText is one reason for the suggested network type in words, with
// its values sanitized.
func reasonText(lang content.Lang, r verdict.Reason) string {
	args := make(map[string]string, len(r.Args))
	for k, v := range r.Args {
		args[k] = sanitize.Limit(v, 120)
	}
	return content.NetworkReason(lang, r.Key, args)
}
