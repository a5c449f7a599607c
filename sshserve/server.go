package sshserve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// ErrServerClosed is returned by ListenAndServe after Shutdown or Close.
var ErrServerClosed = ssh.ErrServerClosed

// backstop is added to IdleTimeout and MaxSessionTime for the
// connection-level deadlines, which close a connection without a word;
// the per-session limits, which explain themselves, fire first.
const backstop = time.Minute

// Server is one certwiz SSH server. Create it with New.
type Server struct {
	cfg     Config
	log     *slog.Logger
	srv     *ssh.Server
	ln      net.Listener
	signer  gossh.Signer
	keys    *authorizedKeys
	limiter *failureLimiter
	refusal *logThrottle // "connection refused" lines
	connLog *logThrottle // connect and unauthenticated disconnect lines
	now     func() time.Time

	mu       sync.Mutex
	closing  bool
	conns    int
	unauth   map[string]int // unauthenticated connections per address
	unauthN  int            // and in all
	sessions map[*liveSession]struct{}
	served   chan struct{} // closed when ListenAndServe returns
}

// New validates cfg, loads or creates the host key, reads the authorized
// keys and binds cfg.Listen, so that Addr and HostKeyFingerprint are known
// before ListenAndServe.
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		keys:     &authorizedKeys{path: cfg.AuthorizedKeysPath},
		limiter:  newFailureLimiter(cfg.AuthFailuresPerMinute, time.Now),
		refusal:  newLogThrottle(time.Now),
		connLog:  newLogThrottle(time.Now),
		unauth:   map[string]int{},
		now:      time.Now,
		sessions: map[*liveSession]struct{}{},
		served:   make(chan struct{}),
	}
	// Every file is checked before anything is logged or created, so a
	// bad one is the only line the operator sees.
	var list keyList
	if !cfg.InsecureNoAuth {
		if list, _, err = s.keys.load(); err != nil {
			return nil, fmt.Errorf("%w (put the public keys of the helpdesk staff there, one per line)", err)
		}
	}
	signer, created, err := loadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s.signer = signer
	if created {
		s.log.Info("host key created", "path", cfg.HostKeyPath, "fingerprint", s.HostKeyFingerprint())
	}
	if cfg.InsecureNoAuth {
		s.log.Warn("INSECURE: --insecure-no-auth admits anyone who can reach " + cfg.Listen + " without a key")
	} else {
		s.logKeysLoaded(list)
		if len(list.keys) == 0 {
			s.log.Warn("no authorized keys yet: nobody can log in until keys are added", "path", cfg.AuthorizedKeysPath)
		}
	}
	if s.srv, err = s.newSSHServer(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	if cfg.InsecureNoAuth {
		if a, ok := ln.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
			_ = ln.Close()
			return nil, fmt.Errorf("--insecure-no-auth only binds loopback, but %s is %s", cfg.Listen, ln.Addr())
		}
	}
	s.ln = ln
	return s, nil
}

// newSSHServer builds the charm.land/ssh server with every policy wired in.
func (s *Server) newSSHServer() (*ssh.Server, error) {
	srv := &ssh.Server{
		Handler:              s.handleSession,
		HostSigners:          []ssh.Signer{s.signer},
		Version:              "certwiz",
		ConnCallback:         s.onConnect,
		ServerConfigCallback: s.serverConfig,
		ChannelHandlers:      s.channelHandlers(),
		RequestHandlers:      s.requestHandlers(),
		SubsystemHandlers:    map[string]ssh.SubsystemHandler{"default": s.refuseSubsystem},
		HandshakeTimeout:     s.cfg.LoginGraceTime,
		IdleTimeout:          s.cfg.IdleTimeout + backstop,
		MaxTimeout:           s.cfg.MaxSessionTime + backstop,
		ConnectionFailedCallback: func(conn net.Conn, err error) {
			s.log.Debug("handshake failed", "remote", conn.RemoteAddr().String(), "error", err)
		},
	}
	if !s.cfg.InsecureNoAuth {
		// Public keys only: no password or keyboard-interactive handler is
		// set, and having this one keeps NoClientAuth off.
		srv.PublicKeyHandler = s.checkKey
	}
	if err := srv.SetOption(ptyOption()); err != nil {
		return nil, fmt.Errorf("configure PTY allocation: %w", err)
	}
	return srv, nil
}

// Addr is the bound listen address (useful when Listen has port 0).
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// HostKeyFingerprint is the host key's SHA256 fingerprint as OpenSSH
// prints it ("SHA256:...").
func (s *Server) HostKeyFingerprint() string { return gossh.FingerprintSHA256(s.signer.PublicKey()) }

// ListenAndServe serves connections on the address bound by New until
// Shutdown or Close, and then returns ErrServerClosed.
func (s *Server) ListenAndServe() error {
	defer close(s.served)
	s.log.Info("listening", "addr", s.ln.Addr().String(), "host_key", s.HostKeyFingerprint(),
		"max_sessions", s.cfg.MaxSessions, "idle_timeout", s.cfg.IdleTimeout, "max_session_time", s.cfg.MaxSessionTime,
		"login_grace_time", s.cfg.LoginGraceTime, "max_startups_per_addr", s.cfg.MaxStartupsPerAddr, "max_startups", s.cfg.MaxStartups)
	go s.summariseRefusals()
	err := s.srv.Serve(s.ln)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return ErrServerClosed
	}
	return fmt.Errorf("serve ssh: %w", err)
}

// Run serves until ctx is cancelled (for example by SIGTERM or SIGINT
// through signal.NotifyContext), then shuts down gracefully within
// Config.ShutdownGrace. It returns nil after a clean shutdown.
func (s *Server) Run(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	err := s.Shutdown(sctx)
	<-errc
	return err
}

// Shutdown stops accepting connections, tells every open session that the
// server is stopping, and waits for them to end until ctx is done; then it
// closes whatever is left and returns ctx's error.
//
// Wizard sessions show a notice and close shortly before ctx's deadline
// (at most DefaultShutdownGrace later); running checks finish if they can.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	open := make([]*liveSession, 0, len(s.sessions))
	for ls := range s.sessions {
		open = append(open, ls)
	}
	s.mu.Unlock()
	_ = s.ln.Close()

	grace := DefaultShutdownGrace
	if dl, ok := ctx.Deadline(); ok {
		grace = min(time.Until(dl)-500*time.Millisecond, DefaultShutdownGrace)
	}
	s.log.Info("shutting down", "open_sessions", len(open), "grace", grace.Round(time.Millisecond))
	for _, ls := range open {
		ls.end(endShutdown, max(grace, 0))
	}
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, net.ErrClosed) { // the listener New bound, closed above
		err = nil
	}
	if err != nil {
		_ = s.srv.Close()
		s.log.Warn("shutdown grace over; closed the remaining connections", "error", err)
		return fmt.Errorf("shut down certwiz serve: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// Close stops the server at once, dropping every connection.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	_ = s.ln.Close()
	if err := s.srv.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("close certwiz serve: %w", err)
	}
	return nil
}

// logKeysLoaded logs a (re)loaded authorized_keys file, with one warning
// per key left out for its options.
func (s *Server) logKeysLoaded(list keyList) {
	s.log.Info("authorized keys loaded", "path", s.keys.path, "keys", len(list.keys), "skipped_lines", list.skipped)
	for _, w := range list.warnings {
		s.log.Warn("authorized key skipped", "detail", w)
	}
}
