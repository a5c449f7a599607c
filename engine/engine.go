// Package engine connects the wizard to the probes: it implements
// wizard.Engine over a probes.Prober, turning each probe's result into the
// decision tree's facts, and keeps everything the session ran so the
// wizard's report holds the same evidence as `certwiz check --json`.
package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/steps"
)

// Engine runs probes for the wizard. It is safe for concurrent use.
type Engine struct {
	prober  *probes.Prober
	version string

	mu      sync.Mutex
	rep     probes.Report
	targets map[probes.Target]*probes.TargetReport
	order   []probes.Target
}

// New returns an engine probing with cfg (its Targets are ignored: the
// wizard names the hosts). version goes into the JSON report.
func New(cfg probes.Config, version string) *Engine {
	return &Engine{
		prober:  probes.NewProber(cfg),
		version: version,
		rep:     probes.Report{Started: time.Now()},
		targets: map[probes.Target]*probes.TargetReport{},
	}
}

// Clock runs the clock probe.
func (e *Engine) Clock(ctx context.Context) steps.ClockFacts {
	r := e.prober.Clock(ctx)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rep.Clock = r
	return report.ClockFacts(r, e.rep.Network)
}

// Network runs the captive-portal and network-context probes at once.
func (e *Engine) Network(ctx context.Context) steps.NetworkFacts {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		r := e.prober.Captive(ctx)
		e.mu.Lock()
		e.rep.Captive = r
		e.mu.Unlock()
	}()
	go func() {
		defer wg.Done()
		r := e.prober.Network(ctx)
		e.mu.Lock()
		e.rep.Network = r
		e.mu.Unlock()
	}()
	wg.Wait()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rep.SuggestedNetwork, e.rep.NetworkReasons = probes.SuggestNetwork(e.rep.Network, e.rep.CaptivePortal(), e.rep.Clock)
	e.rep.Proxy = e.prober.Proxy()
	return report.NetworkFacts(&e.rep)
}

// Targets probes every host at once and reports each as it finishes.
// Hosts that do not parse are reported as failed targets.
func (e *Engine) Targets(ctx context.Context, hosts []string, each func(steps.TargetFacts)) {
	e.mu.Lock()
	clk := e.rep.Clock
	e.mu.Unlock()
	var wg sync.WaitGroup
	for _, h := range hosts {
		t, err := probes.ParseTarget(h)
		if err != nil {
			each(steps.TargetFacts{Host: h, Err: err.Error()})
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			tr := e.prober.Target(ctx, t, clk)
			e.store(tr)
			each(report.TargetFacts(tr))
		}()
	}
	wg.Wait()
}

func (e *Engine) store(tr *probes.TargetReport) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.targets[tr.Target]; !ok {
		e.order = append(e.order, tr.Target)
	}
	e.targets[tr.Target] = tr
}

// Snapshot returns a copy of everything the session has run so far.
func (e *Engine) Snapshot() *probes.Report {
	e.mu.Lock()
	defer e.mu.Unlock()
	rep := e.rep
	rep.Targets = nil
	for _, t := range e.order {
		rep.Targets = append(rep.Targets, e.targets[t])
	}
	rep.Duration = time.Since(rep.Started)
	return &rep
}

// Report renders the session as Markdown (for a person) and JSON (the
// certwiz.report/v1 document, for tools).
func (e *Engine) Report(lang content.Lang, s steps.State) (string, []byte) {
	rep := e.Snapshot()
	md := report.Markdown(rep, lang, s, e.version)
	js, err := json.MarshalIndent(report.Build(rep, e.version), "", "  ")
	if err != nil {
		js = []byte(fmt.Sprintf("{\"schema\":%q,\"error\":%q}", report.Schema, err.Error()))
	}
	return md, append(report.SafeJSON(js), '\n')
}
