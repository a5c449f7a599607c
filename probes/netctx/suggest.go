package netctx

import "strings"

// Network types Suggest returns.
const (
	TypeHome       = "home"
	TypeOffice     = "office"
	TypeVPN        = "vpn"
	TypePublicWiFi = "public-wifi"
	TypeUnknown    = "unknown"
)

// Reason is one piece of evidence behind a suggestion: a message key
// (content "net.reason.<Key>") and its values, raw (they come from the
// system's settings: sanitize them to display).
type Reason struct {
	Key  string
	Args map[string]string
}

func reason(key string, kv ...string) Reason {
	r := Reason{Key: key}
	if len(kv) > 0 {
		r.Args = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			r.Args[kv[i]] = kv[i+1]
		}
	}
	return r
}

// ReasonKeys lists every reason key Suggest can return.
var ReasonKeys = []string{
	"portal", "wireless", "vpn-full", "vpn-split", "vpn", "proxy", "ntp-answers",
	"ntp-away", "dns", "none", "not-checked",
}

// Suggest names the network type the evidence points to, with the reasons
// as message keys, for the wizard to offer as its default answer. It is
// pure: the runner calls it after the network, captive-portal and clock
// probes finished. captivePortal is the portal probe's verdict and
// publicNTPAnswers whether public NTP servers answered (nil = unknown).
//
// Configured evidence ranks above heuristics: a captive portal means
// public Wi-Fi; a VPN tunnel (full or split) means the service is reached
// through the VPN; a proxy or PAC file configured on the system means a
// managed (office) network. Only then come the guesses: a configured time
// server that is silent here while public NTP answers points to an office
// device used away from the office (home); private DNS answers for public
// names point to a filtered network. Without such evidence the answer is
// unknown: a home network has no positive sign of its own.
func Suggest(r *Result, captivePortal *bool, publicNTPAnswers *bool) (string, []Reason) {
	portal := captivePortal != nil && *captivePortal
	if r == nil {
		if portal {
			return TypePublicWiFi, []Reason{reason("portal")}
		}
		return TypeUnknown, []Reason{reason("not-checked")}
	}
	wireless := r.WiFi != nil && *r.WiFi
	if portal {
		reasons := []Reason{reason("portal")}
		if wireless {
			reasons = append(reasons, reason("wireless"))
		}
		return TypePublicWiFi, reasons
	}
	if r.VPN.Detected {
		switch {
		case r.VPN.FullTunnel != nil && *r.VPN.FullTunnel:
			return TypeVPN, []Reason{reason("vpn-full", "interface", r.VPN.Interface)}
		case r.VPN.FullTunnel != nil:
			return TypeVPN, []Reason{reason("vpn-split", "interface", r.VPN.Interface)}
		}
		return TypeVPN, []Reason{reason("vpn", "interface", r.VPN.Interface)}
	}
	if p := firstNonEmpty(r.Proxy.System, r.Proxy.PAC, r.Proxy.Env); p != "" {
		reasons := []Reason{reason("proxy", "proxy", p)}
		if r.SystemNTP.Reachable != nil && *r.SystemNTP.Reachable && len(r.SystemNTP.Servers) > 0 {
			reasons = append(reasons, reason("ntp-answers"))
		}
		return TypeOffice, reasons
	}
	if r.SystemNTP.Reachable != nil && !*r.SystemNTP.Reachable && publicNTPAnswers != nil && *publicNTPAnswers {
		return TypeHome, []Reason{reason("ntp-away", "servers", strings.Join(r.SystemNTP.Servers, ", "))}
	}
	for _, d := range r.DNS {
		if d.Suspicious {
			reasons := []Reason{reason("dns", "host", d.Host, "kind", d.Reason)}
			if wireless {
				return TypePublicWiFi, append(reasons, reason("wireless"))
			}
			return TypeOffice, reasons
		}
	}
	return TypeUnknown, []Reason{reason("none")}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
