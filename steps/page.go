package steps

import "github.com/certwiz/certwiz/verdict"

// PageID returns the content page id of the current screen's body text.
func PageID(s State) string {
	switch s.Screen {
	case ScreenStart:
		return "start"
	case ScreenRoomWhere:
		return "room-where"
	case ScreenClock:
		switch {
		case s.Run(ProbeClock).Status != Done:
			return "clock-check"
		case !s.Clock.Known:
			return "clock-unknown"
		case s.Clock.Skewed && s.RunsOn == verdict.RunsOnSameNetwork:
			return "clock-skewed-nearby"
		case s.Clock.Skewed && s.Device == DeviceRoom:
			return "clock-skewed-room"
		case s.Clock.Skewed:
			return "clock-skewed"
		case s.RunsOn == verdict.RunsOnSameNetwork:
			return "clock-ok-nearby"
		}
		return "clock-ok"
	case ScreenNetwork:
		return "network-type"
	case ScreenPublicWiFi:
		return "public-wifi"
	case ScreenRoomCode:
		return "room-code"
	case ScreenRoomDomain, ScreenCertCheck, ScreenQuick:
		return "cert-check"
	case ScreenRemedy:
		return s.Decision().Page
	case ScreenSummary:
		return "summary"
	}
	return "help"
}

// PageArgs returns the placeholders for PageID(s): the decision's
// arguments, which cover every placeholder the pages use. Values are raw.
func PageArgs(s State) map[string]string { return s.Decision().Args }
