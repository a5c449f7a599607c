package wizard

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/steps"
	"github.com/certwiz/certwiz/verdict"
)

// move is one key press and the screen it must lead to.
type move struct {
	key    string
	screen steps.Screen
}

// typed returns the moves that type s on the domain screen.
func typed(s string) []move {
	var out []move
	for _, r := range s {
		out = append(out, move{string(r), steps.ScreenRoomDomain})
	}
	return out
}

func path(parts ...[]move) []move {
	var out []move
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func skewedEngine() *factsEngine {
	e := code6Engine()
	e.clock = steps.ClockFacts{Known: true, Skewed: true, Offset: -(26*time.Hour + 5*time.Minute), Local: testLocal,
		Reference: testLocal.Add(-(26*time.Hour + 5*time.Minute)), Source: "ntp", SystemNTPUnreachable: true, SystemNTPServers: []string{"ntp.corp.example"}}
	for h, t := range e.targets {
		t.Code, t.ClockCaused = findings.CodeDateInvalid, true
		e.targets[h] = t
	}
	return e
}

func unknownClockEngine() *factsEngine {
	e := code6Engine()
	e.clock = steps.ClockFacts{Local: testLocal, Source: "none"}
	return e
}

func interceptEngine(product string, kind findings.InterceptorKind) *factsEngine {
	e := code6Engine()
	for h, t := range e.targets {
		t.Interceptor, t.InterceptorKind, t.EnterpriseRoot = product, kind, kind == findings.KindEnterpriseProxy
		e.targets[h] = t
	}
	return e
}

func portalEngine() *factsEngine {
	e := code6Engine()
	yes := true
	e.network = steps.NetworkFacts{Suggested: steps.NetPublicWiFi, Reasons: []verdict.Reason{{Key: "portal"}, {Key: "wireless"}}, CaptivePortal: &yes,
		LandingURL: "http://portal.example/login?\x1b[31mred"}
	for h, t := range e.targets {
		t.Code = findings.CodeNameMismatch
		t.Findings = []findings.Finding{findings.Finding{ID: "cert.name-mismatch", Code: findings.CodeNameMismatch,
			Severity: findings.Critical, Summary: "certificate is for portal.example"}.With("host", h)}
		e.targets[h] = t
	}
	return e
}

func fineEngine() *factsEngine {
	e := code6Engine()
	for h := range e.targets {
		e.targets[h] = steps.TargetFacts{Host: h, Port: 443}
	}
	return e
}

var (
	toClock   = []move{{"1", steps.ScreenClock}}
	toNetwork = path(toClock, []move{{"1", steps.ScreenNetwork}})
	roomCode6 = path([]move{{"3", steps.ScreenRoomCode}, {"6", steps.ScreenRoomDomain}}, typed("rooms.example.com"),
		[]move{{"enter", steps.ScreenCertCheck}})
)

// screenCases reach every screen (and every remedy) of the tree.
var screenCases = []struct {
	name   string
	engine func() *factsEngine
	moves  []move
	help   bool
}{
	{"start", code6Engine, nil, false},
	{"help", code6Engine, nil, true},
	{"clock-ok", code6Engine, toClock, false},
	{"clock-skewed", skewedEngine, toClock, false},
	{"room-where", code6Engine, []move{{"2", steps.ScreenRoomWhere}}, false},
	{"clock-skewed-room", skewedEngine, []move{{"2", steps.ScreenRoomWhere}, {"1", steps.ScreenClock}}, false},
	{"clock-skewed-nearby", skewedEngine, []move{{"2", steps.ScreenRoomWhere}, {"2", steps.ScreenClock}}, false},
	{"clock-unknown", unknownClockEngine, toClock, false},
	{"network", code6Engine, toNetwork, false},
	{"public-wifi", code6Engine, path(toNetwork, []move{{"4", steps.ScreenPublicWiFi}}), false},
	{"room-code", code6Engine, []move{{"3", steps.ScreenRoomCode}}, false},
	{"room-domain", code6Engine, path([]move{{"3", steps.ScreenRoomCode}, {"6", steps.ScreenRoomDomain}}, typed("rooms.example.com")), false},
	{"cert-check-room-agree", code6Engine, roomCode6, false},
	{"remedy-code-6", code6Engine, path(roomCode6, []move{{"1", steps.ScreenRemedy}}), false},
	{"remedy-interception-office", func() *factsEngine { return interceptEngine("FortiGate", findings.KindFirewall) },
		path(toNetwork, []move{{"2", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}}), false},
	{"remedy-interception-home", func() *factsEngine { return interceptEngine("Kaspersky", findings.KindAntivirus) },
		path(toNetwork, []move{{"1", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}}), false},
	{"remedy-portal", portalEngine,
		path(toNetwork, []move{{"enter", steps.ScreenPublicWiFi}, {"1", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}}), false},
	{"remedy-clock", skewedEngine,
		path(toClock, []move{{"1", steps.ScreenNetwork}, {"1", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}}), false},
	{"remedy-none", fineEngine,
		path(toNetwork, []move{{"1", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}}), false},
	{"summary-quick", code6Engine, []move{{"4", steps.ScreenSummary}}, false},
	{"room-code-typed-100", code6Engine, []move{{"3", steps.ScreenRoomCode}, {"1", steps.ScreenRoomCode},
		{"0", steps.ScreenRoomCode}, {"0", steps.ScreenRoomDomain}}, false},
	{"remedy-code-5-clock-ok", code5Engine,
		path(toNetwork, []move{{"1", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}}), false},
	{"summary-clock", skewedEngine,
		path(toClock, []move{{"1", steps.ScreenNetwork}, {"1", steps.ScreenCertCheck}, {"1", steps.ScreenRemedy}, {"1", steps.ScreenSummary}}), false},
}

// code5Engine: the time is right, yet the servers' certificates are
// outside their dates.
func code5Engine() *factsEngine {
	e := code6Engine()
	for h, t := range e.targets {
		t.Code = findings.CodeDateInvalid
		t.Findings = []findings.Finding{findings.Finding{ID: "cert.expired", Code: findings.CodeDateInvalid,
			Severity: findings.Critical, Summary: "expired"}.With("subject", h).With("not_after", "2026-11-01")}
		e.targets[h] = t
	}
	return e
}

// TestScreens drives the real program loop (teatest) to every screen at
// 80x24 in both languages and compares the frame's text with a golden
// file (go test ./wizard -run TestScreens -update rewrites them).
func TestScreens(t *testing.T) {
	for _, lang := range content.Langs() {
		for _, tc := range screenCases {
			t.Run(string(lang)+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				m := New(Options{Lang: lang, Engine: tc.engine(), Hosts: testHosts, ReportDir: t.TempDir()})
				tm := newTestModel(t, m)
				settle(t, tm, func(m *Model) bool { return m.s.Screen == steps.ScreenStart })
				for _, mv := range tc.moves {
					tm.Send(press(mv.key))
					settle(t, tm, func(m *Model) bool { return m.s.Screen == mv.screen })
				}
				if tc.help {
					tm.Send(press("?"))
					settle(t, tm, func(m *Model) bool { return m.showHelp })
				}
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				fm := tm.FinalModel(t, teatestFinal()).(*Model)
				frame := ansi.Strip(fm.View().Content)
				checkFrame(t, fm, frame)
				golden.RequireEqual(t, frame)
			})
		}
	}
}

// checkFrame asserts what makes a frame usable at 80x24: it fits, every
// choice and the key help are visible, and nothing from the network
// reaches the terminal unescaped.
func checkFrame(t *testing.T, m *Model, frame string) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != 24 {
		t.Errorf("frame has %d lines, want 24", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d cells wide: %q", i+1, w, l)
		}
	}
	if !m.showHelp && m.s.Screen != steps.ScreenRoomDomain {
		for i, o := range m.options() {
			label := ansi.Truncate(o.label, 30, "")
			if !strings.Contains(frame, label) {
				t.Errorf("choice %d %q not visible", i+1, label)
			}
		}
	}
	if !strings.Contains(lines[len(lines)-1], content.Msg(m.lang, "ui.key.quit", nil)) && !m.showHelp {
		t.Errorf("footer does not show the quit key: %q", lines[len(lines)-1])
	}
	if strings.ContainsRune(m.View().Content, '\x07') || strings.Contains(frame, "\x1b") {
		t.Error("a control character reached the frame")
	}
}
