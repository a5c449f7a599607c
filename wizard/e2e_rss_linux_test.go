package wizard

import (
	"syscall"
	"testing"
)

// BenchmarkPlainFullPathPeakRSS runs the real binary through the whole
// room path (probe, remedy, summary, save) in plain mode against the
// loopback fault servers and reports the process's peak resident set size.
// Target: under 40 MB (README).
func BenchmarkPlainFullPathPeakRSS(b *testing.B) {
	lab := newE2ELab(b, "unknown-ca")
	certwiz, hostPort, roots, reports := lab.certwiz, lab.hostPort, lab.roots, lab.reports
	var peakKiB int64
	b.ResetTimer()
	for b.Loop() {
		cmd, _ := runPlainBinary(b, certwiz, roots, hostPort, reports, plainRoomPath(hostPort))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKiB = max(peakKiB, ru.Maxrss)
		}
	}
	b.ReportMetric(float64(peakKiB)/1024, "peak-rss-MB")
}
