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

// Suggest names the network type the evidence points to, with the reasons
// in plain English, for the wizard to offer as its default answer. It is
// pure: the runner calls it after the network, captive-portal and clock
// probes finished. captivePortal is the portal probe's verdict and
// publicNTPAnswers whether public NTP servers answered (nil = unknown).
//
// The order of precedence: a captive portal means public Wi-Fi; a full
// VPN tunnel means the service is reached through the VPN; a proxy
// configured by the system or a configured time server that is silent
// here while public NTP answers point to an office device (the first at
// the office, the second away from it); private DNS answers for public
// names point to a filtered network. Without such evidence the answer is
// unknown: a home network has no positive sign of its own, and the
// absence of a proxy or VPN does not tell it from an office.
func Suggest(r *Result, captivePortal *bool, publicNTPAnswers *bool) (string, []string) {
	if r == nil {
		if captivePortal != nil && *captivePortal {
			return TypePublicWiFi, []string{"a captive portal intercepted the connectivity check"}
		}
		return TypeUnknown, []string{"the network context was not checked"}
	}
	var reasons []string
	if captivePortal != nil && *captivePortal {
		reasons = append(reasons, "a captive portal intercepted the connectivity check")
		if r.WiFi != nil && *r.WiFi {
			reasons = append(reasons, "the connection is wireless")
		}
		return TypePublicWiFi, reasons
	}
	if r.VPN.Detected && r.VPN.FullTunnel != nil && *r.VPN.FullTunnel {
		return TypeVPN, []string{"all traffic goes through the VPN tunnel " + r.VPN.Interface}
	}
	ntpAway := r.SystemNTP.Reachable != nil && !*r.SystemNTP.Reachable &&
		publicNTPAnswers != nil && *publicNTPAnswers
	if ntpAway {
		reasons = append(reasons, "the configured time server ("+strings.Join(r.SystemNTP.Servers, ", ")+
			") does not answer here while public time servers do: the device seems set up for another network, such as an office, and is used away from it")
		if r.VPN.Detected {
			reasons = append(reasons, "a VPN tunnel ("+r.VPN.Interface+") is up but does not carry all traffic")
			return TypeVPN, reasons
		}
		return TypeHome, reasons
	}
	if r.VPN.Detected {
		reasons = append(reasons, "a VPN tunnel ("+r.VPN.Interface+") is up")
		if r.VPN.FullTunnel != nil {
			reasons = append(reasons, "only some traffic goes through it (split tunnel)")
		}
		return TypeVPN, reasons
	}
	if r.Proxy.System != "" || r.Proxy.PAC != "" || r.Proxy.Env != "" {
		reasons = append(reasons, "a proxy is configured ("+firstNonEmpty(r.Proxy.System, r.Proxy.PAC, r.Proxy.Env)+"), as managed office networks do")
		if r.SystemNTP.Reachable != nil && *r.SystemNTP.Reachable && len(r.SystemNTP.Servers) > 0 {
			reasons = append(reasons, "the configured time server answers")
		}
		return TypeOffice, reasons
	}
	for _, d := range r.DNS {
		if d.Suspicious {
			reasons = append(reasons, "public names resolve to "+d.Reason+" addresses ("+d.Host+"), as filtering networks and portals do")
			if r.WiFi != nil && *r.WiFi {
				reasons = append(reasons, "the connection is wireless")
				return TypePublicWiFi, reasons
			}
			return TypeOffice, reasons
		}
	}
	return TypeUnknown, []string{"no VPN, proxy, captive portal or DNS rewriting was seen; nothing tells home from office"}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
