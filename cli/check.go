package cli

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/boundedfile"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/ct"
	"github.com/certwiz/certwiz/probes/netdial"
	"github.com/certwiz/certwiz/probes/tlsprobe"
	"github.com/certwiz/certwiz/verdict"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// checkFlags are the flags of `certwiz check` (and the engine flags the
// wizard shares).
type checkFlags struct {
	json       bool
	roots      string
	installed  string
	ntp        []string
	captiveURL string
	resolve    []string
	timeout    time.Duration
	lang       string
	ctLogs     string
	stun       string
	skip       []string
	format     string // --format (cli/format.go)
	output     string // --output
}

// skippable are the probes --skip can leave out.
var skippable = []string{"clock", "captive", "network"}

func addEngineFlags(cmd *cobra.Command, f *checkFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.roots, "roots", "", "a PEM bundle that replaces the system trust store (and the public pool)")
	fl.StringVar(&f.installed, "installed-roots", "", "a PEM bundle of roots this machine's owner or IT installed: trusted, not public (no CT requirement)")
	fl.StringArrayVar(&f.ntp, "ntp", nil, "an NTP server HOST[:PORT] to ask (repeatable; replaces the defaults)")
	fl.StringVar(&f.captiveURL, "captive-url", "", "the captive-portal check's URL (default: Chromium's)")
	fl.StringArrayVar(&f.resolve, "resolve", nil, "connect to ADDR for HOST:PORT, given as HOST:PORT:ADDR like curl (repeatable)")
	fl.DurationVar(&f.timeout, "timeout", probes.DefaultTimeout, "total time budget of the check")
	fl.StringVar(&f.lang, "lang", "", "language: en or ja (default: from LC_ALL/LC_MESSAGES/LANG)")
	fl.StringVar(&f.ctLogs, "ct-logs", "", "a CT log list in Chrome's v3 JSON schema (replaces the built-in list)")
	fl.StringVar(&f.stun, "stun", "", "a STUN server HOST:PORT for testing the service's UDP ports")
}

func newCheckCmd(sio IO) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags] [HOST[:PORT]...]",
		Short: "Diagnose once and print the result (for people, scripts and monitoring)",
		Long: "check probes the service's hosts (default: " + strings.Join(DefaultTargets, ", ") + "), the device clock, " +
			"captive portals and the network at once, then prints what it found and the most likely cause.\n\n" +
			"Exit status: 0 OK, 1 WARNING (a problem that is not a certificate fault, e.g. clock skew), " +
			"2 CRITICAL (a certificate fault), 3 UNKNOWN (could not test, or bad usage).",
		Example: "  certwiz check\n  certwiz check --json zoom.us\n  certwiz check --resolve zoom.us:443:10.0.0.5 --lang ja",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), sio, f, args)
		},
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print one certwiz.report/v1 JSON document")
	cmd.Flags().StringSliceVar(&f.skip, "skip", nil, "leave out probes: "+strings.Join(skippable, ", ")+
		" (comma-separated or repeated; e.g. network on fleets that only watch the certificates)")
	addEngineFlags(cmd, &f)
	addOutputFlags(cmd, &f)
	return cmd
}

// engineConfig validates the engine flags and turns them into a probes.Config.
func engineConfig(ctx context.Context, f checkFlags, args []string, getenv func(string) string) (probes.Config, content.Lang, error) {
	var cfg probes.Config
	lang := content.DetectLang(getenv)
	if f.lang != "" {
		l, err := content.ParseLang(f.lang)
		if err != nil {
			return cfg, lang, usageError("--lang: %v", err)
		}
		lang = l
	}
	targets, err := parseTargets(args)
	if err != nil {
		return cfg, lang, usageError("%v", err)
	}
	cfg.Targets = targets
	if f.timeout <= 0 {
		return cfg, lang, usageError("--timeout must be positive, got %s", f.timeout)
	}
	cfg.Timeout = f.timeout
	if cfg.Resolve, err = netdial.ParseResolveList(f.resolve); err != nil {
		return cfg, lang, usageError("--resolve: %v", err)
	}
	for _, s := range f.ntp {
		if err := validateHostPort(s); err != nil {
			return cfg, lang, usageError("--ntp %q: %v", s, err)
		}
	}
	cfg.NTPServers = f.ntp
	if f.captiveURL != "" {
		u, err := url.Parse(f.captiveURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, lang, usageError("--captive-url %q: want an absolute http:// or https:// URL", f.captiveURL)
		}
		cfg.CaptiveURL = f.captiveURL
	}
	if f.roots != "" {
		pool, err := loadRoots(ctx, f.roots)
		if err != nil {
			return cfg, lang, usageError("--roots: %v", err)
		}
		cfg.Roots, cfg.PublicRoots = pool, pool
	}
	if f.installed != "" {
		certs, err := loadCerts(ctx, f.installed)
		if err != nil {
			return cfg, lang, usageError("--installed-roots: %v", err)
		}
		cfg.InstalledRoots = certs
	}
	if f.ctLogs != "" {
		data, err := boundedfile.ReadFile(ctx, f.ctLogs, ct.MaxLogListBytes)
		if err != nil {
			return cfg, lang, usageError("--ct-logs: %v", err)
		}
		ll, err := ct.ParseLogList(f.ctLogs, data)
		if err != nil {
			return cfg, lang, usageError("--ct-logs: %v", err)
		}
		cfg.CTLogs = ll
	}
	for _, name := range f.skip {
		switch strings.TrimSpace(name) {
		case "clock":
			cfg.SkipClock = true
		case "captive":
			cfg.SkipCaptive = true
		case "network":
			cfg.SkipNetwork = true
		default:
			return cfg, lang, usageError("--skip %q: want one of %s", name, strings.Join(skippable, ", "))
		}
	}
	if f.stun != "" {
		if err := validateHostPort(f.stun); err != nil {
			return cfg, lang, usageError("--stun %q: %v", f.stun, err)
		}
		cfg.STUNServer = f.stun
	}
	return cfg, lang, nil
}

func validateHostPort(s string) error {
	t, err := probes.ParseTarget(s)
	if err != nil {
		return err
	}
	if t.Host == "" {
		return fmt.Errorf("no host")
	}
	return nil
}

// maxRootsBytes caps a --roots bundle (the whole Mozilla store is under 300 kB).
const maxRootsBytes = boundedfile.DefaultMax

// loadRoots reads a PEM bundle; a file without a single certificate is an error.
func loadRoots(ctx context.Context, path string) (*x509.CertPool, error) {
	data, err := boundedfile.ReadFile(ctx, path, maxRootsBytes)
	if err != nil {
		return nil, fmt.Errorf("read trust bundle: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// loadCerts reads the certificates of a PEM bundle; a file without a
// single certificate is an error.
func loadCerts(ctx context.Context, path string) ([]*x509.Certificate, error) {
	data, err := boundedfile.ReadFile(ctx, path, maxRootsBytes)
	if err != nil {
		return nil, fmt.Errorf("read trust bundle: %w", err)
	}
	certs, err := tlsprobe.ParsePEMCertificates(data, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return certs, nil
}

func runCheck(ctx context.Context, sio IO, f checkFlags, args []string) error {
	format, err := checkFormat(f)
	if err != nil {
		return err
	}
	cfg, lang, err := engineConfig(ctx, f, args, sio.getenv)
	if err != nil {
		return err
	}
	rep := probes.Run(ctx, cfg, nil)
	d := diagnosis.Decide(rep, verdict.Answers{})
	status := int(d.Status)
	if err := writeCheck(sio, f, format, rep, d, lang); err != nil {
		return err
	}
	if status != ExitOK {
		return &exitError{Status: status}
	}
	return nil
}

// wantColor: colour marks only on a terminal, never with NO_COLOR set to
// anything (no-color.org) or TERM=dumb. The marks carry words anyway.
func wantColor(sio IO) bool {
	if sio.getenv("NO_COLOR") != "" || sio.getenv("TERM") == "dumb" {
		return false
	}
	f, ok := sio.Out.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}
