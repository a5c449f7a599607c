package probes_test

import (
	"fmt"

	"github.com/certwiz/certwiz/findings"
)

// ids lists the IDs of fs, for failure messages.
func ids(fs []findings.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s(%d,%s)", f.ID, f.Code, f.Severity))
	}
	return out
}

// hasID reports whether fs holds a finding with id.
func hasID(fs []findings.Finding, id string) bool {
	for _, f := range fs {
		if f.ID == id {
			return true
		}
	}
	return false
}
