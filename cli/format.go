package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"
	"github.com/spf13/cobra"
)

// checkFormats are the output formats of `certwiz check --format`.
var checkFormats = []string{"text", "json", "nagios", "prometheus"}

// addOutputFlags registers --format and --output (--json is registered
// with the check command and means --format json).
func addOutputFlags(cmd *cobra.Command, f *checkFlags) {
	cmd.Flags().StringVar(&f.format, "format", "", "output format: "+strings.Join(checkFormats, ", ")+" (default text)")
	cmd.Flags().StringVar(&f.output, "output", "", "write the output to FILE atomically (temporary file and rename) instead of stdout")
}

// checkFormat resolves --format and --json into one format; asking for
// two different formats is a usage error.
func checkFormat(f checkFlags) (string, error) {
	format := strings.ToLower(strings.TrimSpace(f.format))
	switch {
	case format == "" && f.json:
		return "json", nil
	case format == "":
		return "text", nil
	case !slices.Contains(checkFormats, format):
		return "", usageError("--format %q: want one of %s", f.format, strings.Join(checkFormats, ", "))
	case f.json && format != "json":
		return "", usageError("--json and --format %s ask for two formats: use one", format)
	}
	return format, nil
}

// writeCheck renders the run in format, to stdout or (with --output)
// atomically to a file.
func writeCheck(sio IO, f checkFlags, format string, rep *probes.Report, d verdict.Decision, lang content.Lang) error {
	render := func(w io.Writer, color bool) error {
		switch format {
		case "json":
			return report.WriteJSON(w, rep, d, Version())
		case "nagios":
			return report.WriteNagios(w, report.Build(rep, d, Version()))
		case "prometheus":
			return report.WritePrometheus(w, report.Build(rep, d, Version()))
		}
		return report.WriteText(w, rep, d, lang, report.TextOptions{Color: color})
	}
	var err error
	if f.output == "" {
		err = render(sio.Out, wantColor(sio))
	} else {
		err = writeFileAtomic(f.output, func(w io.Writer) error { return render(w, false) })
	}
	if err != nil {
		return &exitError{Status: ExitUnknown, Err: fmt.Errorf("write %s output: %w", format, err)}
	}
	return nil
}

// writeFileAtomic writes path through a temporary file in the same
// directory that is synced and then renamed over path, so a reader (a
// textfile collector, a monitoring agent) sees the old file or the new
// one, never a part. On any failure the temporary file is removed and
// path is left as it was. The file is readable by all (0644): collectors
// run as other users.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("create a temporary file for %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename into %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the system allows syncing a
// directory; elsewhere (Windows) it does nothing.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
