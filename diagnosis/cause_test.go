package diagnosis_test

import (
	"fmt"
	"math"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/internal/reporttest"
	"github.com/certwiz/certwiz/verdict"
)

// TestClockCausedExpiry: the device clock is 400 days ahead, so a valid
// 90-day leaf looks expired; a real chronyd at +0 gives the reference
// time, which shows the clock, not the certificate, is at fault.
func TestClockCausedExpiry(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	ntp := ntplab.Start(t, 0)
	cfg := loopback.Config(t, lab)
	cfg.NTPServers = []string{ntp.Addr}
	cfg.Now = func() time.Time { return time.Now().Add(400 * 24 * time.Hour) }
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))

	rep := loopback.Run(t, cfg, nil)
	tr := rep.Targets[0]
	if tr.Code() != findings.CodeDateInvalid {
		t.Fatalf("code %d, want 5: %v", tr.Code(), ids(tr.Findings))
	}
	for _, f := range tr.Findings {
		if f.Code == findings.CodeDateInvalid && !f.ClockCaused {
			t.Errorf("%s not marked clock-caused", f.ID)
		}
	}
	if rep.Clock == nil || rep.Clock.Verdict != "ahead" {
		t.Errorf("clock verdict %+v, want ahead", rep.Clock)
	}
	if d := diagnosis.Decide(rep, verdict.Answers{}); d.Cause != verdict.CauseClock {
		t.Errorf("cause %q, want %q", d.Cause, verdict.CauseClock)
	}
	out := text(t, rep, content.EN)
	for _, want := range []string{
		content.Msg(content.EN, "check.clock-caused", nil),
		"CRITICAL " + content.Msg(content.EN, "check.verdict.critical", map[string]string{
			"cause": content.Msg(content.EN, "cause.clock", nil), "code": "5"}),
		"→ " + content.Msg(content.EN, "check.fix.clock", nil),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	doc, _ := jsonDoc(t, rep)
	if tg := doc["targets"].([]any)[0].(map[string]any); tg["clock_caused"] != true {
		t.Errorf("JSON clock_caused = %v", tg["clock_caused"])
	}
	if doc["cause"] != "clock" {
		t.Errorf("JSON cause = %v", doc["cause"])
	}
}

// TestTrulyExpiredIsNotClockCaused: an expired leaf with a correct clock
// is the certificate's fault.
func TestTrulyExpiredIsNotClockCaused(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	ntp := ntplab.Start(t, 0)
	cfg := loopback.Config(t, lab)
	cfg.NTPServers = []string{ntp.Addr}
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Expired))

	rep := loopback.Run(t, cfg, nil)
	tr := rep.Targets[0]
	if tr.Code() != findings.CodeDateInvalid {
		t.Fatalf("code %d, want 5: %v", tr.Code(), ids(tr.Findings))
	}
	for _, f := range tr.Findings {
		if f.ClockCaused {
			t.Errorf("%s marked clock-caused with a correct clock", f.ID)
		}
	}
	if rep.Clock == nil || rep.Clock.Verdict != "ok" || rep.Clock.Source != "ntp" {
		t.Errorf("clock %+v, want ok from ntp", rep.Clock)
	}
	if d := diagnosis.Decide(rep, verdict.Answers{}); d.Cause == verdict.CauseClock {
		t.Errorf("cause %q for a truly expired certificate", d.Cause)
	}
	if out := text(t, rep, content.EN); strings.Contains(out, content.Msg(content.EN, "check.clock-caused", nil)) {
		t.Errorf("text blames the clock:\n%s", out)
	}
	if got := diagnosis.Decide(rep, verdict.Answers{}).Status; got != verdict.StatusCritical {
		t.Errorf("exit status %d, want 2", got)
	}
}

// TestClockSkewWithoutFault: chronyd two hours ahead of this machine, a
// valid chain: a warning, not a certificate fault.
func TestClockSkewWithoutFault(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	ntp := ntplab.Start(t, 2*time.Hour)
	cfg := loopback.Config(t, lab)
	cfg.NTPServers = []string{ntp.Addr}
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))

	rep := loopback.Run(t, cfg, nil)
	if got := diagnosis.Decide(rep, verdict.Answers{}).Status; got != verdict.StatusWarning {
		t.Fatalf("exit status %d, want 1 (WARNING); findings %v", got, ids(rep.Targets[0].Findings))
	}
	doc, _ := jsonDoc(t, rep)
	clk := doc["clock"].(map[string]any)
	off, ok := clk["offset_seconds"].(float64)
	// Reference minus local: the server is ahead, so the offset is positive.
	if !ok || math.Abs(off-7200) > 5 {
		t.Errorf("offset_seconds = %v, want about +7200", clk["offset_seconds"])
	}
	if clk["verdict"] != "behind" || clk["source"] != "ntp" {
		t.Errorf("clock verdict %v source %v, want behind from ntp", clk["verdict"], clk["source"])
	}
	if doc["status"] != "WARNING" || doc["exit_status"] != 1.0 || doc["code"] != 0.0 {
		t.Errorf("status %v exit %v code %v", doc["status"], doc["exit_status"], doc["code"])
	}
	out := text(t, rep, content.EN)
	if !strings.Contains(out, "\nWARNING ") || !strings.Contains(out, "→ "+content.Msg(content.EN, "check.fix.clock", nil)) {
		t.Errorf("text lacks the WARNING verdict and the clock fix:\n%s", out)
	}
}

// TestPortalOutranksCertificateFault: behind a sign-in portal a name
// mismatch is a symptom; the cause is the portal. An unknown issuer
// re-signing on the same network is the public-Wi-Fi caution, with the
// portal to sign in to first.
func TestPortalOutranksCertificateFault(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	portal := portallab.Start(t, portallab.Redirect)
	for _, tc := range []struct {
		scenario tlslab.Scenario
		cause    verdict.Cause
		causes   string
	}{
		{tlslab.WrongHost, verdict.CausePortal, "[portal]"},
		{tlslab.UnknownCA, verdict.CauseInterceptionPublic, "[portal interception-public-wifi]"},
	} {
		cfg := loopback.Config(t, lab)
		cfg.SkipClock = true
		cfg.CaptiveURL = portal.URL
		loopback.AddTarget(&cfg, lab.Serve(t, tc.scenario))
		d := diagnosis.Decide(loopback.Run(t, cfg, nil), verdict.Answers{})
		if d.Cause != tc.cause || fmt.Sprint(d.Causes) != tc.causes {
			t.Errorf("%s: cause %q causes %v, want %q %s", tc.scenario, d.Cause, d.Causes, tc.cause, tc.causes)
		}
	}

	cfg := loopback.Config(t, lab)
	cfg.SkipClock = true
	cfg.CaptiveURL = portal.URL
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.WrongHost))
	rep := loopback.Run(t, cfg, nil)
	if rep.Captive == nil || !strings.HasPrefix(rep.Captive.LandingURL, portal.LoginURL) {
		t.Fatalf("captive %+v, want landing %s", rep.Captive, portal.LoginURL)
	}
	landing := rep.Captive.LandingURL
	out := text(t, rep, content.EN)
	fix := "→ " + content.Msg(content.EN, "check.fix.portal", map[string]string{"landing_url": landing})
	if !strings.Contains(out, fix) {
		t.Errorf("text lacks %q:\n%s", fix, out)
	}
	doc, _ := jsonDoc(t, rep)
	nw := doc["network"].(map[string]any)
	if nw["captive_portal"] != true || nw["landing_url"] != landing {
		t.Errorf("network %v", nw)
	}
}

// TestCaptivePortalTriState: online → false; unreachable → null.
func TestCaptivePortalTriState(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	for name, tc := range map[string]struct {
		url  func(t *testing.T) string
		want any
	}{
		"online":      {func(t *testing.T) string { return portallab.Start(t, portallab.Online).URL }, false},
		"unreachable": {func(t *testing.T) string { return closedURL(t) }, nil},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := loopback.Config(t, lab)
			cfg.SkipClock = true
			cfg.CaptiveURL = tc.url(t)
			loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
			doc, _ := jsonDoc(t, loopback.Run(t, cfg, nil))
			nw := doc["network"].(map[string]any)
			got, present := nw["captive_portal"]
			if !present || got != tc.want {
				t.Errorf("captive_portal = %v (present %v), want %v", got, present, tc.want)
			}
		})
	}
}

var (
	text    = reporttest.Text
	jsonDoc = reporttest.JSONDoc
	ids     = reporttest.IDs
)

// closedURL returns an http URL on a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/generate_204"
}
