package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// Set by the release build through -ldflags -X.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// Version returns certwiz's version string.
func Version() string { return version }

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print certwiz's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "certwiz %s%s%s %s/%s %s\n",
				version, ifSet(" commit ", commit), ifSet(" built ", date), runtime.GOOS, runtime.GOARCH, runtime.Version())
			return err
		},
	}
}

func ifSet(label, v string) string {
	if v == "" {
		return ""
	}
	return label + v
}
