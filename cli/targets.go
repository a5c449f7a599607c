package cli

import "github.com/certwiz/certwiz/probes"

// DefaultTargets are the service's main hosts, probed when no target is given.
var DefaultTargets = []string{"zoom.us", "zoom.com"}

// parseTargets parses the targets named on the command line, or the
// service's default hosts when none is.
func parseTargets(args []string) ([]probes.Target, error) {
	if len(args) == 0 {
		args = DefaultTargets
	}
	out := make([]probes.Target, 0, len(args))
	for _, a := range args {
		t, err := probes.ParseTarget(a)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
