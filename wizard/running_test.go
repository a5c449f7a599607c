package wizard

import (
	"context"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// blockingEngine answers nothing until its context ends, like probes
// waiting on a silent network.
type blockingEngine struct{ factsEngine }

func (e *blockingEngine) Clock(ctx context.Context) steps.ClockFacts {
	<-ctx.Done()
	return steps.ClockFacts{}
}

func (e *blockingEngine) Network(ctx context.Context) steps.NetworkFacts {
	<-ctx.Done()
	return steps.NetworkFacts{}
}

func (e *blockingEngine) Targets(ctx context.Context, _ []string, _ func(steps.TargetFacts)) {
	<-ctx.Done()
}

// TestQuickCheckShowsWhatIsRunning drives the real program: while the
// probes hang, the quick screen lists each thing being checked and the
// spinner runs; "continue" moves on anyway, and quitting releases the
// probes.
func TestQuickCheckShowsWhatIsRunning(t *testing.T) {
	t.Parallel()
	m := New(Options{Lang: content.EN, Engine: &blockingEngine{}, Hosts: testHosts})
	tm := newTestModel(t, m)
	tm.Send(press("4"))
	reply := make(chan bool, 1)
	var frame string
	tm.Send(query{ask: func(m *Model) bool {
		frame = m.vp.GetContent() + m.statusLine()
		return m.s.Screen == steps.ScreenQuick && m.s.Running() && m.spinning
	}, reply: reply})
	if !<-reply {
		t.Fatal("the quick check is not running with a spinner")
	}
	for _, want := range []string{"Checking the time", "Checking the network", "Checking zoom.us", "Checking us04web.zoom.us"} {
		if !strings.Contains(frame, want) {
			t.Errorf("running screen lacks %q:\n%s", want, frame)
		}
	}
	tm.Send(press("1"))
	tm.Send(query{ask: func(m *Model) bool { return m.s.Screen == steps.ScreenSummary }, reply: reply})
	if !<-reply {
		t.Fatal("continue did not leave the running quick check")
	}
	tm.Send(press("q"))
	fm := tm.FinalModel(t, teatestFinal()).(*Model)
	if fm.ctx.Err() == nil {
		t.Fatal("the probes' context is still live after quitting")
	}
}
