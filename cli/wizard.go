package cli

import (
	"net"
	"os"
	"path/filepath"
	"strconv"

	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/wizard"
	"github.com/spf13/cobra"
)

// wizardOptions are the root command's flags.
type wizardOptions struct {
	engine    checkFlags
	plain     bool
	reportDir string
}

func newWizardOptions(root *cobra.Command) *wizardOptions {
	o := &wizardOptions{}
	addEngineFlags(root, &o.engine)
	root.Flags().BoolVar(&o.plain, "plain", false, "numbered line-by-line prompts (screen readers, logs); automatic without a terminal")
	root.Flags().StringVar(&o.reportDir, "report-dir", "", "where saved reports go (default: the current directory)")
	return o
}

func runWizard(cmd *cobra.Command, sio IO, o *wizardOptions, args []string) error {
	cfg, lang, err := engineConfig(cmd.Context(), o.engine, args, sio.getenv)
	if err != nil {
		return err
	}
	opts := wizard.Options{
		Lang:      lang,
		Plain:     o.plain,
		Engine:    diagnosis.NewEngine(cfg, Version()),
		Hosts:     hostList(cfg.Targets),
		ReportDir: o.reportDir,
		Env:       environ(sio),
	}
	if opts.ReportDir != "" {
		if abs, err := filepath.Abs(opts.ReportDir); err == nil {
			opts.ReportDir = abs
		}
	}
	if err := wizard.Run(cmd.Context(), opts, sio.In, sio.Out); err != nil {
		return &exitError{Status: ExitUnknown, Err: err}
	}
	return nil
}

func hostList(ts []probes.Target) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		if t.Port == 443 {
			out = append(out, t.Host)
			continue
		}
		out = append(out, net.JoinHostPort(t.Host, strconv.Itoa(t.Port)))
	}
	return out
}

// environ is the environment the wizard sees: the process's, unless the
// caller injected a getenv (tests).
func environ(sio IO) []string {
	if sio.Getenv == nil {
		return os.Environ()
	}
	var env []string
	for _, k := range []string{"TERM", "NO_COLOR", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "COLORTERM"} {
		if v := sio.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}
