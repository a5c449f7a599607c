package steps

import (
	"reflect"
	"slices"
	"testing"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/verdict"
)

var hosts = []string{"zoom.us", "us04web.zoom.us"}

// walk applies events in order, failing when a step leaves the state on
// the wrong screen.
func walk(t *testing.T, s State, evs ...Event) State {
	t.Helper()
	for _, ev := range evs {
		s = Next(s, ev)
	}
	return s
}

func ch(c Choice) Event { return Choose{Choice: c} }

func TestEdges(t *testing.T) {
	portal := true
	// at builds a state on screen sc with device dev, reached from start.
	tests := []struct {
		name    string
		from    State
		ev      Event
		want    Screen
		started []Probe
	}{
		{"start personal -> clock", New(hosts), ch(ChoosePersonal), ScreenClock, []Probe{ProbeClock, ProbeNetwork}},
		{"start room -> where certwiz runs", New(hosts), ch(ChooseRoom), ScreenRoomWhere, []Probe{ProbeNetwork}},
		{"room computer -> clock", Next(New(hosts), ch(ChooseRoom)), ch(ChooseRoomComputer), ScreenClock, []Probe{ProbeClock}},
		{"nearby computer -> clock", Next(New(hosts), ch(ChooseRoom)), ch(ChooseNearbyComputer), ScreenClock, []Probe{ProbeClock}},
		{"where certwiz runs rejects continue", Next(New(hosts), ch(ChooseRoom)), ch(ChooseContinue), ScreenRoomWhere, nil},
		{"start have-code -> room code, nothing else runs", New(hosts), ch(ChooseHaveCode), ScreenRoomCode, nil},
		{"start quick -> quick runs all", New(hosts), ch(ChooseQuick), ScreenQuick, []Probe{ProbeClock, ProbeNetwork, ProbeTargets}},
		{"start rejects continue", New(hosts), ch(ChooseContinue), ScreenStart, nil},
		{"start back stays", New(hosts), Back{}, ScreenStart, nil},
		{"clock continue while running -> network", at(ScreenClock, DevicePersonal), ch(ChooseContinue), ScreenNetwork, nil},
		{"clock check again reruns", clockDone(ClockFacts{Known: true, Skewed: true}), ch(ChooseCheckAgain), ScreenClock, []Probe{ProbeClock}},
		{"clock check again refused while running", at(ScreenClock, DevicePersonal), ch(ChooseCheckAgain), ScreenClock, nil},
		{"clock back -> start", at(ScreenClock, DevicePersonal), Back{}, ScreenStart, nil},
		{"network home, personal -> cert check", at(ScreenNetwork, DevicePersonal), ch(ChooseNetwork(NetHome)), ScreenCertCheck, []Probe{ProbeTargets}},
		{"network office, room -> room code", at(ScreenNetwork, DeviceRoom), ch(ChooseNetwork(NetOffice)), ScreenRoomCode, nil},
		{"network vpn -> cert check", at(ScreenNetwork, DevicePersonal), ch(ChooseNetwork(NetVPN)), ScreenCertCheck, []Probe{ProbeTargets}},
		{"network unsure -> cert check", at(ScreenNetwork, DevicePersonal), ch(ChooseNetwork(NetUnknown)), ScreenCertCheck, []Probe{ProbeTargets}},
		{"network public wifi -> caution", at(ScreenNetwork, DevicePersonal), ch(ChooseNetwork(NetPublicWiFi)), ScreenPublicWiFi, nil},
		{"network home but portal seen -> caution", withNet(at(ScreenNetwork, DevicePersonal), NetworkFacts{CaptivePortal: &portal}), ch(ChooseNetwork(NetHome)), ScreenPublicWiFi, nil},
		{"network rejects a code", at(ScreenNetwork, DevicePersonal), ch(ChooseCode(6)), ScreenNetwork, nil},
		{"public wifi personal -> cert check", at(ScreenPublicWiFi, DevicePersonal), ch(ChooseContinue), ScreenCertCheck, []Probe{ProbeTargets}},
		{"public wifi room -> room code", at(ScreenPublicWiFi, DeviceRoom), ch(ChooseContinue), ScreenRoomCode, nil},
		{"room code 6 -> domain", at(ScreenRoomCode, DeviceRoom), ch(ChooseCode(6)), ScreenRoomDomain, nil},
		{"room code 100 -> domain", at(ScreenRoomCode, DeviceRoom), ch(ChooseCode(100)), ScreenRoomDomain, nil},
		{"room code unknown -> domain", at(ScreenRoomCode, DeviceRoom), ch(ChooseCodeUnknown), ScreenRoomDomain, nil},
		{"room code rejects 8", at(ScreenRoomCode, DeviceRoom), ch("code:8"), ScreenRoomCode, nil},
		{"domain entered -> cert check", at(ScreenRoomDomain, DeviceRoom), EnterDomain{Domain: "rooms.example.com"}, ScreenCertCheck, []Probe{ProbeTargets}},
		{"domain skipped -> cert check", at(ScreenRoomDomain, DeviceRoom), ch(ChooseContinue), ScreenCertCheck, []Probe{ProbeTargets}},
		{"domain outside its screen ignored", at(ScreenCertCheck, DeviceRoom), EnterDomain{Domain: "x.example"}, ScreenCertCheck, nil},
		{"cert continue -> remedy", at(ScreenCertCheck, DevicePersonal), ch(ChooseContinue), ScreenRemedy, nil},
		{"cert check again when done", targetsDone(at(ScreenCertCheck, DevicePersonal)), ch(ChooseCheckAgain), ScreenCertCheck, []Probe{ProbeTargets}},
		{"remedy -> summary", at(ScreenRemedy, DevicePersonal), ch(ChooseSummary), ScreenSummary, nil},
		{"remedy check again reruns all", at(ScreenRemedy, DevicePersonal), ch(ChooseCheckAgain), ScreenRemedy, []Probe{ProbeClock, ProbeNetwork, ProbeTargets}},
		{"remedy back -> cert check, no rerun", at(ScreenRemedy, DevicePersonal), Back{}, ScreenCertCheck, nil},
		{"quick continue -> summary", Next(New(hosts), ch(ChooseQuick)), ch(ChooseContinue), ScreenSummary, nil},
		{"summary -> remedy", at(ScreenSummary, DevicePersonal), ch(ChooseRemedy), ScreenRemedy, nil},
		{"summary rerun stays", at(ScreenSummary, DevicePersonal), ch(ChooseRerun), ScreenSummary, []Probe{ProbeClock, ProbeNetwork, ProbeTargets}},
		{"summary restart -> start", at(ScreenSummary, DevicePersonal), ch(ChooseRestart), ScreenStart, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Next(tt.from, tt.ev)
			if got.Screen != tt.want {
				t.Fatalf("screen = %s, want %s", got.Screen, tt.want)
			}
			if st := Started(tt.from, got); !slices.Equal(st, tt.started) {
				t.Fatalf("started = %v, want %v", st, tt.started)
			}
		})
	}
}

// at walks from the start to screen sc as device dev would, with no
// probe answering.
func at(sc Screen, dev Device) State {
	s := New(hosts)
	if dev == DeviceRoom {
		s = Next(Next(s, ch(ChooseRoom)), ch(ChooseRoomComputer))
	} else {
		s = Next(s, ch(ChoosePersonal))
	}
	path := []Event{ch(ChooseContinue), ch(ChooseNetwork(NetHome))}
	if dev == DeviceRoom {
		path = append(path, ch(ChooseCode(6)), ch(ChooseContinue))
	}
	path = append(path, ch(ChooseContinue), ch(ChooseSummary))
	for _, ev := range path {
		if s.Screen == sc {
			return s
		}
		s = Next(s, ev)
	}
	if s.Screen == sc {
		return s
	}
	switch sc {
	case ScreenRoomWhere:
		return Next(New(hosts), ch(ChooseRoom))
	case ScreenPublicWiFi:
		s = at(ScreenNetwork, dev)
		return Next(s, ch(ChooseNetwork(NetPublicWiFi)))
	case ScreenRoomCode, ScreenRoomDomain:
		s = Next(New(hosts), ch(ChooseHaveCode))
		if sc == ScreenRoomDomain {
			s = Next(s, ch(ChooseCodeUnknown))
		}
		return s
	}
	panic("at: cannot reach " + string(sc))
}

func clockDone(f ClockFacts) State {
	s := at(ScreenClock, DevicePersonal)
	return Next(s, ClockResult{Run: s.Run(ProbeClock).ID, Facts: f})
}

func withNet(s State, f NetworkFacts) State {
	return Next(s, NetworkResult{Run: s.Run(ProbeNetwork).ID, Facts: f})
}

func targetsDone(s State, ts ...TargetFacts) State {
	id := s.Run(ProbeTargets).ID
	for _, tf := range ts {
		s = Next(s, TargetResult{Run: id, Facts: tf})
	}
	return Next(s, TargetsDone{Run: id})
}

func TestAtReachesEveryScreen(t *testing.T) {
	for _, sc := range Screens {
		if sc == ScreenQuick || sc == ScreenStart {
			continue
		}
		for _, dev := range []Device{DevicePersonal, DeviceRoom} {
			if s := at(sc, dev); s.Screen != sc {
				t.Fatalf("at(%s, %s) reached %s", sc, dev, s.Screen)
			}
		}
	}
}

func TestBackUnwindsTheWholePath(t *testing.T) {
	s := walk(t, New(hosts), ch(ChooseRoom), ch(ChooseNearbyComputer), ch(ChooseContinue), ch(ChooseNetwork(NetPublicWiFi)),
		ch(ChooseContinue), ch(ChooseCode(6)), EnterDomain{Domain: "a.example"}, ch(ChooseContinue), ch(ChooseSummary))
	want := []Screen{ScreenRemedy, ScreenCertCheck, ScreenRoomDomain, ScreenRoomCode, ScreenPublicWiFi, ScreenNetwork, ScreenClock, ScreenRoomWhere, ScreenStart, ScreenStart}
	if s.Screen != ScreenSummary {
		t.Fatalf("path ended on %s", s.Screen)
	}
	for _, w := range want {
		s = Next(s, Back{})
		if s.Screen != w {
			t.Fatalf("back reached %s, want %s", s.Screen, w)
		}
	}
	// Answers survive going back.
	if s.Device != DeviceRoom || s.ShownCode != 6 || s.RoomDomain != "a.example" || s.Network != NetPublicWiFi {
		t.Fatalf("answers lost: %+v", s)
	}
}

func TestNextDoesNotChangeItsInput(t *testing.T) {
	s := at(ScreenCertCheck, DevicePersonal)
	before := s.clone()
	id := s.Run(ProbeTargets).ID
	_ = Next(s, TargetResult{Run: id, Facts: TargetFacts{Host: "zoom.us", Code: 6}})
	_ = Next(s, Back{})
	_ = Next(s, ch(ChooseContinue))
	if !reflect.DeepEqual(s, before) {
		t.Fatalf("Next mutated its input:\n got %+v\nwant %+v", s, before)
	}
}

func TestStaleResultsAreIgnored(t *testing.T) {
	s := clockDone(ClockFacts{Known: true, Skewed: true})
	old := s.Run(ProbeClock).ID
	s = Next(s, ch(ChooseCheckAgain))
	if s.Clock.Skewed || s.Run(ProbeClock).Status != Running {
		t.Fatalf("check again did not reset the clock: %+v", s.Run(ProbeClock))
	}
	s = Next(s, ClockResult{Run: old, Facts: ClockFacts{Known: true, Skewed: true}})
	if s.Run(ProbeClock).Status != Running || s.Clock.Skewed {
		t.Fatal("a stale clock result was accepted")
	}
	s = Next(s, ClockResult{Run: old + 1, Facts: ClockFacts{Known: true}})
	if s.Run(ProbeClock).Status != Done || !s.Clock.Known {
		t.Fatal("the current clock result was refused")
	}
	// A duplicate of the current result after Done is ignored too.
	s = Next(s, ClockResult{Run: old + 1, Facts: ClockFacts{Known: true, Skewed: true}})
	if s.Clock.Skewed {
		t.Fatal("a result after Done was accepted")
	}
}

func TestRestartKeepsRunIDs(t *testing.T) {
	s := Next(New(hosts), ch(ChooseQuick))
	id := s.Run(ProbeTargets).ID
	s = walk(t, s, ch(ChooseContinue), ch(ChooseRestart))
	if s.Screen != ScreenStart || s.Quick || len(s.History) != 0 {
		t.Fatalf("restart left %+v", s)
	}
	s = Next(s, TargetResult{Run: id, Facts: TargetFacts{Host: "zoom.us", Code: 6}})
	if len(s.Targets) != 0 {
		t.Fatal("a result from before the restart was accepted")
	}
	s = walk(t, s, ch(ChooseQuick))
	if got := s.Run(ProbeTargets).ID; got <= id {
		t.Fatalf("run id after restart = %d, want > %d", got, id)
	}
}

func TestQuickAdvancesWhenAllDone(t *testing.T) {
	s := Next(New(hosts), ch(ChooseQuick))
	s = Next(s, ClockResult{Run: s.Run(ProbeClock).ID, Facts: ClockFacts{Known: true}})
	s = Next(s, TargetResult{Run: s.Run(ProbeTargets).ID, Facts: TargetFacts{Host: "zoom.us"}})
	s = Next(s, TargetsDone{Run: s.Run(ProbeTargets).ID})
	if s.Screen != ScreenQuick {
		t.Fatalf("left quick before the network answered: %s", s.Screen)
	}
	s = Next(s, NetworkResult{Run: s.Run(ProbeNetwork).ID, Facts: NetworkFacts{Suggested: NetHome}})
	if s.Screen != ScreenSummary {
		t.Fatalf("quick did not advance: %s", s.Screen)
	}
	if s.Running() {
		t.Fatal("something still running after every group finished")
	}
}

func TestTargetsRerunWhenDomainChanges(t *testing.T) {
	s := walk(t, at(ScreenRoomDomain, DeviceRoom), EnterDomain{Domain: "a.example"})
	first := s.Run(ProbeTargets).ID
	if !slices.Equal(s.TargetHosts, []string{"zoom.us", "us04web.zoom.us", "a.example"}) {
		t.Fatalf("target hosts = %v", s.TargetHosts)
	}
	s = targetsDone(s, TargetFacts{Host: "a.example", Port: 443, Code: 6})
	s = walk(t, s, Back{}, EnterDomain{Domain: "a.example"})
	if s.Run(ProbeTargets).ID != first || len(s.Targets) != 1 {
		t.Fatal("same hosts were probed again")
	}
	s = walk(t, s, Back{}, EnterDomain{Domain: "b.example"})
	if s.Run(ProbeTargets).ID != first+1 || len(s.Targets) != 0 {
		t.Fatal("a new domain did not rerun the check")
	}
}

func TestTargetResultReplacesSameTarget(t *testing.T) {
	s := at(ScreenCertCheck, DevicePersonal)
	id := s.Run(ProbeTargets).ID
	s = Next(s, TargetResult{Run: id, Facts: TargetFacts{Host: "zoom.us", Port: 443, Code: 5}})
	s = Next(s, TargetResult{Run: id, Facts: TargetFacts{Host: "zoom.us", Port: 443, Code: 6}})
	s = Next(s, TargetResult{Run: id, Facts: TargetFacts{Host: "zoom.us", Port: 8443}})
	if len(s.Targets) != 2 || s.Targets[0].Code != 6 {
		t.Fatalf("targets = %+v", s.Targets)
	}
}

func TestOptionsAndPreselection(t *testing.T) {
	net := withNet(at(ScreenNetwork, DevicePersonal), NetworkFacts{Suggested: NetVPN})
	tests := []struct {
		name string
		s    State
		want []Choice
		pre  Choice
	}{
		{"start", New(hosts), []Choice{ChoosePersonal, ChooseRoom, ChooseHaveCode, ChooseQuick}, ChoosePersonal},
		{"clock running", at(ScreenClock, DevicePersonal), []Choice{ChooseContinue}, ChooseContinue},
		{"clock skewed", clockDone(ClockFacts{Known: true, Skewed: true}), []Choice{ChooseContinue, ChooseCheckAgain}, ChooseCheckAgain},
		{"clock ok", clockDone(ClockFacts{Known: true}), []Choice{ChooseContinue, ChooseCheckAgain}, ChooseContinue},
		{"network suggests vpn", net, nil, ChooseNetwork(NetVPN)},
		{"network chosen wins", walk(t, net, ch(ChooseNetwork(NetHome)), Back{}), nil, ChooseNetwork(NetHome)},
		{"room code fresh", at(ScreenRoomCode, DeviceRoom), nil, ChooseCode(1)},
		{"room code remembered", walk(t, at(ScreenRoomCode, DeviceRoom), ch(ChooseCode(100)), Back{}), nil, ChooseCode(100)},
		{"room code unknown remembered", walk(t, at(ScreenRoomCode, DeviceRoom), ch(ChooseCodeUnknown), Back{}), nil, ChooseCodeUnknown},
		{"cert running", at(ScreenCertCheck, DevicePersonal), []Choice{ChooseContinue}, ChooseContinue},
		{"cert done", targetsDone(at(ScreenCertCheck, DevicePersonal)), []Choice{ChooseContinue, ChooseCheckAgain}, ChooseContinue},
		{"remedy", at(ScreenRemedy, DevicePersonal), []Choice{ChooseSummary, ChooseCheckAgain}, ChooseSummary},
		{"summary", at(ScreenSummary, DevicePersonal), []Choice{ChooseRemedy, ChooseRerun, ChooseRestart}, ChooseRemedy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options(tt.s)
			if tt.want != nil && !slices.Equal(opts, tt.want) {
				t.Fatalf("options = %v, want %v", opts, tt.want)
			}
			if got := opts[Preselected(tt.s)]; got != tt.pre {
				t.Fatalf("preselected = %v, want %v", got, tt.pre)
			}
		})
	}
	if n := len(Options(at(ScreenRoomCode, DeviceRoom))); n != 9 {
		t.Fatalf("room code offers %d choices, want 8 codes + unknown", n)
	}
}

func TestChoiceParsing(t *testing.T) {
	for _, c := range findings.AllCodes {
		if got, ok := ChooseCode(c).Code(); !ok || got != c {
			t.Fatalf("ChooseCode(%v).Code() = %v, %v", c, got, ok)
		}
	}
	if got, ok := ChooseCodeUnknown.Code(); !ok || got != 0 {
		t.Fatalf("unknown = %v, %v", got, ok)
	}
	for _, bad := range []Choice{"code:0", "code:8", "code:", ChooseContinue, "net:home"} {
		if _, ok := bad.Code(); ok {
			t.Fatalf("%q parsed as a code", bad)
		}
	}
	for _, n := range NetworkTypes {
		if got, ok := ChooseNetwork(n).Network(); !ok || got != n {
			t.Fatalf("network %v round trip = %v, %v", n, got, ok)
		}
	}
}

func TestNormalizeDomain(t *testing.T) {
	tests := map[string]string{
		"rooms.example.com":           "rooms.example.com",
		"  Rooms.Example.COM. ":       "rooms.example.com",
		"https://zoom.us/j/123?pwd=x": "zoom.us",
		"zoom.us:8443":                "zoom.us:8443",
		"https://user@host.example/":  "host.example",
		"":                            "",
		"bad host":                    "",
		"*.zoom.us":                   "",
		"host.example:0":              "",
		"host.example:99999":          "",
		"host.example:44a":            "",
		"-lead.example":               "",
		"a..b":                        "",
		"\x1b]52;c;aGk=\x07.example":  "",
		"xn--r8jz45g.example":         "xn--r8jz45g.example",
		"127.0.0.1:8443":              "127.0.0.1:8443",
	}
	for in, want := range tests {
		if got := NormalizeDomain(in); got != want {
			t.Errorf("NormalizeDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

// The clock screen's choices keep one order on every result.
func TestClockOptionsKeepOneOrder(t *testing.T) {
	var first []Choice
	for _, f := range []ClockFacts{{Known: true, Skewed: true}, {Known: true}, {}} {
		opts := Options(clockDone(f))
		if first == nil {
			first = opts
		} else if !slices.Equal(opts, first) {
			t.Errorf("clock %+v offers %v, another result offers %v", f, opts, first)
		}
	}
}

func TestRemedyPageCode5FollowsTheClock(t *testing.T) {
	s := at(ScreenRemedy, DevicePersonal)
	s.Targets = []TargetFacts{{Host: "zoom.us", Code: 5}}
	if got := s.Decision().Page; got != "remedy-code-5" {
		t.Errorf("clock not checked: %q", got)
	}
	s.Runs[ProbeClock] = Run{ID: 1, Status: Done}
	s.Clock = ClockFacts{Known: true}
	if got := s.Decision().Page; got != "remedy-code-5-clock-ok" {
		t.Errorf("clock verified right: %q", got)
	}
	if got := PageID(s); got != "remedy-code-5-clock-ok" {
		t.Errorf("PageID = %q", got)
	}
	s.Clock = ClockFacts{Known: true, Skewed: true}
	if got := s.Decision().Page; got == "remedy-code-5-clock-ok" {
		t.Errorf("clock wrong: %q", got)
	}
}

// Where certwiz runs decides whose clock the clock page talks about: the
// room's own on the Zoom Rooms computer, this computer's otherwise; a code
// read off a room means certwiz is not on the room's computer.
func TestRoomWhereDecidesWhoseClock(t *testing.T) {
	skewed := ClockFacts{Known: true, Skewed: true}
	for _, tt := range []struct {
		where Choice
		clock ClockFacts
		page  string
	}{
		{ChooseRoomComputer, skewed, "clock-skewed-room"},
		{ChooseNearbyComputer, skewed, "clock-skewed-nearby"},
		{ChooseRoomComputer, ClockFacts{Known: true}, "clock-ok"},
		{ChooseNearbyComputer, ClockFacts{Known: true}, "clock-ok-nearby"},
	} {
		s := Next(Next(New(hosts), ch(ChooseRoom)), ch(tt.where))
		s = Next(s, ClockResult{Run: s.Run(ProbeClock).ID, Facts: tt.clock})
		if got := PageID(s); got != tt.page {
			t.Errorf("%s, clock %+v: page %q, want %q", tt.where, tt.clock, got, tt.page)
		}
	}
	if s := Next(New(hosts), ch(ChooseHaveCode)); s.RunsOn != verdict.RunsOnSameNetwork {
		t.Errorf("have-code: RunsOn %q, want same-network", s.RunsOn)
	}
}

// A re-check after a remedy that comes back clean says it is fixed and
// what there was to fix; one that still finds the fault does not.
func TestRecheckAfterARemedySaysFixed(t *testing.T) {
	s := at(ScreenRemedy, DevicePersonal)
	s = Next(s, ClockResult{Run: s.Run(ProbeClock).ID, Facts: ClockFacts{Known: true, Skewed: true}})
	if _, fixed := s.Fixed(); fixed {
		t.Fatal("fixed before any re-check")
	}
	s = Next(s, ch(ChooseCheckAgain))
	if before, _ := s.Fixed(); !slices.Equal(s.Before, []verdict.Cause{verdict.CauseClock}) || before != nil {
		t.Fatalf("before = %v; fixed while running = %v", s.Before, before)
	}
	still := Next(s, ClockResult{Run: s.Run(ProbeClock).ID, Facts: ClockFacts{Known: true, Skewed: true}})
	still = Next(still, NetworkResult{Run: still.Run(ProbeNetwork).ID})
	still = Next(still, TargetsDone{Run: still.Run(ProbeTargets).ID})
	if _, fixed := still.Fixed(); fixed {
		t.Error("the clock is still wrong, yet fixed")
	}
	clean := Next(s, ClockResult{Run: s.Run(ProbeClock).ID, Facts: ClockFacts{Known: true}})
	clean = Next(clean, NetworkResult{Run: clean.Run(ProbeNetwork).ID})
	clean = Next(clean, TargetsDone{Run: clean.Run(ProbeTargets).ID})
	before, fixed := clean.Fixed()
	if !fixed || !slices.Equal(before, []verdict.Cause{verdict.CauseClock}) {
		t.Errorf("clean re-check: fixed %v before %v", fixed, before)
	}
}
