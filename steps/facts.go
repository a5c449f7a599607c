package steps

import (
	"time"

	"github.com/certwiz/certwiz/findings"
)

// NetworkType is where the device is connected, as the user says or the
// network probe suggests.
type NetworkType string

// Network types. NetUnknown is "not sure" or "no evidence".
const (
	NetHome       NetworkType = "home"
	NetOffice     NetworkType = "office"
	NetVPN        NetworkType = "vpn"
	NetPublicWiFi NetworkType = "public-wifi"
	NetUnknown    NetworkType = "unknown"
)

// NetworkTypes lists the types in the order the wizard offers them.
var NetworkTypes = []NetworkType{NetHome, NetOffice, NetVPN, NetPublicWiFi, NetUnknown}

// ClockFacts is what the clock probe established about the local clock.
type ClockFacts struct {
	// Known is false when no reference time could be obtained.
	Known bool
	// Skewed is set when the local clock is off by more than the
	// browsers tolerate.
	Skewed bool
	// Offset is reference minus local: positive when the local clock is
	// behind.
	Offset time.Duration
	// Local and Reference are the two readings compared.
	Local, Reference time.Time
	// Source names the reference: "ntp", "https-date", "build-time", "none".
	Source string
	// SystemNTPUnreachable is set when the system's configured NTP
	// servers did not answer (typical of an office-only server used from
	// home).
	SystemNTPUnreachable bool
	// SystemNTPServers are the system's configured NTP servers.
	SystemNTPServers []string
}

// NetworkFacts is what the network-context and captive-portal probes
// established.
type NetworkFacts struct {
	// Suggested is the type the evidence points to.
	Suggested NetworkType
	// Reasons explain the suggestion (raw values: sanitize to display).
	Reasons []string
	// CaptivePortal is true when a portal intercepts HTTP, false when the
	// device is online, nil when unknown.
	CaptivePortal *bool
	// LandingURL is where the portal redirects (raw).
	LandingURL string
	// Proxy is the proxy the device uses, without credentials ("" when
	// direct).
	Proxy string
	// VPN is set when a VPN interface or route was seen.
	VPN bool
}

// Interceptor kinds, for TargetFacts.InterceptorKind.
const (
	KindEnterpriseProxy = "enterprise-proxy"
	KindAntivirus       = "antivirus"
	KindParentalControl = "parental-control"
	KindFirewall        = "firewall"
	KindDebuggingProxy  = "debugging-proxy"
	KindAdware          = "adware"
)

// TargetFacts is what the TLS probes established about one target.
type TargetFacts struct {
	Host string
	Port int
	// Code is the primary article code (0: no fault found).
	Code findings.Code
	// Codes are all the target's codes, most serious first.
	Codes []findings.Code
	// Interceptor names a known TLS-interception product ("" if none).
	Interceptor string
	// InterceptorKind is one of the Kind* constants ("" if unknown).
	InterceptorKind string
	// EnterpriseRoot is set when the chain is trusted by the system store
	// but not by the public roots: a locally deployed root CA.
	EnterpriseRoot bool
	// ClockCaused is set when the fault disappears at the reference time.
	ClockCaused bool
	// Err is the connection error, "" when the handshake happened.
	Err string
	// Findings are the target's findings worth showing a person (faults,
	// warnings, interception facts), ranked; their evidence is raw.
	Findings []findings.Finding
}
