package faultlab

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Missing applies the lab's one rule for a test that needs something this
// machine lacks (a Debian package, root): under CI (CI set to anything) the
// test fails, because CI installs everything the tests use; elsewhere it
// is skipped with the reason, so a developer without the package can still
// run the rest.
func Missing(tb testing.TB, what string) {
	tb.Helper()
	if os.Getenv("CI") != "" {
		tb.Fatalf("%s (CI must provide it; see .ci/run)", what)
	}
	tb.Skipf("%s; skipping", what)
}

// Tool returns the path of the program name (looked up on PATH, or an
// absolute path checked as is), calling Missing with the Debian package
// that ships it when it is not there.
func Tool(tb testing.TB, name, debianPackage string) string {
	tb.Helper()
	if filepath.IsAbs(name) {
		if _, err := os.Stat(name); err != nil {
			Missing(tb, name+" is not installed (Debian package "+debianPackage+")")
		}
		return name
	}
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(tb, name+" is not installed (Debian package "+debianPackage+")")
	}
	return p
}
