package probes

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/netctx"
)

// grace is how long the runner waits past the budget for probes to notice
// their cancelled context before it reports them as unfinished.
const grace = 150 * time.Millisecond

// Event reports one finished probe. Exactly one of the result fields is
// set. Events arrive from the probes' goroutines, in completion order.
type Event struct {
	// Probe names the probe: "clock", "captive", "network" or "target".
	Probe string
	// Index is the target's position in Config.Targets (Probe "target").
	Index    int
	Target   *TargetReport
	Clock    *clock.Result
	Captive  *captive.Result
	Network  *netctx.Result
	Duration time.Duration
}

// Run checks everything cfg names at once and returns the Report. It
// returns within cfg.Timeout (plus a short grace) even when servers never
// answer, and early with what it has when ctx is cancelled. onEvent, if
// not nil, is called once per finished probe, from any goroutine.
//
// Run is a Session with every probe started together; the wizard starts
// the same probes on its own session as its screens need them.
func Run(ctx context.Context, cfg Config, onEvent func(Event)) *Report {
	return NewSession(cfg).RunAll(ctx, onEvent)
}

// RunAll starts every probe the session's configuration names at once
// (the clock first, so the targets wait for it) and returns the snapshot
// when all finished or the budget ran out.
func (s *Session) RunAll(ctx context.Context, onEvent func(Event)) *Report {
	cfg := s.cfg
	budget, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	c := &collector{onEvent: onEvent}
	var wg sync.WaitGroup
	start := func(probe string, run func() Event) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			ev := run()
			ev.Probe, ev.Duration = probe, time.Since(t0)
			c.deliver(ev)
		}()
	}
	if !cfg.SkipClock {
		// Registered before any target starts, so every target waits for it.
		done := s.beginClock()
		start("clock", func() Event { return Event{Clock: s.runClock(budget, done)} })
	}
	if !cfg.SkipCaptive {
		start("captive", func() Event { return Event{Captive: s.Captive(budget)} })
	}
	if !cfg.SkipNetwork {
		start("network", func() Event { return Event{Network: s.Network(budget)} })
	}
	s.ExpectTargets(cfg.Targets)
	for i, t := range cfg.Targets {
		start("target", func() Event {
			tr := s.Target(budget, t)
			return Event{Index: i, Target: tr, Duration: tr.Duration}
		})
	}

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-budget.Done():
		select {
		case <-done:
		case <-time.After(2 * grace):
		}
	}
	c.close()
	if ctx.Err() != nil {
		s.MarkInterrupted()
	}
	rep := s.Snapshot()
	rep.Targets = s.inOrder(cfg.Targets, budget.Err())
	return rep
}

// inOrder returns the reports of ts in argument order (a target named
// twice is reported twice); a target still running is reported as not
// finished within the budget.
func (s *Session) inOrder(ts []Target, cause error) []*TargetReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*TargetReport, len(ts))
	for i, t := range ts {
		if j, ok := s.index[t]; ok && s.targets[j] != nil {
			out[i] = s.targets[j]
		} else {
			out[i] = unfinished(t, cause)
		}
	}
	return out
}

// collector serialises result delivery and drops results that arrive
// after the runner stopped waiting.
type collector struct {
	mu      sync.Mutex
	closed  bool
	onEvent func(Event)
}

func (c *collector) deliver(ev Event) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	if c.onEvent != nil {
		c.onEvent(ev)
	}
}

func (c *collector) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// unfinished is the report of a target whose probe did not return in time.
func unfinished(t Target, cause error) *TargetReport {
	f := findings.Finding{
		ID: "tls.timeout", Code: findings.CodeOther, Severity: findings.Unknown, CertIndex: -1, NotTested: true,
		Summary: fmt.Sprintf("No answer from %s:%d within the time budget.", t.Host, t.Port),
	}
	f = f.With("address", fmt.Sprintf("%s:%d", t.Host, t.Port))
	if cause != nil {
		f = f.With("error", cause.Error())
	}
	return &TargetReport{Target: t, Findings: []findings.Finding{f}}
}

func envFinding(err error) findings.Finding {
	return findings.Finding{
		ID: "probe.setup", Severity: findings.Warning, CertIndex: -1,
		Summary: "Part of the check could not be set up: " + err.Error(),
	}.With("error", err.Error())
}

// panicFinding turns a recovered panic into a failed result.
func panicFinding(probe string, v any) findings.Finding {
	return findings.Finding{
		ID: "probe.crashed", Code: findings.CodeNone, Severity: findings.Unknown, CertIndex: -1,
		Summary: fmt.Sprintf("The %s probe failed unexpectedly: %v", probe, v),
	}.With("probe", probe).With("error", fmt.Sprint(v)).With("stack", string(debug.Stack()))
}
