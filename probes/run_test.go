package probes_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/captive"
)

// wantCodes is what each scenario must produce through the runner: the
// target's article codes, most serious first, and the ID of the finding
// that carries the primary code.
var wantCodes = map[tlslab.Scenario]struct {
	codes []findings.Code
	id    string
}{
	tlslab.Valid:               {nil, ""},
	tlslab.Expired:             {[]findings.Code{5}, "cert.expired"},
	tlslab.NotYetValid:         {[]findings.Code{5}, "cert.not-yet-valid"},
	tlslab.WrongHost:           {[]findings.Code{1}, "cert.name-mismatch"},
	tlslab.UnknownCA:           {[]findings.Code{6}, "cert.untrusted-issuer"},
	tlslab.SelfSigned:          {[]findings.Code{6}, "cert.self-signed"},
	tlslab.MissingIntermediate: {[]findings.Code{6}, "cert.incomplete-chain"},
	tlslab.ClientAuthOnly:      {[]findings.Code{7}, "cert.bad-purpose"},
	tlslab.CAAsLeaf:            {[]findings.Code{7}, "cert.ca-as-leaf"},
	tlslab.TLS10Only:           {[]findings.Code{100}, "tls.old-version"},
	tlslab.HandshakeAbort:      {[]findings.Code{100}, "tls.handshake-alert"},
	tlslab.PlainHTTP:           {[]findings.Code{100}, "tls.plain-http"},
	tlslab.Blackhole:           {nil, "tls.timeout"}, // never reached: not tested, no code
	tlslab.ExpiredIntermediate: {[]findings.Code{5}, "cert.expired"},
	tlslab.WeakSignature:       {[]findings.Code{100}, "cert.weak-signature"},
	tlslab.WeakKey:             {[]findings.Code{100}, "cert.weak-key"},
}

// TestRunEveryScenario runs all lab scenarios in one check and checks the
// codes, the argument order of the results and the event stream.
func TestRunEveryScenario(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.Timeout = 2 * time.Second
	if len(wantCodes) != len(tlslab.Scenarios) {
		t.Fatalf("the table covers %d of %d scenarios", len(wantCodes), len(tlslab.Scenarios))
	}
	for _, s := range tlslab.Scenarios {
		loopback.AddTarget(&cfg, lab.Serve(t, s))
	}
	var mu sync.Mutex
	var events []probes.Event
	rep := loopback.Run(t, cfg, func(ev probes.Event) {
		mu.Lock()
		events = append(events, ev)
		mu.Unlock()
	})

	if len(rep.Targets) != len(cfg.Targets) {
		t.Fatalf("%d targets reported, %d asked", len(rep.Targets), len(cfg.Targets))
	}
	for i, s := range tlslab.Scenarios {
		tr := rep.Targets[i]
		if tr.Target != cfg.Targets[i] {
			t.Errorf("result %d is for %v, want %v (argument order)", i, tr.Target, cfg.Targets[i])
		}
		want := wantCodes[s]
		if got := tr.Codes(); !slices.Equal(got, want.codes) {
			t.Errorf("%s: codes %v, want %v; findings %v", s, got, want.codes, ids(tr.Findings))
		}
		if want.id != "" && (len(tr.Findings) == 0 || tr.Findings[0].ID != want.id) {
			t.Errorf("%s: first finding is not %s: %v", s, want.id, ids(tr.Findings))
		}
		if !slices.IsSortedFunc(tr.Findings, func(a, b findings.Finding) int {
			return findings.Priority(a) - findings.Priority(b)
		}) {
			t.Errorf("%s: findings not ranked: %v", s, ids(tr.Findings))
		}
	}
	if got := rep.Code(); got != findings.CodeBadPurpose {
		t.Errorf("run code %d, want 7 (the most serious of all targets)", got)
	}

	// One event per probe, each carrying the result stored in the report.
	mu.Lock()
	defer mu.Unlock()
	if len(events) != len(cfg.Targets)+2 {
		t.Fatalf("%d events for %d targets + clock + captive", len(events), len(cfg.Targets))
	}
	seen := map[int]bool{}
	var clockEv, captiveEv int
	lastTarget := -1
	for _, ev := range events {
		switch ev.Probe {
		case "clock":
			clockEv++
			if ev.Clock == nil || ev.Clock != rep.Clock {
				t.Error("clock event does not carry the reported clock result")
			}
		case "captive":
			captiveEv++
			if ev.Captive == nil || ev.Captive != rep.Captive {
				t.Error("captive event does not carry the reported captive result")
			}
		case "target":
			if seen[ev.Index] {
				t.Errorf("target %d reported twice", ev.Index)
			}
			seen[ev.Index] = true
			if ev.Target == nil || ev.Target != rep.Targets[ev.Index] {
				t.Errorf("event for target %d does not carry its report", ev.Index)
			}
			lastTarget = ev.Index
		default:
			t.Errorf("unexpected event %q", ev.Probe)
		}
	}
	if clockEv != 1 || captiveEv != 1 || len(seen) != len(cfg.Targets) {
		t.Errorf("events: clock %d, captive %d, targets %d", clockEv, captiveEv, len(seen))
	}
	// Events come in completion order: the blackholed target, which
	// waits for its deadline, is the last target to finish.
	if got := tlslab.Scenarios[lastTarget]; got != tlslab.Blackhole {
		t.Errorf("last target event is %s, want %s", got, tlslab.Blackhole)
	}
}

// TestRunCannotHang gives the runner servers that never answer: two
// blackholed targets and a portal check that never returns. Run must come
// back within the budget plus its grace.
func TestRunCannotHang(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.Timeout = time.Second
	cfg.CaptiveURL = portallab.Start(t, portallab.Hang).URL
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Blackhole))
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Blackhole))

	start := time.Now()
	rep := loopback.Run(t, cfg, nil)
	// A correctness bound ("cannot hang"), not a speed target.
	if took, limit := time.Since(start), cfg.Timeout+400*time.Millisecond; took > limit {
		t.Fatalf("Run took %v with a %v budget; limit %v", took, cfg.Timeout, limit)
	}
	for i, tr := range rep.Targets {
		if _, notTested := tr.NotTested(); !hasID(tr.Findings, "tls.timeout") || tr.Code() != findings.CodeNone || !notTested {
			t.Errorf("target %d: %v, want a tls.timeout and not tested", i, ids(tr.Findings))
		}
	}
	if rep.Captive != nil && rep.Captive.State != captive.StateUnknown {
		t.Errorf("hanging portal check judged %q", rep.Captive.State)
	}
	if rep.Interrupted {
		t.Error("a run that hit its own budget is not interrupted")
	}
}

// TestRunInterrupted cancels the run once the quick target answered;
// the report says so and still lists every target.
func TestRunInterrupted(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.Timeout = 20 * time.Second
	cfg.SkipClock = true
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Blackhole))
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Blackhole))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	rep := probes.Run(ctx, cfg, func(ev probes.Event) {
		if ev.Probe == "target" && ev.Index == 1 {
			cancel()
		}
	})
	if !rep.Interrupted {
		t.Fatal("Report.Interrupted not set after cancel")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("Run took %v after being cancelled", took)
	}
	if len(rep.Targets) != 3 {
		t.Fatalf("%d targets, want 3", len(rep.Targets))
	}
	for i, tr := range rep.Targets {
		if tr == nil || tr.Target != cfg.Targets[i] {
			t.Fatalf("target %d missing or out of order: %+v", i, tr)
		}
	}
	if rep.Targets[1].TLS == nil || len(rep.Targets[1].TLS.Chain) == 0 || rep.Targets[1].Code() != 0 {
		t.Errorf("the finished target lost its result: %v", ids(rep.Targets[1].Findings))
	}
	for _, i := range []int{0, 2} {
		if _, notTested := rep.Targets[i].NotTested(); !notTested || rep.Targets[i].Code() != findings.CodeNone {
			t.Errorf("unfinished target %d: %v, want not tested", i, ids(rep.Targets[i].Findings))
		}
	}
}

// TestRunPanicBecomesFailedResult makes the local clock panic once the
// probes read it: every probe that reads it must fail on its own, as a
// result, without taking the run down.
func TestRunPanicBecomesFailedResult(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
	var calls atomic.Int32
	cfg.Now = func() time.Time {
		if calls.Add(1) == 1 {
			return time.Now() // the runner's own start stamp
		}
		panic("clock exploded")
	}
	rep := loopback.Run(t, cfg, nil)
	tr := rep.Targets[0]
	if _, notTested := tr.NotTested(); !hasID(tr.Findings, "probe.crashed") || !notTested {
		t.Errorf("target after a panic: %v, want not tested", ids(tr.Findings))
	}
	if rep.Clock == nil || !hasID(rep.Clock.Findings, "probe.crashed") {
		t.Errorf("clock after a panic: %+v", rep.Clock)
	}
	if rep.Captive == nil || rep.Captive.State != captive.StateOnline {
		t.Errorf("the captive probe, which does not read the clock, should be unaffected: %+v", rep.Captive)
	}
}

// TestSessionTargetPanic checks the one-probe entry point the wizard
// uses recovers the same way.
func TestSessionTargetPanic(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	target := loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
	cfg.Now = func() time.Time { panic("clock exploded") }
	tr := probes.NewSession(cfg).Target(context.Background(), target)
	if tr.Target != target || !hasID(tr.Findings, "probe.crashed") {
		t.Fatalf("Session.Target after a panic: %v", ids(tr.Findings))
	}
	if v := tr.Findings[0].Value("error"); v != "clock exploded" {
		t.Errorf("crash evidence %q", v)
	}
}
