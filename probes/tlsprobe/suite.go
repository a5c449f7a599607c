package tlsprobe

import (
	"crypto/tls"
	"fmt"
	"strings"
	"sync"
)

// extraSuiteNames names the TLS 1.0-1.2 suites Go's crypto/tls does not
// implement but old servers still negotiate, so a raw handshake can name
// what the server picked. Go's own suites are named by tls.CipherSuiteName.
var extraSuiteNames = map[uint16]string{
	0x0001: "TLS_RSA_WITH_NULL_MD5",
	0x0002: "TLS_RSA_WITH_NULL_SHA",
	0x0003: "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
	0x0004: "TLS_RSA_WITH_RC4_128_MD5",
	0x0006: "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
	0x0008: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
	0x0009: "TLS_RSA_WITH_DES_CBC_SHA",
	0x0011: "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA",
	0x0012: "TLS_DHE_DSS_WITH_DES_CBC_SHA",
	0x0013: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
	0x0014: "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
	0x0015: "TLS_DHE_RSA_WITH_DES_CBC_SHA",
	0x0016: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
	0x0018: "TLS_DH_anon_WITH_RC4_128_MD5",
	0x001B: "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",
	0x0032: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
	0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
	0x0034: "TLS_DH_anon_WITH_AES_128_CBC_SHA",
	0x0038: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
	0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
	0x003A: "TLS_DH_anon_WITH_AES_256_CBC_SHA",
	0x003B: "TLS_RSA_WITH_NULL_SHA256",
	0x003D: "TLS_RSA_WITH_AES_256_CBC_SHA256",
	0x0041: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
	0x0045: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",
	0x0067: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
	0x006B: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
	0x0084: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",
	0x0088: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",
	0x009E: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
	0x009F: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
	0x00A2: "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256",
	0x00A3: "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384",
	0x00A6: "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
	0x00A7: "TLS_DH_anon_WITH_AES_256_GCM_SHA384",
	0xC001: "TLS_ECDH_ECDSA_WITH_NULL_SHA",
	0xC006: "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
	0xC010: "TLS_ECDHE_RSA_WITH_NULL_SHA",
	0xC015: "TLS_ECDH_anon_WITH_NULL_SHA",
	0xC016: "TLS_ECDH_anon_WITH_RC4_128_SHA",
	0xC017: "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA",
	0xC018: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
	0xC019: "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
	0xC024: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
	0xC028: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
	0xC09C: "TLS_RSA_WITH_AES_128_CCM",
	0xC09D: "TLS_RSA_WITH_AES_256_CCM",
	0xC09E: "TLS_DHE_RSA_WITH_AES_128_CCM",
	0xC09F: "TLS_DHE_RSA_WITH_AES_256_CCM",
	0xCCAA: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
}

// SuiteName returns the IANA name of a cipher suite, or "0xABCD" for one
// nobody here knows; "" for 0 (nothing negotiated).
func SuiteName(id uint16) string {
	if id == 0 {
		return ""
	}
	if n, ok := extraSuiteNames[id]; ok {
		return n
	}
	return goSuiteName(id)
}

// goSuiteNames names the suites Go's crypto/tls implements. It is built
// once: tls.CipherSuiteName builds both suite lists on every call, and a
// fleet run names suites hundreds of times.
var goSuiteNames = sync.OnceValue(func() map[uint16]string {
	m := map[uint16]string{}
	for _, list := range [][]*tls.CipherSuite{tls.CipherSuites(), tls.InsecureCipherSuites()} {
		for _, cs := range list {
			m[cs.ID] = cs.Name
		}
	}
	return m
})

// goSuiteName returns tls.CipherSuiteName(id) without its allocations.
func goSuiteName(id uint16) string {
	if n, ok := goSuiteNames()[id]; ok {
		return n
	}
	return tls.CipherSuiteName(id)
}

// Why a suite is refused; the values are evidence (LabelSuiteProblem).
const (
	suiteRC4     = "rc4"
	suite3DES    = "3des"
	suiteDES     = "des"
	suiteNULL    = "null"
	suiteExport  = "export"
	suiteAnon    = "anonymous"
	suiteNoFS    = "no-forward-secrecy"
	suiteFFDHE   = "finite-field-dhe"
	suiteUnknown = "unknown"
)

// suiteProblem says why current browsers would not negotiate the suite
// with this name, or "" when they still offer it. TLS 1.3 suites and
// ECDHE with AES or ChaCha20 are fine. Static RSA key exchange has no
// forward secrecy (Chrome dropped it in 2024); finite-field DHE was
// dropped by Chrome and Firefox years ago.
func suiteProblem(name string) string {
	switch {
	case name == "":
		return ""
	case strings.HasPrefix(name, "0x"):
		return suiteUnknown
	case strings.Contains(name, "_NULL_"), strings.HasSuffix(name, "_NULL"):
		return suiteNULL
	case strings.Contains(name, "EXPORT"):
		return suiteExport
	case strings.Contains(name, "_anon_"):
		return suiteAnon
	case strings.Contains(name, "_RC4_"):
		return suiteRC4
	case strings.Contains(name, "_3DES_"):
		return suite3DES
	case strings.Contains(name, "_DES_"):
		return suiteDES
	case strings.HasPrefix(name, "TLS_RSA_"), strings.HasPrefix(name, "TLS_DH_"), strings.HasPrefix(name, "TLS_ECDH_"):
		return suiteNoFS
	case strings.HasPrefix(name, "TLS_DHE_"):
		return suiteFFDHE
	}
	return ""
}

// finiteFieldDHE reports a suite whose key exchange is finite-field
// Diffie-Hellman (its group size is in the ServerKeyExchange).
func finiteFieldDHE(name string) bool {
	return strings.HasPrefix(name, "TLS_DHE_") || strings.HasPrefix(name, "TLS_DH_anon_")
}

// browserSuites are the TLS 1.2 suites current browsers offer (ECDHE
// with AES-GCM, ChaCha20 or AES-CBC); TLS 1.3 suites are always on.
func browserSuites() []uint16 {
	var out []uint16
	for _, s := range tls.CipherSuites() {
		if strings.HasPrefix(s.Name, "TLS_ECDHE_") && suiteProblem(s.Name) == "" {
			out = append(out, s.ID)
		}
	}
	return out
}

// MinDHBits is the smallest finite-field DH group not reported as weak.
const MinDHBits = 2048

func suiteSummary(name, problem string) string {
	return fmt.Sprintf("The server negotiates %s (%s), which current browsers refuse.", name, problem)
}
