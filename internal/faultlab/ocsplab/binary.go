package ocsplab

import (
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab"
)

// RequireBinary returns the path of a Debian tool the test needs, named
// as its package is (openssl). When it is missing the test fails if the
// CI environment variable is set and is skipped otherwise.
func RequireBinary(tb testing.TB, name string) string {
	tb.Helper()
	return faultlab.Tool(tb, name, name)
}
