package proxylab

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab"
)

func TestMD5CryptMatchesOpenSSL(t *testing.T) {
	t.Parallel()
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		missing(t, "openssl")
	}
	for _, c := range []struct{ pw, salt string }{
		{"secret", "abcdefgh"},
		{"", "x"},
		{"a much longer password than sixteen bytes", "Zz9./"},
		{"pässwörd:with colon", "saltsalt"},
	} {
		out, err := exec.Command(openssl, "passwd", "-1", "-salt", c.salt, c.pw).Output()
		if err != nil {
			t.Fatalf("openssl passwd: %v", err)
		}
		want := strings.TrimSpace(string(out))
		if got := md5Crypt(c.pw, c.salt); got != want {
			t.Errorf("md5Crypt(%q, %q) = %q, openssl says %q", c.pw, c.salt, got, want)
		}
	}
}

// missing fails in CI and skips elsewhere when a Debian tool is absent.
func missing(t *testing.T, tool string) {
	t.Helper()
	faultlab.Missing(t, tool+" is not installed (Debian package openssl)")
}
