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
	case s.conns >= s.cfg.MaxSessions+maxConnsOverSessions:
		reason = "too many open connections"
	default:
		s.conns++
	}
	s.mu.Unlock()
	if reason != "" {
		s.log.Warn("connection refused", "remote", remote, "reason", reason)
		return nil
	}
	st := &connState{remote: remote, ip: ip, start: s.now()}
	st.lastRead.Store(st.start.UnixNano())
	ctx.SetValue(connStateKey, st)
	s.log.Info("connect", "remote", remote)
	context.AfterFunc(ctx, func() { s.onDisconnect(st) })
	return &activityConn{Conn: conn, st: st, now: s.now}
}

// onDisconnect runs once a connection has closed.
func (s *Server) onDisconnect(st *connState) {
	s.mu.Lock()
	s.conns--
	s.mu.Unlock()
	if !st.authed.Load() && st.refused.Load() > 0 {
		n := s.limiter.fail(st.ip)
		s.log.Warn("login failed", "remote", st.remote, "failures_last_minute", n, "limit", s.cfg.AuthFailuresPerMinute)
	}
	s.log.Info("disconnect", "remote", st.remote, "authenticated", st.authed.Load(), "duration", s.now().Sub(st.start).Round(time.Millisecond))
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
// number of attempts and a log line once a key has proved itself.
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	cfg := &gossh.ServerConfig{MaxAuthTries: 6}
	if s.cfg.InsecureNoAuth {
		return cfg
	}
	cfg.VerifiedPublicKeyCallback = func(conn gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
		if st := connStateOf(ctx); st != nil {
			st.authed.Store(true)
		}
		s.log.Info("auth accepted", "user", logValue(conn.User()), "remote", conn.RemoteAddr().String(),
			"key_type", key.Type(), "key", gossh.FingerprintSHA256(key), "client", logValue(string(conn.ClientVersion())))
		return perms, nil
	}
	return cfg
}
