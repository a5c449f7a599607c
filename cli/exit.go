package cli

import (
	"errors"
	"fmt"

	"github.com/certwiz/certwiz/verdict"
)

// Exit statuses follow the monitoring-plugin convention (Nagios, Icinga,
// Zabbix, RMM agents).
// They are the verdict's statuses; bad usage is UNKNOWN too.
const (
	ExitOK       = int(verdict.StatusOK)       // no certificate fault found
	ExitWarning  = int(verdict.StatusWarning)  // a problem that is not a certificate fault (clock skew, portal)
	ExitCritical = int(verdict.StatusCritical) // a certificate fault
	ExitUnknown  = int(verdict.StatusUnknown)  // could not test, or bad usage
)

// exitError carries an exit status out of a command. A nil Err means the
// command already said everything it had to say.
type exitError struct {
	Status int
	Err    error
}

func (e *exitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Status)
	}
	return e.Err.Error()
}

func (e *exitError) Unwrap() error { return e.Err }

// usageError marks bad input: one clear line, exit status 3.
func usageError(format string, args ...any) error {
	return &exitError{Status: ExitUnknown, Err: fmt.Errorf(format, args...)}
}

// statusOf maps an error returned by a command to an exit status.
func statusOf(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.Status
	}
	return ExitUnknown
}

func asExit(err error, target **exitError) bool { return errors.As(err, target) }
