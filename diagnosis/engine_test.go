package diagnosis

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/steps"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// A session run piece by piece, as the wizard runs it: the clock against
// a real chronyd two hours ahead, the portal, then two TLS targets. The
// facts handed to the decision tree and the saved report agree with what
// the servers did.
func TestEngineRunsTheWizardsProbesOnLoopback(t *testing.T) {
	lab := tlslab.New(t)
	unknown := lab.Serve(t, tlslab.UnknownCA)
	wrongHost := lab.Serve(t, tlslab.WrongHost)
	ntp := ntplab.Start(t, 2*time.Hour)
	portal := portallab.Start(t, portallab.Redirect)
	cfg := loopback.Config(t, lab)
	cfg.NTPServers = []string{ntp.Addr}
	cfg.CaptiveURL = portal.URL
	loopback.AddTarget(&cfg, unknown)
	loopback.AddTarget(&cfg, wrongHost)
	e := NewEngine(cfg, "test")
	ctx := ctxT(t)

	clk := e.Clock(ctx)
	if !clk.Known || !clk.Skewed || clk.Source != "ntp" || clk.Offset < 119*time.Minute || clk.Offset > 121*time.Minute {
		t.Fatalf("clock facts = %+v", clk)
	}

	var mu sync.Mutex
	got := map[string]steps.TargetFacts{}
	e.Targets(ctx, []string{unknown.HostPort(), wrongHost.HostPort(), "bad host:99999"}, func(f steps.TargetFacts) {
		mu.Lock()
		defer mu.Unlock()
		got[fmt.Sprintf("%s:%d", f.Host, f.Port)] = f
	})
	if f := got[unknown.HostPort()]; f.Code != findings.CodeUntrustedIssuer {
		t.Errorf("unknown CA facts = %+v", f)
	}
	if f := got[wrongHost.HostPort()]; f.Code != findings.CodeNameMismatch {
		t.Errorf("wrong host facts = %+v", f)
	}
	if f, ok := got["bad host:99999:0"]; !ok || f.Err == "" {
		t.Errorf("a host that does not parse must come back as failed, got %v", got)
	}

	s := steps.New([]string{unknown.HostPort()})
	s.Targets = []steps.TargetFacts{got[unknown.HostPort()]}
	s.Clock = clk
	md, js := e.Report(content.EN, s)
	if !strings.Contains(md, "# certwiz report") || !strings.Contains(md, unknown.Host) {
		t.Errorf("markdown report lacks the title or the host:\n%s", md)
	}
	var doc struct {
		Schema  string `json:"schema"`
		Targets []struct {
			Port int `json:"port"`
			Code int `json:"code"`
		} `json:"targets"`
		Clock struct {
			Offset *float64 `json:"offset_seconds"`
		} `json:"clock"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, js)
	}
	if doc.Schema != "certwiz.report/v1" || len(doc.Targets) != 2 || doc.Clock.Offset == nil || *doc.Clock.Offset < 7100 {
		t.Fatalf("JSON report = %+v", doc)
	}

	netFacts := e.Network(ctx)
	if netFacts.CaptivePortal == nil || !*netFacts.CaptivePortal || netFacts.LandingURL == "" {
		t.Fatalf("network facts = %+v", netFacts)
	}
}
