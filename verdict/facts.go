package verdict

import (
	"slices"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Facts is the evidence a decision reads: what the probes established,
// adapted from their results (package diagnosis does that) so the rules
// here stay pure.
type Facts struct {
	Clock   ClockFacts
	Net     NetworkFacts
	Targets []TargetFacts
	// Interrupted is set when the run was cut short (Ctrl-C, SIGTERM).
	Interrupted bool
}

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

// Wrong reports whether the clock is known to be off by more than the
// browsers tolerate.
func (c ClockFacts) Wrong() bool { return c.Known && c.Skewed }

// Reason is one piece of evidence behind the network-type suggestion: a
// message key (content "net.reason.<Key>") and its values (raw: some come
// from the system or the network; sanitize them to display).
type Reason struct {
	Key  string
	Args map[string]string
}

// NetworkFacts is what the network-context and captive-portal probes
// established.
type NetworkFacts struct {
	// Suggested is the type the evidence points to.
	Suggested findings.NetworkType
	// Reasons explain the suggestion, strongest first.
	Reasons []Reason
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

// Portal reports whether a captive portal was seen.
func (n NetworkFacts) Portal() bool { return n.CaptivePortal != nil && *n.CaptivePortal }

// TargetFacts is what the TLS probes established about one target.
type TargetFacts struct {
	Host string
	Port int
	// Code is the primary article code (0: no fault found, or not tested).
	Code findings.Code
	// Codes are all the target's codes, most serious first.
	Codes []findings.Code
	// ClockExplained are the codes of the faults that disappear at the
	// reference time: the device clock, not the certificate, is wrong.
	ClockExplained []findings.Code
	// Faulty is set when the target has a certificate fault (the app
	// would show the alert); Warns when its only problems deserve
	// attention without being a fault (revocation that could not be
	// checked). A target with a code and neither counts as Faulty.
	Faulty, Warns bool
	// Interceptor names a known TLS-interception product ("" if none).
	Interceptor string
	// InterceptorKind is the product's kind ("" if unknown).
	InterceptorKind findings.InterceptorKind
	// EnterpriseRoot is set when the chain is trusted by this machine's
	// store but not by the public roots: a locally deployed root CA.
	EnterpriseRoot bool
	// ClockCaused is set when a fault disappears at the reference time.
	ClockCaused bool
	// NotTested is set when the target was never reached: no certificate
	// was seen. NotTestedID is the finding that says why
	// ("tls.proxy-login"), Err the probe's own words (raw).
	NotTested   bool
	NotTestedID string
	Err         string
	// Findings are the target's findings worth showing a person (faults,
	// warnings, interception facts), ranked; their evidence is raw.
	Findings []findings.Finding
}

// Remaining returns the codes of the faults the clock does not explain
// (they stay when the time is corrected), most serious first. A target
// marked ClockCaused without a list has all its faults explained.
func (t TargetFacts) Remaining() []findings.Code {
	codes := t.Codes
	if len(codes) == 0 && t.Code != findings.CodeNone {
		codes = []findings.Code{t.Code}
	}
	if t.NotTested || (t.ClockCaused && len(t.ClockExplained) == 0) {
		return nil
	}
	var out []findings.Code
	for _, c := range codes {
		if !slices.Contains(t.ClockExplained, c) {
			out = append(out, c)
		}
	}
	return out
}

// fault reports whether the target has a certificate fault.
func (t TargetFacts) fault() bool {
	return !t.NotTested && (t.Faulty || (t.Code != findings.CodeNone && !t.Warns))
}

// ReSigned reports whether a fault the clock does not explain says that
// an issuer this device does not trust signed the chain: the sign of a
// device re-signing the connection.
func (t TargetFacts) ReSigned() bool {
	return slices.Contains(t.Remaining(), findings.CodeUntrustedIssuer)
}

// Device is the kind of device the alert appears on.
type Device string

// Device kinds. DeviceUnset until the person answers.
const (
	DeviceUnset    Device = ""
	DevicePersonal Device = "personal"
	DeviceRoom     Device = "room"
	DevicePhone    Device = "phone"
)

// RunsOn says where certwiz runs relative to the device with the alert.
type RunsOn string

// Where certwiz runs. RunsOnUnset: not asked (a personal device is the
// machine certwiz runs on).
const (
	RunsOnUnset       RunsOn = ""
	RunsOnThisDevice  RunsOn = "this-device"
	RunsOnSameNetwork RunsOn = "same-network"
)

// Answers is what the person told the wizard. A check has none.
type Answers struct {
	Device Device `json:"device,omitempty"`
	// RunsOn says whether certwiz runs on the device with the alert.
	RunsOn RunsOn `json:"runs_on,omitempty"`
	// Network is the type the person chose ("" until chosen).
	Network findings.NetworkType `json:"network,omitempty"`
	// ShownCode is the code read off the room device (0: not given or
	// "don't know"); CodeAsked records that the question was answered.
	ShownCode findings.Code `json:"shown_code,omitempty"`
	CodeAsked bool          `json:"-"`
	// Domain is the domain named in the room's alert ("" if none).
	Domain string `json:"domain,omitempty"`
}

// Empty reports whether no question was answered.
func (a Answers) Empty() bool {
	return a.Device == DeviceUnset && a.RunsOn == RunsOnUnset && a.Network == "" &&
		a.ShownCode == findings.CodeNone && a.Domain == ""
}
