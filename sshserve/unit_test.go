package sshserve

import (
	"strings"
	"testing"
	"time"
)

func TestRefusedFlag(t *testing.T) {
	t.Parallel()
	allowed := DefaultClientCheckFlags
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--json", "zoom.us"}, ""},
		{[]string{"--lang", "ja", "zoom.us:8801"}, ""},
		{[]string{"--lang=ja", "--format=markdown", "zoom.us"}, ""},
		{[]string{"--roots", "/etc/ssl/x.pem"}, "--roots"},
		{[]string{"--ct-logs=/tmp/l.json"}, "--ct-logs"},
		{[]string{"zoom.us", "--ntp=192.0.2.1"}, "--ntp"},
		{[]string{"--timeout", "1h"}, "--timeout"},
		{[]string{"--resolve=zoom.us:443:10.0.0.1"}, "--resolve"},
		{[]string{"--captive-url=http://x/"}, "--captive-url"},
		{[]string{"--stun", "x:3478"}, "--stun"},
		{[]string{"--skip=clock"}, "--skip"},
		{[]string{"-x"}, "-x"},
		{[]string{"--", "--roots"}, ""},
		{[]string{"--jsonx"}, "--jsonx"},
	} {
		if got := refusedFlag(tc.args, allowed); got != tc.want {
			t.Errorf("refusedFlag(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestRedactCommand(t *testing.T) {
	t.Parallel()
	got := redactCommand([]string{"check", "--proxy=http://alice:s3cret@proxy:3128", "bob:hunter2@host", "zoom.us", "\x1b]52;c;x\x07"})
	for _, secret := range []string{"s3cret", "hunter2", "alice", "\x1b"} {
		if strings.Contains(got, secret) {
			t.Errorf("log line %q still contains %q", got, secret)
		}
	}
	for _, keep := range []string{"--proxy=http://REDACTED@proxy:3128", "REDACTED@host", "zoom.us"} {
		if !strings.Contains(got, keep) {
			t.Errorf("log line %q lacks %q", got, keep)
		}
	}
}

func TestSessionEnv(t *testing.T) {
	t.Parallel()
	env := sessionEnv([]string{"NO_COLOR=yes", "LANG=ja_JP.UTF-8", "LC_ALL=C", "HTTPS_PROXY=http://evil", "LD_PRELOAD=/x.so", "TERM=vt100", "CERTWIZ_PLAIN=1", "COLORTERM=" + strings.Repeat("x", 300)}, "xterm-256color")
	got := strings.Join(env, " ")
	want := "NO_COLOR=yes LANG=ja_JP.UTF-8 LC_ALL=C CERTWIZ_PLAIN=1 TERM=xterm-256color"
	if got != want {
		t.Errorf("sessionEnv = %q, want %q", got, want)
	}
	if !noColor(env) || noColor([]string{"NO_COLOR="}) || noColor(nil) {
		t.Error("noColor must be true for any non-empty NO_COLOR only")
	}
}

func TestParseAuthorizedKeysSkipsBadLines(t *testing.T) {
	t.Parallel()
	in := "# comment\n\nnot-a-key AAAA\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPh5yXnHqXb6L7G0C0V3b6M8B1QzIuT3M5c8xVXyq9h8 a@b\n"
	list, err := parseAuthorizedKeys(strings.NewReader(in), "ak")
	if err != nil || len(list.keys) != 1 || list.skipped != 1 {
		t.Fatalf("keys %d skipped %d err %v; want 1, 1, nil", len(list.keys), list.skipped, err)
	}
}

func TestFailureLimiterWindow(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_000_000, 0)
	l := newFailureLimiter(3, func() time.Time { return now })
	for i := 1; i <= 3; i++ {
		if l.blocked("192.0.2.1") {
			t.Fatalf("blocked after %d failures", i-1)
		}
		l.fail("192.0.2.1")
	}
	if !l.blocked("192.0.2.1") || l.blocked("192.0.2.2") {
		t.Fatal("the limit must apply to the failing address only")
	}
	now = now.Add(61 * time.Second)
	if l.blocked("192.0.2.1") {
		t.Fatal("still blocked after the minute passed")
	}
	if len(l.failures) != 0 {
		t.Errorf("expired entries kept: %v", l.failures)
	}
}

func TestLoopbackListen(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{"127.0.0.1:2222": true, "[::1]:0": true, "localhost:1": true, "0.0.0.0:2222": false, ":2222": false, "10.0.0.5:22": false, "junk": false} {
		if got := isLoopbackListen(addr); got != want {
			t.Errorf("isLoopbackListen(%q) = %v, want %v", addr, got, want)
		}
	}
}
