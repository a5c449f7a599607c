package steps

// Event is something that moves the state: a choice, text the user
// entered, a probe result, or back.
type Event interface{ isEvent() }

// Choose is the user picking one of Options(s).
type Choose struct{ Choice Choice }

// Back returns to the previous screen.
type Back struct{}

// EnterDomain is the domain the user typed on ScreenRoomDomain (may be
// empty: no domain to add).
type EnterDomain struct{ Domain string }

// ClockResult is the clock probe's answer for run Run.
type ClockResult struct {
	Run   int
	Facts ClockFacts
}

// NetworkResult is the network probes' answer for run Run.
type NetworkResult struct {
	Run   int
	Facts NetworkFacts
}

// TargetResult is one target's answer for targets run Run.
type TargetResult struct {
	Run   int
	Facts TargetFacts
}

// TargetsDone says every target of run Run has answered.
type TargetsDone struct{ Run int }

func (Choose) isEvent()        {}
func (Back) isEvent()          {}
func (EnterDomain) isEvent()   {}
func (ClockResult) isEvent()   {}
func (NetworkResult) isEvent() {}
func (TargetResult) isEvent()  {}
func (TargetsDone) isEvent()   {}
