package report_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// volatile are the parts of a text report that change from run to run,
// with what they become in the golden files.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\((\d+ ms|\d+\.\d s|—)\)`), "(TIME)"},
	{regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z`), "TIMESTAMP"},
	{regexp.MustCompile(`\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（[^）]+）|\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} [A-Z][A-Za-z0-9:+-]*`), "TIMESTAMP"},
	{regexp.MustCompile(`[+-](less than a second|1 秒未満)|[+-]\d+ (hours?|minutes?|seconds?|days?)( \d+ (hours?|minutes?|seconds?))?|[+-]\d+ (時間|分|秒|日)( \d+ (時間|分|秒))?`), "OFFSET"},
	{regexp.MustCompile(`(127\.0\.0\.1|zoom\.test|wrong\.test):\d+`), "$1:PORT"},
	{regexp.MustCompile(`\d{4}-\d{2}-\d{2}`), "YYYY-MM-DD"},
	{regexp.MustCompile(`[+-]\d[0-9hmsµn.]*s\b`), "OFFSET"},
}

func normalise(s string) string {
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return s
}

// goldenScenarios build reports from real probe runs against lab servers.
var goldenScenarios = map[string]func(t *testing.T) *probes.Report{
	// Everything fine: a valid chain, an open network, a clock checked
	// against the target's Date header (no NTP answers).
	"ok": func(t *testing.T) *probes.Report {
		lab := tlslab.New(t)
		cfg := loopback.Config(t, lab)
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
		return loopback.Run(t, cfg, nil)
	},
	// Several certificate faults and a target that never answers.
	"faults": func(t *testing.T) *probes.Report {
		lab := tlslab.New(t)
		cfg := loopback.Config(t, lab)
		cfg.SkipClock = true
		cfg.Timeout = 2 * time.Second
		for _, s := range []tlslab.Scenario{tlslab.Expired, tlslab.WrongHost, tlslab.UnknownCA, tlslab.Blackhole} {
			loopback.AddTarget(&cfg, lab.Serve(t, s))
		}
		return loopback.Run(t, cfg, nil)
	},
	// A sign-in portal in front of a certificate fault.
	"portal": func(t *testing.T) *probes.Report {
		lab := tlslab.New(t)
		cfg := loopback.Config(t, lab)
		cfg.SkipClock = true
		cfg.CaptiveURL = portallab.Start(t, portallab.Redirect).URL
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.UnknownCA))
		return loopback.Run(t, cfg, nil)
	},
	// The device clock is 400 days ahead; chronyd knows the real time.
	"clock-caused": func(t *testing.T) *probes.Report {
		lab := tlslab.New(t)
		cfg := loopback.Config(t, lab)
		cfg.NTPServers = []string{ntplab.Start(t, 0).Addr}
		cfg.Now = func() time.Time { return time.Now().Add(400 * 24 * time.Hour) }
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
		return loopback.Run(t, cfg, nil)
	},
}

// TestTextGolden compares the text output of each scenario, in English
// and Japanese, with testdata/<scenario>.<lang>.golden. Run with
// -update to rewrite them after an intended change.
func TestTextGolden(t *testing.T) {
	t.Parallel()
	for name, build := range goldenScenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rep := build(t)
			for _, lang := range []content.Lang{content.EN, content.JA} {
				got := normalise(text(t, rep, lang))
				path := filepath.Join("testdata", name+"."+string(lang)+".golden")
				if *update {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", path, got, want)
				}
			}
		})
	}
}
