package sshserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// Defaults applied by New to zero fields of Config.
const (
	DefaultListen                = "127.0.0.1:2222"
	DefaultMaxSessions           = 16
	DefaultIdleTimeout           = 10 * time.Minute
	DefaultMaxSessionTime        = 60 * time.Minute
	DefaultAuthFailuresPerMinute = 10
	DefaultShutdownGrace         = 10 * time.Second
)

// Exit statuses of sessions that the server ends or turns away itself. The
// check command's own statuses (0-3) pass through unchanged.
const (
	ExitBusy    = 75  // every session slot is taken, or the server is stopping
	ExitEnded   = 124 // the server ended the session: idle, too long, shutting down
	ExitRefused = 126 // the request is not something certwiz serve offers
)

// DefaultRefusedCheckFlags are the `check` flags that name files on the
// serving machine; they are refused over SSH so a remote user cannot make
// the server read arbitrary local files (--roots, --ct-logs) or write
// one (--output).
var DefaultRefusedCheckFlags = []string{"--roots", "--ct-logs", "--output"}

// Config describes one certwiz SSH server. The zero value of every field
// except NewModel is usable.
type Config struct {
	// Listen is the TCP address to bind; DefaultListen when empty.
	Listen string
	// HostKeyPath is the ed25519 host key, created with mode 0600 when it
	// does not exist. Default: os.UserConfigDir()/certwiz/ssh_host_ed25519_key.
	HostKeyPath string
	// AuthorizedKeysPath lists the public keys allowed in, in OpenSSH
	// authorized_keys format (options are ignored). It is re-read when it
	// changes. Default: os.UserConfigDir()/certwiz/authorized_keys.
	AuthorizedKeysPath string
	// InsecureNoAuth admits every client without authentication. New
	// refuses it unless Listen is a loopback address, and logs a warning.
	InsecureNoAuth bool
	// MaxSessions caps concurrent sessions; DefaultMaxSessions when <= 0.
	MaxSessions int
	// IdleTimeout ends a session after this long without input from the
	// client; MaxSessionTime ends it after this long in total.
	IdleTimeout, MaxSessionTime time.Duration
	// AuthFailuresPerMinute caps failed logins (connections whose offered
	// keys were all refused) per source address in any minute; once reached,
	// that address is turned away until the minute has passed.
	AuthFailuresPerMinute int
	// ShutdownGrace is how long Run waits for open sessions after its
	// context is cancelled; DefaultShutdownGrace when <= 0.
	ShutdownGrace time.Duration
	// RefusedCheckFlags are check flags refused over SSH;
	// DefaultRefusedCheckFlags when nil.
	RefusedCheckFlags []string

	// NewModel builds the wizard for one session. env holds the session's
	// terminal-related environment (TERM, COLORTERM, NO_COLOR, CLICOLOR*,
	// LANG, LANGUAGE, LC_*, CERTWIZ_*). Required.
	NewModel func(s ssh.Session, env []string) tea.Model
	// Plain runs the plain (line-by-line, screen-reader) wizard on in and
	// out until the user quits or ctx ends. It is used instead of NewModel
	// for sessions whose terminal is "dumb" or that set CERTWIZ_PLAIN.
	// When nil, every session gets NewModel's wizard.
	Plain func(ctx context.Context, env []string, in io.Reader, out io.Writer) error
	// Check runs `certwiz check ARGS` writing to stdout/stderr and returns
	// its exit status. When nil, `check` is refused.
	Check func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	// Logger receives structured events; slog.Default() when nil. A
	// charm.land/log/v2 logger can be passed as slog.New(charmLogger).
	Logger *slog.Logger
}

// withDefaults returns cfg with every zero field filled in.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.HostKeyPath == "" || (cfg.AuthorizedKeysPath == "" && !cfg.InsecureNoAuth) {
		dir, err := os.UserConfigDir()
		if err != nil {
			return cfg, fmt.Errorf("find the user config directory for the default key paths: %w", err)
		}
		if cfg.HostKeyPath == "" {
			cfg.HostKeyPath = filepath.Join(dir, "certwiz", "ssh_host_ed25519_key")
		}
		if cfg.AuthorizedKeysPath == "" {
			cfg.AuthorizedKeysPath = filepath.Join(dir, "certwiz", "authorized_keys")
		}
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxSessionTime <= 0 {
		cfg.MaxSessionTime = DefaultMaxSessionTime
	}
	if cfg.AuthFailuresPerMinute <= 0 {
		cfg.AuthFailuresPerMinute = DefaultAuthFailuresPerMinute
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	if cfg.RefusedCheckFlags == nil {
		cfg.RefusedCheckFlags = DefaultRefusedCheckFlags
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.NewModel == nil {
		return cfg, errors.New("sshserve: Config.NewModel is required")
	}
	if cfg.InsecureNoAuth && !isLoopbackListen(cfg.Listen) {
		return cfg, fmt.Errorf("--insecure-no-auth only binds a loopback address, not %q", cfg.Listen)
	}
	return cfg, nil
}

// isLoopbackListen reports whether addr ("host:port") binds loopback only.
func isLoopbackListen(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
