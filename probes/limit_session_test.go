package probes_test

import (
	"context"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwiz/certwiz/probes"
)

// TestSessionBoundsConcurrentTargets: a run over more targets than the
// limit never holds more connections open at once than the limit, and
// still reports every target, in order.
func TestSessionBoundsConcurrentTargets(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var open, peak atomic.Int32
	var held sync.WaitGroup
	accepting := make(chan struct{})
	go func() {
		defer close(accepting)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n := open.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			held.Add(1)
			go func() { // hold the connection a moment, then drop it: not TLS
				defer held.Done()
				time.Sleep(100 * time.Millisecond)
				open.Add(-1)
				_ = c.Close()
			}()
		}
	}()
	// Stop accepting first, then wait for the held connections: nothing
	// this test started outlives it.
	t.Cleanup(func() {
		_ = ln.Close()
		<-accepting
		held.Wait()
	})
	port := ln.Addr().(*net.TCPAddr).Port
	cfg := probes.Config{
		SkipClock: true, SkipCaptive: true, SkipNetwork: true,
		MaxConcurrentTargets: 2, Timeout: 10 * time.Second,
		Resolve: map[string]string{},
	}
	for _, h := range []string{"a.test", "b.test", "c.test", "d.test", "e.test", "f.test"} {
		cfg.Targets = append(cfg.Targets, probes.Target{Host: h, Port: port})
		cfg.Resolve[h+":"+strconv.Itoa(port)] = "127.0.0.1"
	}
	rep := probes.Run(context.Background(), cfg, nil)
	if got := peak.Load(); got > 2 || got == 0 {
		t.Fatalf("peak concurrent connections %d, want 1 or 2 (the limit)", got)
	}
	if len(rep.Targets) != len(cfg.Targets) {
		t.Fatalf("%d targets reported, want %d", len(rep.Targets), len(cfg.Targets))
	}
	for i, tr := range rep.Targets {
		if tr.Target != cfg.Targets[i] || len(tr.Findings) == 0 {
			t.Errorf("target %d: %+v", i, tr.Target)
		}
	}
}
