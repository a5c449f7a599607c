package steps

import (
	"slices"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/verdict"
)

// Screen is one screen of the decision tree.
type Screen string

// The screens, in the order a full walk meets them.
const (
	// ScreenStart asks who is troubleshooting: a personal device, a
	// meeting-room device, a code read off a room, or a quick check.
	ScreenStart Screen = "start"
	// ScreenClock runs the clock probe and shows the verdict; a skewed
	// clock offers "check again".
	ScreenClock Screen = "clock"
	// ScreenNetwork asks for the network type, the detected one preselected.
	ScreenNetwork Screen = "network"
	// ScreenRoomWhere asks where certwiz runs: on the Zoom Rooms computer
	// itself, or on another computer on the room's network (then the
	// clock certwiz measures is not the room's).
	ScreenRoomWhere Screen = "room-where"
	// ScreenPublicWiFi warns against "trust anyway" on public Wi-Fi.
	ScreenPublicWiFi Screen = "public-wifi"
	// ScreenRoomCode asks which code the room controller shows.
	ScreenRoomCode Screen = "room-code"
	// ScreenRoomDomain asks for the domain named in the room's alert.
	ScreenRoomDomain Screen = "room-domain"
	// ScreenCertCheck runs the TLS probes and shows each target.
	ScreenCertCheck Screen = "cert-check"
	// ScreenRemedy shows the fix for the decided cause.
	ScreenRemedy Screen = "remedy"
	// ScreenQuick runs every probe at once, then moves to the summary.
	ScreenQuick Screen = "quick"
	// ScreenSummary lists what was checked and found, and the decision.
	ScreenSummary Screen = "summary"
)

// Screens lists every screen.
var Screens = []Screen{
	ScreenStart, ScreenRoomWhere, ScreenClock, ScreenNetwork, ScreenPublicWiFi, ScreenRoomCode,
	ScreenRoomDomain, ScreenCertCheck, ScreenRemedy, ScreenQuick, ScreenSummary,
}

// Probe names a group of probes the wizard runs.
type Probe string

// Probe groups.
const (
	ProbeClock   Probe = "clock"
	ProbeNetwork Probe = "network"
	ProbeTargets Probe = "targets"
)

// Probes lists every probe group.
var Probes = []Probe{ProbeClock, ProbeNetwork, ProbeTargets}

// Status is a probe group's progress.
type Status int

// Statuses.
const (
	NotRun Status = iota
	Running
	Done
)

// Run is the progress of one probe group. ID grows each time the group
// is started; results carrying an older ID are stale and ignored.
type Run struct {
	ID     int
	Status Status
}

// State is the path so far: the current screen, the answers given, the
// facts established and the way back.
type State struct {
	Screen Screen
	Device Device
	// RunsOn says whether certwiz runs on the room device itself or on a
	// computer on the same network ("" when not asked).
	RunsOn verdict.RunsOn
	// Network is the type the user chose ("" until chosen).
	Network NetworkType
	// ShownCode is the code read off the room controller (0: not given or
	// "don't know"); CodeAsked records that the question was answered.
	ShownCode findings.Code
	CodeAsked bool
	// RoomDomain is the domain named in the room's alert ("" if none).
	RoomDomain string
	// Hosts are the service's default hosts ("host" or "host:port").
	Hosts []string
	// Quick marks a quick check (everything at once, then the summary).
	Quick bool

	Clock   ClockFacts
	Net     NetworkFacts
	Targets []TargetFacts
	// Runs tracks each probe group; TargetHosts are the hosts of the
	// latest targets run.
	Runs        map[Probe]Run
	TargetHosts []string

	// Before is what there was to fix when the person last asked to check
	// again (nil: no re-check yet, or nothing was to fix then).
	Before []verdict.Cause

	// History is the stack of screens behind this one (Back pops it).
	History []Screen
}

// New returns the state at the start screen, with the service's default
// hosts to probe.
func New(hosts []string) State {
	return State{Screen: ScreenStart, Hosts: slices.Clone(hosts), Runs: map[Probe]Run{}}
}

// Run returns the progress of probe group p.
func (s State) Run(p Probe) Run { return s.Runs[p] }

// Running reports whether any probe group is running.
func (s State) Running() bool {
	for _, r := range s.Runs {
		if r.Status == Running {
			return true
		}
	}
	return false
}

// CheckHosts returns the hosts the certificate check probes: the default
// hosts plus the room's domain, without duplicates.
func (s State) CheckHosts() []string {
	out := slices.Clone(s.Hosts)
	if s.RoomDomain != "" && !slices.Contains(out, s.RoomDomain) {
		out = append(out, s.RoomDomain)
	}
	return out
}

// EffectiveNetwork is the network type the decision uses.
func (s State) EffectiveNetwork() NetworkType { return s.Decision().Network }

// FoundCode is the most serious code any tested target produced (0 if none).
func (s State) FoundCode() findings.Code { return s.Decision().FoundCode }

// clone deep-copies the slices and map Next mutates, so a State value
// handed out earlier never changes.
func (s State) clone() State {
	s.Hosts = slices.Clone(s.Hosts)
	s.Targets = slices.Clone(s.Targets)
	s.TargetHosts = slices.Clone(s.TargetHosts)
	s.History = slices.Clone(s.History)
	s.Before = slices.Clone(s.Before)
	runs := make(map[Probe]Run, len(s.Runs))
	for k, v := range s.Runs {
		runs[k] = v
	}
	s.Runs = runs
	return s
}

// Fixed reports whether a re-check after a remedy came back clean: there
// was something to fix before, every probe has finished again, and now
// nothing is found. It returns what there was to fix.
func (s State) Fixed() ([]verdict.Cause, bool) {
	if len(s.Before) == 0 || s.Running() {
		return nil, false
	}
	d := s.Decision()
	if d.Cause != verdict.CauseNone || d.Status != verdict.StatusOK {
		return nil, false
	}
	return s.Before, true
}
