package cli_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// The serving machine's own malformed HTTPS_PROXY, with a password in
// it: what `ssh host check` prints (stdout and stderr, text and JSON) and
// what serve logs never show the password. Not parallel: it sets the
// process environment, which `certwiz serve` reads as it would in a
// systemd unit.
func TestServeCheckNeverShowsAMalformedProxysPassword(t *testing.T) {
	const secret = "S3cr3t"
	t.Setenv("HTTPS_PROXY", "http://agent:"+secret+"@proxy.corp.example:99999")
	t.Setenv("HTTP_PROXY", "")
	t.Setenv("NO_PROXY", "")
	e := newEnv(t)
	srv := e.serve(t, tlslab.Valid)
	sshArgs, logs := servedCertwiz(t, "--roots", e.roots, "--ntp", e.ntp, "--captive-url", e.captive, "--timeout", "5s",
		"--resolve", fmt.Sprintf("%s:%d:127.0.0.1", srv.Host, srv.Port))
	var all strings.Builder
	for _, extra := range [][]string{{"--json"}, {}, {"--format", "nagios"}} {
		args := append(append(append(slices.Clone(sshArgs), "check"), extra...), srv.HostPort())
		cmd := exec.Command("ssh", args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		_ = cmd.Run()
		all.WriteString(stdout.String() + stderr.String())
	}
	out := all.String() + logs.String()
	if strings.Contains(out, secret) {
		t.Fatalf("the proxy password is shown:\n%s", out)
	}
	if !strings.Contains(out, "proxy.corp.example") {
		t.Errorf("the broken proxy setting is not named:\n%s", out)
	}
}
