package tlsprobe

import (
	"crypto/tls"
	"testing"
)

// goSuiteName must name every suite exactly as tls.CipherSuiteName does,
// known or not.
func TestGoSuiteNameIsCipherSuiteName(t *testing.T) {
	t.Parallel()
	for id := range 1 << 16 {
		if got, want := goSuiteName(uint16(id)), tls.CipherSuiteName(uint16(id)); got != want {
			t.Fatalf("0x%04X: %q, want %q", id, got, want)
		}
	}
	if SuiteName(0) != "" || SuiteName(0x0004) != "TLS_RSA_WITH_RC4_128_MD5" || SuiteName(0x1301) != "TLS_AES_128_GCM_SHA256" {
		t.Fatal("SuiteName lost a name")
	}
}
