package steps

// PageID returns the content page id of the current screen's body text.
func PageID(s State) string {
	switch s.Screen {
	case ScreenStart:
		return "start"
	case ScreenClock:
		switch {
		case s.Run(ProbeClock).Status != Done:
			return "clock-check"
		case !s.Clock.Known:
			return "clock-unknown"
		case s.Clock.Skewed && s.Device == DeviceRoom:
			return "clock-skewed-room"
		case s.Clock.Skewed:
			return "clock-skewed"
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
		return RemedyPage(s)
	case ScreenSummary:
		return "summary"
	}
	return "help"
}

// PageArgs returns the placeholders for PageID(s): the decision's
// arguments, which cover every placeholder the pages use. Values are raw.
func PageArgs(s State) map[string]string { return Decide(s).Args }

// RemedyPage is the remedy's content page: the decision's page, or its
// variant for what was measured. Code 5 after the time was verified
// right gets "remedy-code-5-clock-ok" (the certificate's dates are the
// server's problem), never "turn on automatic time".
func RemedyPage(s State) string {
	p := Decide(s).Page
	if p == "remedy-code-5" && s.Run(ProbeClock).Status == Done && s.Clock.Known && !s.Clock.Skewed {
		return "remedy-code-5-clock-ok"
	}
	return p
}
