package netctx

import "github.com/certwiz/certwiz/findings"

// Port states.
const (
	StateOpen        = "open"
	StateClosed      = "closed"
	StateFiltered    = "filtered"
	StateNotTestable = "not-testable"
)

// Result is what the network-context probe established. Every part is
// filled even when its check failed; the reason is in its Err field.
type Result struct {
	Proxy     ProxyInfo    `json:"proxy"`
	VPN       VPNInfo      `json:"vpn"`
	DNS       []DNSAnswer  `json:"dns"`
	Ports     []PortResult `json:"ports"`
	SystemNTP SystemNTP    `json:"system_ntp"`
	// WiFi is true when the default route leaves through a wireless
	// interface, false when through a wired one, nil when unknown.
	WiFi     *bool              `json:"wifi,omitempty"`
	Findings []findings.Finding `json:"findings,omitempty"`
}

// ProxyInfo is the proxy configuration that applies to the first target.
// Credentials in proxy URLs are never kept.
type ProxyInfo struct {
	// Env is the proxy the environment (HTTPS_PROXY, NO_PROXY...) selects
	// for https://<first target>, "" when none applies.
	Env string `json:"env,omitempty"`
	// EnvBypassed is set when HTTPS_PROXY is set but does not apply to the
	// target: NO_PROXY exempts it, or it is a loopback address (Go never
	// proxies those).
	EnvBypassed bool `json:"env_bypassed,omitempty"`
	// System is the manually configured system proxy (host:port or URL).
	System string `json:"system,omitempty"`
	// PAC is the proxy auto-config URL, if one is set.
	PAC string `json:"pac,omitempty"`
	// WPAD is set when proxy auto-discovery is turned on.
	WPAD bool `json:"wpad,omitempty"`
	// Source names where the system settings came from ("gsettings",
	// "registry", "netsh winhttp", "scutil"), "" when none could be read.
	Source string `json:"source,omitempty"`
	// Err says why the system settings are unknown.
	Err string `json:"error,omitempty"`
}

// VPNInfo describes the tunnel interface found, if any.
type VPNInfo struct {
	Detected bool `json:"detected"`
	// Interface is the tunnel's name (or adapter description on Windows).
	Interface string   `json:"interface,omitempty"`
	Addresses []string `json:"addresses,omitempty"`
	// Why says what marked the interface as a tunnel ("name tun*",
	// "point-to-point", "tun device type", "adapter description").
	Why string `json:"why,omitempty"`
	// FullTunnel is true when the default route goes through the tunnel,
	// false when it does not (split tunnel), nil when unknown.
	FullTunnel *bool `json:"full_tunnel"`
	// Route is the default route seen ("0.0.0.0/0 dev tun0 metric 0").
	Route string `json:"route,omitempty"`
	// Others lists further tunnel interfaces beyond the first.
	Others []string `json:"others,omitempty"`
	Err    string   `json:"error,omitempty"`
}

// DNSAnswer is what the resolver answered for one target.
type DNSAnswer struct {
	Host  string   `json:"host"`
	Addrs []string `json:"addrs,omitempty"`
	// Suspicious is set when a public name resolved into a private,
	// shared (CGNAT), loopback, link-local or unspecified range.
	Suspicious bool   `json:"suspicious,omitempty"`
	Reason     string `json:"reason,omitempty"`
	// NotFound is set for NXDOMAIN; Timeout when no answer came in time.
	NotFound bool   `json:"not_found,omitempty"`
	Timeout  bool   `json:"timeout,omitempty"`
	Err      string `json:"error,omitempty"`
}

// PortResult is one port test.
type PortResult struct {
	Proto string `json:"proto"` // "tcp" or "udp"
	Port  int    `json:"port"`
	Host  string `json:"host"`
	// State is StateOpen, StateClosed, StateFiltered or StateNotTestable.
	State string `json:"state"`
	// Mapped is the public address a STUN server saw (UDP only).
	Mapped string `json:"mapped,omitempty"`
	Err    string `json:"error,omitempty"`
}

// SystemNTP is the time server the operating system is set to use.
type SystemNTP struct {
	Servers []string `json:"servers"`
	// Source is the file or command the servers were read from.
	Source string `json:"source,omitempty"`
	// Reachable is true when at least one server answered, false when none
	// did, nil when not tested.
	Reachable *bool `json:"reachable"`
	// Answered lists the servers that answered.
	Answered []string `json:"answered,omitempty"`
	Err      string   `json:"error,omitempty"`
}
