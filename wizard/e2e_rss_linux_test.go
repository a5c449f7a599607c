package wizard

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkPlainFullPathPeakRSS runs the real binary through the whole
// room path (probe, remedy, summary, save) in plain mode against the
// loopback fault servers and reports the process's peak resident set size.
// Target: under 40 MB (README).
func BenchmarkPlainFullPathPeakRSS(b *testing.B) {
	dir := b.TempDir()
	certwiz := goBuild(b, dir, "certwiz", "github.com/certwiz/certwiz")
	faults := goBuild(b, dir, "tlsfaults", "github.com/certwiz/certwiz/faultlab/cmd/tlsfaults")
	hostPort, roots := startFaults(b, faults, dir, "unknown-ca")
	reports := filepath.Join(dir, "reports")
	if err := os.Mkdir(reports, 0o755); err != nil {
		b.Fatal(err)
	}
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
