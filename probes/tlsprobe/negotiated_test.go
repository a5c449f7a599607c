package tlsprobe

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"reflect"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/oldtls"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// rsaLeaf is a lab leaf for zoom.test with a 2048-bit RSA key (RSA key
// exchange needs one, with keyEncipherment), with extra options.
func rsaLeaf(t *testing.T, issuer *pki.Cert, opts ...pki.Option) *pki.Cert {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ku := pki.Template(func(c *x509.Certificate) { c.KeyUsage |= x509.KeyUsageKeyEncipherment })
	c, err := issuer.LeafWithKey([]string{tlslab.DefaultHost, "127.0.0.1"}, key, append([]pki.Option{ku}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// goServer serves cert with Go's TLS server configured by tune; every
// connection completes its handshake and is closed.
func goServer(t *testing.T, cert *pki.Cert, tune func(*tls.Config)) string {
	t.Helper()
	cfg := &tls.Config{Certificates: []tls.Certificate{cert.TLS()}}
	tune(cfg)
	return listenTLS(t, cfg)
}

// goServerTLS serves exactly c with Go's defaults.
func goServerTLS(t *testing.T, c tls.Certificate) string {
	t.Helper()
	return listenTLS(t, &tls.Config{Certificates: []tls.Certificate{c}})
}

func listenTLS(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	return faultlab.ServeConns(t, ln, func(c net.Conn) {
		_ = c.(*tls.Conn).Handshake()
		_, _ = io.Copy(io.Discard, c)
	})
}

func probeAt(t *testing.T, addr string, roots *x509.CertPool) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	_, port, _ := net.SplitHostPort(addr)
	p := 0
	for _, ch := range port {
		p = p*10 + int(ch-'0')
	}
	r := Probe(ctx, Config{Host: tlslab.DefaultHost, Port: p, Dial: dialTo(addr), Roots: roots})
	checkListed(t, r.Findings)
	return r
}

func wantIDs(t *testing.T, r *Result, want []string, codes []findings.Code) {
	t.Helper()
	if got := ids(r.Findings); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings = %v, want %v (err %v, %s %s)", got, want, r.Err, VersionName(r.Version), SuiteName(r.CipherSuite))
	}
	if got := findings.Codes(r.Findings); !reflect.DeepEqual(got, codes) {
		t.Fatalf("codes = %v, want %v", got, codes)
	}
}

const gnutlsBase = ":+RSA:+SHA1:+SIGN-ALL:+COMP-NULL:+GROUP-ALL"

func TestNegotiatedSuiteJudgedAsBrowsersDo(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	leaf := rsaLeaf(t, lab.Intermediate)
	expired := rsaLeaf(t, lab.Intermediate, pki.Valid(time.Now().Add(-40*24*time.Hour), time.Now().Add(-3*24*time.Hour)))

	t.Run("3DES only (gnutls)", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.GnuTLS(t, leaf, "NONE:+VERS-TLS1.2:+3DES-CBC"+gnutlsBase)
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakCipher}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelCipherSuite, "TLS_RSA_WITH_3DES_EDE_CBC_SHA")
		wantEvidence(t, r.Findings[0], LabelSuiteProblem, "3des")
	})
	t.Run("RC4 only (gnutls)", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.GnuTLS(t, leaf, "NONE:+VERS-TLS1.2:+ARCFOUR-128"+gnutlsBase)
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakCipher}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelCipherSuite, "RC4_128")
		wantEvidence(t, r.Findings[0], LabelSuiteProblem, "rc4")
	})
	t.Run("3DES preferred but ECDHE-GCM also offered is no fault", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.GnuTLS(t, leaf, "NONE:+VERS-TLS1.2:+3DES-CBC:+AES-128-GCM:+ECDHE-RSA:+AEAD"+gnutlsBase+":%SERVER_PRECEDENCE")
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, nil, nil)
		if n := SuiteName(r.CipherSuite); n != "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" {
			t.Fatalf("browser's suite = %s", n)
		}
	})
	t.Run("TLS 1.0 with 3DES: both block, version first", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.GnuTLS(t, leaf, "NONE:+VERS-TLS1.0:+3DES-CBC"+gnutlsBase)
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDOldVersion, IDWeakCipher}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelVersion, "TLS 1.0")
	})
	t.Run("NULL only (openssl, Go cannot negotiate it): raw handshake names it", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.OpenSSL(t, leaf, "-cipher", "NULL-SHA256:@SECLEVEL=0", "-tls1_2")
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakCipher}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelCipherSuite, "TLS_RSA_WITH_NULL_SHA256")
		wantEvidence(t, r.Findings[0], LabelSuiteProblem, "null")
		if len(r.Chain) != 2 {
			t.Fatalf("chain from the raw handshake has %d certificates", len(r.Chain))
		}
	})
	t.Run("NULL with an expired leaf: 100 first, the date follows", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.OpenSSL(t, expired, "-cipher", "NULL-SHA256:@SECLEVEL=0", "-tls1_2")
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakCipher, IDExpired}, []findings.Code{100, 5})
	})
	t.Run("1024-bit DHE (openssl)", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.OpenSSL(t, leaf, "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", "-dhparam", oldtls.DHParams(t, 1024), "-tls1_2")
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakDH}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelDHBits, "1024")
		wantEvidence(t, r.Findings[0], LabelCipherSuite, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")
	})
	t.Run("2048-bit DHE only: browsers no longer offer DHE", func(t *testing.T) {
		t.Parallel()
		srv := oldtls.OpenSSL(t, leaf, "-cipher", "DHE-RSA-AES128-GCM-SHA256", "-tls1_2")
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakCipher}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelSuiteProblem, "finite-field-dhe")
		wantEvidence(t, r.Findings[0], LabelDHBits, "2048")
	})
	t.Run("RSA key exchange only (Go server): no forward secrecy", func(t *testing.T) {
		t.Parallel()
		addr := goServer(t, leaf, func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}
		})
		r := probeAt(t, addr, lab.Roots())
		wantIDs(t, r, []string{IDWeakCipher}, []findings.Code{100})
		wantEvidence(t, r.Findings[0], LabelSuiteProblem, "no-forward-secrecy")
	})
	t.Run("TLS 1.0 under an untrusted root: 100 leads, 6 follows", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.TLS10Only)
		r := probeAt(t, srv.Addr, lab.Untrusted.Pool())
		wantIDs(t, r, []string{IDOldVersion, IDUntrustedIssuer}, []findings.Code{100, 6})
	})
	t.Run("modern server: suite recorded, no finding", func(t *testing.T) {
		t.Parallel()
		srv := lab.Serve(t, tlslab.Valid)
		r := probeAt(t, srv.Addr, lab.Roots())
		wantIDs(t, r, nil, nil)
		if r.CipherSuite == 0 || suiteProblem(SuiteName(r.CipherSuite)) != "" {
			t.Fatalf("suite %s", SuiteName(r.CipherSuite))
		}
	})
}
