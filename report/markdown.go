package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/verdict"
)

// Markdown renders a session as the report a person hands to IT or to the
// service's support: the decision and its remedy, the answers given, and
// the evidence. s is the wizard's path (steps.New for a plain check).
// Every value that came from the network is sanitized and put in code
// spans so it cannot format the document (mdsafe.go).
func Markdown(rep *probes.Report, d verdict.Decision, lang content.Lang, version string) string {
	msg := func(key string, args map[string]string) string { return content.Msg(lang, key, args) }
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	line("# %s", msg("report.title", nil))
	line("")
	line("- %s", msg("report.run", map[string]string{"version": code(version), "time": content.Time(lang, rep.Started)}))
	line("- %s", msg("report.exit", map[string]string{"status": msg("report.status."+d.Status.Word(), nil)}))
	if m := rep.Machine; m.OS != "" {
		line("- %s", msg("report.machine", map[string]string{"host": code(m.Hostname), "os": m.OS + "/" + m.Arch}))
	}
	if a := d.Answers; a.Device != "" {
		line("- %s", msg("report.answer.device", map[string]string{"device": msg("device."+string(a.Device), nil)}))
	}
	if a := d.Answers; a.RunsOn != "" {
		line("- %s", msg("report.answer.runs-on", map[string]string{"where": msg("runs-on."+string(a.RunsOn), nil)}))
	}
	if a := d.Answers; a.Domain != "" {
		line("- %s", msg("report.answer.domain", map[string]string{"domain": code(a.Domain)}))
	}
	line("")

	line("## %s", msg("ui.summary.decision", nil))
	line("")
	line("**%s**", msg("cause."+string(d.Cause), nil))
	line("")
	if d.ShownCode != findings.CodeNone {
		line("- %s", msg("ui.summary.shown-code", map[string]string{"code": strconv.Itoa(int(d.ShownCode))}))
	}
	if d.FoundCode != findings.CodeNone {
		line("- %s", msg("ui.summary.found-code", map[string]string{"code": strconv.Itoa(int(d.FoundCode))}))
	}
	if n := d.Network; n != "" {
		line("- %s", msg("ui.summary.network", map[string]string{"network": msg("net.type."+string(n), nil)}))
	}
	line("")
	args := pageArgs(d.Args)
	if n, ok := args["network"]; ok {
		args["network"] = msg("net.type."+n, nil)
	}
	if c := rep.Clock; c != nil && (c.Source == clock.SourceNTP || c.Source == clock.SourceHTTPSDate) {
		args["offset"] = content.Duration(lang, c.Offset)
		args["local_time"] = content.Time(lang, c.LocalTime)
		args["reference_time"] = content.Time(lang, c.ReferenceTime.In(c.LocalTime.Location()))
	}
	if src, ok := args["source"]; ok && content.HasMsg(lang, "clock.source."+src) {
		args["source"] = msg("clock.source."+src, nil)
	}
	// The remedy page is a section of this document: its headings move
	// below the report's own, so the ticket has one H1.
	line("%s", demoteHeadings(strings.TrimSpace(content.Page(lang, d.Page, args)), 2))
	line("")
	if d.RoomsPage != "" {
		line("%s", demoteHeadings(strings.TrimSpace(content.Page(lang, d.RoomsPage, nil)), 1))
		line("")
	}
	for _, n := range d.Notes {
		line("- %s", noteText(lang, n, func(v string) string { return code(v) }))
	}
	line("")
	line("**%s**", msg("trust."+d.Trust, nil))
	line("")
	if len(d.Causes) > 1 {
		line("%s", msg("check.verdict.order", nil))
		line("")
		for i, c := range d.Causes {
			line("%d. %s", i+1, msg("cause."+string(c), nil))
		}
		line("")
	}
	for _, tr := range rep.Targets {
		if f, ok := tr.NotTested(); ok {
			target := code(fmt.Sprintf("%s:%d", tr.Target.Host, tr.Target.Port))
			line("- %s", msg("check.not-tested", map[string]string{"target": target, "why": findingMarkdown(lang, f)}))
		}
	}

	line("## %s", msg("report.found", nil))
	line("")
	if c := rep.Clock; c != nil {
		line("### %s", msg("check.clock", nil))
		line("")
		line("- %s", msg("report.clock.verdict", map[string]string{
			"verdict": msg("report.clock.verdict."+c.Verdict, nil), "source": msg("clock.source."+c.Source, nil),
		}))
		if c.Source == clock.SourceNTP || c.Source == clock.SourceHTTPSDate {
			line("- %s", msg("report.clock.offset", map[string]string{"offset": content.Duration(lang, c.Offset)}))
			line("- %s", msg("report.clock.times", map[string]string{
				"local":     content.Time(lang, c.LocalTime),
				"reference": content.Time(lang, c.ReferenceTime.In(c.LocalTime.Location())),
			}))
		}
		mdFindings(&b, lang, c.Findings)
		line("")
	}
	if c := rep.Captive; c != nil {
		line("### %s", msg("check.captive", nil))
		line("")
		line("- %s", msg("report.captive.state", map[string]string{"state": msg("report.captive.state."+c.State, nil)}))
		if c.LandingURL != "" {
			line("- %s", msg("report.captive.landing", map[string]string{"url": code(c.LandingURL)}))
		}
		line("")
	}
	for _, tr := range rep.Targets {
		line("### %s", msg("check.target", map[string]string{"host": code(tr.Target.Host), "port": strconv.Itoa(tr.Target.Port)}))
		line("")
		var codes []string
		for _, c := range tr.Codes() {
			codes = append(codes, strconv.Itoa(int(c)))
		}
		if len(codes) == 0 {
			codes = []string{"0"}
		}
		line("- %s", msg("report.target.codes", map[string]string{"codes": code(strings.Join(codes, ", "))}))
		if tr.Interceptor != nil {
			line("- %s", msg("check.interceptor", map[string]string{"product": code(ProductLabel(lang, tr.Interceptor))}))
		}
		if tr.TLS != nil {
			if tr.TLS.Addr != "" {
				line("- %s", msg("report.target.address", map[string]string{"address": code(tr.TLS.Addr)}))
			}
			if tr.TLS.Proxy != "" {
				line("- %s", msg("report.target.proxy", map[string]string{"proxy": code(tr.TLS.Proxy)}))
			}
		}
		mdFindings(&b, lang, tr.Findings)
		if tr.TLS != nil && len(tr.TLS.Chain) > 0 {
			line("")
			line("%s", msg("report.chain.header", nil))
			line("|---|---|---|---|---|")
			for i, c := range tr.TLS.Chain {
				cc := chainCert(c)
				line("| %d | %s | %s | %s | %s |", i, cell(cc.Subject), cell(cc.Issuer), content.Time(lang, c.NotAfter.UTC()), cell(cc.SHA256[:16]+"…"))
			}
		}
		line("")
	}
	if n := rep.Network; n != nil {
		line("### %s", msg("check.network", nil))
		line("")
		line("- %s", msg("report.net.suggested", map[string]string{"network": msg("net.type."+orUnknown(rep.SuggestedNetwork), nil)}))
		for _, r := range rep.NetworkReasons {
			line("  - %s", ReasonText(lang, r))
		}
		if rep.Proxy != "" {
			line("- %s", msg("report.target.proxy", map[string]string{"proxy": code(rep.Proxy)}))
		}
		if n.VPN.Detected {
			line("- %s", msg("report.net.vpn", map[string]string{"interface": code(n.VPN.Interface)}))
		}
		mdFindings(&b, lang, n.Findings)
		line("")
	}
	return b.String()
}

// demoteHeadings moves every Markdown heading in md down by n levels
// ("# Title" becomes "### Title" for n = 2).
func demoteHeadings(md string, n int) string {
	ls := strings.Split(md, "\n")
	for i, l := range ls {
		if strings.HasPrefix(l, "#") {
			ls[i] = strings.Repeat("#", n) + l
		}
	}
	return strings.Join(ls, "\n")
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func mdFindings(b *strings.Builder, lang content.Lang, fs []findings.Finding) {
	for _, f := range fs {
		fmt.Fprintf(b, "- %s %s\n", code(f.ID), findingMarkdown(lang, f))
	}
}
