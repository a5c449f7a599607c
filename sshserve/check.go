package sshserve

import (
	"context"
	"io"
	"slices"
	"strings"

	"charm.land/ssh"
)

// runCheck runs the injected check command with the session as its
// stdout and stderr and returns its exit status.
func (s *Server) runCheck(ls *liveSession, args []string) int {
	if s.cfg.Check == nil {
		return s.refuse(ls, "`check` is not available on this server.")
	}
	if flag := refusedFlag(args, s.cfg.ClientCheckFlags); flag != "" {
		return s.refuse(ls, quoteForUser(flag)+" is not available over SSH: the server's operator sets how the check runs "+
			"(the flags given to certwiz serve); a check over SSH takes targets and "+strings.Join(s.cfg.ClientCheckFlags, ", ")+" only.")
	}
	ctx, cancel := context.WithCancel(ls.sess.Context())
	defer cancel()
	ls.setWork(nil, cancel)
	var stdout, stderr io.Writer = ls.sess, ls.sess.Stderr()
	if _, _, ok := ls.sess.Pty(); ok {
		// With a PTY the client's terminal is raw: lines need CR LF.
		stdout, stderr = ssh.NewPtyWriter(stdout), ssh.NewPtyWriter(stderr)
	}
	status := s.cfg.Check(ctx, args, stdout, stderr)
	s.log.Info("check finished", "session", ls.id, "status", status)
	return status
}

// refusedFlag returns the first flag in args that is not in allowed (as
// "--flag" or "--flag=value"), or "" if there is none. Arguments that do
// not start with "-" are targets (or the value of an allowed flag), and
// arguments after "--" are targets.
func refusedFlag(args, allowed []string) string {
	for _, a := range args {
		if a == "--" {
			return ""
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name, _, _ := strings.Cut(a, "=")
		if !slices.Contains(allowed, name) {
			return name
		}
	}
	return ""
}

// redactCommand prepares a command line for the log: each argument is
// made inert and cut short, and credentials in URLs (user:password@) are
// replaced.
func redactCommand(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		prefix, val := "", a
		if k, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(k, "-") {
			prefix, val = k+"=", v
		}
		if at := strings.LastIndex(val, "@"); at >= 0 {
			scheme := ""
			if j := strings.Index(val, "://"); j >= 0 && j < at {
				scheme = val[:j+3]
			}
			val = scheme + "REDACTED@" + val[at+1:]
		}
		out[i] = prefix + val
	}
	return logValue(strings.Join(out, " "))
}
