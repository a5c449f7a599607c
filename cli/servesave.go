package cli

import (
	"os"
	"path/filepath"

	"github.com/certwiz/certwiz/wizard"
)

// maxSavesPerSession caps the reports one SSH session may save with
// `serve --report-dir`.
const maxSavesPerSession = 10

// servedSaving is what "save" does in a served wizard: without a report
// directory nothing is written on the server (the report is copied and
// shown instead); with one, reports go there, at most maxSavesPerSession
// per session, under names the server chooses.
func servedSaving(reportDir string) (wizard.Options, error) {
	if reportDir == "" {
		return wizard.Options{NoFiles: true}, nil
	}
	abs, err := filepath.Abs(reportDir)
	if err != nil {
		return wizard.Options{}, usageError("--report-dir %q: %v", reportDir, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return wizard.Options{}, usageError("--report-dir: %v", err)
	}
	if !info.IsDir() {
		return wizard.Options{}, usageError("--report-dir: %s is not a directory", abs)
	}
	return wizard.Options{ReportDir: abs, MaxSaves: maxSavesPerSession, UniqueNames: true}, nil
}
