package verdict

import (
	"slices"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// fault is a tested target with faults the clock does not explain.
func fault(host string, codes ...findings.Code) TargetFacts {
	return TargetFacts{Host: host, Port: 443, Code: codes[0], Codes: codes, Faulty: true}
}

// clockFault is a tested target whose faults all vanish at the reference time.
func clockFault(host string, codes ...findings.Code) TargetFacts {
	return TargetFacts{Host: host, Port: 443, Code: codes[0], Codes: codes, Faulty: true, ClockCaused: true, ClockExplained: codes}
}

func product(t TargetFacts, name string, kind findings.InterceptorKind) TargetFacts {
	t.Interceptor, t.InterceptorKind = name, kind
	return t
}

func enterpriseRoot(t TargetFacts) TargetFacts { t.EnterpriseRoot = true; return t }

func untested(host, id string) TargetFacts {
	return TargetFacts{Host: host, Port: 443, NotTested: true, NotTestedID: id, Err: "x"}
}

var (
	yes, no  = true, false
	wrongClk = ClockFacts{Known: true, Skewed: true, Offset: 2 * time.Hour}
	okClk    = ClockFacts{Known: true}
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name    string
		f       Facts
		a       Answers
		cause   Cause
		causes  []Cause
		code    findings.Code
		page    string
		agree   *bool
		product string
		status  Status
	}{
		{"nothing found", Facts{Clock: okClk, Targets: []TargetFacts{{Host: "zoom.us"}}}, Answers{}, CauseNone, nil, 0, "remedy-none", nil, "", StatusOK},
		{"portal, nothing else", Facts{Net: NetworkFacts{CaptivePortal: &yes}}, Answers{}, CausePortal, []Cause{CausePortal}, 0, "remedy-portal", nil, "", StatusWarning},
		{"portal outranks code 1", Facts{Net: NetworkFacts{CaptivePortal: &yes}, Targets: []TargetFacts{fault("zoom.us", 1)}}, Answers{}, CausePortal, []Cause{CausePortal}, 1, "remedy-portal", nil, "", StatusCritical},
		{"no portal is not a portal", Facts{Net: NetworkFacts{CaptivePortal: &no}}, Answers{}, CauseNone, nil, 0, "remedy-none", nil, "", StatusOK},
		{"skewed clock alone", Facts{Clock: wrongClk}, Answers{}, CauseClock, []Cause{CauseClock}, 0, "remedy-clock", nil, "", StatusWarning},
		{"skew without a reference does not count", Facts{Clock: ClockFacts{Skewed: true}}, Answers{}, CauseNone, nil, 0, "remedy-none", nil, "", StatusOK},
		{"clock-caused not-yet-valid", Facts{Clock: wrongClk, Targets: []TargetFacts{clockFault("zoom.us", 5)}}, Answers{}, CauseClock, []Cause{CauseClock}, 5, "remedy-clock", nil, "", StatusCritical},

		// The clock is the cause only of the faults it explains.
		{"clock wrong + revoked", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 2)}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 2, "remedy-code-2", nil, "", StatusCritical},
		{"clock wrong + wrong name", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 1)}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 1, "remedy-code-1", nil, "", StatusCritical},
		{"clock wrong + client-auth-only", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 7)}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 7, "remedy-code-7", nil, "", StatusCritical},
		{"clock wrong + long expired", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 5)}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 5, "remedy-code-5", nil, "", StatusCritical},
		{"clock wrong + untrusted at home", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Network: findings.NetHome}, CauseInterceptionHome, []Cause{CauseClock, CauseInterceptionHome}, 6, "remedy-interception-home", nil, "", StatusCritical},
		{"clock wrong + untrusted, network unknown", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 6, "remedy-code-6", nil, "", StatusCritical},
		{"one target with a clock-explained date and a revocation", Facts{Clock: wrongClk, Targets: []TargetFacts{{Host: "a", Port: 443, Code: 2, Codes: []findings.Code{2, 5}, ClockExplained: []findings.Code{5}, ClockCaused: true, Faulty: true}}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 2, "remedy-code-2", nil, "", StatusCritical},
		{"legacy clock-caused flag explains all", Facts{Targets: []TargetFacts{{Host: "a", Port: 443, Code: 5, ClockCaused: true}}}, Answers{}, CauseClock, []Cause{CauseClock}, 5, "remedy-clock", nil, "", StatusCritical},
		{"clock explains one target, not the other", Facts{Clock: wrongClk, Targets: []TargetFacts{clockFault("a", 5), fault("b", 2)}}, Answers{}, CauseCode, []Cause{CauseClock, CauseCode}, 2, "remedy-code-2", nil, "", StatusCritical},

		// A named product's kind outranks the network type.
		{"Zscaler with a home suggestion", Facts{Net: NetworkFacts{Suggested: findings.NetHome}, Targets: []TargetFacts{product(fault("zoom.us", 6), "Zscaler", findings.KindCloudGateway)}}, Answers{}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "Zscaler", StatusCritical},
		{"FortiGate, person says home", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "FortiGate", findings.KindFirewall)}}, Answers{Network: findings.NetHome}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "FortiGate", StatusCritical},
		{"Squid proxy on public Wi-Fi", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "Squid", findings.KindEnterpriseProxy)}}, Answers{Network: findings.NetPublicWiFi}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "Squid", StatusCritical},
		{"antivirus at the office", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "Kaspersky", findings.KindAntivirus)}}, Answers{Network: findings.NetOffice}, CauseInterceptionHome, []Cause{CauseInterceptionHome}, 6, "remedy-interception-home", nil, "Kaspersky", StatusCritical},
		{"parental control, unsure", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "Circle", findings.KindParentalControl)}}, Answers{}, CauseInterceptionHome, []Cause{CauseInterceptionHome}, 6, "remedy-interception-home", nil, "Circle", StatusCritical},
		{"adware even with a deployed root", Facts{Targets: []TargetFacts{enterpriseRoot(product(fault("zoom.us", 6), "Superfish", findings.KindAdware))}}, Answers{Network: findings.NetOffice}, CauseInterceptionHome, []Cause{CauseInterceptionHome}, 6, "remedy-interception-home", nil, "Superfish", StatusCritical},
		{"product of unknown kind follows the network", Facts{Targets: []TargetFacts{product(fault("zoom.us", 6), "Acme Box", "")}}, Answers{Network: findings.NetVPN}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "Acme Box", StatusCritical},
		{"product issuing an expired certificate", Facts{Clock: okClk, Targets: []TargetFacts{product(fault("zoom.us", 5), "FortiGate", findings.KindFirewall)}}, Answers{}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 5, "remedy-interception-office", nil, "FortiGate", StatusCritical},

		// Unnamed re-signing issuers follow the network type.
		{"code 6 at the office", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Network: findings.NetOffice}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "", StatusCritical},
		{"code 6 on VPN seen", Facts{Net: NetworkFacts{VPN: true}, Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "", StatusCritical},
		{"code 6 at home", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Network: findings.NetHome}, CauseInterceptionHome, []Cause{CauseInterceptionHome}, 6, "remedy-interception-home", nil, "", StatusCritical},
		{"code 6, unsure: the code's remedy", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{}, CauseCode, []Cause{CauseCode}, 6, "remedy-code-6", nil, "", StatusCritical},
		{"code 6 on public Wi-Fi chosen", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Network: findings.NetPublicWiFi}, CauseInterceptionPublic, []Cause{CauseInterceptionPublic}, 6, "remedy-interception-public-wifi", nil, "", StatusCritical},
		{"code 6 with a portal seen", Facts{Net: NetworkFacts{CaptivePortal: &yes}, Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{Network: findings.NetHome}, CauseInterceptionPublic, []Cause{CausePortal, CauseInterceptionPublic}, 6, "remedy-interception-public-wifi", nil, "", StatusCritical},
		{"deployed root with a fault at home", Facts{Targets: []TargetFacts{enterpriseRoot(fault("zoom.us", 1))}}, Answers{Network: findings.NetHome}, CauseInterceptionHome, []Cause{CauseInterceptionHome}, 1, "remedy-interception-home", nil, "", StatusCritical},
		{"code 5 at the office is not interception", Facts{Targets: []TargetFacts{fault("zoom.us", 5)}}, Answers{Network: findings.NetOffice}, CauseCode, []Cause{CauseCode}, 5, "remedy-code-5", nil, "", StatusCritical},

		// An installed inspection root with no fault is information only.
		{"installed inspection root, no fault", Facts{Clock: okClk, Targets: []TargetFacts{enterpriseRoot(product(TargetFacts{Host: "zoom.us", Port: 443}, "Zscaler", findings.KindCloudGateway))}}, Answers{}, CauseNone, nil, 0, "remedy-none", nil, "", StatusOK},

		// Codes on their own.
		{"code 1", Facts{Targets: []TargetFacts{fault("zoom.us", 1)}}, Answers{}, CauseCode, []Cause{CauseCode}, 1, "remedy-code-1", nil, "", StatusCritical},
		{"code 100", Facts{Targets: []TargetFacts{fault("zoom.us", 100)}}, Answers{}, CauseCode, []Cause{CauseCode}, 100, "remedy-code-100", nil, "", StatusCritical},
		{"code 3 could not check is a warning", Facts{Targets: []TargetFacts{{Host: "zoom.us", Code: 3, Codes: []findings.Code{3}, Warns: true}}}, Answers{}, CauseCode, []Cause{CauseCode}, 3, "remedy-code-3", nil, "", StatusWarning},
		{"most serious target wins (7 over 5)", Facts{Targets: []TargetFacts{fault("a", 5), fault("b", 7)}}, Answers{}, CauseCode, []Cause{CauseCode}, 7, "remedy-code-7", nil, "", StatusCritical},

		// Not tested.
		{"407: not tested", Facts{Targets: []TargetFacts{untested("zoom.us", "tls.proxy-login")}}, Answers{}, CauseNone, nil, 0, "remedy-none", nil, "", StatusUnknown},
		{"one not tested, one faulty", Facts{Targets: []TargetFacts{untested("a", "tls.dns"), fault("b", 6)}}, Answers{Network: findings.NetOffice}, CauseInterceptionOffice, []Cause{CauseInterceptionOffice}, 6, "remedy-interception-office", nil, "", StatusCritical},
		{"interrupted", Facts{Interrupted: true, Targets: []TargetFacts{{Host: "zoom.us"}}}, Answers{}, CauseNone, nil, 0, "remedy-none", nil, "", StatusUnknown},

		// The room's code.
		{"room: shown 6, found 6 agree", Facts{Targets: []TargetFacts{fault("zoom.us", 6)}}, Answers{ShownCode: 6, CodeAsked: true, Network: findings.NetHome}, CauseInterceptionHome, []Cause{CauseInterceptionHome}, 6, "remedy-interception-home", &yes, "", StatusCritical},
		{"room: shown 6, found 1 disagree, found wins", Facts{Targets: []TargetFacts{fault("zoom.us", 1)}}, Answers{ShownCode: 6, CodeAsked: true}, CauseCode, []Cause{CauseCode}, 1, "remedy-code-1", &no, "", StatusCritical},
		{"room: shown 3, nothing found", Facts{Targets: []TargetFacts{{Host: "zoom.us"}}}, Answers{ShownCode: 3, CodeAsked: true}, CauseCode, []Cause{CauseCode}, 3, "remedy-code-3", nil, "", StatusOK},
		{"room: don't know, nothing found", Facts{Targets: []TargetFacts{{Host: "zoom.us"}}}, Answers{CodeAsked: true}, CauseNone, nil, 0, "remedy-none", nil, "", StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.f, tt.a)
			if d.Cause != tt.cause || d.Code != tt.code || d.Page != tt.page || d.Status != tt.status {
				t.Errorf("got cause %q code %d page %q status %s, want %q %d %q %s",
					d.Cause, d.Code, d.Page, d.Status.Word(), tt.cause, tt.code, tt.page, tt.status.Word())
			}
			if !slices.Equal(d.Causes, tt.causes) {
				t.Errorf("causes %v, want %v", d.Causes, tt.causes)
			}
			if (d.Agree == nil) != (tt.agree == nil) || (d.Agree != nil && *d.Agree != *tt.agree) {
				t.Errorf("agree %v, want %v", d.Agree, tt.agree)
			}
			if d.Args["product"] != tt.product {
				t.Errorf("product %q, want %q", d.Args["product"], tt.product)
			}
			if d.Causes != nil && d.Causes[len(d.Causes)-1] != d.Cause && d.Cause != CauseClock {
				t.Errorf("the primary cause %q is not the last to fix in %v", d.Cause, d.Causes)
			}
		})
	}
}

// TestDecideOthersRemain: a wrong clock with a fault it does not explain
// says the fault will remain after the time is fixed.
func TestDecideOthersRemain(t *testing.T) {
	for _, tt := range []struct {
		name   string
		f      Facts
		remain bool
	}{
		{"clock only", Facts{Clock: wrongClk}, false},
		{"clock explains everything", Facts{Clock: wrongClk, Targets: []TargetFacts{clockFault("a", 5)}}, false},
		{"clock plus revoked", Facts{Clock: wrongClk, Targets: []TargetFacts{fault("a", 2)}}, true},
		{"clock right, fault", Facts{Clock: okClk, Targets: []TargetFacts{fault("a", 2)}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Decide(tt.f, Answers{}).OthersRemain; got != tt.remain {
				t.Errorf("OthersRemain %v, want %v", got, tt.remain)
			}
		})
	}
}

// TestDecideNotTested lists the untested targets with the reason and
// never lets them pick the remedy.
func TestDecideNotTested(t *testing.T) {
	f := Facts{Targets: []TargetFacts{untested("a.test", "tls.dns"), untested("b.test", "tls.refused"), {Host: "c.test", Port: 443}}}
	d := Decide(f, Answers{})
	want := []Untested{{"a.test", 443, "tls.dns"}, {"b.test", 443, "tls.refused"}}
	if !slices.Equal(d.NotTested, want) {
		t.Fatalf("NotTested %v, want %v", d.NotTested, want)
	}
	if d.Code != 0 || d.Cause != CauseNone || d.Status != StatusUnknown {
		t.Fatalf("got code %d cause %s status %s", d.Code, d.Cause, d.Status.Word())
	}
}

// TestDecideNetworkRanking: the person's answer outranks a seen VPN,
// which outranks the suggestion.
func TestDecideNetworkRanking(t *testing.T) {
	for _, tt := range []struct {
		f    Facts
		a    Answers
		want findings.NetworkType
	}{
		{Facts{}, Answers{}, findings.NetUnknown},
		{Facts{Net: NetworkFacts{Suggested: findings.NetOffice}}, Answers{}, findings.NetOffice},
		{Facts{Net: NetworkFacts{Suggested: findings.NetHome, VPN: true}}, Answers{}, findings.NetVPN},
		{Facts{Net: NetworkFacts{VPN: true}}, Answers{Network: findings.NetHome}, findings.NetHome},
		{Facts{Net: NetworkFacts{Suggested: findings.NetOffice}}, Answers{Network: findings.NetUnknown}, findings.NetOffice},
	} {
		if got := Decide(tt.f, tt.a).Network; got != tt.want {
			t.Errorf("%+v %+v: network %q, want %q", tt.f.Net, tt.a, got, tt.want)
		}
	}
}
