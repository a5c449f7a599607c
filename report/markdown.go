package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/steps"
)

// Markdown renders a session as the report a person hands to IT or to the
// service's support: the decision and its remedy, the answers given, and
// the evidence. s is the wizard's path (steps.New for a plain check).
// Every value that came from the network is sanitized and put in code
// spans so it cannot format the document (mdsafe.go).
func Markdown(rep *probes.Report, lang content.Lang, s steps.State, version string) string {
	msg := func(key string, args map[string]string) string { return content.Msg(lang, key, args) }
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	line("# certwiz report")
	line("")
	line("- certwiz %s, %s", code(version), rep.Started.UTC().Format(time.RFC3339))
	line("- %s: %s", "exit", StatusWord(ExitStatus(rep)))
	line("")

	d := steps.Decide(s)
	line("## %s", msg("ui.summary.decision", nil))
	line("")
	line("**%s**", msg("cause."+string(d.Cause), nil))
	line("")
	if s.ShownCode != findings.CodeNone {
		line("- %s", msg("ui.summary.shown-code", map[string]string{"code": strconv.Itoa(int(s.ShownCode))}))
	}
	if d.FoundCode != findings.CodeNone {
		line("- %s", msg("ui.summary.found-code", map[string]string{"code": strconv.Itoa(int(d.FoundCode))}))
	}
	if n := s.EffectiveNetwork(); n != "" {
		line("- %s", msg("ui.summary.network", map[string]string{"network": msg("net.type."+string(n), nil)}))
	}
	line("")
	args := pageArgs(d.Args)
	if n, ok := args["network"]; ok {
		args["network"] = msg("net.type."+n, nil)
	}
	line("%s", strings.TrimSpace(content.Page(lang, d.Page, args)))
	line("")

	line("## %s", msg("ui.summary.found", nil))
	line("")
	if c := rep.Clock; c != nil {
		line("### %s", msg("check.clock", nil))
		line("")
		line("- verdict: %s, source: %s", code(c.Verdict), code(c.Source))
		if c.Source == clock.SourceNTP || c.Source == clock.SourceHTTPSDate {
			line("- offset: %s", code(clock.FormatOffset(c.Offset)))
			line("- local: %s, reference: %s", code(c.LocalTime.UTC().Format(time.RFC3339)), code(c.ReferenceTime.UTC().Format(time.RFC3339)))
		}
		mdFindings(&b, lang, c.Findings)
		line("")
	}
	if c := rep.Captive; c != nil {
		line("### %s", msg("check.captive", nil))
		line("")
		line("- state: %s", code(c.State))
		if c.LandingURL != "" {
			line("- landing: %s", code(c.LandingURL))
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
		line("- codes: %s", code(strings.Join(codes, ", ")))
		if tr.Interceptor != nil {
			line("- %s", msg("check.interceptor", map[string]string{"product": code(tr.Interceptor.Product)}))
		}
		if tr.TLS != nil {
			if tr.TLS.Addr != "" {
				line("- address: %s", code(tr.TLS.Addr))
			}
			if tr.TLS.Proxy != "" {
				line("- proxy: %s", code(tr.TLS.Proxy))
			}
		}
		mdFindings(&b, lang, tr.Findings)
		if tr.TLS != nil && len(tr.TLS.Chain) > 0 {
			line("")
			line("| # | subject | issuer | not after | SHA-256 |")
			line("|---|---|---|---|---|")
			for i, c := range tr.TLS.Chain {
				cc := chainCert(c)
				line("| %d | %s | %s | %s | %s |", i, cell(cc.Subject), cell(cc.Issuer), cell(cc.NotAfter), cell(cc.SHA256[:16]+"…"))
			}
		}
		line("")
	}
	if n := rep.Network; n != nil {
		line("### %s", msg("check.network", nil))
		line("")
		line("- suggested: %s", code(rep.SuggestedNetwork))
		for _, r := range rep.NetworkReasons {
			line("  - %s", code(r))
		}
		if rep.Proxy != "" {
			line("- proxy: %s", code(rep.Proxy))
		}
		if n.VPN.Detected {
			line("- VPN: %s", code(n.VPN.Interface))
		}
		mdFindings(&b, lang, n.Findings)
		line("")
	}
	return b.String()
}

func mdFindings(b *strings.Builder, lang content.Lang, fs []findings.Finding) {
	for _, f := range fs {
		fmt.Fprintf(b, "- %s %s\n", code(f.ID), findingMarkdown(lang, f))
	}
}
