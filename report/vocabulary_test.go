package report

import (
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/ct"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/probes/netctx"
	"github.com/certwiz/certwiz/probes/revocation"
	"github.com/certwiz/certwiz/probes/tlsprobe"
	"github.com/certwiz/certwiz/steps"
	"github.com/charmbracelet/x/ansi"
)

// Every finding any probe can emit has words in every language, so no
// user ever sees a raw ID.
func TestEveryFindingHasTextInEveryLanguage(t *testing.T) {
	var ids []string
	for _, list := range [][]string{
		tlsprobe.FindingIDs, interception.FindingIDs, clock.FindingIDs, captive.FindingIDs,
		revocation.FindingIDs, ct.FindingIDs, netctx.FindingIDs,
		{"probe.crashed", "probe.setup"},
	} {
		ids = append(ids, list...)
	}
	if missing := content.MissingFindings(ids); len(missing) > 0 {
		t.Fatalf("finding messages missing: %v", missing)
	}
}

// The decision tree knows every kind of interception product, so none
// falls through to the wrong remedy.
func TestStepsKnowsEveryInterceptionKind(t *testing.T) {
	pairs := map[string]string{
		interception.KindEnterpriseProxy: steps.KindEnterpriseProxy,
		interception.KindAntivirus:       steps.KindAntivirus,
		interception.KindParentalControl: steps.KindParentalControl,
		interception.KindFirewall:        steps.KindFirewall,
		interception.KindDebuggingProxy:  steps.KindDebuggingProxy,
		interception.KindAdware:          steps.KindAdware,
		interception.KindCloudGateway:    "cloud-gateway", // steps has no constant yet; decide.go matches the literal
	}
	for ik, sk := range pairs {
		if ik != sk {
			t.Errorf("interception kind %q has no steps counterpart (%q)", ik, sk)
		}
		s := steps.New([]string{"zoom.us"})
		s.Targets = []steps.TargetFacts{{Host: "zoom.us", Code: findings.CodeUntrustedIssuer, Interceptor: "X", InterceptorKind: ik}}
		d := steps.Decide(s)
		if d.Cause != steps.CauseInterceptionOffice && d.Cause != steps.CauseInterceptionHome {
			t.Errorf("kind %q decides %q, want an interception remedy", ik, d.Cause)
		}
		managed := (&interception.Match{Kind: ik}).Managed()
		if office := d.Cause == steps.CauseInterceptionOffice; office != managed {
			t.Errorf("kind %q decides %q, but Managed() = %v", ik, d.Cause, managed)
		}
	}
	if len(pairs) != len(interception.Kinds) {
		t.Errorf("%d kinds checked, interception has %d", len(pairs), len(interception.Kinds))
	}
}

// Each message's placeholders are evidence labels the finding carries: a
// message whose placeholder no evidence fills falls back to the summary,
// so here we prove the fallback and the happy path.
func TestFindingTextUsesEvidenceOrFallsBack(t *testing.T) {
	f := findings.Finding{ID: "cert.name-mismatch", Code: findings.CodeNameMismatch, Severity: findings.Critical, Summary: "summary \x1b[31m"}
	if got := FindingText(content.EN, f); got != "summary \\x1b[31m" {
		t.Fatalf("without evidence: %q", got)
	}
	f = f.With("host", "evil\x1b]52;c;AAAA\x07.example")
	got := FindingText(content.EN, f)
	if got == "summary \\x1b[31m" || containsControl(got) {
		t.Fatalf("with evidence: %q", got)
	}
}

func containsControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0x202e {
			return true
		}
	}
	return false
}

// The office-NTP-from-home case is said under the clock, where a person
// looks for it, with the server named.
func TestTextNamesUnreachableSystemNTPUnderTheClock(t *testing.T) {
	rep := &probes.Report{
		Clock: &clock.Result{Source: clock.SourceNTP, Verdict: clock.VerdictBehind, Offset: 3 * time.Hour},
		Network: &netctx.Result{Findings: []findings.Finding{
			findings.Finding{ID: netctx.IDSystemNTPUnreach, Severity: findings.Warning, Summary: "x"}.With("servers", "ntp.corp.example"),
		}},
	}
	var b strings.Builder
	if err := WriteText(&b, rep, content.EN, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	clockAt := strings.Index(out, "Device clock")
	ntpAt := strings.Index(out, "ntp.corp.example")
	networkAt := strings.Index(out, "Network (")
	if clockAt < 0 || networkAt < 0 || ntpAt < clockAt || ntpAt > networkAt {
		t.Fatalf("system NTP server not named under the clock:\n%s", out)
	}
}

// Colour is an addition, never the carrier: with and without it the same
// marks and words are there, and without it there is no escape at all.
func TestTextColourOnlyAddsStyle(t *testing.T) {
	rep := &probes.Report{Clock: &clock.Result{Source: clock.SourceNTP, Verdict: clock.VerdictBehind, Offset: time.Hour}}
	var plain, coloured strings.Builder
	if err := WriteText(&plain, rep, content.EN, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&coloured, rep, content.EN, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(plain.String(), 0x1b) || !strings.ContainsRune(coloured.String(), 0x1b) {
		t.Fatalf("colour option ignored:\n%q\n%q", plain.String(), coloured.String())
	}
	if got := ansi.Strip(coloured.String()); got != plain.String() {
		t.Fatalf("colour changed the words:\n%s\nvs\n%s", got, plain.String())
	}
}
