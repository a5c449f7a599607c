package diagnosis_test

import (
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"golang.org/x/crypto/ocsp"

	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/verdict"
)

// TestClockWrongPlusAnotherFault runs real servers with the device clock
// two hours behind a real chronyd: a revoked certificate, one for another name, one
// for client authentication only, one from an untrusted issuer and one
// that expired days ago are not the clock's doing, so the cause is not
// the clock, yet the clock is the first thing to fix. A leaf that is not
// yet valid only because the clock is behind is the clock's.
func TestClockWrongPlusAnotherFault(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	ntp := ntplab.Start(t, 2*time.Hour) // the reference is 2 h ahead of this clock
	now := time.Now()
	for _, tc := range []struct {
		name     string
		scenario tlslab.Scenario
		opts     []tlslab.Option
		clock    bool // the clock is the primary cause
	}{
		{"revoked", tlslab.Valid, []tlslab.Option{tlslab.WithOCSPStapleFunc(func(leaf *pki.Cert) ([]byte, error) {
			return ocsplab.Response(lab.Intermediate, lab.Intermediate, leaf.Cert, ocsp.Response{
				Status: ocsp.Revoked, RevokedAt: now.Add(-48 * time.Hour), RevocationReason: ocsp.KeyCompromise,
				ThisUpdate: now.Add(-time.Hour), NextUpdate: now.Add(72 * time.Hour),
			})
		})}, false},
		{"wrong name", tlslab.WrongHost, nil, false},
		{"client auth only", tlslab.ClientAuthOnly, nil, false},
		{"untrusted issuer", tlslab.UnknownCA, nil, false},
		{"expired days ago", tlslab.Expired, nil, false},
		{"valid in an hour", tlslab.Valid, []tlslab.Option{tlslab.WithLeafOptions(pki.Valid(now.Add(time.Hour), now.Add(90*24*time.Hour)))}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := loopback.Config(t, lab)
			cfg.NTPServers = []string{ntp.Addr}
			cfg.SkipCaptive = true
			loopback.AddTarget(&cfg, lab.Serve(t, tc.scenario, tc.opts...))
			d := diagnosis.Decide(loopback.Run(t, cfg, nil), verdict.Answers{})
			if !d.ClockWrong || len(d.Causes) == 0 || d.Causes[0] != verdict.CauseClock {
				t.Fatalf("clock wrong %v, causes %v: the time must come first", d.ClockWrong, d.Causes)
			}
			if (d.Cause == verdict.CauseClock) != tc.clock {
				t.Errorf("cause %q (causes %v), clock as the cause: %v", d.Cause, d.Causes, tc.clock)
			}
			if tc.name == "revoked" && d.FoundCode != 2 {
				t.Errorf("found code %d, want 2 (revoked)", d.FoundCode)
			}
			if !tc.clock && !d.OthersRemain {
				t.Errorf("the decision does not say the fault stays after the time is fixed")
			}
		})
	}
}

// TestProductKindOutranksTheSuggestion: a chain issued by a FortiGate or
// Zscaler CA gets the office remedy even when the network evidence
// suggests home.
func TestProductKindOutranksTheSuggestion(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	for _, tc := range []struct{ cn, org string }{
		{"FortiGate CA", "Fortinet"},
		{"Zscaler Intermediate Root CA (zscaler.net)", "Zscaler Inc."},
	} {
		root, err := pki.NewRoot(tc.cn, pki.Org(tc.org))
		if err != nil {
			t.Fatal(err)
		}
		leaf, err := root.Leaf([]string{tlslab.DefaultHost})
		if err != nil {
			t.Fatal(err)
		}
		cfg := loopback.Config(t, lab)
		cfg.SkipClock, cfg.SkipCaptive, cfg.SkipNetwork = true, true, true
		loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(leaf)))
		rep := loopback.Run(t, cfg, nil)
		rep.SuggestedNetwork = "home" // what a silent office time server suggests
		if d := diagnosis.Decide(rep, verdict.Answers{}); d.Cause != verdict.CauseInterceptionOffice {
			t.Errorf("%s: cause %q, want the office remedy", tc.cn, d.Cause)
		}
		if d := diagnosis.Decide(rep, verdict.Answers{Network: "home"}); d.Cause != verdict.CauseInterceptionOffice {
			t.Errorf("%s, person says home: cause %q, want the office remedy", tc.cn, d.Cause)
		}
	}
}
