package wizard

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/certwiz/certwiz/content"
)

// runPlain feeds input one byte at a time and returns everything printed.
func runPlain(t *testing.T, lang content.Lang, e Engine, dir, input string) string {
	t.Helper()
	var out bytes.Buffer
	err := RunPlain(context.Background(), Options{Lang: lang, Engine: e, Hosts: testHosts, ReportDir: dir},
		iotest.OneByteReader(strings.NewReader(input)), &out)
	if err != nil {
		t.Fatalf("RunPlain: %v", err)
	}
	return out.String()
}

// TestPlainRoomCode6ToSavedReport walks rooms -> code 6 -> remediation
// -> summary -> save, as a screen-reader user would by typing numbers.
func TestPlainRoomCode6ToSavedReport(t *testing.T) {
	t.Parallel()
	for _, lang := range content.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := runPlain(t, lang, code6Engine(), dir, "3\n6\nrooms.example.com\n1\n1\n2\n")
			msg := func(k string, a map[string]string) string { return content.Msg(lang, k, a) }
			for _, want := range []string{
				msg("ui.start.have-code", nil),
				"1. " + codePick(lang, 1),
				"100. " + codePick(lang, 100),
				"0. " + msg("ui.code.unknown", nil),
				msg("ui.domain.prompt", nil),
				"✗ " + msg("status.fail", nil) + ": rooms.example.com:443 — " + codeTitle(lang, 6),
				msg("ui.code.agree", map[string]string{"code": "6", "found_code": "6"}),
				plainMarkdown(content.Page(lang, "remedy-code-6", nil))[0],
				msg("ui.summary.first", map[string]string{"step": ""}),
				msg("ui.saved", map[string]string{"path": ""})[:8],
			} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q", want)
				}
			}
			if strings.ContainsRune(out, 0x1b) {
				t.Error("plain mode wrote an escape sequence")
			}
			files, _ := filepath.Glob(filepath.Join(dir, "certwiz-report-*"))
			if len(files) != 2 {
				t.Fatalf("report files = %v", files)
			}
			md, _ := os.ReadFile(files[1])
			if !strings.Contains(string(md), "remedy-code-6") {
				t.Fatalf("report = %q", md)
			}
			if !strings.Contains(out, files[1]) {
				t.Error("the saved path is not printed")
			}
		})
	}
}

func TestPlainCommands(t *testing.T) {
	t.Parallel()
	out := runPlain(t, content.EN, code6Engine(), t.TempDir(), "9\nfoo\n?\nl\nb\n2\n1\nq\nnever read\n")
	en := func(k string) string { return content.Msg(content.EN, k, nil) }
	ja := func(k string) string { return content.Msg(content.JA, k, nil) }
	if strings.Count(out, en("ui.plain.invalid")) != 2 {
		t.Error("9 and foo were not both refused")
	}
	if !strings.Contains(out, plainMarkdown(content.Page(content.EN, "help", nil))[0]) {
		t.Error("? did not print the help")
	}
	if !strings.Contains(out, ja("ui.start.personal")) {
		t.Error("l did not switch to Japanese")
	}
	// "b" on the start screen stays there; "2" picks the room device in
	// Japanese, "1" says certwiz runs on it; q quits before the last line
	// is read.
	if !strings.Contains(out, plainMarkdown(content.Page(content.JA, "clock-ok", nil))[0]) {
		t.Errorf("room device path did not reach the clock:\n%s", out)
	}
}

func TestPlainEOFQuitsCleanly(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "1\n", "1\n1\n1"} {
		out := runPlain(t, content.EN, code6Engine(), t.TempDir(), in)
		if !strings.HasSuffix(out, "> \n") {
			t.Errorf("input %q: output does not end at a prompt: %q", in, out[max(0, len(out)-40):])
		}
	}
}

func TestPlainCode100ByValue(t *testing.T) {
	t.Parallel()
	out := runPlain(t, content.EN, code6Engine(), t.TempDir(), "3\n100\n\n")
	if !strings.Contains(out, content.Msg(content.EN, "ui.domain.prompt", nil)) {
		t.Fatal("typing 100 on the code screen did not pick code 100")
	}
	if !strings.Contains(out, content.Msg(content.EN, "ui.code.disagree", map[string]string{"code": "100", "found_code": "6"})) {
		t.Fatal("the shown and found codes were not compared")
	}
}

func TestPlainStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- RunPlain(ctx, Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts}, pr, &out)
	}()
	if _, err := pw.Write([]byte("1\n")); err != nil { // consumed: the reader is live
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RunPlain after cancel: %v", err)
	}
}
