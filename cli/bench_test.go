package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// buildCertwiz compiles the certwiz binary into a temporary directory.
func buildCertwiz(b *testing.B) string {
	b.Helper()
	return buildRelease(b, "github.com/certwiz/certwiz", "certwiz")
}

// buildRelease builds pkg as .goreleaser.yaml builds the shipped binary
// (static, no symbol table), so the figures are the ones users get.
func buildRelease(b *testing.B, pkg, name string) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), name)
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	cmd := exec.Command(goTool, "build", "-trimpath", "-ldflags=-s -w", "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// runChild runs bin with args (a minimal environment) and returns its wall
// time, its user+system CPU time and its peak RSS in KiB.
func runChild(b *testing.B, bin string, args []string) (wall, cpu time.Duration, peakKiB int64) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C"}
	t0 := time.Now()
	out, err := cmd.Output()
	wall = time.Since(t0)
	if err != nil {
		b.Fatalf("%s: %v\n%s", bin, err, out)
	}
	ps := cmd.ProcessState
	return wall, ps.UserTime() + ps.SystemTime(), peakRSSKiB(ps)
}

// BenchmarkCheckPeakRSS runs the certwiz binary's check against three
// loopback targets, a real chronyd and a lab portal, and reports the
// child's peak resident set size.
func BenchmarkCheckPeakRSS(b *testing.B) {
	bin := buildCertwiz(b)
	e := newEnv(b)
	e.ntp = ntplab.Start(b, 0).Addr
	for range 3 {
		e.serve(b, tlslab.Valid)
	}
	args := e.args()
	var peakKiB int64
	for b.Loop() {
		_, _, kib := runChild(b, bin, args)
		peakKiB = max(peakKiB, kib)
	}
	b.ReportMetric(float64(peakKiB)/1024, "peak-rss-MB")
}

// BenchmarkVersionStartup is the cost of starting certwiz: one exec of
// `certwiz version` per op.
func BenchmarkVersionStartup(b *testing.B) {
	bin := buildCertwiz(b)
	for b.Loop() {
		if out, err := exec.Command(bin, "version").Output(); err != nil || len(out) == 0 {
			b.Fatalf("certwiz version: %v %q", err, out)
		}
	}
}
