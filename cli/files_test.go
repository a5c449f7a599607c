package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// Files named on the command line (--roots, --ct-logs, serve's --host-key
// and --authorized-keys) are read only when they are regular files within
// the size cap: a device, a FIFO (which would hang), a directory or an
// oversized file is one clear line on stderr and exit status 3. A normal
// file gets past the file check: the run then stops at the next flag
// (an invalid --stun), which proves the file was accepted.
func TestFilesReadAtStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lab := tlslab.New(t)
	roots := filepath.Join(dir, "roots.pem")
	if err := lab.WriteRootPEM(roots); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	sparse := filepath.Join(dir, "sparse.pem")
	if err := os.WriteFile(sparse, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(sparse, 64<<20); err != nil { // 64 MB of holes
		t.Fatal(err)
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		say  string
	}{
		{"roots /dev/zero", []string{"check", "--roots", "/dev/zero"}, "--roots: read trust bundle: /dev/zero is a character device"},
		{"roots FIFO", []string{"check", "--roots", fifo}, "is a FIFO"},
		{"roots directory", []string{"check", "--roots", dir}, "is a directory"},
		{"roots sparse 64 MB", []string{"check", "--roots", sparse}, "file too large"},
		{"roots normal file", []string{"check", "--roots", roots, "--skip", "nothing"}, "--skip"},
		{"ct-logs /dev/zero", []string{"check", "--ct-logs", "/dev/zero"}, "--ct-logs: /dev/zero is a character device"},
		{"ct-logs FIFO", []string{"check", "--ct-logs", fifo}, "is a FIFO"},
		{"ct-logs sparse", []string{"check", "--ct-logs", sparse}, "file too large"},
		{"serve host key FIFO", []string{"serve", "--listen", "127.0.0.1:0", "--host-key", fifo, "--authorized-keys", ak}, "is a FIFO"},
		{"serve host key /dev/zero", []string{"serve", "--listen", "127.0.0.1:0", "--host-key", "/dev/zero", "--authorized-keys", ak}, "character device"},
		{"serve authorized_keys FIFO", []string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"), "--authorized-keys", fifo}, "is a FIFO"},
		{"serve authorized_keys directory", []string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"), "--authorized-keys", dir}, "is a directory"},
		{"serve authorized_keys sparse", []string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"), "--authorized-keys", sparse}, "file too large"},
	}
	for _, tc := range cases {
		r := certwiz(ctxT(t), tc.args...)
		if r.status != 3 || !strings.Contains(r.err, tc.say) {
			t.Errorf("%s: status %d, stderr %q; want 3 and %q", tc.name, r.status, r.err, tc.say)
		}
		if strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
			t.Errorf("%s: more than one line on stderr: %q", tc.name, r.err)
		}
		if tc.name == "roots normal file" && strings.Contains(r.err, "--roots") {
			t.Errorf("normal roots file refused: %q", r.err)
		}
	}
}

// serve refuses a host key that others may read (exit 3, one line).
func TestServeRefusesLooseHostKey(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	hk := filepath.Join(dir, "hk")
	// An ed25519 key in OpenSSH format; its contents do not matter, the
	// mode is checked first.
	if err := os.WriteFile(hk, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(hk, 0o644); err != nil {
		t.Fatal(err)
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r := certwiz(ctxT(t), "serve", "--listen", "127.0.0.1:0", "--host-key", hk, "--authorized-keys", ak)
	if r.status != 3 || !strings.Contains(r.err, "permissions 0644 are too open") || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
		t.Fatalf("status %d stderr %q; want 3 and one too-open line", r.status, r.err)
	}
}
