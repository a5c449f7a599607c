package revocation

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// crlHost is a loopback HTTP server serving CRLs by path, set after the
// certificates that name its URLs are minted.
type crlHost struct {
	srv    *httptest.Server
	mu     sync.Mutex
	bodies map[string][]byte
	hits   map[string]int
}

func newCRLHost(tb testing.TB) *crlHost {
	tb.Helper()
	h := &crlHost{bodies: map[string][]byte{}, hits: map[string]int{}}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		body, ok := h.bodies[r.URL.Path]
		h.hits[r.URL.Path]++
		h.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/pkix-crl")
		_, _ = w.Write(body)
	}))
	tb.Cleanup(h.srv.Close)
	return h
}

func (h *crlHost) url(path string) string { return h.srv.URL + path }

func (h *crlHost) set(path string, der []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.bodies[path] = der
}

func (h *crlHost) requests(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[path]
}

// bigCRL mints a CRL of n entries with x509.CreateRevocationList, signed
// by issuer; when revoked is not nil it is listed as entry n-2 (near the
// end), with reason keyCompromise.
func bigCRL(tb testing.TB, issuer *pki.Cert, n int, revoked *big.Int, this, next time.Time) []byte {
	tb.Helper()
	entries := make([]x509.RevocationListEntry, n)
	base := new(big.Int).Lsh(big.NewInt(1), 120)
	for i := range entries {
		entries[i] = x509.RevocationListEntry{
			SerialNumber:   new(big.Int).Add(base, big.NewInt(int64(i)*7919)),
			RevocationTime: this.Add(-time.Duration(i) * time.Second),
		}
	}
	if revoked != nil {
		entries[n-2] = x509.RevocationListEntry{SerialNumber: revoked, RevocationTime: this.Add(-time.Hour).Truncate(time.Second), ReasonCode: 1}
	}
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(7), ThisUpdate: this, NextUpdate: next, RevokedCertificateEntries: entries,
	}, issuer.Cert, issuer.Key)
	if err != nil {
		tb.Fatal(err)
	}
	return der
}

// resign returns a CRL made by CreateRevocationList with its issuer name
// replaced by issuer's and signed again with issuer's key (ECDSA P-256
// and SHA-256, as the lab's keys): the same 16 MB list for ten issuers
// without minting it ten times.
func resign(tb testing.TB, der []byte, issuer *pki.Cert) []byte {
	tb.Helper()
	in := cryptobyte.String(der)
	var crl, tbs, version, alg, name cryptobyte.String
	if !in.ReadASN1(&crl, cbasn1.SEQUENCE) || !crl.ReadASN1(&tbs, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&version, cbasn1.INTEGER) || !tbs.ReadASN1Element(&alg, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&name, cbasn1.SEQUENCE) {
		tb.Fatal("resign: not a CRL")
	}
	var nb cryptobyte.Builder
	nb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(version)
		b.AddBytes(alg)
		b.AddBytes(issuer.Cert.RawSubject)
		b.AddBytes(tbs) // dates, entries, extensions
	})
	newTBS, err := nb.Bytes()
	if err != nil {
		tb.Fatal(err)
	}
	digest := sha256.Sum256(newTBS)
	sig, err := issuer.Key.Sign(rand.Reader, digest[:], nil)
	if err != nil {
		tb.Fatal(err)
	}
	var ob cryptobyte.Builder
	ob.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(newTBS)
		b.AddBytes(alg)
		b.AddASN1BitString(sig)
	})
	out, err := ob.Bytes()
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// deepChain mints root → nine intermediates → leaf, every certificate
// but the root naming crlURL(i) (i = its place in the chain, leaf 0).
func deepChain(tb testing.TB, crlURL func(i int) string, leafSerial *big.Int) (chain []*pki.Cert, root *pki.Cert) {
	tb.Helper()
	root, err := pki.NewRoot("certwiz deep chain root")
	if err != nil {
		tb.Fatal(err)
	}
	issuer := root
	inters := make([]*pki.Cert, 0, 9)
	for i := 9; i >= 1; i-- {
		c, err := issuer.Intermediate("certwiz deep chain CA "+string(rune('0'+i)), pki.CRLDistributionPoints(crlURL(i)))
		if err != nil {
			tb.Fatal(err)
		}
		inters = append(inters, c)
		issuer = c
	}
	leaf, err := issuer.Leaf([]string{"meet.example.test"}, pki.CRLDistributionPoints(crlURL(0)), pki.Serial(leafSerial))
	if err != nil {
		tb.Fatal(err)
	}
	chain = []*pki.Cert{leaf}
	for i := len(inters) - 1; i >= 0; i-- {
		chain = append(chain, inters[i])
	}
	return chain, root
}

func certs(cs []*pki.Cert) []*x509.Certificate {
	out := make([]*x509.Certificate, len(cs))
	for i, c := range cs {
		out[i] = c.Cert
	}
	return out
}
