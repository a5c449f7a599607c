package probes_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/delay"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
)

// oneWay is the delay each relay adds per direction: 50 ms per round trip.
const oneWay = 25 * time.Millisecond

// relay starts a TCP delay relay to addr, closed when b ends.
func relay(b *testing.B, addr string) string {
	b.Helper()
	r, err := delay.New(addr, oneWay)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = r.Close() })
	return r.Addr()
}

// delayedConfig is a check of three lab targets, a real chronyd and a lab
// portal, every one of them behind a delay relay.
func delayedConfig(b *testing.B) probes.Config {
	b.Helper()
	lab := tlslab.New(b)
	cfg := loopback.Config(b, lab)
	ntp := ntplab.Start(b, 0)
	udp, err := delay.NewUDP(ntp.Addr, oneWay)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = udp.Close() })
	cfg.NTPServers = []string{udp.Addr()}
	portal := portallab.Start(b, portallab.Online)
	u, err := url.Parse(portal.URL)
	if err != nil {
		b.Fatal(err)
	}
	u.Host = relay(b, u.Host)
	cfg.CaptiveURL = u.String()
	for _, s := range []tlslab.Scenario{tlslab.Valid, tlslab.Expired, tlslab.UnknownCA} {
		srv := lab.Serve(b, s)
		_, port, _ := net.SplitHostPort(relay(b, srv.Addr))
		p, _ := strconv.Atoi(port)
		cfg.Resolve[fmt.Sprintf("%s:%d", srv.Host, p)] = "127.0.0.1"
		cfg.Targets = append(cfg.Targets, probes.Target{Host: srv.Host, Port: p})
	}
	return cfg
}

// timed returns how long f took.
func timed(f func()) time.Duration {
	t0 := time.Now()
	f()
	return time.Since(t0)
}

// BenchmarkRunConcurrent measures a full Run against delayed servers and,
// in the same iteration, each probe alone. x-slowest is the full run's
// time over the slowest single probe's: 1.0 means the run costs no more
// than its slowest part, i.e. the probes really run at once.
func BenchmarkRunConcurrent(b *testing.B) {
	cfg := delayedConfig(b)
	ctx := context.Background()
	var full, slowest time.Duration
	n := 0
	for b.Loop() {
		rep := probes.Run(ctx, cfg, nil)
		full += rep.Duration
		if rep.Clock == nil || rep.Clock.Source != "ntp" || rep.Captive == nil || rep.Captive.State != "online" {
			b.Fatalf("the delayed run did not complete: clock %+v captive %+v", rep.Clock, rep.Captive)
		}
		p := probes.NewSession(cfg) // fresh connections, as the full run has
		single := []time.Duration{
			timed(func() { p.Clock(ctx) }),
			timed(func() { p.Captive(ctx) }),
		}
		for _, t := range cfg.Targets {
			single = append(single, timed(func() { p.Target(ctx, t) }))
		}
		slowest += slices.Max(single)
		n++
	}
	b.ReportMetric(float64(full)/float64(slowest), "x-slowest")
	b.ReportMetric(float64(full.Milliseconds())/float64(n), "full-ms")
	b.ReportMetric(float64(slowest.Milliseconds())/float64(n), "slowest-single-ms")
}

// BenchmarkCheckWithSilentTimeServers is the office case: UDP 123 is
// silently dropped while the targets answer. The whole check (three lab
// targets, the portal, the clock from the targets' HTTPS Date) must not
// wait out the time servers' NTPWait; check-ms is the figure the README
// quotes (target: at most 1 s on loopback).
func BenchmarkCheckWithSilentTimeServers(b *testing.B) {
	lab := tlslab.New(b)
	cfg := loopback.Config(b, lab)
	cfg.SkipNetwork = true
	cfg.CaptiveURL = portallab.Start(b, portallab.Online).URL
	for range 2 {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = pc.Close() })
		cfg.NTPServers = append(cfg.NTPServers, pc.LocalAddr().String()) // reads nothing, answers nothing
	}
	for _, s := range []tlslab.Scenario{tlslab.Valid, tlslab.Expired, tlslab.UnknownCA} {
		loopback.AddTarget(&cfg, lab.Serve(b, s))
	}
	var total time.Duration
	n := 0
	for b.Loop() {
		rep := probes.Run(context.Background(), cfg, nil)
		if rep.Clock == nil || rep.Clock.Source != "https-date" {
			b.Fatalf("clock %+v, want the HTTPS Date as the source", rep.Clock)
		}
		total += rep.Duration
		n++
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "check-ms")
}
