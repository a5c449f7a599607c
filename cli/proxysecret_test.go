package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/proxylab"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// TestCheckMalformedProxyNeverShowsPassword runs `certwiz check` (text and
// --json) with a credential-bearing HTTPS_PROXY that cannot be parsed, in
// several shapes: stdout and stderr never carry the password, and the
// JSON names the setting without it. Not parallel: it sets the process
// environment, which the probes read.
func TestCheckMalformedProxyNeverShowsPassword(t *testing.T) {
	const secret = "S3cr3t"
	e := newEnv(t)
	e.serve(t, tlslab.Valid)
	for _, raw := range append(proxylab.MalformedCredentialURLs(secret), "agent:"+secret+"@proxy.corp.example:port") { // and one without a scheme
		t.Setenv("HTTPS_PROXY", raw)
		t.Setenv("HTTP_PROXY", raw)
		t.Setenv("NO_PROXY", "")
		for _, extra := range [][]string{nil, {"--json"}} {
			r := certwiz(ctxT(t), e.args(extra...)...)
			if strings.Contains(r.stdout+r.err, secret) || strings.Contains(r.stdout+r.err, "agent") {
				t.Errorf("%q %v: the output shows the proxy credentials:\nstdout:\n%s\nstderr:\n%s", raw, extra, r.stdout, r.err)
			}
			if extra == nil {
				continue
			}
			if !json.Valid([]byte(r.stdout)) {
				t.Fatalf("%q: invalid JSON:\n%s", raw, r.stdout)
			}
			if !strings.Contains(r.stdout, "HTTPS_PROXY (") || !strings.Contains(r.stdout, "proxy.corp.example") {
				t.Errorf("%q: the JSON does not name the broken setting:\n%s", raw, r.stdout)
			}
		}
	}
}
