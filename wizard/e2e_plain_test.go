package wizard

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// plainRoomPath is the room path typed into plain mode: "I have a code",
// code 6, the alert's domain, then the remedy, the summary and "save".
func plainRoomPath(hostPort string) string {
	return "3\n6\n" + hostPort + "\n1\n1\n2\n"
}

// runPlainBinary runs the built certwiz with stdin and stdout as pipes
// (so plain mode is chosen by itself) against the loopback fault servers.
func runPlainBinary(t testing.TB, certwiz, roots, hostPort, reports, input string) (*exec.Cmd, string) {
	cmd := exec.Command(certwiz, "--lang", "en", "--roots", roots, "--report-dir", reports, "--timeout", "8s",
		"--resolve", "zoom.us:443:127.0.0.1", "--resolve", "zoom.com:443:127.0.0.1",
		"--resolve", hostPort+":127.0.0.1", "--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/")
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + reports, "LANG=C.UTF-8", "TERM=xterm-256color"}
	cmd.Stdin = strings.NewReader(input)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("certwiz (plain, piped): %v\n%s", err, out.String())
	}
	return cmd, out.String()
}

// TestE2EPlainRoomCode6 drives the real binary through a pipe along the
// same path as the tmux test: plain mode is picked because stdin is not a
// terminal, the real engine probes the fault server, and the report is
// saved.
func TestE2EPlainRoomCode6(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	lab := newE2ELab(t, "unknown-ca")
	certwiz, hostPort, roots, reports := lab.certwiz, lab.hostPort, lab.roots, lab.reports
	_, out := runPlainBinary(t, certwiz, roots, hostPort, reports, plainRoomPath(hostPort))
	for _, want := range []string{
		"I have an error code from a Zoom Rooms device",
		hostPort + " — 6: Certificate issuer not trusted",
		"The room shows code 6 and certwiz found the same code (6) from this computer.",
		"Report saved to",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plain output lacks %q", want)
		}
	}
	if strings.ContainsRune(out, 0x1b) {
		t.Error("plain mode wrote an escape sequence")
	}
	if files, _ := filepath.Glob(filepath.Join(reports, "certwiz-report-*")); len(files) != 2 {
		t.Errorf("saved reports: %v\n%s", files, out)
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

// TestE2EPlainRoomCode100 types "100" through a pipe on the room-code
// list: code 100 is chosen, the domain is left empty, and the summary
// names the room's code.
func TestE2EPlainRoomCode100(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	lab := newE2ELab(t, "unknown-ca")
	_, out := runPlainBinary(t, lab.certwiz, lab.roots, lab.hostPort, lab.reports, "3\n100\n\n1\n1\n")
	for _, want := range []string{
		"100. Other error — anything else",
		"0. I don't know the code",
		"Domain shown in the alert",
		"Code shown by the room: 100: Other error",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plain output lacks %q", want)
		}
	}
	if strings.Contains(out, "Please type one of the numbers shown.") {
		t.Error("100 was refused")
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}
