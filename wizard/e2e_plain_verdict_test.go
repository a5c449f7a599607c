package wizard

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
)

// runPlainWithTarget runs the built certwiz in plain mode (pipes) with the
// fault server as its only target, as `certwiz [flags] HOST:PORT` does.
func runPlainWithTarget(t *testing.T, l e2eLab, ntp, input string) string {
	t.Helper()
	cmd := exec.Command(l.certwiz, "--lang", "en", "--roots", l.roots, "--report-dir", l.reports, "--timeout", "8s",
		"--resolve", l.hostPort+":127.0.0.1", "--ntp", ntp, "--captive-url", "http://127.0.0.1:1/", l.hostPort)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + l.reports, "LANG=C.UTF-8", "TERM=xterm-256color"}
	cmd.Stdin = strings.NewReader(input)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("certwiz (plain, piped): %v\n%s", err, out.String())
	}
	return out.String()
}

func wantLines(t *testing.T, out string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(out), " ")
	for _, w := range wants {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("plain output lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

// TestE2EPlainPublicWiFiUnknownInterceptor: a personal device on public
// Wi-Fi, and an issuer nobody here trusts re-signs the connection. The
// remedy is the public-Wi-Fi caution, never "ask IT to deploy its root",
// and the last word is not to choose "Trust Anyway".
func TestE2EPlainPublicWiFiUnknownInterceptor(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	l := newE2ELab(t, "unknown-ca")
	ntp := ntplab.Start(t, 0)
	// personal, clock: continue, network: public Wi-Fi, caution: continue,
	// certificates: continue -> remedy.
	out := runPlainWithTarget(t, l, ntp.Addr, "1\n1\n4\n1\n1\n")
	wantLines(t, out,
		content.Msg(content.EN, "cause.interception-public-wifi", nil),
		content.Msg(content.EN, "trust.never", nil),
	)
	if strings.Contains(out, "root certificate (and intermediate") {
		t.Errorf("the public-Wi-Fi remedy tells someone to deploy the interceptor's root:\n%s", out)
	}
}

// TestE2EPlainClockWrongPlusIssuer: the device clock is two hours behind
// a real time server, and an untrusted issuer signs the chain. The time
// comes first, the issuer's fault stays after it, and the decision names
// both in that order.
func TestE2EPlainClockWrongPlusIssuer(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	l := newE2ELab(t, "unknown-ca")
	ntp := ntplab.Start(t, 2*time.Hour) // the reference is 2 h ahead: this clock is behind
	// personal, clock (wrong): continue, network: home, certificates:
	// continue -> remedy.
	out := runPlainWithTarget(t, l, ntp.Addr, "1\n1\n1\n1\n")
	wantLines(t, out,
		content.Msg(content.EN, "check.verdict.order", nil),
		"1. "+content.Msg(content.EN, "cause.clock", nil),
		"2. "+content.Msg(content.EN, "cause.interception-home", nil),
		content.Msg(content.EN, "note.others-remain", nil),
	)
}
