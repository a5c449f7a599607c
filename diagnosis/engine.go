package diagnosis

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/steps"
	"github.com/certwiz/certwiz/verdict"
)

// Engine is the wizard's side of a session: it starts probe groups on one
// probes.Session as the screens need them, adapts each result to the
// decision tree's facts, and renders the session's reports from the same
// decision `certwiz check` makes. It is safe for concurrent use.
type Engine struct {
	session *probes.Session
	version string
}

// NewEngine returns an engine probing with cfg. version goes into the
// JSON report.
func NewEngine(cfg probes.Config, version string) *Engine {
	return &Engine{session: probes.NewSession(cfg), version: version}
}

// Session returns the session the engine probes on.
func (e *Engine) Session() *probes.Session { return e.session }

// Begin is told, before the wizard dispatches them, which probe groups
// are about to start together: targets started with the clock wait for
// its reference time, as they do in `certwiz check`.
func (e *Engine) Begin(groups []steps.Probe) {
	if slices.Contains(groups, steps.ProbeClock) {
		e.session.ExpectClock()
	}
}

// Clock runs the clock probe.
func (e *Engine) Clock(ctx context.Context) steps.ClockFacts {
	e.session.Clock(ctx)
	rep := e.session.Snapshot()
	return ClockFacts(rep.Clock, rep.Network)
}

// Network runs the captive-portal and network-context probes at once.
func (e *Engine) Network(ctx context.Context) steps.NetworkFacts {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); e.session.Captive(ctx) }()
	go func() { defer wg.Done(); e.session.Network(ctx) }()
	wg.Wait()
	return NetworkFacts(e.session.Snapshot())
}

// Targets probes every host at once and reports each as it finishes.
// Hosts that do not parse are reported as not tested.
func (e *Engine) Targets(ctx context.Context, hosts []string, each func(steps.TargetFacts)) {
	var wg sync.WaitGroup
	var targets []probes.Target
	for _, h := range hosts {
		t, err := probes.ParseTarget(h)
		if err != nil {
			each(steps.TargetFacts{Host: h, NotTested: true, NotTestedID: "target.invalid", Err: err.Error()})
			continue
		}
		targets = append(targets, t)
	}
	e.session.ExpectTargets(targets)
	for _, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			each(TargetFacts(e.session.Target(ctx, t)))
		}()
	}
	wg.Wait()
}

// Snapshot returns everything the session has run so far.
func (e *Engine) Snapshot() *probes.Report { return e.session.Snapshot() }

// Decide is the decision on the session so far with the path's answers.
func (e *Engine) Decide(s steps.State) verdict.Decision {
	return Decide(e.session.Snapshot(), s.Answers())
}

// Report renders the session as Markdown (for a person) and JSON (the
// certwiz.report/v1 document, for tools), both from one decision.
func (e *Engine) Report(lang content.Lang, s steps.State) (string, []byte) {
	rep := e.session.Snapshot()
	d := Decide(rep, s.Answers())
	md := report.Markdown(rep, d, lang, e.version)
	js, err := json.MarshalIndent(report.Build(rep, d, e.version), "", "  ")
	if err != nil {
		js = []byte(fmt.Sprintf("{\"schema\":%q,\"error\":%q}", report.Schema, err.Error()))
	}
	return md, append(report.SafeJSON(js), '\n')
}
