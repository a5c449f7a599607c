package sshserve

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
)

// Verdicter is implemented by wizard models that can say, when they quit,
// what they concluded; the verdict is logged with the session's end.
type Verdicter interface {
	Verdict() string
}

// resizePoll is how often a wizard session re-reads its PTY's size, to
// catch window changes that charm.land/ssh applied to the PTY itself.
const resizePoll = 500 * time.Millisecond

// hangupGrace is how long a wizard whose client vanished may take to stop
// before its PTY is closed under it.
const hangupGrace = 3 * time.Second

// runWizard runs one Bubble Tea program for the session on its PTY and
// returns the exit status and the model's verdict (if it offers one).
func (s *Server) runWizard(ls *liveSession) (int, string) {
	sess := ls.sess
	pty, winCh, _ := sess.Pty()
	env := sessionEnv(sess.Environ(), pty.Term)
	inner := s.cfg.NewModel(sess, env)
	if inner == nil {
		return s.refuse(ls, "the wizard is not available on this server."), ""
	}
	model := &sessionModel{inner: inner}
	p := tea.NewProgram(model, programOptions(sess, pty, env)...)

	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	go forwardResizes(ctx, p, pty, winCh)
	ls.setWork(p, nil)
	// A vanished client: stop the program, and if it hangs on a full PTY,
	// close the PTY under it.
	var finished atomic.Bool
	stopHangup := context.AfterFunc(sess.Context(), func() {
		go p.Kill()
		time.AfterFunc(hangupGrace, func() {
			if !finished.Load() {
				closePty(pty)
			}
		})
	})

	final, err := p.Run()
	finished.Store(true)
	stopHangup()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		s.log.Error("wizard stopped with an error", "session", ls.id, "error", err)
	}
	drainPty(pty)
	verdict := ""
	if m, ok := final.(*sessionModel); ok {
		if v, ok := m.inner.(Verdicter); ok {
			verdict = logValue(v.Verdict())
		}
	}
	if err != nil && ls.endedBy() == endNone {
		return 1, verdict
	}
	return 0, verdict
}

// programOptions builds the per-session program options: the session's
// PTY, size and environment, no process-wide signal handling (the server
// owns SIGINT/SIGTERM), and a colourless profile when the client sent a
// non-empty NO_COLOR (Bubble Tea alone only honours boolean values).
func programOptions(sess ssh.Session, pty ssh.Pty, env []string) []tea.ProgramOption {
	opts := []tea.ProgramOption{
		tea.WithEnvironment(env),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height),
		tea.WithoutSignalHandler(),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok { // nothing to suspend to over SSH
				return tea.ResumeMsg{}
			}
			return msg
		}),
	}
	if in, out, ok := ptyFiles(pty); ok {
		opts = append(opts, tea.WithInput(in), tea.WithOutput(out))
	} else {
		opts = append(opts, tea.WithInput(sess), tea.WithOutput(sess), tea.WithColorProfile(colorprofile.Env(env)))
	}
	if noColor(env) {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	return opts
}

// forwardResizes turns the client's window changes into WindowSizeMsg and
// keeps the PTY's size in step.
func forwardResizes(ctx context.Context, p *tea.Program, pty ssh.Pty, winCh <-chan ssh.Window) {
	w, h := pty.Window.Width, pty.Window.Height
	send := func(nw, nh int) {
		if nw > 0 && nh > 0 && (nw != w || nh != h) {
			w, h = nw, nh
			p.Send(tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
	tick := time.NewTicker(resizePoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case win, ok := <-winCh:
			if !ok {
				winCh = nil
				continue
			}
			resizePty(pty, win.Width, win.Height)
			send(win.Width, win.Height)
		case <-tick.C:
			if nw, nh, ok := ptySize(pty); ok {
				send(nw, nh)
			}
		}
	}
}

// endMsg asks sessionModel to show a notice and quit after a while.
type endMsg struct {
	notice string
	after  time.Duration
}

// quitNowMsg is the end of an endMsg's wait.
type quitNowMsg struct{}

// sessionModel wraps the injected wizard so the server can put a notice on
// top of it and quit it (shutdown, idle, session length) without the
// wizard knowing about SSH.
type sessionModel struct {
	inner  tea.Model
	notice string
}

// Init starts the wizard.
func (m *sessionModel) Init() tea.Cmd { return m.inner.Init() }

// Update handles the server's messages and passes everything else on.
func (m *sessionModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case endMsg:
		m.notice = msg.notice
		if msg.after <= 0 {
			return m, tea.Quit
		}
		return m, tea.Tick(msg.after, func(time.Time) tea.Msg { return quitNowMsg{} })
	case quitNowMsg:
		return m, tea.Quit
	}
	next, cmd := m.inner.Update(msg)
	m.inner = next
	return m, cmd
}

// View is the wizard's view, with the server's notice on top.
func (m *sessionModel) View() tea.View {
	v := m.inner.View()
	if m.notice != "" {
		v.Content = "\x1b[1;7m " + m.notice + " \x1b[0m\n" + v.Content
	}
	return v
}

// sessionEnv keeps the client's terminal and language variables (values up
// to 256 bytes) and sets TERM from the PTY request.
func sessionEnv(environ []string, term string) []string {
	var env []string
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || len(v) > 256 || k == "TERM" {
			continue
		}
		switch {
		case k == "COLORTERM", k == "NO_COLOR", k == "CLICOLOR", k == "CLICOLOR_FORCE",
			k == "LANG", k == "LANGUAGE", strings.HasPrefix(k, "LC_"), strings.HasPrefix(k, "CERTWIZ_"):
			env = append(env, kv)
		}
	}
	if term != "" {
		env = append(env, "TERM="+term)
	}
	return env
}

// noColor follows no-color.org: NO_COLOR set to any non-empty value.
func noColor(env []string) bool {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}
