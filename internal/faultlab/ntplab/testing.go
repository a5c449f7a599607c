package ntplab

import (
	"os"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/faketime"
)

// Start runs a chronyd whose clock is offset from the machine's by
// offset and stops it when the test ends. When chronyd or libfaketime is
// missing it fails the test if the CI environment variable is set, and
// skips it otherwise.
func Start(t testing.TB, offset time.Duration) *Server {
	t.Helper()
	Require(t)
	s, err := StartProcess(offset, t.TempDir())
	if err != nil {
		t.Fatalf("ntplab: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Require skips (or, under CI, fails) the test when the lab cannot run.
func Require(t testing.TB) {
	t.Helper()
	msg := ""
	if _, err := os.Stat(Chronyd); err != nil {
		msg = "chronyd is not installed (apt-get install chrony)"
	} else if _, err := faketime.Library(); err != nil {
		msg = "libfaketime is not installed (apt-get install faketime)"
	}
	if msg == "" {
		return
	}
	faultlab.Missing(t, "ntplab: "+msg)
}

// DeadAddr returns a loopback UDP address nothing answers on.
func DeadAddr(t testing.TB) string {
	t.Helper()
	a, err := UnusedAddr()
	if err != nil {
		t.Fatalf("ntplab: %v", err)
	}
	return a
}
