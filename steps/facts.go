package steps

import (
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/verdict"
)

// The facts and answers the tree walks on are the verdict's own types:
// the wizard's path and `certwiz check` are decided by the same rules.
type (
	// ClockFacts is what the clock probe established.
	ClockFacts = verdict.ClockFacts
	// NetworkFacts is what the network probes established.
	NetworkFacts = verdict.NetworkFacts
	// TargetFacts is what the TLS probes established about one target.
	TargetFacts = verdict.TargetFacts
	// NetworkType is where the device is connected.
	NetworkType = findings.NetworkType
	// Device is the kind of device the alert appears on.
	Device = verdict.Device
)

// Network types, in the order the wizard offers them.
const (
	NetHome       = findings.NetHome
	NetOffice     = findings.NetOffice
	NetVPN        = findings.NetVPN
	NetPublicWiFi = findings.NetPublicWiFi
	NetUnknown    = findings.NetUnknown
)

// NetworkTypes lists the types in the order the wizard offers them.
var NetworkTypes = findings.NetworkTypes

// Device kinds.
const (
	DeviceUnset    = verdict.DeviceUnset
	DevicePersonal = verdict.DevicePersonal
	DeviceRoom     = verdict.DeviceRoom
)

// Facts returns the evidence the path has established.
func (s State) Facts() verdict.Facts {
	return verdict.Facts{Clock: s.Clock, Net: s.Net, Targets: s.Targets}
}

// Answers returns what the person has told the wizard so far.
func (s State) Answers() verdict.Answers {
	return verdict.Answers{
		Device: s.Device, RunsOn: s.RunsOn, Network: s.Network,
		ShownCode: s.ShownCode, CodeAsked: s.CodeAsked, Domain: s.RoomDomain,
	}
}

// Decision is the verdict on the path so far.
func (s State) Decision() verdict.Decision { return verdict.Decide(s.Facts(), s.Answers()) }
