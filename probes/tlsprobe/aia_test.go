package tlsprobe

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/asn1"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// pkcs7 wraps certificates in a certs-only PKCS#7 SignedData (DER), the
// way CAs publish .p7c files.
func pkcs7(certs ...*x509.Certificate) []byte {
	var list []byte
	for _, c := range certs {
		list = append(list, c.Raw...)
	}
	set := func(b []byte) asn1.RawValue {
		return asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: b}
	}
	data := must(asn1.Marshal(struct{ ContentType asn1.ObjectIdentifier }{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}}))
	sd := must(asn1.Marshal(struct {
		Version      int
		Digests      asn1.RawValue
		Content      asn1.RawValue
		Certificates asn1.RawValue
		Signers      asn1.RawValue
	}{1, set(nil), asn1.RawValue{FullBytes: data}, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: list}, set(nil)}))
	return must(asn1.Marshal(struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue
	}{oidSignedData, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: sd}}))
}

// aiaServer is a loopback HTTP server whose paths are filled in after
// the certificates naming them are minted.
type aiaServer struct {
	*httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	hits     atomic.Int32
}

func newAIAServer(t *testing.T) *aiaServer {
	s := &aiaServer{handlers: map[string]http.HandlerFunc{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.mu.Lock()
		h := s.handlers[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *aiaServer) serve(path string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) })
}

func (s *aiaServer) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	s.handlers[path] = h
	s.mu.Unlock()
}

func probeAIA(t *testing.T, addr string, roots *x509.CertPool, timeout time.Duration) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	port := 0
	for _, ch := range addr[bytes.LastIndexByte([]byte(addr), ':')+1:] {
		port = port*10 + int(ch-'0')
	}
	r := Probe(ctx, Config{Host: tlslab.DefaultHost, Port: port, Dial: dialTo(addr), Roots: roots, AIAClient: &http.Client{}})
	checkListed(t, r.Findings)
	return r
}

func TestAIACompletion(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	aia := newAIAServer(t)
	u := func(p string) string { return aia.URL + p }
	leafAt := func(issuer *pki.Cert, path string) *pki.Cert {
		return must(issuer.Leaf([]string{tlslab.DefaultHost}, pki.IssuingCertificateURL(u(path))))
	}
	inter := lab.Intermediate.Cert
	big := append(append([]byte(nil), inter.Raw...), make([]byte, MaxAIABytes)...)
	aia.serve("/der.crt", inter.Raw)
	aia.serve("/bundle.p7c", pkcs7(inter))
	aia.serve("/pem.crt", lab.Intermediate.PEM())
	aia.serve("/big.crt", big)
	aia.serve("/garbage.crt", []byte("<html>not a certificate</html>"))
	aia.handle("/slow.crt", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })

	// Two missing hops: leaf -> Lower CA -> Upper CA -> root.
	upper := must(lab.Root.Intermediate("Upper CA"))
	lower := must(upper.Intermediate("Lower CA", pki.IssuingCertificateURL(u("/upper.p7c"))))
	aia.serve("/lower.crt", lower.Cert.Raw)
	aia.serve("/upper.p7c", pkcs7(upper.Cert, lab.Root.Cert))

	// Loops: a CA whose AIA names itself, and two that name each other,
	// both under a root nobody trusts.
	nobody := must(pki.NewRoot("Nobody's Root"))
	self := must(nobody.Intermediate("Self-Pointing CA", pki.IssuingCertificateURL(u("/self.crt"))))
	aia.serve("/self.crt", self.Cert.Raw)
	pingUpper := must(nobody.Intermediate("Ping Upper CA", pki.IssuingCertificateURL(u("/ping.crt"))))
	pingLower := must(pingUpper.Intermediate("Ping Lower CA", pki.IssuingCertificateURL(u("/pong.crt"))))
	aia.serve("/ping.crt", pingLower.Cert.Raw)
	aia.serve("/pong.crt", pingUpper.Cert.Raw)

	completed := []string{IDChainCompleted}
	for _, tc := range []struct {
		name    string
		leaf    *pki.Cert
		ids     []string
		codes   []findings.Code
		fetched int
		ev      map[string]string
		maxHits int32
	}{
		{name: "DER", leaf: leafAt(lab.Intermediate, "/der.crt"), ids: completed, fetched: 1,
			ev: map[string]string{LabelIssuer: "certwiz Lab Issuing CA", LabelAIAIssuerURL: "/der.crt"}},
		{name: "PKCS#7", leaf: leafAt(lab.Intermediate, "/bundle.p7c"), ids: completed, fetched: 1,
			ev: map[string]string{LabelAIAIssuerURL: "/bundle.p7c"}},
		{name: "PEM", leaf: leafAt(lab.Intermediate, "/pem.crt"), ids: completed, fetched: 1},
		{name: "two hops, DER then PKCS#7", leaf: leafAt(lower, "/lower.crt"), ids: completed, fetched: 2,
			ev: map[string]string{LabelIssuer: "Lower CA, Upper CA"}},
		{name: "404", leaf: leafAt(lab.Intermediate, "/missing.crt"), ids: []string{IDIncompleteChain}, codes: []findings.Code{6},
			ev: map[string]string{LabelChainEnd: chainEndMissing, LabelAIAIssuerURL: "/missing.crt"}},
		{name: "oversized", leaf: leafAt(lab.Intermediate, "/big.crt"), ids: []string{IDIncompleteChain}, codes: []findings.Code{6}},
		{name: "garbage", leaf: leafAt(lab.Intermediate, "/garbage.crt"), ids: []string{IDIncompleteChain}, codes: []findings.Code{6}},
		{name: "slow answer runs into the deadline", leaf: leafAt(lab.Intermediate, "/slow.crt"), ids: []string{IDIncompleteChain}, codes: []findings.Code{6}},
		{name: "AIA names itself", leaf: leafAt(self, "/self.crt"), ids: []string{IDIncompleteChain}, codes: []findings.Code{6}, maxHits: 1},
		{name: "two AIAs name each other", leaf: leafAt(pingLower, "/ping.crt"), ids: []string{IDIncompleteChain}, codes: []findings.Code{6}, maxHits: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := leafOnlyServer(t, tc.leaf)
			before := aia.hits.Load()
			r := probeAIA(t, addr, lab.Roots(), 1500*time.Millisecond)
			wantIDs(t, r, tc.ids, tc.codes)
			if len(r.Fetched) != tc.fetched {
				t.Fatalf("fetched %d certificates, want %d", len(r.Fetched), tc.fetched)
			}
			for l, v := range tc.ev {
				wantEvidence(t, r.Findings[0], l, v)
			}
			if tc.maxHits > 0 {
				if hits := aia.hits.Load() - before; hits > tc.maxHits {
					t.Fatalf("%d AIA requests for a loop", hits)
				}
			}
			if tc.codes == nil && r.Findings[0].Severity != findings.Warning {
				t.Fatalf("completed chain severity %v, want warning", r.Findings[0].Severity)
			}
		})
	}
}

// leafOnlyServer serves leaf alone, without its issuers.
func leafOnlyServer(t *testing.T, leaf *pki.Cert) string {
	t.Helper()
	c := leaf.TLS()
	c.Certificate = c.Certificate[:1]
	srv := goServerTLS(t, c)
	return srv
}

func TestChainEndExplained(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	// An inspection device's style: its own root signs the leaf directly,
	// with no AIA; the server sends the leaf alone.
	device := must(pki.NewRoot("Branch Office Inspection CA"))
	direct := must(device.Leaf([]string{tlslab.DefaultHost}))
	r := probeAIA(t, leafOnlyServer(t, direct), lab.Roots(), 3*time.Second)
	wantIDs(t, r, []string{IDUntrustedIssuer}, []findings.Code{6})
	wantEvidence(t, r.Findings[0], LabelIssuer, "Branch Office Inspection CA")
	// The same with the device's CA certificate sent: still the root.
	srv := lab.Serve(t, tlslab.Valid, tlslab.WithCertificate(must(must(device.Intermediate("Inspection Sub CA")).Leaf([]string{tlslab.DefaultHost}))))
	r = probeAIA(t, srv.Addr, lab.Roots(), 3*time.Second)
	wantIDs(t, r, []string{IDUntrustedIssuer}, []findings.Code{6})
	wantEvidence(t, r.Findings[0], LabelIssuer, "Branch Office Inspection CA")
}

func FuzzParseAIA(f *testing.F) {
	root := must(pki.NewRoot("Fuzz Root"))
	inter := must(root.Intermediate("Fuzz CA"))
	f.Add(inter.Cert.Raw)
	f.Add(pkcs7(inter.Cert, root.Cert))
	f.Add(inter.PEM())
	f.Add([]byte{0x30, 0x03, 0x06, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		certs, err := parseAIA(data)
		if err == nil && (len(certs) == 0 || len(certs) > maxAIACerts) {
			t.Fatalf("%d certificates without error", len(certs))
		}
		ders, err := parsePKCS7Certs(data)
		if err == nil && (len(ders) == 0 || len(ders) > maxAIACerts) {
			t.Fatalf("%d PKCS#7 certificates without error", len(ders))
		}
	})
}
