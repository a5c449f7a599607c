package steps

import (
	"slices"
	"strings"

	"github.com/certwiz/certwiz/target"
	"github.com/certwiz/certwiz/verdict"
)

// Next returns the state after ev. It never changes s. An event the
// current screen does not accept (a choice it does not offer, a stale
// probe result) returns the state unchanged.
func Next(s State, ev Event) State {
	s = s.clone()
	if s.Runs == nil {
		s.Runs = map[Probe]Run{}
	}
	switch e := ev.(type) {
	case Back:
		if n := len(s.History); n > 0 {
			s.Screen = s.History[n-1]
			s.History = s.History[:n-1]
		}
		return s
	case Choose:
		if !slices.Contains(Options(s), e.Choice) {
			return s
		}
		return choose(s, e.Choice)
	case EnterDomain:
		if s.Screen != ScreenRoomDomain {
			return s
		}
		s.RoomDomain = NormalizeDomain(e.Domain)
		return s.goTo(ScreenCertCheck)
	case ClockResult:
		if s.accept(ProbeClock, e.Run) {
			s.Clock = e.Facts
			s.finish(ProbeClock)
		}
		return s.autoAdvance()
	case NetworkResult:
		if s.accept(ProbeNetwork, e.Run) {
			s.Net = e.Facts
			s.finish(ProbeNetwork)
		}
		return s.autoAdvance()
	case TargetResult:
		if s.accept(ProbeTargets, e.Run) {
			s.addTarget(e.Facts)
		}
		return s
	case TargetsDone:
		if s.accept(ProbeTargets, e.Run) {
			s.finish(ProbeTargets)
		}
		return s.autoAdvance()
	}
	return s
}

func choose(s State, c Choice) State {
	switch s.Screen {
	case ScreenStart:
		switch c {
		case ChoosePersonal:
			s.Device = DevicePersonal
			s.startIfNotRun(ProbeNetwork)
			return s.goTo(ScreenClock)
		case ChooseRoom:
			s.Device = DeviceRoom
			s.startIfNotRun(ProbeNetwork)
			return s.goTo(ScreenRoomWhere)
		case ChooseHaveCode:
			// A jump straight to the certificate check: the code was read
			// off a room elsewhere, so this device's clock and network are
			// not asked about, and certwiz is not on the room's computer.
			s.Device, s.RunsOn = DeviceRoom, verdict.RunsOnSameNetwork
			return s.goTo(ScreenRoomCode)
		case ChooseQuick:
			s.Quick = true
			return s.goTo(ScreenQuick)
		}
	case ScreenRoomWhere:
		s.RunsOn = verdict.RunsOnThisDevice
		if c == ChooseNearbyComputer {
			s.RunsOn = verdict.RunsOnSameNetwork
		}
		return s.goTo(ScreenClock)
	case ScreenClock:
		if c == ChooseCheckAgain {
			s.start(ProbeClock)
			return s
		}
		return s.goTo(ScreenNetwork)
	case ScreenNetwork:
		t, _ := c.Network()
		s.Network = t
		if t == NetPublicWiFi || isTrue(s.Net.CaptivePortal) {
			return s.goTo(ScreenPublicWiFi)
		}
		return s.toCertificates()
	case ScreenPublicWiFi:
		return s.toCertificates()
	case ScreenRoomCode:
		s.ShownCode, _ = c.Code()
		s.CodeAsked = true
		return s.goTo(ScreenRoomDomain)
	case ScreenRoomDomain:
		return s.goTo(ScreenCertCheck)
	case ScreenCertCheck:
		if c == ChooseCheckAgain {
			s.start(ProbeTargets)
			return s
		}
		return s.goTo(ScreenRemedy)
	case ScreenRemedy:
		if c == ChooseCheckAgain {
			s.recheck()
			return s
		}
		return s.goTo(ScreenSummary)
	case ScreenQuick:
		return s.goTo(ScreenSummary)
	case ScreenSummary:
		switch c {
		case ChooseRemedy:
			return s.goTo(ScreenRemedy)
		case ChooseRerun:
			s.recheck()
			return s
		case ChooseRestart:
			fresh := New(s.Hosts)
			for p, r := range s.Runs {
				fresh.Runs[p] = Run{ID: r.ID} // keep IDs so late results stay stale
			}
			return fresh
		}
	}
	return s
}

// toCertificates moves on from the network questions: rooms are asked
// for their code first.
func (s State) toCertificates() State {
	if s.Device == DeviceRoom {
		return s.goTo(ScreenRoomCode)
	}
	return s.goTo(ScreenCertCheck)
}

// goTo pushes the current screen and enters to, starting the probes the
// new screen needs.
func (s State) goTo(to Screen) State {
	s.History = append(s.History, s.Screen)
	s.Screen = to
	switch to {
	case ScreenClock:
		s.startIfNotRun(ProbeClock)
	case ScreenNetwork:
		s.startIfNotRun(ProbeNetwork)
	case ScreenCertCheck:
		if s.Run(ProbeTargets).Status == NotRun || !slices.Equal(s.TargetHosts, s.CheckHosts()) {
			s.start(ProbeTargets)
		}
	case ScreenQuick:
		s.startAll()
	}
	return s
}

func (s *State) start(p Probe) {
	r := s.Runs[p]
	s.Runs[p] = Run{ID: r.ID + 1, Status: Running}
	switch p {
	case ProbeClock:
		s.Clock = ClockFacts{}
	case ProbeNetwork:
		s.Net = NetworkFacts{}
	case ProbeTargets:
		s.Targets = nil
		s.TargetHosts = s.CheckHosts()
	}
}

func (s *State) startIfNotRun(p Probe) {
	if s.Runs[p].Status == NotRun {
		s.start(p)
	}
}

// recheck runs every probe again after a remedy, remembering what was
// to fix before, so a clean result can say "fixed" and what changed.
func (s *State) recheck() {
	if d := s.Decision(); len(d.Causes) > 0 {
		s.Before = d.Causes
	}
	s.startAll()
}

func (s *State) startAll() {
	for _, p := range Probes {
		s.start(p)
	}
}

// accept reports whether a result for run id of p is current.
func (s *State) accept(p Probe, id int) bool {
	r := s.Runs[p]
	return r.Status == Running && r.ID == id
}

func (s *State) finish(p Probe) {
	r := s.Runs[p]
	r.Status = Done
	s.Runs[p] = r
}

// addTarget records t, replacing an earlier answer for the same target.
func (s *State) addTarget(t TargetFacts) {
	for i, old := range s.Targets {
		if old.Host == t.Host && old.Port == t.Port {
			s.Targets[i] = t
			return
		}
	}
	s.Targets = append(s.Targets, t)
}

// autoAdvance leaves the quick screen for the summary once every probe
// group is done.
func (s State) autoAdvance() State {
	if s.Screen != ScreenQuick {
		return s
	}
	for _, p := range Probes {
		if s.Runs[p].Status != Done {
			return s
		}
	}
	return s.goTo(ScreenSummary)
}

// Started returns the probe groups next started that prev had not: the
// wizard runs them, tagging results with next.Run(p).ID.
func Started(prev, next State) []Probe {
	var out []Probe
	for _, p := range Probes {
		if n := next.Runs[p]; n.Status == Running && n.ID != prev.Runs[p].ID {
			out = append(out, p)
		}
	}
	return out
}

// NormalizeDomain turns what a user typed for a domain into the target
// to probe, read by the one parser every front end uses (target.Parse):
// "host" on the default port, else "host:port". Anything that is not a
// plausible host gives "".
func NormalizeDomain(in string) string {
	t, err := target.Parse(in)
	if err != nil || strings.TrimSpace(in) == "" {
		return ""
	}
	return t.String()
}

func isTrue(b *bool) bool { return b != nil && *b }
