package sshserve

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The host key is created once with mode 0600 and reused on later starts:
// a client that pinned it on the first start connects to the second with
// strict host key checking.
func TestHostKeyStableAcrossRestarts(t *testing.T) {
	t.Parallel()
	needBin(t, "ssh")
	dir := t.TempDir()
	key := newClientKey(t, dir, "agent_key")
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte(key.pub), 0o600); err != nil {
		t.Fatal(err)
	}
	hostKey := filepath.Join(dir, "conf", "certwiz", "ssh_host_ed25519_key")
	cfg := Config{Listen: "127.0.0.1:0", HostKeyPath: hostKey, AuthorizedKeysPath: ak,
		NewModel: newTestModel, Check: newTestCheck().run, Logger: discardLogger()}

	first, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	fp1 := first.HostKeyFingerprint()
	info, err := os.Stat(hostKey)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", info.Mode().Perm())
	}
	pub, err := os.ReadFile(hostKey + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	_ = first.Close()

	second, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = second.Close() })
	if fp2 := second.HostKeyFingerprint(); fp2 != fp1 || !strings.HasPrefix(fp1, "SHA256:") {
		t.Fatalf("fingerprint changed across restarts: %s then %s", fp1, fp2)
	}
	go func() { _ = second.ListenAndServe() }()

	portStr := strconv.Itoa(second.Addr().(*net.TCPAddr).Port)
	known := filepath.Join(dir, "known_hosts")
	if err := os.WriteFile(known, []byte("[127.0.0.1]:"+portStr+" "+string(pub)), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSSH(t, "-F", "/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile="+known,
		"-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", key.path, "-p", portStr, "127.0.0.1", "check", "exit0.test")
	if r.status != 0 {
		t.Fatalf("strict host key check against the pinned key failed: status %d stderr %q", r.status, r.stderr)
	}
}

// A file that is not a private key is an error, never overwritten.
func TestHostKeyUnreadable(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadOrCreateHostKey(path); err == nil {
		t.Fatal("garbage host key accepted")
	}
	if b, _ := os.ReadFile(path); string(b) != "not a key" {
		t.Fatal("the existing file was overwritten")
	}
}

// Like sshd, a host key that group or others may read is refused; the
// same key with mode 0600 loads.
func TestHostKeyLoosePermissionsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "host", "key")
	if _, _, err := loadOrCreateHostKey(path); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, _, err := loadOrCreateHostKey(path)
		if err == nil || !strings.Contains(err.Error(), "too open") || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("mode %04o: err %v, want a too-open refusal", mode, err)
		}
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, created, err := loadOrCreateHostKey(path); err != nil || created {
		t.Fatalf("mode 0600: created %v err %v", created, err)
	}
}
