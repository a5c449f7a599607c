package netctx

import (
	"fmt"
	"strings"

	"github.com/certwiz/certwiz/findings"
)

// Finding IDs of this probe. All carry code 0: they are context for the
// diagnosis, not certificate faults.
const (
	IDVPNFullTunnel      = "net.vpn-full-tunnel"
	IDVPNSplitTunnel     = "net.vpn-split-tunnel"
	IDVPNDetected        = "net.vpn-detected" // tunnel up, routing unknown
	IDVPNUnknown         = "net.vpn-unknown"
	IDProxyConfigured    = "net.proxy-configured"
	IDProxyPAC           = "net.proxy-pac"
	IDProxyAutoDiscovery = "net.proxy-auto-discovery"
	IDProxyUnknown       = "net.proxy-unknown"
	IDDNSPrivateAnswer   = "net.dns-private-answer"
	IDDNSFailed          = "net.dns-failed"
	IDPortBlocked        = "net.port-blocked"
	IDSystemNTPUnreach   = "net.system-ntp-unreachable"
	IDSystemNTPUnknown   = "net.system-ntp-unknown"
)

// FindingIDs lists every finding ID the probe can produce.
var FindingIDs = []string{
	IDVPNFullTunnel, IDVPNSplitTunnel, IDVPNDetected, IDVPNUnknown,
	IDProxyConfigured, IDProxyPAC, IDProxyAutoDiscovery, IDProxyUnknown,
	IDDNSPrivateAnswer, IDDNSFailed, IDPortBlocked,
	IDSystemNTPUnreach, IDSystemNTPUnknown,
}

func finding(id string, sev findings.Severity, summary string, kv ...string) findings.Finding {
	f := findings.Finding{ID: id, Code: findings.CodeNone, Severity: sev, Summary: summary, CertIndex: -1}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			f = f.With(kv[i], kv[i+1])
		}
	}
	return f
}

// buildFindings derives the findings from the facts in r.
func buildFindings(r *Result) []findings.Finding {
	var out []findings.Finding
	out = append(out, proxyFindings(r.Proxy)...)
	out = append(out, vpnFindings(r.VPN)...)
	for _, d := range r.DNS {
		switch {
		case d.Suspicious:
			out = append(out, finding(IDDNSPrivateAnswer, findings.Warning,
				fmt.Sprintf("%s resolved to %s (%s): something on this network may be rewriting DNS answers.", d.Host, strings.Join(d.Addrs, ", "), d.Reason),
				"host", d.Host, "addresses", strings.Join(d.Addrs, ", "), "range", d.Reason))
		case d.Err != "":
			what := "error"
			switch {
			case d.NotFound:
				what = "nxdomain"
			case d.Timeout:
				what = "timeout"
			}
			out = append(out, finding(IDDNSFailed, findings.Warning,
				fmt.Sprintf("Looking up %s failed (%s).", d.Host, what),
				"host", d.Host, "failure", what, "error", d.Err))
		}
	}
	for _, p := range r.Ports {
		if p.State == StateClosed || p.State == StateFiltered {
			out = append(out, finding(IDPortBlocked, findings.Warning,
				fmt.Sprintf("%s port %d of %s is %s from here.", strings.ToUpper(p.Proto), p.Port, p.Host, p.State),
				"proto", p.Proto, "port", fmt.Sprint(p.Port), "host", p.Host, "state", p.State, "error", p.Err))
		}
	}
	out = append(out, ntpFindings(r.SystemNTP)...)
	return out
}

func proxyFindings(p ProxyInfo) []findings.Finding {
	var out []findings.Finding
	if p.Env != "" {
		out = append(out, finding(IDProxyConfigured, findings.Info,
			"The environment sets a proxy for the service: "+p.Env,
			"source", "environment", "proxy", p.Env))
	}
	if p.System != "" {
		out = append(out, finding(IDProxyConfigured, findings.Info,
			"The system settings name a proxy: "+p.System,
			"source", p.Source, "proxy", p.System))
	}
	if p.PAC != "" {
		out = append(out, finding(IDProxyPAC, findings.Info,
			"Proxies are chosen by an auto-config (PAC) script: "+p.PAC,
			"source", p.Source, "pac_url", p.PAC))
	}
	if p.WPAD {
		out = append(out, finding(IDProxyAutoDiscovery, findings.Info,
			"Proxy auto-discovery (WPAD) is turned on.", "source", p.Source))
	}
	if p.Err != "" {
		out = append(out, finding(IDProxyUnknown, findings.Unknown,
			"The system proxy settings could not be read: "+p.Err, "reason", p.Err))
	}
	return out
}

func vpnFindings(v VPNInfo) []findings.Finding {
	if v.Err != "" && !v.Detected {
		return []findings.Finding{finding(IDVPNUnknown, findings.Unknown,
			"Could not tell whether a VPN is up: "+v.Err, "reason", v.Err)}
	}
	if !v.Detected {
		return nil
	}
	kv := []string{"interface", v.Interface, "addresses", strings.Join(v.Addresses, ", "), "why", v.Why, "route", v.Route}
	switch {
	case v.FullTunnel == nil:
		return []findings.Finding{finding(IDVPNDetected, findings.Info,
			"A VPN tunnel ("+v.Interface+") is up; whether all traffic goes through it is unknown.", append(kv, "reason", v.Err)...)}
	case *v.FullTunnel:
		return []findings.Finding{finding(IDVPNFullTunnel, findings.Info,
			"A VPN tunnel ("+v.Interface+") carries all traffic, so the service is reached through the VPN's network.", kv...)}
	default:
		return []findings.Finding{finding(IDVPNSplitTunnel, findings.Info,
			"A VPN tunnel ("+v.Interface+") is up but the default route bypasses it (split tunnel).", kv...)}
	}
}

func ntpFindings(n SystemNTP) []findings.Finding {
	switch {
	case n.Reachable != nil && !*n.Reachable:
		return []findings.Finding{finding(IDSystemNTPUnreach, findings.Warning,
			"None of the system's configured time servers ("+strings.Join(n.Servers, ", ")+") answers from this network.",
			"servers", strings.Join(n.Servers, ", "), "source", n.Source, "error", n.Err)}
	case n.Reachable == nil && n.Err != "":
		return []findings.Finding{finding(IDSystemNTPUnknown, findings.Unknown,
			"The system's time server setting is unknown: "+n.Err,
			"source", n.Source, "reason", n.Err)}
	}
	return nil
}
