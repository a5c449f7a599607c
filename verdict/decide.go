package verdict

import (
	"cmp"
	"strconv"

	"github.com/certwiz/certwiz/findings"
)

// Cause is a root cause the decision names.
type Cause string

// Causes. The clock comes first in Decision.Causes whenever it is wrong:
// the article fixes the time before anything else.
const (
	CausePortal             Cause = "portal"
	CauseClock              Cause = "clock"
	CauseInterceptionOffice Cause = "interception-office"
	CauseInterceptionHome   Cause = "interception-home"
	// CauseInterceptionPublic is an unnamed device re-signing the
	// connection on public Wi-Fi: possibly an attack.
	CauseInterceptionPublic Cause = "interception-public-wifi"
	CauseCode               Cause = "code"
	CauseNone               Cause = "none"
)

// AllCauses lists every cause.
var AllCauses = []Cause{
	CausePortal, CauseClock, CauseInterceptionOffice, CauseInterceptionHome,
	CauseInterceptionPublic, CauseCode, CauseNone,
}

// Decision is the one verdict on a diagnosis, for `check`, the wizard and
// every report alike: they render it and compute none of it.
type Decision struct {
	// Cause is the primary cause of the alert: the cause of the fault
	// that remains once the clock is right, else the clock, else the
	// portal, else CauseNone.
	Cause Cause
	// Causes is everything to fix, in the order to fix it (the clock
	// first). Empty when nothing was found.
	Causes []Cause
	// Code is the code the remedy is about: the found code, else the
	// room's code.
	Code findings.Code
	// FoundCode is the most serious code of the tested targets (0: none);
	// ShownCode the room's code (0: not given). Agree is set when both
	// are known: whether they are the same.
	FoundCode, ShownCode findings.Code
	Agree                *bool
	// Status is the exit status in the monitoring-plugin convention.
	Status Status
	// ClockWrong is set when the device clock is off; OthersRemain when,
	// besides, a fault remains that the clock does not explain (it will
	// still be there after the time is corrected).
	ClockWrong, OthersRemain bool
	// Network is the network type the decision used.
	Network findings.NetworkType
	// Product and ProductKind name the interception product behind the
	// cause, when one is named.
	Product     string
	ProductKind findings.InterceptorKind
	// Focus is the index in Facts.Targets of the target the remedy talks
	// about (-1: none).
	Focus int
	// NotTested lists the targets that were never reached.
	NotTested []Untested
	// Trust is the rule for the alert's "Trust Anyway" button that fits
	// this case (one of the Trust* constants); every decision has one.
	Trust string
	// Notes are sentences of advice that follow from what was measured,
	// beyond the remedy page (content "note.<Key>").
	Notes []Note
	// RoomsPage is the content page with the Zoom Rooms steps for the
	// room's code (or the found one), "" when the alert is not on a room.
	RoomsPage string
	// Answers are the person's answers the decision was made with.
	Answers Answers
	// Page is the content page of the remedy for Cause ("remedy-code-6").
	Page string
	// Args are the page's placeholders. Values are raw (some come from
	// the network): sanitize them before display. "network" holds a
	// NetworkType id, not display text. Times and durations are not here:
	// the renderers write them for people from the clock facts.
	Args map[string]string
}

// Untested is a target that was never reached, and why: ID is the
// finding that says so ("tls.dns", "tls.proxy-login").
type Untested struct {
	Host string
	Port int
	ID   string
}

// Decide reads the evidence and the person's answers and returns the
// decision. Its rules, in order:
//
//  1. A target that was never reached is not tested: it adds no code.
//  2. A fault the clock explains (it disappears at the reference time)
//     is the clock's. A wrong clock is always fixed first; a fault that
//     remains has its own cause, which is then the primary cause.
//  3. For the remaining faults: a named interception product decides by
//     its kind (enterprise proxies, cloud gateways and firewalls: the
//     office remedy wherever the device is; security programs, parental
//     control, debugging proxies and adware: the home remedy). An
//     unnamed untrusted issuer follows the network type: public Wi-Fi
//     (chosen, suggested or a portal seen) is its own, cautious decision;
//     office and VPN the office remedy; home the home remedy; unknown
//     the code's own remedy. A fault in a chain anchored at a root
//     installed on this machine gets the office or home remedy by the
//     network type. A captive portal otherwise outranks the certificate
//     code. Else the code's own remedy.
//  4. A chain anchored at a locally installed inspection root with no
//     fault is no fault: the interception is only information.
func Decide(f Facts, a Answers) Decision {
	d := Decision{ShownCode: a.ShownCode, Focus: -1, Network: effectiveNetwork(f, a), Answers: a}
	d.ClockWrong = f.Clock.Wrong()
	var remaining []findings.Code
	clockExplains := false
	for i, t := range f.Targets {
		if t.NotTested {
			d.NotTested = append(d.NotTested, Untested{Host: t.Host, Port: t.Port, ID: t.NotTestedID})
			continue
		}
		if t.Code != findings.CodeNone && d.Focus < 0 {
			d.Focus = i
		}
		d.FoundCode = findings.MostSerious(d.FoundCode, t.Code)
		remaining = append(remaining, t.Remaining()...)
		clockExplains = clockExplains || t.ClockCaused
	}
	if d.ShownCode != findings.CodeNone && d.FoundCode != findings.CodeNone {
		agree := d.ShownCode == d.FoundCode
		d.Agree = &agree
	}
	d.Code = d.FoundCode
	if d.Code == findings.CodeNone {
		d.Code = d.ShownCode
	}
	remainingCode := findings.MostSerious(remaining...)
	d.OthersRemain = (d.ClockWrong || clockExplains) && remainingCode != findings.CodeNone

	var primary Cause
	if remainingCode != findings.CodeNone {
		primary = d.faultCause(f, remainingCode)
	} else if f.Net.Portal() {
		primary = CausePortal
	}
	if d.ClockWrong || clockExplains {
		d.Causes = append(d.Causes, CauseClock)
	}
	if f.Net.Portal() && primary != CausePortal && primary != "" {
		d.Causes = append(d.Causes, CausePortal)
	}
	if primary != "" {
		d.Causes = append(d.Causes, primary)
	}
	switch {
	case primary != "":
		d.Cause = primary
	case d.ClockWrong || clockExplains:
		d.Cause = CauseClock
	case d.Code != findings.CodeNone:
		// Only the room's code: nothing was found from here.
		d.Cause = CauseCode
		d.Causes = append(d.Causes, CauseCode)
	default:
		d.Cause = CauseNone
	}
	d.Status = status(f, d)
	d.Page = pageFor(d.Cause, d.Code)
	if d.Page == "remedy-code-5" && f.Clock.Known && !f.Clock.Skewed {
		// The time was verified right: the dates are the server's problem,
		// never "turn on automatic time".
		d.Page = "remedy-code-5-clock-ok"
	}
	d.Args = args(f, d)
	d.Trust = trustRule(d)
	d.RoomsPage = roomsPage(d, a)
	d.Notes = notes(f, d)
	return d
}

// faultCause is the cause of a fault the clock does not explain.
func (d *Decision) faultCause(f Facts, code findings.Code) Cause {
	// A named product on a target with a remaining fault decides by kind.
	for i, t := range f.Targets {
		if t.Interceptor == "" || len(t.Remaining()) == 0 {
			continue
		}
		d.Product, d.ProductKind, d.Focus = t.Interceptor, t.InterceptorKind, i
		switch {
		case t.InterceptorKind.Managed():
			return CauseInterceptionOffice
		case t.InterceptorKind.Personal():
			return CauseInterceptionHome
		}
		if c := byNetwork(d.Network, f.Net.Portal()); c != "" {
			return c
		}
		return CauseCode
	}
	for i, t := range f.Targets {
		if t.ReSigned() {
			if c := byNetwork(d.Network, f.Net.Portal()); c != "" {
				d.Focus = i
				return c
			}
		}
	}
	// A chain anchored at a root someone installed on this machine, with a
	// fault: whoever installed it runs the device that issued it.
	for i, t := range f.Targets {
		if t.EnterpriseRoot && len(t.Remaining()) > 0 {
			switch d.Network {
			case findings.NetOffice, findings.NetVPN:
				d.Focus = i
				return CauseInterceptionOffice
			case findings.NetHome:
				d.Focus = i
				return CauseInterceptionHome
			}
		}
	}
	if f.Net.Portal() {
		return CausePortal
	}
	for i, t := range f.Targets {
		if r := t.Remaining(); len(r) > 0 && r[0] == code {
			d.Focus = i
			break
		}
	}
	return CauseCode
}

// byNetwork is the cause of an unnamed re-signing device by where the
// device is, or "" when that is not known.
func byNetwork(n findings.NetworkType, portal bool) Cause {
	switch {
	case n == findings.NetPublicWiFi || portal:
		return CauseInterceptionPublic
	case n == findings.NetOffice || n == findings.NetVPN:
		return CauseInterceptionOffice
	case n == findings.NetHome:
		return CauseInterceptionHome
	}
	return ""
}

// effectiveNetwork is the network type the decision uses: the person's
// choice, else a seen VPN, else the probe's suggestion, else unknown.
func effectiveNetwork(f Facts, a Answers) findings.NetworkType {
	switch {
	case a.Network != "" && a.Network != findings.NetUnknown:
		return a.Network
	case f.Net.VPN:
		return findings.NetVPN
	case f.Net.Suggested != "":
		return f.Net.Suggested
	}
	return findings.NetUnknown
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

func args(f Facts, d Decision) map[string]string {
	a := map[string]string{
		"code":        codeArg(d.Code),
		"found_code":  codeArg(d.FoundCode),
		"network":     string(d.Network),
		"host":        "",
		"product":     d.Product,
		"landing_url": f.Net.LandingURL,
	}
	if len(f.Targets) > 0 {
		a["host"] = f.Targets[0].Host
	}
	if d.Focus >= 0 {
		a["host"] = f.Targets[d.Focus].Host
		if a["product"] == "" {
			a["product"] = f.Targets[d.Focus].Interceptor
		}
	}
	return a
}

func codeArg(c findings.Code) string {
	if c == findings.CodeNone {
		return "?"
	}
	return strconv.Itoa(int(c))
}

// roomsPage picks the Zoom Rooms steps: for the code the room shows, else
// for the code found, else (a wrong clock on the room's own computer) the
// room's time steps.
func roomsPage(d Decision, a Answers) string {
	if a.Device != DeviceRoom {
		return ""
	}
	code := cmp.Or(a.ShownCode, d.FoundCode)
	if code == findings.CodeNone && d.ClockWrong && a.RunsOn == RunsOnThisDevice {
		code = findings.CodeDateInvalid
	}
	if code == findings.CodeNone {
		return ""
	}
	return "rooms-code-" + strconv.Itoa(int(code))
}
