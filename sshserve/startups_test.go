package sshserve

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// holdSilent opens n TCP connections from source to addr that never speak
// and keeps them open until the test ends.
func holdSilent(t testing.TB, source, addr string, n int) []net.Conn {
	t.Helper()
	var conns []net.Conn
	d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(source)}}
	for range n {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("silent connection from %s: %v", source, err)
		}
		conns = append(conns, c)
	}
	t.Cleanup(func() {
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return conns
}

// One address holding 64 silent connections takes at most 10
// unauthenticated slots: an agent from another address still logs in, with
// the real OpenSSH client and with x/crypto/ssh; the refusals are logged at
// a bounded rate with a summary of what was held back.
func TestSilentConnectionsFromOneAddressLockNobodyOut(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	addr := f.srv.Addr().String()
	holdSilent(t, "127.0.0.1", addr, 64)
	waitFor(t, "the server to admit 10 and turn away the rest", func() bool {
		f.srv.mu.Lock()
		defer f.srv.mu.Unlock()
		return f.srv.unauth["127.0.0.1"] == DefaultMaxStartupsPerAddr && strings.Count(f.logs.String(), "connection refused") >= 1
	})

	r := runSSH(t, f.sshArgs(f.key, "-b", "127.0.0.2", "127.0.0.1", "check", "exit0.test")...)
	if r.status != 0 || !strings.Contains(r.stdout, "certwiz.report/v1") {
		t.Fatalf("OpenSSH login from 127.0.0.2: status %d stdout %q stderr %q", r.status, r.stdout, r.stderr)
	}
	c := goClient(t, f, "127.0.0.2")
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.Output("check exit0.test")
	if err != nil || !strings.Contains(string(out), "certwiz.report/v1") {
		t.Fatalf("x/crypto/ssh login from 127.0.0.2: %v %q", err, out)
	}

	// 54 connections were turned away; far fewer lines say so, and a
	// summary counts the rest.
	waitFor(t, "a summary of the held-back refusal lines", func() bool {
		return strings.Contains(f.logs.String(), "log lines held back")
	})
	logs := f.logs.String()
	if n := strings.Count(logs, "msg=\"connection refused\""); n > 2*logBurstPerAddr || n == 0 {
		t.Errorf("%d refusal lines for 54 refused connections, want 1-%d", n, 2*logBurstPerAddr)
	}
	if !strings.Contains(logs, "too many connections from this address that have not logged in") {
		t.Errorf("per-address refusal not logged:\n%s", logs)
	}
}

// A connection that does not log in within LoginGraceTime is closed, its
// slot is free again, and it counts as a failed login (as OpenSSH's
// PerSourcePenalties grace-exceeded): after 3 with a limit of 3, the
// address is turned away.
func TestLoginGraceTime(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.LoginGraceTime = 500 * time.Millisecond; c.AuthFailuresPerMinute = 3 })
	conns := holdSilent(t, "127.0.0.1", f.srv.Addr().String(), 3)
	for _, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(15 * time.Second))
		if _, err := io.ReadAll(c); err != nil {
			t.Fatalf("silent connection not closed by the server: %v", err)
		}
	}
	waitFor(t, "the unauthenticated count to return to zero", func() bool {
		f.srv.mu.Lock()
		defer f.srv.mu.Unlock()
		return f.srv.unauthN == 0 && len(f.srv.unauth) == 0
	})
	waitFor(t, "three grace-time failures recorded", func() bool { return f.srv.limiter.blocked("127.0.0.1") })
}

// Logins that offer no key (none, password, keyboard-interactive) count as
// failed logins: after AuthFailuresPerMinute of them, even a good key from
// that address is turned away.
func TestKeylessLoginsCountAsFailures(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.AuthFailuresPerMinute = 2 })
	for i := range 2 {
		r := runSSH(t, f.sshArgs(f.key, "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=none,password,keyboard-interactive",
			"127.0.0.1", "check")...)
		if r.status != 255 {
			t.Fatalf("keyless login %d: status %d", i, r.status)
		}
	}
	waitFor(t, "two failures recorded", func() bool { return f.srv.limiter.blocked("127.0.0.1") })
	if r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "exit0.test")...); r.status != 255 || r.stdout != "" {
		t.Fatalf("good key after two keyless failures: status %d stdout %q; want turned away", r.status, r.stdout)
	}
}

// A connection that logs in and one that merely connects and leaves are
// not failures.
func TestSuccessfulAndSilentConnectionsAreNotFailures(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.AuthFailuresPerMinute = 1 })
	for range 3 {
		if r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "exit0.test")...); r.status != 0 {
			t.Fatalf("status %d %q", r.status, r.stderr)
		}
		c := holdSilent(t, "127.0.0.1", f.srv.Addr().String(), 1)[0]
		_ = c.Close()
	}
	if f.srv.limiter.blocked("127.0.0.1") {
		t.Fatal("successful logins or silent connections counted as failures")
	}
}

// The refusal log throttle: a burst per address and in all per window,
// the rest counted for the summary.
func TestLogThrottle(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_000_000, 0)
	l := newLogThrottle(func() time.Time { return now })
	written := 0
	for range 100 {
		if l.allow("192.0.2.1") {
			written++
		}
	}
	if written != logBurstPerAddr {
		t.Fatalf("%d lines written for one address, want %d", written, logBurstPerAddr)
	}
	for i := range 100 {
		if l.allow(net.IPv4(198, 51, 100, byte(i)).String()) {
			written++
		}
	}
	if written != logBurstTotal {
		t.Fatalf("%d lines written in all, want %d", written, logBurstTotal)
	}
	each, restLines, restAddrs := l.drain()
	total := restLines
	for _, h := range each {
		total += h.lines
	}
	if total != 200-logBurstTotal || len(each) != logBurstTotal || restAddrs != 1+100-(logBurstTotal-logBurstPerAddr)-logBurstTotal {
		t.Fatalf("held back %d lines (%d listed, %d more addresses), want %d", total, len(each), restAddrs, 200-logBurstTotal)
	}
	now = now.Add(logWindow)
	if !l.allow("192.0.2.1") {
		t.Fatal("next window: line refused")
	}
	if each, rest, _ := l.drain(); len(each) != 0 || rest != 0 {
		t.Fatal("drain did not start afresh")
	}
}
