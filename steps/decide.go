package steps

import (
	"strconv"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Cause is the root cause the wizard settles on.
type Cause string

// Causes, in the order Decide considers them.
const (
	CausePortal             Cause = "portal"
	CauseClock              Cause = "clock"
	CauseInterceptionOffice Cause = "interception-office"
	CauseInterceptionHome   Cause = "interception-home"
	CauseCode               Cause = "code"
	CauseNone               Cause = "none"
)

// Causes lists every cause.
var Causes = []Cause{CausePortal, CauseClock, CauseInterceptionOffice, CauseInterceptionHome, CauseCode, CauseNone}

// Decision is the verdict on a path: the cause, the code it concerns, how
// the room's code compares with what the probes found, and the content
// page with its arguments.
type Decision struct {
	Cause Cause
	// Code is the code the remedy is about: the found code, else the
	// shown one.
	Code findings.Code
	// ShownCode is the room's code (0: not given); FoundCode the most
	// serious code the probes found (0: none).
	ShownCode, FoundCode findings.Code
	// Agree is set when both codes are known: whether they are the same.
	Agree *bool
	// Page is the content page id of the remedy ("remedy-code-6").
	Page string
	// Args are the page's placeholders. Values are raw (some come from
	// the network): sanitize them before display. "network" holds a
	// NetworkType id, not display text.
	Args map[string]string
}

// Decide applies the article's logic to what the path established: a
// captive portal outranks any certificate code; then a skewed clock (or a
// fault the clock explains); then TLS interception — a known product, or
// code 6 with a locally deployed root or on an office/VPN network — split
// by where the device is; then the code's own remedy; else nothing found.
func Decide(s State) Decision {
	d := Decision{ShownCode: s.ShownCode, FoundCode: s.FoundCode()}
	if d.ShownCode != findings.CodeNone && d.FoundCode != findings.CodeNone {
		agree := d.ShownCode == d.FoundCode
		d.Agree = &agree
	}
	d.Code = d.FoundCode
	if d.Code == findings.CodeNone {
		d.Code = d.ShownCode
	}
	focus := s.focusTarget(d.FoundCode)
	switch {
	case isTrue(s.Net.CaptivePortal):
		d.Cause = CausePortal
	case s.Clock.Known && s.Clock.Skewed, s.clockCaused():
		d.Cause = CauseClock
	case s.intercepted(d.FoundCode):
		d.Cause = CauseInterceptionHome
		if s.interceptionAtOffice() {
			d.Cause = CauseInterceptionOffice
		}
		if t := s.interceptedTarget(); t != nil {
			focus = t
		}
	case d.Code != findings.CodeNone:
		d.Cause = CauseCode
	default:
		d.Cause = CauseNone
	}
	d.Page = pageFor(d.Cause, d.Code)
	d.Args = s.args(d, focus)
	return d
}

func pageFor(c Cause, code findings.Code) string {
	switch c {
	case CauseCode:
		return "remedy-code-" + strconv.Itoa(int(code))
	case CauseNone:
		return "remedy-none"
	}
	return "remedy-" + string(c)
}

func (s State) clockCaused() bool {
	for _, t := range s.Targets {
		if t.ClockCaused {
			return true
		}
	}
	return false
}

// intercepted: a known product on any target, or code 6 explained by a
// deployed root or an office/VPN network.
func (s State) intercepted(found findings.Code) bool {
	if s.interceptedTarget() != nil {
		return true
	}
	if found != findings.CodeUntrustedIssuer {
		return false
	}
	for _, t := range s.Targets {
		if t.Code == findings.CodeUntrustedIssuer && t.EnterpriseRoot {
			return true
		}
	}
	n := s.EffectiveNetwork()
	return n == NetOffice || n == NetVPN
}

func (s State) interceptedTarget() *TargetFacts {
	for i := range s.Targets {
		if s.Targets[i].Interceptor != "" {
			return &s.Targets[i]
		}
	}
	return nil
}

// interceptionAtOffice decides office (hand it to IT) versus home
// (antivirus, parental control): the network type first, then the kind
// of product, then whether a root was deployed on purpose.
func (s State) interceptionAtOffice() bool {
	switch s.EffectiveNetwork() {
	case NetOffice, NetVPN:
		return true
	case NetHome:
		return false
	}
	enterprise := false
	for _, t := range s.Targets {
		switch t.InterceptorKind {
		case KindEnterpriseProxy, KindFirewall, "cloud-gateway": // interception.KindCloudGateway (kinds move to one place)
			return true
		case KindAntivirus, KindParentalControl, KindDebuggingProxy, KindAdware:
			return false
		}
		enterprise = enterprise || t.EnterpriseRoot
	}
	return enterprise
}

// focusTarget is the target the remedy talks about: the first with the
// found code, else the first probed, else nil.
func (s State) focusTarget(code findings.Code) *TargetFacts {
	for i := range s.Targets {
		if code != findings.CodeNone && s.Targets[i].Code == code {
			return &s.Targets[i]
		}
	}
	if len(s.Targets) > 0 {
		return &s.Targets[0]
	}
	return nil
}

// timeLayout shows both clock readings in the local reading's zone.
const timeLayout = "2006-01-02 15:04:05 -07:00"

func (s State) args(d Decision, focus *TargetFacts) map[string]string {
	a := map[string]string{
		"code":        codeArg(d.Code),
		"found_code":  codeArg(d.FoundCode),
		"network":     string(s.EffectiveNetwork()),
		"source":      s.Clock.Source,
		"offset":      FormatOffset(s.Clock.Offset),
		"host":        "",
		"product":     "",
		"landing_url": s.Net.LandingURL,
	}
	if len(s.Hosts) > 0 {
		a["host"] = s.Hosts[0]
	}
	if focus != nil {
		a["host"] = focus.Host
		a["product"] = focus.Interceptor
	}
	if !s.Clock.Local.IsZero() {
		a["local_time"] = s.Clock.Local.Format(timeLayout)
		a["reference_time"] = s.Clock.Reference.In(s.Clock.Local.Location()).Format(timeLayout)
	} else {
		a["local_time"], a["reference_time"] = "", ""
	}
	return a
}

func codeArg(c findings.Code) string {
	if c == findings.CodeNone {
		return "?"
	}
	return strconv.Itoa(int(c))
}

// FormatOffset shows a clock offset's size, rounded to the second, with
// no sign: the direction is told by the two times shown beside it.
func FormatOffset(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	return d.Round(time.Second).String()
}
