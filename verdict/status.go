package verdict

// Status is the exit status of a check, in the monitoring-plugin
// convention that Nagios, Icinga, Zabbix and RMM agents read.
type Status int

// Exit statuses.
const (
	// StatusOK: no certificate fault, nothing that needs attention.
	StatusOK Status = 0
	// StatusWarning: a problem that is not a certificate fault (a wrong
	// clock, a captive portal, revocation that could not be checked).
	StatusWarning Status = 1
	// StatusCritical: a certificate fault on a tested target.
	StatusCritical Status = 2
	// StatusUnknown: a target could not be tested, or the run was cut
	// short, and no fault was found on the others.
	StatusUnknown Status = 3
)

// Word names the status as monitoring tools do ("CRITICAL").
func (s Status) Word() string {
	switch s {
	case StatusOK:
		return "OK"
	case StatusWarning:
		return "WARNING"
	case StatusCritical:
		return "CRITICAL"
	}
	return "UNKNOWN"
}

// status is the exit status of a decision: CRITICAL when a tested target
// has a certificate fault; else UNKNOWN when a target was not tested or
// the run was cut short; else WARNING when anything deserves attention;
// else OK.
func status(f Facts, d Decision) Status {
	warn := d.ClockWrong || f.Net.Portal()
	for _, t := range f.Targets {
		if t.NotTested {
			continue
		}
		if t.fault() {
			return StatusCritical
		}
		warn = warn || t.Warns
	}
	if len(d.NotTested) > 0 || f.Interrupted {
		return StatusUnknown
	}
	if warn {
		return StatusWarning
	}
	return StatusOK
}
