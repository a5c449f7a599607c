package sshserve

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// endReason says why the server ended a session.
type endReason int

const (
	endNone endReason = iota
	endIdle
	endTooLong
	endShutdown
)

// liveSession is one open session, as the limits and Shutdown see it.
type liveSession struct {
	id    string
	sess  ssh.Session
	start time.Time
	s     *Server

	mu      sync.Mutex
	reason  endReason
	grace   time.Duration
	program *tea.Program       // wizard sessions
	cancel  context.CancelFunc // check sessions
	stopped bool               // the session's work has returned
}

var sessionSeq atomic.Uint64

// end asks the session to stop for reason; the first reason wins. Wizard
// sessions show a notice for grace and quit; idle and over-long checks are
// cancelled; during shutdown a running check is told and may finish.
func (ls *liveSession) end(reason endReason, grace time.Duration) {
	ls.mu.Lock()
	if ls.reason != endNone || ls.stopped {
		ls.mu.Unlock()
		return
	}
	ls.reason, ls.grace = reason, grace
	p, cancel := ls.program, ls.cancel
	ls.mu.Unlock()
	ls.s.log.Info("ending session", "session", ls.id, "reason", reason.String())
	switch {
	case p != nil:
		go p.Send(endMsg{notice: reason.notice(grace), after: grace})
	case cancel != nil && reason != endShutdown:
		cancel()
	case cancel != nil:
		ls.s.say(ls.sess, "certwiz serve is stopping; this check may still finish.")
	}
}

// endedBy returns why the server ended the session, if it did.
func (ls *liveSession) endedBy() endReason {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.reason
}

// setWork registers what end must stop; if end came first, it applies now.
func (ls *liveSession) setWork(p *tea.Program, cancel context.CancelFunc) {
	ls.mu.Lock()
	ls.program, ls.cancel = p, cancel
	reason, grace := ls.reason, ls.grace
	ls.reason = endNone
	ls.mu.Unlock()
	if reason != endNone {
		ls.end(reason, grace)
	}
}

// finish marks the session's work as returned, so end no longer applies.
func (ls *liveSession) finish() {
	ls.mu.Lock()
	ls.stopped = true
	ls.mu.Unlock()
}

func (r endReason) String() string {
	switch r {
	case endIdle:
		return "idle"
	case endTooLong:
		return "max-session-time"
	case endShutdown:
		return "shutdown"
	}
	return "none"
}

// notice is the line shown in the wizard while it closes.
func (r endReason) notice(grace time.Duration) string {
	if r == endShutdown && grace > 0 {
		return fmt.Sprintf("certwiz serve is stopping: this session closes in %d s.", int(grace.Round(time.Second)/time.Second))
	}
	return r.goodbye()
}

// goodbye is the line printed after the session was ended by the server.
func (r endReason) goodbye() string {
	switch r {
	case endIdle:
		return "certwiz serve closed this session because nothing was typed for too long."
	case endTooLong:
		return "certwiz serve closed this session because it reached the maximum session length."
	case endShutdown:
		return "certwiz serve was stopped by its operator; please connect again later."
	}
	return ""
}

// handleSession is the ssh.Handler for every session that asked for a
// shell or a command.
func (s *Server) handleSession(sess ssh.Session) {
	st := connStateOf(sess.Context())
	if st != nil && s.cfg.InsecureNoAuth {
		st.authed.Store(true)
	}
	ls := &liveSession{
		id:    fmt.Sprintf("%d", sessionSeq.Add(1)),
		sess:  sess,
		start: s.now(),
		s:     s,
	}
	pty, _, hasPty := sess.Pty()
	cmd := sess.Command()
	s.log.Info("session", "session", ls.id, "user", logValue(sess.User()), "remote", sess.RemoteAddr().String(),
		"command", redactCommand(cmd), "pty", hasPty, "term", logValue(pty.Term),
		"width", pty.Window.Width, "height", pty.Window.Height)

	if busy := s.admit(ls); busy != "" {
		s.log.Warn("session turned away", "session", ls.id, "reason", busy)
		s.say(sess, busy)
		_ = sess.Exit(ExitBusy)
		return
	}
	defer s.release(ls)
	stopWatch := s.watch(ls, st)
	defer stopWatch()

	if st != nil && st.refusedRequests.Load() > 0 {
		s.say(sess, "certwiz serve does not use agent or X11 forwarding; those requests were refused.")
	}
	var status int
	var verdict string
	isCheck := false
	switch {
	case len(cmd) == 0 && strings.TrimSpace(sess.RawCommand()) == "":
		if !hasPty {
			status = s.refuse(ls, "the wizard needs a terminal: connect with `ssh -t HOST`, or run `ssh HOST check --json` for a report.")
			break
		}
		if s.cfg.Plain != nil && wantsPlain(sessionEnv(sess.Environ(), pty.Term)) {
			status = s.runPlain(ls)
			break
		}
		status, verdict = s.runWizard(ls)
	case cmd[0] == "check":
		isCheck = true
		status = s.runCheck(ls, cmd[1:])
	default:
		status = s.refuse(ls, "certwiz serve runs only the wizard (`ssh -t HOST`) and `check [flags] [HOST[:PORT]...]`; "+quoteForUser(sess.RawCommand())+" is not available.")
	}
	ls.finish()
	// A check that finished during shutdown keeps its own status.
	if r := ls.endedBy(); r != endNone && (r != endShutdown || !isCheck) {
		s.say(sess, r.goodbye())
		status = ExitEnded
	}
	s.log.Info("session end", "session", ls.id, "status", status, "verdict", verdict,
		"ended_by_server", ls.endedBy().String(), "duration", s.now().Sub(ls.start).Round(time.Millisecond))
	_ = sess.Exit(status)
}

// refuse tells the client why and returns ExitRefused.
func (s *Server) refuse(ls *liveSession, msg string) int {
	s.log.Warn("request refused", "session", ls.id, "command", redactCommand(ls.sess.Command()))
	s.say(ls.sess, msg)
	return ExitRefused
}

// admit takes a session slot; it returns a message for the client when
// there is none.
func (s *Server) admit(ls *liveSession) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return "certwiz serve is stopping; please connect again later."
	case len(s.sessions) >= s.cfg.MaxSessions:
		return fmt.Sprintf("certwiz serve is busy: all %d sessions are in use. Please try again in a few minutes.", s.cfg.MaxSessions)
	}
	s.sessions[ls] = struct{}{}
	return ""
}

func (s *Server) release(ls *liveSession) {
	s.mu.Lock()
	delete(s.sessions, ls)
	s.mu.Unlock()
}

// say writes one line to the session's stderr, with a CR when a terminal
// is attached (the client's terminal is in raw mode then).
func (s *Server) say(sess ssh.Session, line string) {
	if line == "" {
		return
	}
	eol := "\n"
	if _, _, ok := sess.Pty(); ok {
		eol = "\r\n"
	}
	_, _ = fmt.Fprint(sess.Stderr(), line+eol)
}

// watch arms the idle and maximum-length limits for ls and returns the
// function that disarms them.
func (s *Server) watch(ls *liveSession, st *connState) (stop func()) {
	var mu sync.Mutex
	stopped := false
	var idle *time.Timer
	check := func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		var quiet time.Duration
		if st != nil {
			quiet = st.idleFor(s.now())
		} else {
			quiet = s.now().Sub(ls.start)
		}
		if quiet >= s.cfg.IdleTimeout {
			go ls.end(endIdle, 0)
			return
		}
		idle.Reset(s.cfg.IdleTimeout - quiet)
	}
	mu.Lock()
	idle = time.AfterFunc(s.cfg.IdleTimeout, check)
	mu.Unlock()
	long := time.AfterFunc(s.cfg.MaxSessionTime, func() { ls.end(endTooLong, 0) })
	return func() {
		mu.Lock()
		stopped = true
		idle.Stop()
		mu.Unlock()
		long.Stop()
	}
}
