package wizard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/steps"
	"github.com/certwiz/certwiz/verdict"
)

func newModel(t *testing.T, e Engine) *Model {
	t.Helper()
	return New(Options{Lang: content.EN, Engine: e, Hosts: testHosts, ReportDir: t.TempDir()})
}

func keys(m *Model, ks ...string) {
	for _, k := range ks {
		drive(m, press(k))
	}
}

func text(m *Model) string { return ansi.Strip(m.View().Content) }

func TestEscGoesBackAndKeepsAnswers(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "1", "1", "3") // personal, continue, VPN
	if m.s.Screen != steps.ScreenCertCheck || m.s.Network != steps.NetVPN {
		t.Fatalf("screen %s network %s", m.s.Screen, m.s.Network)
	}
	keys(m, "esc")
	if m.s.Screen != steps.ScreenNetwork {
		t.Fatalf("esc led to %s", m.s.Screen)
	}
	if got := m.options()[m.cursor].choice; got != steps.ChooseNetwork(steps.NetVPN) {
		t.Fatalf("cursor on %s after back, want the earlier answer", got)
	}
	keys(m, "esc", "esc", "esc")
	if m.s.Screen != steps.ScreenStart {
		t.Fatalf("esc from start left %s", m.s.Screen)
	}
}

func TestArrowsAndEnterChoose(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "down", "down", "up", "enter") // room device
	if m.s.Device != steps.DeviceRoom || m.s.Screen != steps.ScreenRoomWhere {
		t.Fatalf("device %s screen %s", m.s.Device, m.s.Screen)
	}
	keys(m, "up", "up") // cannot leave the list
	if m.cursor != 0 {
		t.Fatalf("cursor = %d", m.cursor)
	}
}

func TestLanguageSwitchesEverything(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "1")
	en := text(m)
	keys(m, "L")
	ja := text(m)
	if m.lang != content.JA || en == ja {
		t.Fatal("L did not switch to Japanese")
	}
	for _, want := range []string{content.Msg(content.JA, "ui.title", nil), content.Msg(content.JA, "ui.continue", nil), content.Msg(content.JA, "ui.key.quit", nil)} {
		if !strings.Contains(ja, want) {
			t.Errorf("Japanese frame lacks %q", want)
		}
	}
	keys(m, "L")
	if m.lang != content.EN || text(m) != en {
		t.Fatal("switching back did not restore the English frame")
	}
}

func TestQuitLeavesVerdictOnMainScreen(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "4") // quick check -> summary
	if m.s.Screen != steps.ScreenSummary {
		t.Fatalf("quick check ended on %s", m.s.Screen)
	}
	_, cmd := m.Update(press("q"))
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q did not quit")
	}
	v := m.View()
	if v.AltScreen {
		t.Fatal("the last frame is still on the alternate screen")
	}
	if !strings.Contains(v.Content, content.Msg(content.EN, "cause.interception-home", nil)) {
		t.Fatalf("last frame lacks the verdict: %q", v.Content)
	}
	if m.ctx.Err() == nil {
		t.Fatal("quitting did not cancel the probes' context")
	}
}

func TestCtrlCQuitsEvenWhileTyping(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "3", "0") // have a code, don't know it (0) -> domain entry
	if m.s.Screen != steps.ScreenRoomDomain {
		t.Fatalf("on %s", m.s.Screen)
	}
	keys(m, "q", "L", "?") // typed, not commands
	if m.input.Value() != "qL?" || m.quitting || m.showHelp || m.lang != content.EN {
		t.Fatalf("keys were taken as commands while typing: %q", m.input.Value())
	}
	_, cmd := m.Update(press("ctrl+c"))
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestDomainIsValidatedAndProbed(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "3", "6", "b", "a", "d", " ", "h", "enter")
	if m.s.Screen != steps.ScreenRoomDomain || !strings.Contains(text(m), "does not look like a domain") {
		t.Fatalf("a bad domain was accepted: screen %s", m.s.Screen)
	}
	for range 5 {
		keys(m, "backspace")
	}
	drive(m, tea.PasteMsg{Content: "https://Rooms.Example.com/path\x1b[2J"})
	keys(m, "enter")
	if m.s.Screen != steps.ScreenCertCheck || m.s.RoomDomain != "rooms.example.com" {
		t.Fatalf("screen %s domain %q", m.s.Screen, m.s.RoomDomain)
	}
	if !strings.Contains(ansi.Strip(m.vp.GetContent()), "rooms.example.com:443") {
		t.Fatalf("the room's domain was not probed:\n%s", ansi.Strip(m.vp.GetContent()))
	}
}

func TestSaveWritesMarkdownAndJSON(t *testing.T) {
	t.Parallel()
	e := code6Engine()
	m := newModel(t, e)
	keys(m, "4", "s")
	files, _ := filepath.Glob(filepath.Join(m.opts.ReportDir, "certwiz-report-*"))
	if len(files) != 2 {
		t.Fatalf("saved %v, want a .md and a .json", files)
	}
	md, err := os.ReadFile(files[1]) // .md sorts after .json
	// code 6 from an unnamed issuer on a network suggested as home: the
	// home interception remedy (the verdict's rule).
	if err != nil || !strings.Contains(string(md), "remedy-interception-home") {
		t.Fatalf("markdown report: %q, %v", md, err)
	}
	squash := strings.NewReplacer("\n", "", " ", "")
	if !strings.Contains(squash.Replace(text(m)), squash.Replace(files[1])) {
		t.Fatalf("the saved path is not shown:\n%s", text(m))
	}
	keys(m, "2") // the "save" choice saves again without overwriting
	files, _ = filepath.Glob(filepath.Join(m.opts.ReportDir, "certwiz-report-*"))
	if len(files) != 4 {
		t.Fatalf("second save gave %v", files)
	}
}

func TestSaveFailureIsReported(t *testing.T) {
	t.Parallel()
	m := New(Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, ReportDir: filepath.Join(t.TempDir(), "missing")})
	keys(m, "4", "s")
	if !strings.Contains(text(m), "Could not save the report") {
		t.Fatalf("no failure notice:\n%s", text(m))
	}
}

func TestCopyUsesOSC52(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	keys(m, "4")
	msg := copyCmd(m.opts.Engine, m.lang, m.s)()
	ready, ok := msg.(copyReadyMsg)
	if !ok || !strings.Contains(ready.markdown, "certwiz report") {
		t.Fatalf("copy produced %#v", msg)
	}
	_, cmd := m.Update(ready)
	if cmd == nil || cmd() == nil {
		t.Fatal("no clipboard command")
	}
	if !strings.Contains(text(m), "clipboard") {
		t.Fatal("copy was not confirmed")
	}
}

func TestSpinnerStopsWhenIdle(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	m.s = steps.Next(m.s, steps.Choose{Choice: steps.ChoosePersonal}) // running, results not delivered
	if !m.s.Running() {
		t.Fatal("expected running probes")
	}
	m.spinning = true
	if _, cmd := m.Update(m.spin.Tick()); cmd == nil {
		t.Fatal("the spinner stopped while probes run")
	}
	m.s = steps.New(testHosts)
	if _, cmd := m.Update(m.spin.Tick()); cmd != nil || m.spinning {
		t.Fatal("the spinner keeps ticking with nothing running")
	}
}

func TestHostileStringsAreEscaped(t *testing.T) {
	t.Parallel()
	e := code6Engine()
	evil := "evil\x1b]52;c;ZXZpbA==\x07\u202eexample"
	e.targets["zoom.us"] = steps.TargetFacts{Host: "zoom.us", Port: 443, Code: 6, Interceptor: evil, Err: evil,
		Findings: []findings.Finding{findings.Finding{ID: "cert.untrusted-issuer", Code: 6, Severity: findings.Critical, Summary: evil}.With("issuer", evil)}}
	e.network.Reasons = []verdict.Reason{{Key: "proxy", Args: map[string]string{"proxy": evil}}}
	m := newModel(t, e)
	keys(m, "4")
	body := m.vp.GetContent() + m.View().Content
	if strings.ContainsAny(body, "\x07\u202e") || strings.Contains(body, "\x1b]52") {
		t.Fatalf("a hostile sequence reached the terminal: %q", body)
	}
	if !strings.Contains(body, `\x1b]52`) || !strings.Contains(body, `\u202e`) {
		t.Fatal("the escaped form is not shown")
	}
}

func TestWideTerminalUsesTheSpace(t *testing.T) {
	t.Parallel()
	m := newModel(t, code6Engine())
	drive(m, tea.WindowSizeMsg{Width: 160, Height: 50})
	keys(m, "1")
	widest := 0
	for _, l := range strings.Split(text(m), "\n") {
		widest = max(widest, len(strings.TrimRight(l, " ")))
	}
	if widest <= 80 || widest > maxTextWidth+2 {
		t.Fatalf("widest text line = %d on a 160-column terminal", widest)
	}
	if n := len(strings.Split(text(m), "\n")); n != 50 {
		t.Fatalf("frame has %d lines, want 50", n)
	}
}
