package wizard

import (
	"context"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// Engine runs the probes and writes the report. The integrator implements
// it over package probes; tests may supply their own.
//
// Every method must return once ctx is done. Targets calls each once per
// finished target, from any goroutine, and returns when all are done.
type Engine interface {
	Clock(ctx context.Context) steps.ClockFacts
	Network(ctx context.Context) steps.NetworkFacts
	Targets(ctx context.Context, hosts []string, each func(steps.TargetFacts))
	// Report renders the path so far as Markdown and as the JSON report.
	Report(lang content.Lang, s steps.State) (markdown string, jsonDoc []byte)
}

// groupStarter is an Engine that wants to know which probe groups are
// about to start together before they are dispatched (the real engine
// makes targets wait for a clock probe started with them).
type groupStarter interface {
	Begin(groups []steps.Probe)
}

// beginGroups tells eng, when it wants to know, which groups start now.
func beginGroups(eng Engine, groups []steps.Probe) {
	if b, ok := eng.(groupStarter); ok && len(groups) > 0 {
		b.Begin(groups)
	}
}
