package cli_test

import (
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/delay"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// fleetOneWay is the delay each relay adds per direction: 50 ms per round
// trip, as in BenchmarkRunConcurrent.
const fleetOneWay = 25 * time.Millisecond

// delayedTargets starts n valid lab servers, each behind its own delay
// relay, and returns the --resolve flags and targets that reach them
// through the relays.
func delayedTargets(b *testing.B, e *env, n int) (flags, targets []string) {
	b.Helper()
	for range n {
		srv := e.serve(b, tlslab.Valid)
		r, err := delay.New(srv.Addr, fleetOneWay)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = r.Close() })
		_, port, _ := net.SplitHostPort(r.Addr())
		flags = append(flags, "--resolve", fmt.Sprintf("%s:%s:127.0.0.1", srv.Host, port))
		targets = append(targets, net.JoinHostPort(srv.Host, port))
	}
	return flags, targets
}

// BenchmarkFleet100Targets runs the certwiz binary over 100 loopback
// targets at 50 ms per round trip and, in the same iteration, over one
// such target. x-one is the 100-target run's time over the one-target
// run's (the goal is at most 2); peak-rss-MB is the 100-target child's
// peak resident set size (the goal is under 64); 100-targets-cpu-ms is
// that child's user+system CPU time, which bounds the wall time on a
// busy 2-core machine (the lab servers and relays share it too), and
// one-target-cpu-ms the one-target child's (mostly process start-up).
//
// Each iteration also runs bareclient, a process that only makes the same
// TLS handshakes (crypto/tls, nothing verified or judged), the same two
// ways: floor-x-one is its ratio, the floor this machine and lab set for
// any Go TLS client at that moment, and x-floor is certwiz's x-one over
// it. The host's speed moves both ratios together; x-floor is what
// certwiz itself adds, and the figure to watch for regressions.
func BenchmarkFleet100Targets(b *testing.B) {
	bin := buildCertwiz(b)
	bare := buildRelease(b, "github.com/certwiz/certwiz/internal/faultlab/cmd/bareclient", "bareclient")
	e := newEnv(b)
	flags, targets := delayedTargets(b, e, 100)
	base := []string{"check", "--roots", e.roots, "--ct-logs", e.ctLogs, "--skip", "clock,captive,network",
		"--timeout", "60s", "--format", "prometheus"}
	all := append(append(append([]string(nil), base...), flags...), targets...)
	one := append(append(append([]string(nil), base...), flags[:2]...), targets[0])
	bareAll, bareOne := bareArgs(targets)
	var hundred, single, cpu, oneCPU, bareHundred, bareSingle, bareCPU time.Duration
	var peakKiB int64
	n := 0
	for b.Loop() {
		d, c, kib := runChild(b, bin, all)
		hundred, cpu, peakKiB = hundred+d, cpu+c, max(peakKiB, kib)
		d1, c1, _ := runChild(b, bin, one)
		single, oneCPU = single+d1, oneCPU+c1
		bd, bc, _ := runChild(b, bare, bareAll)
		bareHundred, bareCPU = bareHundred+bd, bareCPU+bc
		bd1, _, _ := runChild(b, bare, bareOne)
		bareSingle += bd1
		n++
	}
	xOne, floor := float64(hundred)/float64(single), float64(bareHundred)/float64(bareSingle)
	b.ReportMetric(xOne, "x-one")
	b.ReportMetric(floor, "floor-x-one")
	b.ReportMetric(xOne/floor, "x-floor")
	perRun := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(n) }
	b.ReportMetric(perRun(hundred), "100-targets-ms")
	b.ReportMetric(perRun(single), "one-target-ms")
	b.ReportMetric(float64(peakKiB)/1024, "peak-rss-MB")
	b.ReportMetric(perRun(cpu), "100-targets-cpu-ms")
	b.ReportMetric(perRun(oneCPU), "one-target-cpu-ms")
	b.ReportMetric(perRun(bareCPU), "floor-100-cpu-ms")
	b.ReportMetric(perRun(bareHundred), "floor-100-ms")
	b.ReportMetric(perRun(bareSingle), "floor-one-ms")
}

// bareArgs are bareclient's arguments for all targets and for the first:
// the relays' loopback addresses (where --resolve sends certwiz) and the
// name the lab certificates are for.
func bareArgs(targets []string) (all, one []string) {
	host, _, _ := net.SplitHostPort(targets[0])
	all = []string{"-servername", host}
	for _, t := range targets {
		_, port, _ := net.SplitHostPort(t)
		all = append(all, net.JoinHostPort("127.0.0.1", port))
	}
	return all, all[:3]
}
