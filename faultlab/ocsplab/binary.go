package ocsplab

import (
	"os"
	"os/exec"
	"testing"
)

// RequireBinary returns the path of a Debian tool the test needs. When it
// is missing the test fails if the CI environment variable is set and is
// skipped otherwise.
func RequireBinary(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	msg := name + " is not installed (Debian: apt-get install " + debianPackage(name) + ")"
	if os.Getenv("CI") != "" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

func debianPackage(name string) string {
	if name == "faketime" {
		return "faketime"
	}
	return name
}
