package sshserve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A key that is not in authorized_keys is refused, and the refusal is
// logged with the key's fingerprint.
func TestUnknownKeyRefused(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	r := runSSH(t, f.sshArgs(f.other, "127.0.0.1", "check", "--json")...)
	if r.status != 255 || !strings.Contains(r.stderr, "Permission denied (publickey)") {
		t.Fatalf("stranger's key: status %d, stderr %q; want 255 and Permission denied (publickey)", r.status, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("refused client got output: %q", r.stdout)
	}
	if logs := f.logs.String(); !strings.Contains(logs, "auth refused") || !strings.Contains(logs, f.other.fingerprint(t)) {
		t.Errorf("refusal not logged with the fingerprint:\n%s", logs)
	}
}

// Passwords and keyboard-interactive are not offered at all.
func TestOnlyPublicKeyAuthOffered(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	r := runSSH(t, f.sshArgs(f.key, "-o", "PreferredAuthentications=password,keyboard-interactive,none", "127.0.0.1", "check")...)
	if r.status != 255 || !strings.Contains(r.stderr, "Permission denied (publickey)") {
		t.Fatalf("status %d, stderr %q; want only publickey offered", r.status, r.stderr)
	}
}

// authorized_keys is read again when it changes.
func TestAuthorizedKeysReloaded(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	if r := runSSH(t, f.sshArgs(f.other, "127.0.0.1", "check")...); r.status != 255 {
		t.Fatalf("before adding the key: status %d, want 255", r.status)
	}
	ak := filepath.Join(f.dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte("not a key line\n"+f.key.pub+f.other.pub), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runSSH(t, f.sshArgs(f.other, "127.0.0.1", "check", "exit0.test")...); r.status != 0 {
		t.Fatalf("after adding the key: status %d, stderr %q", r.status, r.stderr)
	}
	if err := os.WriteFile(ak, []byte(f.other.pub), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check")...); r.status != 255 {
		t.Fatalf("after removing the key: status %d, want 255", r.status)
	}
}

// After AuthFailuresPerMinute failed logins, the address is turned away,
// even with a good key.
func TestFailedLoginsLimited(t *testing.T) {
	t.Parallel()
	f := startFixture(t, func(c *Config) { c.AuthFailuresPerMinute = 2 })
	if r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "exit0.test")...); r.status != 0 {
		t.Fatalf("good key before any failure: status %d %q", r.status, r.stderr)
	}
	for i := range 2 {
		if r := runSSH(t, f.sshArgs(f.other, "127.0.0.1", "check")...); r.status != 255 {
			t.Fatalf("failure %d: status %d", i, r.status)
		}
	}
	waitFor(t, "two failures recorded", func() bool { return f.srv.limiter.blocked("127.0.0.1") })
	r := runSSH(t, f.sshArgs(f.key, "127.0.0.1", "check", "exit0.test")...)
	if r.status != 255 || r.stdout != "" {
		t.Fatalf("good key after the limit: status %d stdout %q; want turned away", r.status, r.stdout)
	}
	if !strings.Contains(f.logs.String(), "too many failed logins") {
		t.Errorf("turning away not logged:\n%s", f.logs.String())
	}
}

// --insecure-no-auth binds loopback only, and then lets anyone in.
func TestInsecureNoAuth(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := New(Config{Listen: "0.0.0.0:0", InsecureNoAuth: true, HostKeyPath: filepath.Join(dir, "k"), NewModel: newTestModel})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("non-loopback listen with --insecure-no-auth: err %v, want a loopback error", err)
	}
	f := startFixture(t, func(c *Config) { c.InsecureNoAuth = true; c.AuthorizedKeysPath = filepath.Join(dir, "missing") })
	if !strings.Contains(f.logs.String(), "INSECURE") {
		t.Errorf("no warning logged:\n%s", f.logs.String())
	}
	r := runSSH(t, f.sshArgs(f.other, "127.0.0.1", "check", "exit1.test")...)
	if r.status != 1 || !strings.Contains(r.stdout, "certwiz.report/v1") {
		t.Fatalf("no-auth check: status %d stdout %q stderr %q", r.status, r.stdout, r.stderr)
	}
}

// A missing authorized_keys file is an error at start, not an open door.
func TestMissingAuthorizedKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := New(Config{Listen: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "k"), AuthorizedKeysPath: filepath.Join(dir, "none"), NewModel: newTestModel})
	if err == nil || !strings.Contains(err.Error(), "authorized keys") {
		t.Fatalf("err %v, want an authorized keys error", err)
	}
}

// authorized_keys options at login, with the real OpenSSH client: from=
// admits 127.0.0.2 and not 127.0.0.1; an expired key is refused; a key
// with an option certwiz does not implement is skipped with a warning
// naming the file and line, never admitted with the option ignored.
func TestAuthorizedKeysOptionsAtLogin(t *testing.T) {
	t.Parallel()
	f := startFixture(t, nil)
	ak := filepath.Join(f.dir, "authorized_keys")
	write := func(content string) {
		t.Helper()
		if err := os.WriteFile(ak, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	login := func(source string) sshResult {
		return runSSH(t, f.sshArgs(f.key, "-b", source, "127.0.0.1", "check", "exit0.test")...)
	}

	write(`restrict,from="127.0.0.2,!127.0.0.1" ` + f.key.pub)
	if r := login("127.0.0.1"); r.status != 255 || r.stdout != "" {
		t.Fatalf("from=127.0.0.2, login from 127.0.0.1: status %d stdout %q; want refused", r.status, r.stdout)
	}
	if r := login("127.0.0.2"); r.status != 0 || !strings.Contains(r.stdout, "certwiz.report/v1") {
		t.Fatalf("from=127.0.0.2, login from 127.0.0.2: status %d stderr %q", r.status, r.stderr)
	}
	if !strings.Contains(f.logs.String(), "not allowed by from=") {
		t.Errorf("the from= refusal is not logged:\n%s", f.logs.String())
	}

	write(`from="127.0.0.0/8",expiry-time="20200101Z" ` + f.key.pub)
	if r := login("127.0.0.2"); r.status != 255 {
		t.Fatalf("expired key: status %d; want refused", r.status)
	}

	write("# helpdesk\n" + `command="/bin/true" ` + f.key.pub)
	if r := login("127.0.0.2"); r.status != 255 {
		t.Fatalf("key with command=: status %d; want refused", r.status)
	}
	if logs := f.logs.String(); !strings.Contains(logs, ak+`:2: key`) || !strings.Contains(logs, `option \"command\" is not supported`) {
		t.Errorf("no warning naming the file, line and option:\n%s", logs)
	}
}
