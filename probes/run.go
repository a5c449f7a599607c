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
func Run(ctx context.Context, cfg Config, onEvent func(Event)) *Report {
	started := time.Now()
	env := newEnv(cfg)
	budget, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()

	rep := &Report{Started: cfg.now(), Targets: make([]*TargetReport, len(cfg.Targets))}
	c := &collector{onEvent: onEvent}
	var wg sync.WaitGroup
	clockReady := make(chan struct{})
	var clockRes *clock.Result

	if cfg.SkipClock {
		close(clockReady)
	} else {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(clockReady)
			t0 := time.Now()
			res := safeClock(budget, env)
			c.deliver(func() { rep.Clock = res; clockRes = res }, Event{Probe: "clock", Clock: res, Duration: time.Since(t0)})
		}()
	}
	if !cfg.SkipCaptive {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			res := safeCaptive(budget, env)
			c.deliver(func() { rep.Captive = res }, Event{Probe: "captive", Captive: res, Duration: time.Since(t0)})
		}()
	}
	if !cfg.SkipNetwork {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			res := safeNetwork(budget, env)
			c.deliver(func() { rep.Network, rep.NetworkDuration = res, time.Since(t0) }, Event{Probe: "network", Network: res, Duration: time.Since(t0)})
		}()
	}
	reference := func() (*clock.Result, bool) {
		select {
		case <-clockReady:
		case <-budget.Done():
			return nil, false
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		return clockRes, clockRes != nil
	}
	for i, t := range cfg.Targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tr := safeTarget(budget, env, t, reference)
			c.deliver(func() { rep.Targets[i] = tr }, Event{Probe: "target", Index: i, Target: tr, Duration: tr.Duration})
		}()
	}

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-budget.Done():
		select {
		case <-done:
		case <-time.After(grace):
		}
	}
	c.close()

	c.mu.Lock()
	defer c.mu.Unlock()
	for i, tr := range rep.Targets {
		if tr == nil {
			rep.Targets[i] = unfinished(cfg.Targets[i], budget.Err())
		}
	}
	markClockCaused(rep, env)
	rep.Proxy = env.proxyFor(cfg.Targets)
	rep.SuggestedNetwork, rep.NetworkReasons = suggestNetwork(rep)
	rep.Interrupted = ctx.Err() != nil
	rep.Duration = time.Since(started)
	return rep
}

// collector serialises result delivery and drops results that arrive
// after the runner stopped waiting.
type collector struct {
	mu      sync.Mutex
	closed  bool
	onEvent func(Event)
}

func (c *collector) deliver(store func(), ev Event) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	store()
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
		ID: "tls.timeout", Code: findings.CodeOther, Severity: findings.Unknown, CertIndex: -1,
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
