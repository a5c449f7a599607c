package revocation

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// maxPeakRSSMB is the bound the README promises for checking a 16 MB CRL,
// and a chain of ten certificates with one each.
const maxPeakRSSMB = 64

// rssChildEnv names the directory a child process reads its chain from.
const rssChildEnv = "CERTWIZ_CRL_RSS_DIR"

// BenchmarkCRLPeakRSS reports the peak resident set size of a process
// that checks one certificate against a CRL of 1, 4 and 16 MB, and a
// chain of ten certificates each with its own 16 MB CRL, served over
// loopback HTTP. The check runs in a child process (this test binary,
// TestCRLPeakRSSChild) and the figure is the child's own VmHWM, read by
// the child from /proc/self/status when the check is done. (Not the
// child's ru_maxrss: Go starts children with vfork, and Linux carries
// the parent's peak, here the hundreds of MB that mint and serve the
// CRLs, into the child's ru_maxrss at exec.)
func BenchmarkCRLPeakRSS(b *testing.B) {
	for _, mb := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("crl=%dMB", mb), func(b *testing.B) {
			serial := big.NewInt(0x5eed)
			host := newCRLHost(b)
			root, err := pki.NewRoot("certwiz rss root")
			if err != nil {
				b.Fatal(err)
			}
			inter, err := root.Intermediate("certwiz rss CA")
			if err != nil {
				b.Fatal(err)
			}
			leaf, err := inter.Leaf([]string{"meet.example.test"}, pki.Serial(serial), pki.CRLDistributionPoints(host.url("/ca.crl")))
			if err != nil {
				b.Fatal(err)
			}
			der := resign(b, sizedCRL(b, mb, serial), inter)
			host.set("/ca.crl", der)
			measureRSS(b, []*pki.Cert{leaf, inter}, root, float64(len(der))/(1<<20), 1)
		})
	}
	b.Run("chain=10x16MB", func(b *testing.B) {
		serial := big.NewInt(0x5eed)
		host := newCRLHost(b)
		path := func(i int) string { return fmt.Sprintf("/ca%d.crl", i) }
		chain, root := deepChain(b, func(i int) string { return host.url(path(i)) }, serial)
		base := sizedCRL(b, 16, serial)
		for i := range chain {
			issuer := root
			if i+1 < len(chain) {
				issuer = chain[i+1]
			}
			host.set(path(i), resign(b, base, issuer))
		}
		measureRSS(b, chain, root, float64(len(base))/(1<<20), 10)
	})
}

var (
	sizedMu   sync.Mutex
	sizedCRLs = map[int][]byte{}
)

// sizedCRL mints (once per test binary) a CRL of about mb MiB listing
// serial near its end, with x509.CreateRevocationList.
func sizedCRL(b *testing.B, mb int, serial *big.Int) []byte {
	sizedMu.Lock()
	defer sizedMu.Unlock()
	if der, ok := sizedCRLs[mb]; ok {
		return der
	}
	signer, err := pki.NewRoot("certwiz rss template signer")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	// An entry is 35 bytes: a 16-byte serial, a UTCTime, two headers.
	der := bigCRL(b, signer, mb<<20/35, serial, now.Add(-time.Hour), now.Add(24*time.Hour))
	sizedCRLs[mb] = der
	return der
}

// measureRSS writes the chain for a child, runs it b.N times and reports
// the largest peak RSS; it fails above maxPeakRSSMB.
func measureRSS(b *testing.B, chain []*pki.Cert, root *pki.Cert, crlMB float64, crls int) {
	dir := b.TempDir()
	var chainPEM []byte
	for _, c := range chain {
		chainPEM = append(chainPEM, c.PEM()...)
	}
	if err := os.WriteFile(filepath.Join(dir, "chain.pem"), chainPEM, 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "root.pem"), root.PEM(), 0o600); err != nil {
		b.Fatal(err)
	}
	var peakKiB int64
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCRLPeakRSSChild$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), rssChildEnv+"="+dir)
		out, err := cmd.CombinedOutput()
		var leaf string
		var bad int
		var hwm int64
		if i := strings.Index(string(out), "CRL-CHECK "); i >= 0 {
			_, _ = fmt.Sscanf(string(out[i:]), "CRL-CHECK leaf=%s bad=%d vmhwm-kib=%d", &leaf, &bad, &hwm)
		}
		if err != nil || leaf != "revoked" || bad != 0 || hwm <= 0 {
			b.Fatalf("child check: %v\n%s", err, out)
		}
		peakKiB = max(peakKiB, hwm)
	}
	b.StopTimer()
	peakMB := float64(peakKiB) / 1024
	b.ReportMetric(peakMB, "peak-rss-MB")
	b.ReportMetric(crlMB, "crl-MB")
	b.ReportMetric(float64(crls), "crls")
	if peakMB > maxPeakRSSMB {
		b.Fatalf("peak RSS %.1f MB checking %d CRL(s) of %.1f MB, over the %d MB bound", peakMB, crls, crlMB, maxPeakRSSMB)
	}
}

// TestCRLPeakRSSChild is the child process of BenchmarkCRLPeakRSS: it
// checks the chain in $CERTWIZ_CRL_RSS_DIR and prints the verdicts.
func TestCRLPeakRSSChild(t *testing.T) {
	dir := os.Getenv(rssChildEnv)
	if dir == "" {
		t.Skip("run by BenchmarkCRLPeakRSS")
	}
	chain := readPEMCerts(t, filepath.Join(dir, "chain.pem"))
	roots := x509.NewCertPool()
	for _, c := range readPEMCerts(t, filepath.Join(dir, "root.pem")) {
		roots.AddCert(c)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res := Check(ctx, Input{Chain: chain, Roots: roots, Now: time.Now(), FetchTimeout: time.Minute})
	bad := 0
	for _, st := range res.Intermediates {
		if st.Status != StatusGood {
			bad++
			t.Logf("intermediate %d: %s (%s)", st.CertIndex, st.Status, st.Reason)
		}
	}
	fmt.Printf("CRL-CHECK leaf=%s bad=%d vmhwm-kib=%d\n", res.Status, bad, vmHWMKiB(t))
}

// vmHWMKiB is this process's peak resident set size since exec.
func vmHWMKiB(t *testing.T) int64 {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kib int64
			if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kib); err != nil {
				t.Fatal(err)
			}
			return kib
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

func readPEMCerts(t *testing.T, path string) []*x509.Certificate {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []*x509.Certificate
	for {
		var blk *pem.Block
		blk, data = pem.Decode(data)
		if blk == nil {
			return out
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
}
