package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// servedPlainSession logs in to a served certwiz with the plain wizard
// (CERTWIZ_PLAIN over a real PTY) and types input; it returns what the
// session printed.
func servedPlainSession(t *testing.T, sshArgs []string, input string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append([]string{"-tt", "-o", "SetEnv=CERTWIZ_PLAIN=1 LANG=C.UTF-8"}, sshArgs...)
	cmd := exec.CommandContext(ctx, "ssh", args...)
	cmd.Stdin = strings.NewReader(input)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("ssh: %v\n%s", err, out.String())
	}
	return out.String()
}

// serveLabFlags are serve's engine flags that keep a served wizard on
// loopback.
func serveLabFlags(e *env) []string {
	return []string{"--roots", e.roots, "--ntp", e.ntp, "--captive-url", e.captive, "--timeout", "5s",
		"--resolve", "zoom.us:443:127.0.0.1", "--resolve", "zoom.com:443:127.0.0.1"}
}

// Without --report-dir, "save" over SSH writes nothing on the server (not
// in its working directory, not anywhere): the agent is told so and gets
// the report in full instead.
func TestServeSaveWritesNoFileWithoutReportDir(t *testing.T) {
	e := newEnv(t)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := filepath.Glob(filepath.Join(wd, "certwiz-report-*"))
	sshArgs, _ := servedCertwiz(t, serveLabFlags(e)...)
	out := servedPlainSession(t, sshArgs, "4\n"+strings.Repeat("2\n", 5)+"q\n")
	if !strings.Contains(out, "keeps no files on its machine") || !strings.Contains(out, "# certwiz report") {
		t.Fatalf("the agent was not shown the report:\n%s", out)
	}
	after, _ := filepath.Glob(filepath.Join(wd, "certwiz-report-*"))
	if !slices.Equal(before, after) {
		t.Fatalf("saving over SSH wrote into the server's working directory: %v", after)
	}
}

// With --report-dir, each session saves at most 10 reports there, under
// names the server chooses.
func TestServeSaveBoundedWithReportDir(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	sshArgs, _ := servedCertwiz(t, append(serveLabFlags(e), "--report-dir", dir)...)
	out := servedPlainSession(t, sshArgs, "4\n"+strings.Repeat("2\n", 13)+"q\n")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 20 {
		t.Fatalf("%d files after 13 saves, want 20 (10 reports as .md and .json)\n%s", len(files), out)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "the most it may") {
		t.Fatalf("the limit was not explained:\n%s", out)
	}
	for _, f := range files {
		if b := filepath.Base(f); !strings.HasPrefix(b, "certwiz-report-") || strings.Count(b, "-") < 4 {
			t.Errorf("unexpected report name %q", b)
		}
	}
}

// --report-dir must name a directory.
func TestServeReportDirMustBeADirectory(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r := certwiz(ctxT(t), "serve", "--listen", "127.0.0.1:0", "--report-dir", f)
	if r.status != 3 || !strings.Contains(r.err, "is not a directory") {
		t.Fatalf("status %d stderr %q", r.status, r.err)
	}
}
