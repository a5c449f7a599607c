package wizard

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/steps"
	"github.com/certwiz/certwiz/verdict"
)

// factsEngine is a UI-test engine: it answers with facts the test
// constructs (the wizard's input), immediately and deterministically.
// The end-to-end tests use the real engine against loopback servers.
type factsEngine struct {
	clock   steps.ClockFacts
	network steps.NetworkFacts
	targets map[string]steps.TargetFacts

	mu      sync.Mutex
	reports int
}

func (e *factsEngine) Clock(context.Context) steps.ClockFacts     { return e.clock }
func (e *factsEngine) Network(context.Context) steps.NetworkFacts { return e.network }

func (e *factsEngine) Targets(_ context.Context, hosts []string, each func(steps.TargetFacts)) {
	for _, h := range hosts {
		t, ok := e.targets[h]
		if !ok {
			t = steps.TargetFacts{Host: h, Port: 443}
		}
		each(t)
	}
}

func (e *factsEngine) Report(lang content.Lang, s steps.State) (string, []byte) {
	e.mu.Lock()
	e.reports++
	e.mu.Unlock()
	d := s.Decision()
	md := "# certwiz report\n\n- cause: " + string(d.Cause) + "\n- page: " + d.Page + "\n"
	js, _ := json.Marshal(map[string]any{"schema": "test", "lang": lang, "cause": d.Cause, "code": d.Code})
	return md, js
}

var (
	testLocal = time.Date(2025, 6, 2, 9, 30, 0, 0, time.FixedZone("JST", 9*3600))
	testHosts = []string{"zoom.us", "us04web.zoom.us"}
)

// code6Engine: a fine clock, a home network, and code 6 on every host.
func code6Engine() *factsEngine {
	no := false
	tf := func(h string) steps.TargetFacts {
		return steps.TargetFacts{Host: h, Port: 443, Code: 6, Codes: nil,
			Findings: []findings.Finding{findings.Finding{ID: "cert.untrusted-issuer", Code: 6, Severity: findings.Critical,
				Summary: "issuer CN=Corp Inspection CA is not trusted"}.With("issuer", "Corp Inspection CA")}}
	}
	return &factsEngine{
		clock: steps.ClockFacts{Known: true, Offset: 1200 * time.Millisecond, Local: testLocal,
			Reference: testLocal.Add(1200 * time.Millisecond), Source: "ntp"},
		network: steps.NetworkFacts{Suggested: steps.NetHome, Reasons: []verdict.Reason{{Key: "ntp-away", Args: map[string]string{"servers": "ntp.corp.example"}}}, CaptivePortal: &no},
		targets: map[string]steps.TargetFacts{
			"zoom.us": tf("zoom.us"), "us04web.zoom.us": tf("us04web.zoom.us"), "rooms.example.com": tf("rooms.example.com"),
		},
	}
}
