package cli

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// engineArgs returns the engine flags (see addEngineFlags) set on fs, as
// `check` arguments ("--ntp=127.0.0.1:123", one per value of a repeated
// flag). `certwiz serve` puts them before the client's arguments, so a
// check over SSH runs with the operator's engine settings.
func engineArgs(fs *pflag.FlagSet) []string {
	engine := map[string]bool{}
	probe := &cobra.Command{}
	addEngineFlags(probe, &checkFlags{})
	probe.Flags().VisitAll(func(fl *pflag.Flag) { engine[fl.Name] = true })
	var out []string
	fs.Visit(func(fl *pflag.Flag) {
		if !engine[fl.Name] {
			return
		}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				out = append(out, "--"+fl.Name+"="+v)
			}
			return
		}
		out = append(out, "--"+fl.Name+"="+fl.Value.String())
	})
	return out
}
