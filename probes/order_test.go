package probes_test

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/delay"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
)

// TestClockCausedWhicheverFinishesFirst controls which probe finishes
// first with real delay relays in front of the servers: the device clock
// is 400 days ahead, so a valid certificate looks expired, and the
// session must mark it clock-caused whether the clock answers before the
// target, after it, or is only started once the target is done (the
// wizard's order on some paths).
func TestClockCausedWhicheverFinishesFirst(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	ntp := ntplab.Start(t, 0)
	slowNTP, err := delay.NewUDP(ntp.Addr, 150*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = slowNTP.Close() })
	srv := lab.Serve(t, tlslab.Valid)
	slowTLS, err := delay.New(srv.Addr, 60*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = slowTLS.Close() })

	for _, tc := range []struct {
		name       string
		ntp        string
		tlsAddr    string
		clockAfter bool // start the clock only once the target finished
	}{
		{"clock answers last", slowNTP.Addr(), srv.Addr, false},
		{"target answers last", ntp.Addr, slowTLS.Addr(), false},
		{"clock started after the target", ntp.Addr, srv.Addr, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := loopback.Config(t, lab)
			cfg.SkipCaptive, cfg.SkipNetwork = true, true
			cfg.NTPServers = []string{tc.ntp}
			cfg.Now = func() time.Time { return time.Now().Add(400 * 24 * time.Hour) }
			_, port, _ := net.SplitHostPort(tc.tlsAddr)
			p, _ := strconv.Atoi(port)
			target := probes.Target{Host: srv.Host, Port: p}
			cfg.Resolve[fmt.Sprintf("%s:%d", srv.Host, p)] = "127.0.0.1"
			cfg.Targets = []probes.Target{target}

			s := probes.NewSession(cfg)
			ctx := context.Background()
			if tc.clockAfter {
				s.Target(ctx, target)
				s.Clock(ctx)
			} else {
				s.ExpectClock()
				var wg sync.WaitGroup
				wg.Add(2)
				go func() { defer wg.Done(); s.Target(ctx, target) }()
				go func() { defer wg.Done(); s.Clock(ctx) }()
				wg.Wait()
			}
			rep := s.Snapshot()
			if len(rep.Targets) != 1 || rep.Clock == nil || rep.Clock.Verdict != "ahead" {
				t.Fatalf("targets %d clock %+v", len(rep.Targets), rep.Clock)
			}
			tr := rep.Targets[0]
			marked := false
			for _, f := range tr.Findings {
				if f.Code == findings.CodeDateInvalid {
					marked = f.ClockCaused
				}
			}
			if tr.Code() != findings.CodeDateInvalid || !marked {
				t.Fatalf("code %d, date finding clock-caused %v: %v", tr.Code(), marked, ids(tr.Findings))
			}
		})
	}
}
