package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/sshserve"
	"github.com/certwiz/certwiz/wizard"
	"github.com/spf13/cobra"
)

type serveFlags struct {
	engine         checkFlags
	listen         string
	hostKey        string
	authorizedKeys string
	insecureNoAuth bool
	maxSessions    int
	idle, maxTime  time.Duration
	authFailures   int
	reportDir      string
}

func newServeCmd(sio IO) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Offer the wizard over SSH to helpdesk staff (probes run from this machine's network)",
		Long: "serve runs an SSH server that gives each helpdesk agent the certwiz wizard, with every probe " +
			"running from this machine's network. Only public-key logins listed in the authorized_keys file are " +
			"admitted. `ssh -t -p 2222 HOST` opens the wizard; `ssh -p 2222 HOST check --json` runs a check and " +
			"prints JSON; such a check runs with the engine flags given to serve (--ntp, --roots, --resolve...), and the " +
			"client adds only targets, --json and --lang. Shells, other commands, port and agent forwarding and subsystems are refused.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), sio, f, engineArgs(cmd.Flags()))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", sshserve.DefaultListen, "address to listen on")
	fl.StringVar(&f.hostKey, "host-key", "", "ed25519 host key file, created on first start (default: in the user config dir)")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "OpenSSH authorized_keys file of the agents allowed in (default: in the user config dir)")
	fl.BoolVar(&f.insecureNoAuth, "insecure-no-auth", false, "admit anyone without a key (loopback addresses only; for demos)")
	fl.IntVar(&f.maxSessions, "max-sessions", sshserve.DefaultMaxSessions, "concurrent sessions")
	fl.DurationVar(&f.idle, "idle-timeout", 10*time.Minute, "close a session after this long without input")
	fl.DurationVar(&f.maxTime, "max-session-time", 60*time.Minute, "close a session after this long")
	fl.IntVar(&f.authFailures, "auth-failures-per-minute", 10, "failed logins allowed per source address per minute")
	fl.StringVar(&f.reportDir, "report-dir", "", fmt.Sprintf("let the wizard save reports in this directory (at most %d per session, "+
		"names chosen by the server); without it nothing is written and save copies the report instead", maxSavesPerSession))
	addEngineFlags(cmd, &f.engine)
	return cmd
}

// runServe runs the server; engineArgs are the operator's engine flags,
// which every `ssh host check` runs with.
func runServe(ctx context.Context, sio IO, f serveFlags, engineArgs []string) error {
	cfg, _, err := engineConfig(ctx, f.engine, nil, sio.getenv)
	if err != nil {
		return err
	}
	hosts := hostList(cfg.Targets)
	save, err := servedSaving(f.reportDir)
	if err != nil {
		return err
	}
	// sessionOptions is one session's wizard: its own engine (its own
	// evidence), in the language the client's environment asks for.
	sessionOptions := func(env []string) wizard.Options {
		opts := save
		opts.Lang = content.DetectLang(envLookup(env))
		opts.Engine = diagnosis.NewEngine(cfg, Version())
		opts.Hosts = hosts
		opts.Env = env
		return opts
	}
	logger := slog.New(slog.NewTextHandler(sio.Err, nil))
	srv, err := sshserve.New(sshserve.Config{
		Listen:                f.listen,
		HostKeyPath:           f.hostKey,
		AuthorizedKeysPath:    f.authorizedKeys,
		InsecureNoAuth:        f.insecureNoAuth,
		MaxSessions:           f.maxSessions,
		IdleTimeout:           f.idle,
		MaxSessionTime:        f.maxTime,
		AuthFailuresPerMinute: f.authFailures,
		Logger:                logger,
		NewModel: func(s ssh.Session, env []string) tea.Model {
			opts := sessionOptions(env)
			if pty, _, ok := s.Pty(); ok {
				opts.Width, opts.Height = pty.Window.Width, pty.Window.Height
			}
			return wizard.New(opts)
		},
		Plain: func(ctx context.Context, env []string, in io.Reader, out io.Writer) error {
			opts := sessionOptions(env)
			opts.Plain = true
			return wizard.RunPlain(ctx, opts, in, out)
		},
		Check: func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
			return RunCheck(ctx, append(slices.Clip(engineArgs), args...), stdout, stderr)
		},
	})
	if err != nil {
		return &exitError{Status: ExitUnknown, Err: fmt.Errorf("serve: %w", err)}
	}
	fmt.Fprintf(sio.Err, "certwiz serve: listening on %s, host key %s\n", srv.Addr(), srv.HostKeyFingerprint())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx); err != nil {
		return &exitError{Status: ExitUnknown, Err: fmt.Errorf("serve: %w", err)}
	}
	return nil
}

// RunCheck runs `certwiz check ARGS` with the given output streams and
// returns its exit status; the SSH server uses it for `ssh host check`.
func RunCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := NewRoot(IO{In: bytes.NewReader(nil), Out: stdout, Err: stderr, Getenv: func(string) string { return "" }})
	root.SetArgs(append([]string{"check"}, args...))
	err := root.ExecuteContext(ctx)
	if err != nil {
		if ee, ok := err.(*exitError); !ok || ee.Err != nil {
			fmt.Fprintf(stderr, "certwiz: %v\n", err)
		}
	}
	return statusOf(err)
}

func envLookup(env []string) func(string) string {
	return func(k string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(env[i], k+"="); ok {
				return v
			}
		}
		return ""
	}
}
