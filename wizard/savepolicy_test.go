package wizard

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/certwiz/certwiz/content"
)

// With NoFiles (certwiz serve without --report-dir), "save" writes
// nothing: the report goes to the clipboard and is shown in full with a
// notice saying why; Esc goes back to the summary.
func TestSaveWithNoFilesShowsAndCopies(t *testing.T) {
	t.Parallel()
	for _, lang := range []content.Lang{content.EN, content.JA} {
		dir := t.TempDir()
		m := New(Options{Lang: lang, Engine: code6Engine(), Hosts: testHosts, ReportDir: dir, NoFiles: true})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 60})
		keys(m, "4")
		msg := saveAction(m.opts, m.lang, m.s, &m.saves)()
		shown, ok := msg.(reportShownMsg)
		if !ok || !strings.Contains(shown.markdown, "remedy-interception-home") {
			t.Fatalf("%s: save produced %#v", lang, msg)
		}
		_, cmd := m.Update(shown)
		if cmd == nil || cmd() == nil {
			t.Fatalf("%s: no clipboard command", lang)
		}
		screen := text(m)
		notice := content.Msg(lang, "ui.save-nofile", nil)
		squash := strings.NewReplacer("\n", "", " ", "", "│", "")
		if !strings.Contains(squash.Replace(screen), squash.Replace(notice)[:20]) || !strings.Contains(screen, "remedy-interception-home") {
			t.Fatalf("%s: the report and the notice are not shown:\n%s", lang, screen)
		}
		keys(m, "s", "2", "s")
		if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
			t.Fatalf("%s: files written: %v", lang, files)
		}
		keys(m, "esc")
		if m.shownReport != nil || m.status != "" {
			t.Fatalf("%s: Esc did not go back:\n%s", lang, text(m))
		}
	}
}

// MaxSaves bounds the reports one wizard writes; names carry a random
// suffix with UniqueNames.
func TestSaveBoundedWithUniqueNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m := New(Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, ReportDir: dir, MaxSaves: 2, UniqueNames: true})
	keys(m, "4")
	for range 5 {
		keys(m, "s")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 4 {
		t.Fatalf("%d files after 5 saves with MaxSaves 2, want 4: %v", len(files), files)
	}
	name := regexp.MustCompile(`^certwiz-report-\d{8}-\d{6}(-\d+)?-[0-9a-f]{12}\.(md|json)$`)
	for _, f := range files {
		if !name.MatchString(filepath.Base(f)) {
			t.Errorf("report name %q lacks the random suffix", filepath.Base(f))
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(text(m)), " "), "the most it may") {
		t.Fatalf("the limit is not shown:\n%s", text(m))
	}
}

// The plain mode: NoFiles prints the report in full (no escape sequence),
// and MaxSaves bounds what is written.
func TestPlainSavePolicies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var out syncBuffer
	err := RunPlain(context.Background(), Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, ReportDir: dir, NoFiles: true},
		strings.NewReader("4\n2\n2\nq\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "keeps no files") || !strings.Contains(got, "remedy-interception-home") || strings.ContainsRune(got, 0x1b) {
		t.Fatalf("plain NoFiles output:\n%s", got)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}

	var out2 syncBuffer
	err = RunPlain(context.Background(), Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, ReportDir: dir, MaxSaves: 1, UniqueNames: true},
		strings.NewReader("4\n2\n2\n2\nq\n"), &out2)
	if err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 2 || !strings.Contains(out2.String(), "the most it may") {
		t.Fatalf("files %v with MaxSaves 1; output:\n%s", files, out2.String())
	}
	_ = os.Remove(dir)
}
