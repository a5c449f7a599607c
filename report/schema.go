package report

import (
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/verdict"
)

// Schema names the JSON contract. A change that breaks readers of the
// document bumps the version.
const Schema = "certwiz.report/v1"

// Document is the certwiz.report/v1 JSON document. Field names and types
// are a fixed contract, documented in the README.
type Document struct {
	Schema     string `json:"schema"`
	Code       int    `json:"code"`
	Status     string `json:"status"`
	ExitStatus int    `json:"exit_status"`
	Cause      string `json:"cause"`
	// Causes is everything to fix, in the order to fix it (the clock
	// first); Cause is the primary cause of the alert among them.
	Causes []string `json:"causes"`
	// Answers are the person's answers in the wizard ({} for a check).
	Answers verdict.Answers `json:"answers"`
	// Machine is the computer the checks ran from.
	Machine     probes.Machine `json:"machine"`
	GeneratedAt string         `json:"generated_at"`
	DurationMS  int64          `json:"duration_ms"`
	Interrupted bool           `json:"interrupted"`
	Version     string         `json:"certwiz_version"`
	Targets     []Target       `json:"targets"`
	Clock       Clock          `json:"clock"`
	Network     Network        `json:"network"`
}

// Target is one probed HOST:PORT.
type Target struct {
	Host    string `json:"host"`
	Port    int    `json:"port"`
	Address string `json:"address,omitempty"`
	Code    int    `json:"code"`
	Codes   []int  `json:"codes"`
	// Tested is false when the target was never reached (Error says why).
	Tested bool `json:"tested"`
	// InterceptorKind is the interception product's kind, or null.
	InterceptorKind *string     `json:"interceptor_kind"`
	Interceptor     *string     `json:"interceptor"`
	TLSVersion      string      `json:"tls_version,omitempty"`
	CipherSuite     string      `json:"cipher_suite,omitempty"`
	Chain           []ChainCert `json:"chain"`
	Error           *string     `json:"error"`
	ClockCaused     bool        `json:"clock_caused"`
	Findings        []Finding   `json:"findings"`
	Revocation      any         `json:"revocation"`
	CT              any         `json:"ct"`
	DurationMS      int64       `json:"duration_ms"`
	// HandshakeMS is how long the TLS probe took, null when none ran.
	HandshakeMS *int64 `json:"handshake_ms"`
}

// ChainCert is one presented certificate, leaf first.
type ChainCert struct {
	Subject   string   `json:"subject"`
	Issuer    string   `json:"issuer"`
	Serial    string   `json:"serial"`
	NotBefore string   `json:"not_before"`
	NotAfter  string   `json:"not_after"`
	SHA256    string   `json:"sha256"`
	DNSNames  []string `json:"dns_names"`
}

// Finding is one finding with its evidence.
type Finding struct {
	ID          string            `json:"id"`
	Code        int               `json:"code"`
	Severity    string            `json:"severity"`
	Summary     string            `json:"summary"`
	CertIndex   int               `json:"cert_index"`
	ClockCaused bool              `json:"clock_caused"`
	Evidence    map[string]string `json:"evidence"`
}

// Clock is the clock probe's result.
type Clock struct {
	OffsetSeconds *float64      `json:"offset_seconds"`
	Source        string        `json:"source"`
	Servers       []ClockServer `json:"servers"`
	Verdict       string        `json:"verdict"`
}

// ClockServer is one time source that was asked.
type ClockServer struct {
	Server        string   `json:"server"`
	OffsetSeconds *float64 `json:"offset_seconds"`
	RTTMS         *float64 `json:"rtt_ms"`
	Error         *string  `json:"error"`
	// Rejected says why an answer that arrived was not used:
	// "before-build", "far-future", "outlier" or "disagree"; null when it
	// was used or when Error is set.
	Rejected *string `json:"rejected"`
}

// Network is what was learned about the network.
type Network struct {
	CaptivePortal *bool    `json:"captive_portal"`
	LandingURL    *string  `json:"landing_url"`
	Proxy         *string  `json:"proxy"`
	SuggestedType string   `json:"suggested_type"`
	Reasons       []string `json:"suggested_reasons"`
	VPN           any      `json:"vpn"`
	DNS           any      `json:"dns"`
	Ports         any      `json:"ports"`
	SystemNTP     any      `json:"system_ntp"`
}
