package probes

import (
	"cmp"
	"context"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/netctx"
)

// Session is one diagnosis: the evidence that `certwiz check` gathers all
// at once and the wizard gathers screen by screen. It owns what every
// probe shares (the dialer, the trust pools) and every rule that spans
// probes, so both callers get the same evidence from the same servers:
//
//   - a target started while the clock probe runs waits for it (within
//     its own budget) and judges revocation and CT with its reference
//     time;
//   - a fault that disappears at the reference time is marked
//     clock-caused, whichever of the clock and the target finished first;
//   - the network-type suggestion and the proxy shown are derived from
//     whatever the session holds when a snapshot is taken.
//
// Each probe method blocks until its probe finished or its budget (the
// configured timeout, counted from the call) ran out, and may be called
// from any goroutine; calling a probe again replaces its earlier result.
// A probe that panics becomes a failed result.
type Session struct {
	cfg  Config
	once sync.Once
	// targetSlots bounds how many targets are probed at once, so a run
	// over hundreds of targets keeps bounded sockets and memory.
	targetSlots *Limiter
	env         *env
	started     time.Time

	mu sync.Mutex
	// clockDone is closed when the running (or last) clock probe ended;
	// nil until the clock probe is first started.
	clockDone   chan struct{}
	expected    chan struct{}
	clock       *clock.Result
	captive     *captive.Result
	network     *netctx.Result
	networkTook time.Duration
	targets     []*TargetReport
	index       map[Target]int
	interrupted bool
}

// NewSession returns a session probing with cfg. The shared parts (the
// dialer, the trust pools) are prepared on first use, so a UI can draw
// before the system trust store has been read.
func NewSession(cfg Config) *Session {
	return &Session{cfg: cfg, started: startStamp(cfg), index: map[Target]int{}, targetSlots: NewLimiter(cmp.Or(cfg.MaxConcurrentTargets, DefaultTargetConcurrency))}
}

// startStamp reads the configured local clock for the session's start; a
// clock that panics is the probes' failure to report, not the session's.
func startStamp(cfg Config) (t time.Time) {
	defer func() {
		if recover() != nil {
			t = time.Now()
		}
	}()
	return cfg.now()
}

// Config returns the session's configuration.
func (s *Session) Config() Config { return s.cfg }

func (s *Session) prepare() *env {
	s.once.Do(func() { s.env = newEnv(s.cfg) })
	return s.env
}

func (s *Session) budget(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.cfg.timeout())
}

// Clock runs the clock probe. Targets started while it runs wait for it.
// Each probe method returns nil when the configuration skips its probe.
func (s *Session) Clock(ctx context.Context) *clock.Result {
	if s.cfg.SkipClock {
		return nil
	}
	s.mu.Lock()
	done := s.expected
	s.expected = nil
	s.mu.Unlock()
	if done == nil {
		done = s.beginClock()
	}
	return s.runClock(ctx, done)
}

// ExpectClock says the clock probe is about to be started (by a caller
// that starts probe groups from separate goroutines): targets started
// from now on wait for it, even if they begin first. The next Clock call
// is that probe.
func (s *Session) ExpectClock() {
	if s.cfg.SkipClock {
		return
	}
	done := s.beginClock()
	s.mu.Lock()
	s.expected = done
	s.mu.Unlock()
}

// beginClock registers a clock probe about to run: from now on, targets
// wait for it.
func (s *Session) beginClock() chan struct{} {
	done := make(chan struct{})
	s.mu.Lock()
	s.clockDone = done
	s.mu.Unlock()
	return done
}

func (s *Session) runClock(ctx context.Context, done chan struct{}) *clock.Result {
	defer close(done)

	ctx, cancel := s.budget(ctx)
	defer cancel()
	res := safeClock(ctx, s.prepare())

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clockDone == done {
		s.clock = res
		for i, tr := range s.targets {
			if tr != nil {
				s.targets[i] = markClockCaused(tr, res, s.env)
			}
		}
	}
	return res
}

// Captive runs the captive-portal probe.
func (s *Session) Captive(ctx context.Context) *captive.Result {
	if s.cfg.SkipCaptive {
		return nil
	}
	ctx, cancel := s.budget(ctx)
	defer cancel()
	res := safeCaptive(ctx, s.prepare())
	s.mu.Lock()
	s.captive = res
	s.mu.Unlock()
	return res
}

// Network runs the network-context probe.
func (s *Session) Network(ctx context.Context) *netctx.Result {
	if s.cfg.SkipNetwork {
		return nil
	}
	ctx, cancel := s.budget(ctx)
	defer cancel()
	t0 := time.Now()
	res := safeNetwork(ctx, s.prepare())
	s.mu.Lock()
	s.network, s.networkTook = res, time.Since(t0)
	s.mu.Unlock()
	return res
}

// Target probes one target and keeps its report, in the order targets
// were first probed. A target that does not finish within its budget is
// reported as not tested.
func (s *Session) Target(ctx context.Context, t Target) *TargetReport {
	s.slot(t)
	ctx, cancel := s.budget(ctx)
	defer cancel()
	e := s.prepare()
	if err := s.targetSlots.Acquire(ctx); err != nil {
		return s.storeTarget(unfinished(t, err))
	}
	defer s.targetSlots.Release()
	done := make(chan *TargetReport, 1)
	go func() { done <- safeTarget(ctx, e, t, s.reference(ctx)) }()
	var tr *TargetReport
	select {
	case tr = <-done:
	case <-ctx.Done():
		// The probe honours ctx; give it a moment to return what it has.
		select {
		case tr = <-done:
		case <-time.After(grace):
			tr = unfinished(t, ctx.Err())
		}
	}
	return s.storeTarget(tr)
}

// reference returns the function a target calls once it has a chain: it
// waits for a running clock probe (within ctx) and returns its result.
func (s *Session) reference(ctx context.Context) referenceFunc {
	return func() (*clock.Result, bool) {
		s.mu.Lock()
		done := s.clockDone
		s.mu.Unlock()
		if done != nil {
			select {
			case <-done:
			case <-ctx.Done():
				return nil, false
			}
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.clock, s.clock != nil
	}
}

// ExpectTargets reserves the places of targets about to be probed from
// separate goroutines, so the report keeps their order (the order the
// person or the command line named them), not the order they finish.
func (s *Session) ExpectTargets(ts []Target) {
	for _, t := range ts {
		s.slot(t)
	}
}

// slot reserves t's place in the report: targets keep the order in which
// they were first started, not the order in which they finished.
func (s *Session) slot(t Target) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.index[t]; !ok {
		s.index[t] = len(s.targets)
		s.targets = append(s.targets, nil)
	}
}

func (s *Session) storeTarget(tr *TargetReport) *TargetReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	tr = markClockCaused(tr, s.clock, s.prepare())
	s.targets[s.index[tr.Target]] = tr
	return tr
}

// MarkInterrupted records that the person or a signal cut the session
// short; the snapshot says so.
func (s *Session) MarkInterrupted() {
	s.mu.Lock()
	s.interrupted = true
	s.mu.Unlock()
}

// Snapshot returns everything the session established so far, with the
// derived parts (the network-type suggestion, the proxy shown) computed
// from it. The report shares no mutable state with the session.
func (s *Session) Snapshot() *Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	rep := &Report{
		Started:         s.started,
		Duration:        time.Since(s.started),
		Clock:           s.clock,
		Captive:         s.captive,
		Network:         s.network,
		NetworkDuration: s.networkTook,
		Interrupted:     s.interrupted,
	}
	var ts []Target
	for _, t := range s.targets {
		if t != nil { // still running
			rep.Targets = append(rep.Targets, t)
			ts = append(ts, t.Target)
		}
	}
	if len(ts) == 0 {
		ts = s.cfg.Targets
	}
	rep.Proxy = s.prepare().proxyFor(ts)
	rep.Machine = thisMachine()
	rep.SuggestedNetwork, rep.NetworkReasons = suggestNetwork(rep)
	return rep
}

// thisMachine names the computer the session runs on.
func thisMachine() Machine {
	name, err := os.Hostname()
	if err != nil {
		name = ""
	}
	return Machine{Hostname: name, OS: runtime.GOOS, Arch: runtime.GOARCH}
}
