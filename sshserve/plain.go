package sshserve

import (
	"context"
	"io"
	"strings"

	"charm.land/ssh"
)

// wantsPlain reports whether a session asked for the plain (screen-reader)
// wizard: a dumb terminal, or CERTWIZ_PLAIN set to anything but "" or "0"
// (`ssh -o SetEnv=CERTWIZ_PLAIN=1 -t HOST`).
func wantsPlain(env []string) bool {
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "TERM" && v == "dumb":
			return true
		case k == "CERTWIZ_PLAIN" && v != "" && v != "0":
			return true
		}
	}
	return false
}

// runPlain runs the injected plain-mode wizard on the session's PTY. The
// PTY is a real one where the platform has it (line editing, echo and
// Enter behave as on a local terminal); the session's end (idle, maximum
// time, shutdown) cancels it.
func (s *Server) runPlain(ls *liveSession) int {
	sess := ls.sess
	pty, _, _ := sess.Pty()
	env := sessionEnv(sess.Environ(), pty.Term)
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	ls.setWork(nil, cancel)
	var in io.Reader = sess
	var out io.Writer = ssh.NewPtyWriter(sess) // an emulated PTY: lines need CR LF
	if i, o, ok := ptyFiles(pty); ok {
		in, out = i, o
	}
	err := s.cfg.Plain(ctx, env, in, out)
	drainPty(pty)
	if err != nil && ctx.Err() == nil {
		s.log.Error("plain wizard stopped with an error", "session", ls.id, "error", err)
		return 1
	}
	return 0
}
