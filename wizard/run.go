package wizard

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// Run shows the wizard on in/out until the user quits or ctx ends. It
// picks the plain mode when opts.Plain is set, when TERM is "dumb", or
// when in or out is not a terminal; otherwise the full-screen TUI with
// the colour profile from ColorProfile.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	if opts.Engine == nil {
		return errors.New("wizard: no engine to run the checks")
	}
	if UsePlain(opts, in, out) {
		return RunPlain(ctx, opts, in, out)
	}
	m := New(opts)
	stop := context.AfterFunc(ctx, m.cancel)
	defer stop()
	defer m.cancel()
	env := opts.environ()
	popts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(in),
		tea.WithOutput(out),
		tea.WithEnvironment(env),
		tea.WithColorProfile(ColorProfile(env, out)),
	}
	if opts.Width > 0 && opts.Height > 0 {
		popts = append(popts, tea.WithWindowSize(opts.Width, opts.Height))
	}
	if _, err := tea.NewProgram(m, popts...).Run(); err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return fmt.Errorf("wizard stopped: %w", ctx.Err())
		}
		if !m.started.Load() {
			// The terminal could not be set up for the full-screen
			// wizard (a legacy Windows console, an odd terminal): the
			// same questions still work line by line.
			fmt.Fprintf(out, "certwiz: the full-screen wizard cannot run on this terminal (%v); using plain mode.\n", err)
			return RunPlain(ctx, opts, in, out)
		}
		return fmt.Errorf("wizard: %w", err)
	}
	return nil
}

// UsePlain reports whether Run would choose the plain mode.
func UsePlain(opts Options, in io.Reader, out io.Writer) bool {
	return opts.Plain || opts.getenv("TERM") == "dumb" || !isTerminal(in) || !isTerminal(out)
}

func isTerminal(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// ColorProfile is the colour profile for out under env. NO_COLOR with any
// non-empty value gives Ascii (no colour, bold kept): Bubble Tea's own
// check only understands boolean words. TERM=dumb gives NoTTY. Otherwise
// the terminal is detected. The SSH server should pass the same profile.
func ColorProfile(env []string, out io.Writer) colorprofile.Profile {
	if v, ok := lookupEnv(env, "NO_COLOR"); ok && v != "" {
		return colorprofile.Ascii
	}
	if v, _ := lookupEnv(env, "TERM"); v == "dumb" {
		return colorprofile.NoTTY
	}
	return colorprofile.Detect(out, env)
}
