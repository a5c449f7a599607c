package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// TestCheckExitStatus runs `certwiz check` against lab servers and checks
// the documented exit statuses.
func TestCheckExitStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  func(t *testing.T, e *env) []string
		status int
		word   string
	}{
		{"valid", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Valid)
			return nil
		}, 0, "OK "},
		{"certificate fault", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Valid)
			e.serve(t, tlslab.Expired)
			return nil
		}, 2, "CRITICAL "},
		{"clock skew only", func(t *testing.T, e *env) []string {
			e.ntp = ntplab.Start(t, 2*time.Hour).Addr
			e.serve(t, tlslab.Valid)
			return nil
		}, 1, "WARNING "},
		{"blackhole only", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Blackhole)
			return []string{"--timeout", "1s", "--skip", "clock,captive"}
		}, 3, "UNKNOWN "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			extra := tc.setup(t, e)
			r := certwiz(ctxT(t), e.args(extra...)...)
			if r.status != tc.status {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.status, tc.status, r.stdout, r.err)
			}
			if !strings.Contains(r.stdout, "\n"+tc.word) {
				t.Errorf("no %q verdict line:\n%s", tc.word, r.stdout)
			}
			if r.err != "" {
				t.Errorf("stderr not empty: %q", r.err)
			}
		})
	}
}

// TestCheckSkip: --skip leaves probes out; the portal server sees no
// request and the JSON reports the skipped parts as unknown.
func TestCheckSkip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	portal := portallab.Start(t, portallab.Redirect)
	e.captive = portal.URL
	e.serve(t, tlslab.Valid)
	r := certwiz(ctxT(t), e.args("--skip", "clock", "--skip", "captive", "--json")...)
	if r.status != 0 {
		t.Errorf("exit status %d, want 0 (the portal was not asked)\n%s", r.status, r.stdout)
	}
	var doc struct {
		Clock struct {
			Source  string `json:"source"`
			Servers []any  `json:"servers"`
		} `json:"clock"`
		Network struct {
			CaptivePortal *bool `json:"captive_portal"`
		} `json:"network"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if doc.Clock.Source != "none" || len(doc.Clock.Servers) != 0 || doc.Network.CaptivePortal != nil {
		t.Errorf("skipped probes reported: %+v", doc)
	}
	if n := len(portal.Requests()); n != 0 {
		t.Errorf("the skipped portal check sent %d requests", n)
	}
}
