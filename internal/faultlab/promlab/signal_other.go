//go:build !unix

package promlab

import "os"

// terminate stops the process (no SIGTERM here).
func terminate(p *os.Process) error { return p.Kill() }
