package wizard

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/steps"
)

// Probe results arrive in Update as these messages, tagged with the run
// they belong to so steps can drop stale ones.
type (
	clockMsg struct {
		run   int
		facts steps.ClockFacts
	}
	networkMsg struct {
		run   int
		facts steps.NetworkFacts
	}
	targetMsg struct {
		run   int
		facts steps.TargetFacts
		next  <-chan steps.TargetFacts
	}
	targetsDoneMsg struct{ run int }
	savedMsg       struct {
		paths []string
		err   error
	}
	copyReadyMsg struct{ markdown string }
)

func clockCmd(ctx context.Context, eng Engine, run int) tea.Cmd {
	return func() tea.Msg { return clockMsg{run: run, facts: eng.Clock(ctx)} }
}

func networkCmd(ctx context.Context, eng Engine, run int) tea.Cmd {
	return func() tea.Msg { return networkMsg{run: run, facts: eng.Network(ctx)} }
}

// targetsCmd starts the engine on hosts and delivers each target as its
// own message (the package-manager idiom): every targetMsg carries the
// channel to wait on for the next one.
func targetsCmd(ctx context.Context, eng Engine, run int, hosts []string) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan steps.TargetFacts)
		go func() {
			defer close(ch)
			eng.Targets(ctx, hosts, func(t steps.TargetFacts) {
				select {
				case ch <- t:
				case <-ctx.Done():
				}
			})
		}()
		return nextTarget(run, ch)()
	}
}

func nextTarget(run int, ch <-chan steps.TargetFacts) tea.Cmd {
	return func() tea.Msg {
		t, ok := <-ch
		if !ok {
			return targetsDoneMsg{run: run}
		}
		return targetMsg{run: run, facts: t, next: ch}
	}
}

func saveCmd(eng Engine, lang content.Lang, s steps.State, dir string, unique bool) tea.Cmd {
	return func() tea.Msg {
		paths, err := saveReport(eng, lang, s, dir, time.Now(), unique)
		return savedMsg{paths: paths, err: err}
	}
}

// copyCmd renders the Markdown report for the clipboard; Update then
// sends it with OSC 52, which reaches the user's own terminal over SSH too.
func copyCmd(eng Engine, lang content.Lang, s steps.State) tea.Cmd {
	return func() tea.Msg {
		md, _ := eng.Report(lang, s)
		return copyReadyMsg{markdown: md}
	}
}

// saveReport writes certwiz-report-<timestamp>.md and .json into dir and
// returns their paths. An existing report of the same second is not
// overwritten: a counter is added instead. With unique, names also carry a
// random suffix.
func saveReport(eng Engine, lang content.Lang, s steps.State, dir string, now time.Time, unique bool) ([]string, error) {
	md, js := eng.Report(lang, s)
	if dir == "" {
		dir = "."
	}
	stamp := now.Format("20060102-150405")
	for i := 1; i < 100; i++ {
		base := reportBase(dir, now, i, unique)
		mdPath, jsPath := base+".md", base+".json"
		if err := writeNew(mdPath, []byte(md)); err != nil {
			if os.IsExist(err) {
				continue
			}
			return nil, fmt.Errorf("save report: %w", err)
		}
		if err := writeNew(jsPath, js); err != nil {
			return []string{mdPath}, fmt.Errorf("save report: %w", err)
		}
		return []string{mdPath, jsPath}, nil
	}
	return nil, fmt.Errorf("save report: too many reports named certwiz-report-%s in %s", stamp, dir)
}

// writeNew creates path (failing if it exists) and writes b to it.
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// joinDir joins a report's directory and base name.
func joinDir(dir, base string) string { return filepath.Join(dir, base) }
