package report_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/report"
)

// TestClockConsensusInTheReport: real chronyd servers under faketime.
// The JSON says which answer was set aside and why; disagreeing sources
// leave the clock unknown instead of an averaged offset, and the text
// says so in words.
func TestClockConsensusInTheReport(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	t.Run("majority with one outlier", func(t *testing.T) {
		t.Parallel()
		a, b, liar := ntplab.Start(t, 0), ntplab.Start(t, ntplab.MinOffset), ntplab.Start(t, 10*time.Hour)
		cfg := loopback.Config(t, lab)
		cfg.NTPServers = []string{a.Addr, liar.Addr, b.Addr}
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
		doc, _ := jsonDoc(t, loopback.Run(t, cfg, nil))
		clk := doc["clock"].(map[string]any)
		if off, ok := clk["offset_seconds"].(float64); !ok || math.Abs(off) > 3 || clk["verdict"] != "ok" || clk["source"] != "ntp" {
			t.Fatalf("clock = %v", clk)
		}
		servers := clk["servers"].([]any)
		for i, want := range []any{nil, "outlier", nil} {
			s := servers[i].(map[string]any)
			if got, present := s["rejected"]; !present || got != want {
				t.Errorf("servers[%d].rejected = %v (present %v), want %v", i, got, present, want)
			}
		}
	})
	t.Run("two disagreeing servers", func(t *testing.T) {
		t.Parallel()
		right, off := ntplab.Start(t, 0), ntplab.Start(t, 3*time.Hour)
		cfg := loopback.Config(t, lab)
		cfg.NTPServers = []string{right.Addr, off.Addr}
		cfg.SkipCaptive = true
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
		// The lab target's Date is the real time: it agrees with the
		// correct server and breaks the tie.
		rep := loopback.Run(t, cfg, nil)
		doc, _ := jsonDoc(t, rep)
		clk := doc["clock"].(map[string]any)
		if clk["verdict"] != "ok" || clk["source"] != "ntp" {
			t.Fatalf("clock = %v; findings %v", clk, ids(rep.Clock.Findings))
		}
		if s := clk["servers"].([]any)[1].(map[string]any); s["rejected"] != "outlier" {
			t.Errorf("the 3 h server = %v, want rejected as outlier", s)
		}
		if !rep.Clock.TieBreak {
			t.Error("TieBreak not set")
		}

		// Without a Date to consult the sources simply disagree.
		cfg.Targets, cfg.Resolve = nil, map[string]string{}
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.PlainHTTP))
		rep = loopback.Run(t, cfg, nil)
		doc, _ = jsonDoc(t, rep)
		clk = doc["clock"].(map[string]any)
		if clk["verdict"] != "unknown" || clk["source"] != "none" || clk["offset_seconds"] != nil {
			t.Fatalf("clock = %v, want unknown with no offset (never the 1.5 h mean)", clk)
		}
		var f []string
		for _, x := range rep.Clock.Findings {
			if x.ID == clock.IDSourcesDisagree {
				f = append(f, report.FindingText(content.EN, x), report.FindingText(content.JA, x))
			}
		}
		if len(f) != 2 || !strings.Contains(text(t, rep, content.EN), f[0]) || !strings.Contains(text(t, rep, content.JA), f[1]) {
			t.Errorf("disagreement not told: %q", f)
		}
	})
}
