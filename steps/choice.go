package steps

import (
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/findings"
)

// Choice is one option a screen offers.
type Choice string

// Choices that are not a network type or a code.
const (
	ChoosePersonal Choice = "personal"
	ChooseRoom     Choice = "room"
	ChooseHaveCode Choice = "have-code"
	ChooseQuick    Choice = "quick"
	// ChooseRoomComputer: certwiz runs on the Zoom Rooms computer itself.
	ChooseRoomComputer Choice = "room-computer"
	// ChooseNearbyComputer: certwiz runs on another computer on the
	// room's network.
	ChooseNearbyComputer Choice = "nearby-computer"
	ChooseContinue       Choice = "continue"
	ChooseCheckAgain     Choice = "check-again"
	ChooseRemedy         Choice = "remedy"
	ChooseSummary        Choice = "summary"
	ChooseRerun          Choice = "rerun"
	ChooseRestart        Choice = "restart"
	// ChooseCodeUnknown is "I don't know the code".
	ChooseCodeUnknown Choice = "code:unknown"
)

// ChooseNetwork is the choice of network type t.
func ChooseNetwork(t NetworkType) Choice { return Choice("net:" + string(t)) }

// ChooseCode is the choice of the room code c.
func ChooseCode(c findings.Code) Choice { return Choice("code:" + strconv.Itoa(int(c))) }

// Network returns the network type a ChooseNetwork choice names.
func (c Choice) Network() (NetworkType, bool) {
	t, ok := strings.CutPrefix(string(c), "net:")
	return NetworkType(t), ok
}

// Code returns the code a ChooseCode choice names; ChooseCodeUnknown
// gives (0, true).
func (c Choice) Code() (findings.Code, bool) {
	s, ok := strings.CutPrefix(string(c), "code:")
	if !ok {
		return 0, false
	}
	if s == "unknown" {
		return findings.CodeNone, true
	}
	code, err := findings.ParseCode(s)
	if err != nil {
		return 0, false
	}
	return code, true
}

// Options returns the choices the current screen offers, in display order.
// ScreenRoomDomain also accepts EnterDomain.
func Options(s State) []Choice {
	switch s.Screen {
	case ScreenStart:
		return []Choice{ChoosePersonal, ChooseRoom, ChooseHaveCode, ChooseQuick}
	case ScreenRoomWhere:
		return []Choice{ChooseRoomComputer, ChooseNearbyComputer}
	case ScreenClock:
		// One order on every result, so "2" always means the same thing;
		// a wrong time preselects "check again" instead.
		if s.Run(ProbeClock).Status != Done {
			return []Choice{ChooseContinue}
		}
		return []Choice{ChooseContinue, ChooseCheckAgain}
	case ScreenNetwork:
		out := make([]Choice, 0, len(NetworkTypes))
		for _, t := range NetworkTypes {
			out = append(out, ChooseNetwork(t))
		}
		return out
	case ScreenPublicWiFi, ScreenRoomDomain, ScreenQuick:
		return []Choice{ChooseContinue}
	case ScreenRoomCode:
		out := make([]Choice, 0, len(findings.AllCodes)+1)
		for _, c := range findings.AllCodes {
			out = append(out, ChooseCode(c))
		}
		return append(out, ChooseCodeUnknown)
	case ScreenCertCheck:
		if s.Run(ProbeTargets).Status != Done {
			return []Choice{ChooseContinue}
		}
		return []Choice{ChooseContinue, ChooseCheckAgain}
	case ScreenRemedy:
		return []Choice{ChooseSummary, ChooseCheckAgain}
	case ScreenSummary:
		return []Choice{ChooseRemedy, ChooseRerun, ChooseRestart}
	}
	return nil
}

// Preselected returns the index in Options(s) the cursor starts on: the
// chosen or detected network type, the code given before, "check again"
// after a wrong time, else 0.
func Preselected(s State) int {
	opts := Options(s)
	var want Choice
	switch s.Screen {
	case ScreenClock:
		if s.Run(ProbeClock).Status == Done && s.Clock.Known && s.Clock.Skewed {
			want = ChooseCheckAgain
		}
	case ScreenNetwork:
		switch {
		case s.Network != "":
			want = ChooseNetwork(s.Network)
		case s.Net.Suggested != "":
			want = ChooseNetwork(s.Net.Suggested)
		}
	case ScreenRoomCode:
		if s.CodeAsked {
			want = ChooseCodeUnknown
			if s.ShownCode != findings.CodeNone {
				want = ChooseCode(s.ShownCode)
			}
		}
	}
	for i, o := range opts {
		if o == want {
			return i
		}
	}
	return 0
}
