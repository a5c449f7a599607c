package wizard

import (
	"os"
	"strings"

	"github.com/certwiz/certwiz/content"
)

// Options configure the wizard.
type Options struct {
	// Lang is the starting language; "" detects it from Env.
	Lang content.Lang
	// Plain forces the line-by-line mode.
	Plain bool
	// Engine runs the probes; required.
	Engine Engine
	// Hosts are the service's default hosts to check ("host" or
	// "host:port").
	Hosts []string
	// ReportDir is where saved reports go; "" means the current directory.
	ReportDir string
	// NoFiles makes "save" write nothing: the report is sent to the
	// clipboard (OSC 52) and shown in full for copying, and the wizard
	// says why (certwiz serve without --report-dir).
	NoFiles bool
	// MaxSaves caps the reports one wizard saves; 0 means no cap.
	MaxSaves int
	// UniqueNames adds a random suffix to saved reports' names.
	UniqueNames bool
	// Env is the environment (TERM, NO_COLOR, LANG...); nil means
	// os.Environ().
	Env []string
	// Width and Height are the starting terminal size when known (over
	// SSH, in tests); 0 waits for the terminal to report it.
	Width, Height int
}

func (o Options) environ() []string {
	if o.Env != nil {
		return o.Env
	}
	return os.Environ()
}

// getenv looks k up in o's environment ("" when unset).
func (o Options) getenv(k string) string {
	v, _ := lookupEnv(o.environ(), k)
	return v
}

func lookupEnv(env []string, k string) (string, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if name, v, ok := strings.Cut(env[i], "="); ok && name == k {
			return v, true
		}
	}
	return "", false
}

func (o Options) lang() content.Lang {
	if o.Lang != "" {
		return o.Lang
	}
	return content.DetectLang(o.getenv)
}
