package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// TestCheckUsageErrors: bad input is exit status 3 with one clear line
// on stderr and nothing on stdout, before anything is probed.
func TestCheckUsageErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	notPEM := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notPEM, []byte("no certificates here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every case is otherwise a loopback-only check, so a flag that is
	// wrongly accepted cannot send anything off the machine.
	base := func(flags ...string) []string {
		a := []string{"check", "--ntp", e.ntp, "--captive-url", e.captive, "--skip", "network",
			"--resolve", "zoom.test:443:127.0.0.1", "--timeout", "1s"}
		return append(append(a, flags...), "zoom.test")
	}
	tests := map[string]struct {
		args []string
		want string // a part of the one line
	}{
		"resolve without address": {base("--resolve", "zoom.test:443"), "--resolve"},
		"resolve with a name":     {base("--resolve", "zoom.test:443:not-an-ip"), "--resolve"},
		"ntp bad host":            {base("--ntp", "bad host!"), "--ntp"},
		"roots missing file":      {base("--roots", filepath.Join(t.TempDir(), "missing.pem")), "--roots"},
		"roots without PEM":       {base("--roots", notPEM), "no PEM certificate"},
		"target port":             {[]string{"check", "--ntp", e.ntp, "--captive-url", e.captive, "zoom.us:99999"}, "port must be 1-65535"},
		"timeout zero":            {base("--timeout", "0"), "--timeout must be positive"},
		"captive ftp":             {base("--captive-url", "ftp://x"), "--captive-url"},
		"lang":                    {base("--lang", "xx"), "--lang"},
		"skip":                    {base("--skip", "bogus"), "--skip"},
		"ct-logs missing":         {base("--ct-logs", filepath.Join(t.TempDir(), "none.json")), "--ct-logs"},
		"unknown flag":            {base("--bogus"), "unknown flag"},
		"hostile target":          {[]string{"check", "ev\x1b[31mil.test"}, "is not a host name"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := certwiz(ctxT(t), tc.args...)
			if r.status != 3 {
				t.Errorf("exit status %d, want 3", r.status)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty:\n%s", r.stdout)
			}
			if strings.Count(r.err, "\n") != 1 || !strings.HasSuffix(r.err, "\n") || !strings.HasPrefix(r.err, "certwiz: ") {
				t.Errorf("stderr is not one line: %q", r.err)
			}
			if !strings.Contains(r.err, tc.want) || strings.ContainsAny(r.err, "\x1b\x07") {
				t.Errorf("stderr %q does not say %q plainly", r.err, tc.want)
			}
		})
	}
}

// TestCheckJSONInterrupted cancels a running check: stdout still holds
// exactly one valid JSON document, marked interrupted.
func TestCheckJSONInterrupted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.serve(t, tlslab.Blackhole)
	e.serve(t, tlslab.Valid)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	r := certwiz(ctx, e.args("--json", "--timeout", "20s")...)
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("the interrupted check took %v", took)
	}
	if r.status != 3 {
		t.Errorf("exit status %d, want 3", r.status)
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Errorf("more than one JSON document on stdout:\n%s", r.stdout)
	}
	if doc["interrupted"] != true || doc["status"] != "UNKNOWN" {
		t.Errorf("interrupted %v status %v", doc["interrupted"], doc["status"])
	}
	if ts, _ := doc["targets"].([]any); len(ts) != 2 {
		t.Errorf("targets %v, want both", doc["targets"])
	}
}

// TestVersion prints the version line.
func TestVersion(t *testing.T) {
	t.Parallel()
	r := certwiz(ctxT(t), "version")
	want := regexp.MustCompile(`^certwiz \S+.* ` + runtime.GOOS + `/` + runtime.GOARCH + ` go\S+\n$`)
	if r.status != 0 || !want.MatchString(r.stdout) || r.err != "" {
		t.Errorf("version: status %d stdout %q stderr %q", r.status, r.stdout, r.err)
	}
}

// TestCheckHostileNames: a certificate whose names carry terminal
// escapes and a bidi override; the text has none of them, the JSON is
// valid and keeps them escaped.
func TestCheckHostileNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.serve(t, tlslab.Valid, tlslab.WithCertificate(hostileChain(t)))
	r := certwiz(ctxT(t), e.args("--skip", "clock,captive")...)
	if r.status != 2 {
		t.Errorf("exit status %d, want 2 (untrusted issuer)\n%s", r.status, r.stdout)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
		if strings.Contains(r.stdout, bad) || strings.Contains(r.err, bad) {
			t.Errorf("output contains %q:\n%s", bad, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, `\x1b]52`) {
		t.Errorf("the text does not show the escape visibly:\n%s", r.stdout)
	}

	j := certwiz(ctxT(t), e.args("--skip", "clock,captive", "--json")...)
	if !json.Valid([]byte(j.stdout)) || bytes.ContainsAny([]byte(j.stdout), "\x1b\x07") {
		t.Fatalf("JSON invalid or carrying raw control bytes:\n%s", j.stdout)
	}
	if !strings.Contains(j.stdout, `\u001b]52`) {
		t.Errorf("JSON lacks the escaped OSC 52 sequence")
	}
	var doc struct {
		Targets []struct {
			Chain []struct {
				Subject  string   `json:"subject"`
				DNSNames []string `json:"dns_names"`
			} `json:"chain"`
		} `json:"targets"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Targets) != 1 || len(doc.Targets[0].Chain) == 0 ||
		!strings.Contains(doc.Targets[0].Chain[0].Subject, "\u202eexe.txt") ||
		!strings.Contains(strings.Join(doc.Targets[0].Chain[0].DNSNames, " "), hostileSAN) {
		t.Errorf("JSON lost the raw names: %+v", doc.Targets)
	}
}
