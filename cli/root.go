package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/spf13/cobra"
)

// IO is where a command reads and writes; tests and the SSH server pass
// their own.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

func (s IO) getenv(k string) string {
	if s.Getenv != nil {
		return s.Getenv(k)
	}
	return os.Getenv(k)
}

// NewRoot builds the command tree.
func NewRoot(sio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "certwiz [flags] [HOST[:PORT]...]",
		Short: "Find out why the meeting app says \"untrusted server certificate\"",
		Long: "certwiz finds out why the meeting app shows \"untrusted server certificate\" " +
			"and walks you to the fix. Run it without arguments for the guided wizard, or " +
			"`certwiz check` for a one-shot diagnosis that scripts and monitoring can use.\n\n" +
			"certwiz never changes this machine's trust store or settings.",
		Args:          wizardArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(sio.In)
	root.SetOut(sio.Out)
	root.SetErr(sio.Err)
	wiz := newWizardOptions(root)
	root.RunE = func(cmd *cobra.Command, args []string) error { return runWizard(cmd, sio, wiz, args) }
	root.AddCommand(newCheckCmd(sio), newVersionCmd(), newServeCmd(sio))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	return root
}

// Main runs certwiz with args and returns the exit status.
func Main(ctx context.Context, args []string, sio IO) int {
	root := NewRoot(sio)
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version),
		fang.WithCommit(commit),
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			var ee *exitError
			if asExit(err, &ee) && ee.Err == nil {
				return
			}
			printError(w, err)
		}),
	)
	return statusOf(err)
}

// printError writes err as one plain line, the way scripts and log
// collectors expect it (fang's default handler draws a multi-line box and
// recapitalises the message). The text is sanitized: it may quote input.
func printError(w io.Writer, err error) {
	msg := sanitize.Text(strings.Join(strings.Fields(err.Error()), " "))
	fmt.Fprintf(w, "certwiz: %s\n", msg)
}

// wizardArgs accepts the wizard's targets, parsed as `check` parses them.
// A bare word without a dot (other than localhost) is far more likely a
// mistyped command than a host, so it is refused with a hint.
func wizardArgs(cmd *cobra.Command, args []string) error {
	for _, a := range args {
		if !strings.ContainsAny(a, ".:[") && a != "localhost" {
			return usageError("unknown command or host %q: commands are %s; a host name has a dot", a, strings.Join(commandNames(cmd), ", "))
		}
		if err := validateHostPort(a); err != nil {
			return usageError("target %q: %v", a, err)
		}
	}
	return nil
}

func commandNames(cmd *cobra.Command) []string {
	var out []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			out = append(out, c.Name())
		}
	}
	return out
}
