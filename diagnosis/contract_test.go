package diagnosis_test

import (
	"context"
	"encoding/json"
	"math"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/steps"
	"github.com/certwiz/certwiz/verdict"
)

// TestCheckAndWizardGiveTheSameDocument is the one-diagnosis contract:
// the same loopback servers through `check --json` (probes.Run) and
// through the wizard's quick check (the real engine, probe groups started
// together from separate goroutines, as the wizard does) give the same
// certwiz.report/v1 document apart from timings. With the device clock
// 400 days ahead, the targets must wait for the clock to judge
// "clock-caused" the same way.
func TestCheckAndWizardGiveTheSameDocument(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	// The reference time comes from the targets' HTTPS Date: a real time
	// server's answers can differ between two runs (a reply it fails to
	// validate under load), which is not what this contract is about.
	ntp := ntplab.DeadAddr(t)
	portal := portallab.Start(t, portallab.Online)
	for name, skew := range map[string]time.Duration{"clock right": 0, "clock 400 days ahead": 400 * 24 * time.Hour} {
		t.Run(name, func(t *testing.T) {
			cfg := loopback.Config(t, lab)
			cfg.NTPServers = []string{ntp}
			cfg.CaptiveURL = portal.URL
			cfg.SkipNetwork = true // it reads this machine's own settings
			cfg.Timeout = 5 * time.Second
			cfg.Now = func() time.Time { return time.Now().Add(skew) }
			for _, s := range []tlslab.Scenario{tlslab.Valid, tlslab.UnknownCA, tlslab.WrongHost, tlslab.Expired} {
				loopback.AddTarget(&cfg, lab.Serve(t, s))
			}
			var hosts []string
			for _, tg := range cfg.Targets {
				hosts = append(hosts, tg.Host+":"+itoa(tg.Port))
			}

			rep := probes.Run(context.Background(), cfg, nil)
			check := report.Build(rep, diagnosis.Decide(rep, verdict.Answers{}), "test")

			e := diagnosis.NewEngine(cfg, "test")
			ctx := context.Background()
			e.Begin([]steps.Probe{steps.ProbeTargets, steps.ProbeNetwork, steps.ProbeClock})
			var wg sync.WaitGroup
			wg.Add(3)
			go func() { defer wg.Done(); e.Targets(ctx, hosts, func(steps.TargetFacts) {}) }()
			go func() { defer wg.Done(); e.Network(ctx) }()
			go func() { defer wg.Done(); e.Clock(ctx) }()
			wg.Wait()
			_, js := e.Report(content.EN, steps.New(hosts))

			a, b := normalized(t, check), normalizedJSON(t, js)
			if a != b {
				t.Fatalf("check and wizard disagree:\ncheck:  %s\nwizard: %s", a, b)
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func normalized(t *testing.T, doc report.Document) string {
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return normalizedJSON(t, js)
}

// localPort is the ephemeral source address in a socket error
// ("read udp 127.0.0.1:57354->127.0.0.1:123"): it differs per run.
var localPort = regexp.MustCompile(`[0-9.]+:[0-9]+->`)

// normalizedJSON drops what depends on timing (durations, round trips,
// when the run started) and rounds measured offsets to the minute (the
// HTTPS Date header has a one-second resolution).
func normalizedJSON(t *testing.T, js []byte) string {
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	var walk func(any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			for k, val := range x {
				switch k {
				case "duration_ms", "handshake_ms", "generated_at", "rtt_ms", "evidence", "summary":
					delete(x, k)
				case "offset_seconds":
					if f, ok := val.(float64); ok {
						m := math.Round(f / 60)
						x[k] = math.Abs(m) * math.Copysign(60, m+0.5) // minutes, and no "-0"
					}
				default:
					x[k] = walk(val)
				}
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case string:
			return localPort.ReplaceAllString(x, "")
		}
		return x
	}
	out, err := json.Marshal(walk(v))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
