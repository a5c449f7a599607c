package wizard

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/certwiz/certwiz/steps"
)

// reportShownMsg carries the Markdown report to show in full (and copy)
// when saving writes no file (Options.NoFiles).
type reportShownMsg struct{ markdown string }

// saveAction is what "save" does under the options: write files (bounded
// by MaxSaves), or, with NoFiles, copy and show the report. saves counts
// the reports this wizard has written so far.
func saveAction(o Options, lang content.Lang, s steps.State, saves *int) tea.Cmd {
	if o.NoFiles {
		return func() tea.Msg {
			md, _ := o.Engine.Report(lang, s)
			return reportShownMsg{markdown: md}
		}
	}
	if o.MaxSaves > 0 && *saves >= o.MaxSaves {
		return func() tea.Msg { return savedMsg{err: saveLimitError(o, lang)} }
	}
	*saves++
	return saveCmd(o.Engine, lang, s, o.ReportDir, o.UniqueNames)
}

// saveLimitError says that this session has saved all it may.
func saveLimitError(o Options, lang content.Lang) error {
	return fmt.Errorf("%s", content.Msg(lang, "ui.save-limit", map[string]string{"max": strconv.Itoa(o.MaxSaves)}))
}

// reportLines are the Markdown report's lines, inert and wrapped to width,
// for showing in full.
func reportLines(md string, width int) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		out = append(out, strings.Split(wrapText(sanitize.Text(l), width), "\n")...)
	}
	return out
}

// showReportPlain is "save" in the plain mode with NoFiles: the report is
// printed in full, to copy from the terminal (the plain mode writes no
// escape sequence, so no OSC 52 either).
func showReportPlain(w io.Writer, o Options, lang content.Lang, s steps.State) {
	md, _ := o.Engine.Report(lang, s)
	fmt.Fprintf(w, "%s\n\n", content.Msg(lang, "ui.save-nofile-plain", nil))
	for _, l := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		fmt.Fprintln(w, sanitize.Text(l))
	}
	fmt.Fprintln(w)
}

// reportBase is a saved report's path without extension: the timestamp,
// then a counter from the second report of the same second on, then with
// unique a random suffix nobody can guess or make collide.
func reportBase(dir string, now time.Time, i int, unique bool) string {
	base := "certwiz-report-" + now.Format("20060102-150405")
	if i > 1 {
		base += fmt.Sprintf("-%d", i)
	}
	if unique {
		var b [6]byte
		_, _ = rand.Read(b[:])
		base += "-" + hex.EncodeToString(b[:])
	}
	return joinDir(dir, base)
}
