package sshserve

import (
	"context"
	"net"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// connStateKey stores a *connState in a connection's ssh.Context.
var connStateKey = &struct{ name string }{"certwiz-conn-state"}

// connState is what the server tracks about one TCP connection.
type connState struct {
	remote   string // "ip:port"
	ip       string
	start    time.Time
	lastRead atomic.Int64 // unix nanoseconds of the last bytes from the client
	authed   atomic.Bool
	refused  atomic.Int32 // offered keys that were refused
	// noKey counts refused attempts without a key (none, password,
	// keyboard-interactive).
	noKey atomic.Int32
	// pending is true while the connection counts as unauthenticated in
	// Server.unauth.
	pending atomic.Bool
	// refusedRequests counts agent and X11 forwarding requests refused
	// on this connection (reported to the client once per session).
	refusedRequests atomic.Int32
}

func connStateOf(ctx context.Context) *connState {
	st, _ := ctx.Value(connStateKey).(*connState)
	return st
}

// idleFor returns how long the client has sent nothing.
func (st *connState) idleFor(now time.Time) time.Duration {
	return now.Sub(time.Unix(0, st.lastRead.Load()))
}

// activityConn records when the client last sent bytes.
type activityConn struct {
	net.Conn
	st  *connState
	now func() time.Time
}

func (c *activityConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.st.lastRead.Store(c.now().UnixNano())
	}
	return n, err //nolint:wrapcheck // net.Conn semantics
}

// maxConnsOverSessions is how many connections beyond MaxSessions may be
// open at once (handshakes in progress, clients between sessions).
const maxConnsOverSessions = 32

// onConnect admits or turns away a new TCP connection before the SSH
// handshake.
func (s *Server) onConnect(ctx ssh.Context, conn net.Conn) net.Conn {
	remote := conn.RemoteAddr().String()
	ip := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		ip = h
	}
	s.mu.Lock()
	reason := ""
	switch {
	case s.closing:
		reason = "server is stopping"
	case s.limiter.blocked(ip):
		reason = "too many failed logins from this address in the last minute"
	case s.unauth[ip] >= s.cfg.MaxStartupsPerAddr:
		reason = "too many connections from this address that have not logged in"
	case s.unauthN >= s.cfg.MaxStartups:
		reason = "too many connections that have not logged in"
	case s.conns >= s.cfg.MaxSessions+maxConnsOverSessions+s.cfg.MaxStartups:
		reason = "too many open connections"
	default:
		s.conns++
		s.unauth[ip]++
		s.unauthN++
	}
	s.mu.Unlock()
	if reason != "" {
		if s.refusal.allow(ip) {
			s.log.Warn("connection refused", "remote", remote, "reason", reason)
		}
		return nil
	}
	st := &connState{remote: remote, ip: ip, start: s.now()}
	st.pending.Store(true)
	st.lastRead.Store(st.start.UnixNano())
	ctx.SetValue(connStateKey, st)
	if s.connLog.allow(ip) {
		s.log.Info("connect", "remote", remote)
	}
	context.AfterFunc(ctx, func() { s.onDisconnect(st) })
	return &activityConn{Conn: conn, st: st, now: s.now}
}

// loggedIn moves st out of the unauthenticated count (once).
func (s *Server) loggedIn(st *connState) {
	st.authed.Store(true)
	s.releaseStartup(st)
}

// releaseStartup drops st from the unauthenticated counts, once.
func (s *Server) releaseStartup(st *connState) {
	if !st.pending.CompareAndSwap(true, false) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unauth[st.ip]--; s.unauth[st.ip] <= 0 {
		delete(s.unauth, st.ip)
	}
	s.unauthN--
}

// summariseRefusals logs, once per logWindow, how many refusal and
// unauthenticated connect/disconnect lines the throttles held back, until
// the server stops.
func (s *Server) summariseRefusals() {
	t := time.NewTicker(logWindow)
	defer t.Stop()
	for {
		select {
		case <-s.served:
			return
		case <-t.C:
		}
		for _, th := range []struct {
			t   *logThrottle
			msg string
		}{{s.refusal, "connections refused (log lines held back)"}, {s.connLog, "connections before login (log lines held back)"}} {
			each, restLines, restAddrs := th.t.drain()
			for _, h := range each {
				s.log.Warn(th.msg, "remote_ip", h.addr, "count", h.lines, "period", logWindow)
			}
			if restLines > 0 {
				s.log.Warn(th.msg, "addresses", restAddrs, "count", restLines, "period", logWindow)
			}
		}
	}
}

// onDisconnect runs once a connection has closed.
func (s *Server) onDisconnect(st *connState) {
	s.releaseStartup(st)
	s.mu.Lock()
	s.conns--
	s.mu.Unlock()
	dur := s.now().Sub(st.start)
	authed := st.authed.Load()
	// As OpenSSH's PerSourcePenalties: a login that failed, offered no key,
	// or stayed silent past the grace time counts against its address.
	if !authed && (st.refused.Load() > 0 || st.noKey.Load() > 0 || dur >= s.cfg.LoginGraceTime) {
		n := s.limiter.fail(st.ip)
		if s.connLog.allow(st.ip) {
			s.log.Warn("login failed", "remote", st.remote, "failures_last_minute", n, "limit", s.cfg.AuthFailuresPerMinute,
				"grace_time_exceeded", dur >= s.cfg.LoginGraceTime)
		}
	}
	if authed || s.connLog.allow(st.ip) {
		s.log.Info("disconnect", "remote", st.remote, "authenticated", authed, "duration", dur.Round(time.Millisecond))
	}
}

// checkKey is the public-key authentication handler.
func (s *Server) checkKey(ctx ssh.Context, key ssh.PublicKey) bool {
	st := connStateOf(ctx)
	fp := gossh.FingerprintSHA256(key)
	list, changed, err := s.keys.load()
	if err != nil {
		s.log.Error("authorized keys unreadable; refusing every key", "error", err)
	} else if changed {
		s.logKeysLoaded(list)
	}
	ip := ""
	if st != nil {
		ip = st.ip
	}
	_, ok, why := list.match(key, ip, s.now())
	ok = ok && err == nil
	if ok && st != nil && s.limiter.blocked(st.ip) {
		ok = false
	}
	if why != "" {
		s.log.Warn("authorized key not admitted by its options", "remote", ctx.RemoteAddr().String(), "key", fp, "reason", why)
	}
	if !ok {
		if st != nil {
			st.refused.Add(1)
		}
		s.log.Warn("auth refused", "user", logValue(ctx.User()), "remote", ctx.RemoteAddr().String(), "key_type", key.Type(), "key", fp)
	}
	return ok
}

// serverConfig returns the per-connection crypto/ssh settings: a bounded
// number of attempts, the accounting of every attempt, and a log line
// once a key has proved itself.
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	cfg := &gossh.ServerConfig{MaxAuthTries: 6}
	// Every attempt passes here: a success ends the connection's
	// unauthenticated time; an attempt without a key (none, password,
	// keyboard-interactive) that fails counts towards a failed login.
	cfg.AuthLogCallback = func(_ gossh.ConnMetadata, method string, err error) {
		st := connStateOf(ctx)
		switch {
		case st == nil:
		case err == nil:
			s.loggedIn(st)
		case method != "publickey":
			st.noKey.Add(1)
		}
	}
	if s.cfg.InsecureNoAuth {
		return cfg
	}
	cfg.VerifiedPublicKeyCallback = func(conn gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
		s.log.Info("auth accepted", "user", logValue(conn.User()), "remote", conn.RemoteAddr().String(),
			"key_type", key.Type(), "key", gossh.FingerprintSHA256(key), "client", logValue(string(conn.ClientVersion())))
		return perms, nil
	}
	return cfg
}
