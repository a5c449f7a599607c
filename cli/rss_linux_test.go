package cli_test

import (
	"os"
	"syscall"
)

// peakRSSKiB is a finished child's peak resident set size (Linux reports
// ru_maxrss in KiB).
func peakRSSKiB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
