package revocation

import (
	"crypto/rand"
	"encoding/binary"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// largeEntries makes test CRLs of about 1.3 MB: big enough that the
// streamed scan crosses many buffer refills, small enough for -race.
const largeEntries = 30000

// TestCRLStreamed serves real CRLs (and things that are not) from a
// loopback HTTP server and checks a leaf against each.
func TestCRLStreamed(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	other := newLab(t) // same names as l, other keys
	stranger, err := other.root.Intermediate("another CA entirely")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	serial := newSerial(t)
	this, next := now.Add(-time.Hour), now.Add(24*time.Hour)
	listed := bigCRL(t, l.inter, largeEntries, serial, this, next)
	unlisted := bigCRL(t, l.inter, largeEntries, nil, this, next)
	garbage := make([]byte, 4096)
	if _, err := rand.Read(garbage); err != nil {
		t.Fatal(err)
	}
	garbage[0] = 0x30 // looks like DER at first glance
	tests := []struct {
		name   string
		body   []byte
		status Status
		id     string
		check  func(t *testing.T, f findings.Finding)
	}{
		{"revoked serial near the end of a large CRL", listed, StatusRevoked, IDCRLRevoked, func(t *testing.T, f findings.Finding) {
			if f.Value(LabelReason) != "keyCompromise" || f.Value(LabelSerial) != serialHex(serial) {
				t.Fatalf("revoked finding = %+v", f)
			}
		}},
		{"not listed in a large CRL", unlisted, StatusGood, "", nil},
		{"bad signature", ocsplab.Corrupt(listed), StatusError, IDCRLBadSignature, nil},
		{"truncated body", listed[:len(listed)/2], StatusError, IDCRLBadResponse, nil},
		{"truncated inside the signature", listed[:len(listed)-3], StatusError, IDCRLBadResponse, nil},
		{"garbage", garbage, StatusError, IDCRLBadResponse, nil},
		{"data after the CRL is not read", append(append([]byte(nil), listed...), make([]byte, 1<<20)...), StatusRevoked, IDCRLRevoked, nil},
		{"wrong issuer", bigCRL(t, stranger, 100, serial, this, next), StatusError, IDCRLBadSignature, func(t *testing.T, f findings.Finding) {
			if !strings.Contains(f.Value(LabelSigner), "another CA entirely") {
				t.Fatalf("signer = %q", f.Value(LabelSigner))
			}
		}},
		{"same name, another key", bigCRL(t, other.inter, 100, serial, this, next), StatusError, IDCRLBadSignature, func(t *testing.T, f findings.Finding) {
			if !strings.Contains(f.Value(LabelError), "does not verify") {
				t.Fatalf("error = %q", f.Value(LabelError))
			}
		}},
		{"expired", bigCRL(t, l.inter, 100, nil, now.Add(-10*24*time.Hour), now.Add(-3*24*time.Hour)), StatusError, IDCRLStale, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := ocsplab.ServeCRL(t, tt.body)
			in := l.input(l.leaf(t, pki.Serial(serial), pki.CRLDistributionPoints(srv.URL+"/ca.crl")))
			res := check(t, in)
			wantStatus(t, res, tt.status, SourceCRL)
			if srv.Requests() != 1 {
				t.Fatalf("CRL fetched %d times", srv.Requests())
			}
			if tt.id == "" {
				noFaults(t, res)
				return
			}
			f := find(t, res, tt.id)
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}
}

// TestCRLOversized: a CRL that declares more than MaxCRLBytes is refused
// from its first bytes, without downloading it.
func TestCRLOversized(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	var sent int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/pkix-crl")
		hdr := []byte{0x30, 0x84, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(hdr[2:], MaxCRLBytes+1)
		_, _ = w.Write(hdr)
		chunk := make([]byte, 64<<10)
		for sent = 0; sent < MaxCRLBytes; sent += int64(len(chunk)) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	res := check(t, l.input(l.leaf(t, pki.CRLDistributionPoints(srv.URL))))
	wantStatus(t, res, StatusError, SourceCRL)
	f := find(t, res, IDCRLBadResponse)
	if !strings.Contains(f.Summary, "larger than certwiz accepts") {
		t.Fatalf("oversized finding = %+v", f)
	}
}

// TestCRLShortContentLength: a server that promises more bytes than it
// sends and closes is a failed download (could not check), not a bad CRL.
func TestCRLShortContentLength(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	der := bigCRL(t, l.inter, 2000, nil, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/pkix-crl")
		w.Header().Set("Content-Length", strconv.Itoa(len(der)))
		_, _ = w.Write(der[:len(der)/2])
		if hj, ok := w.(http.Hijacker); ok {
			conn, _, err := hj.Hijack()
			if err == nil {
				_ = conn.(*net.TCPConn).SetLinger(0)
				_ = conn.Close()
			}
		}
	}))
	t.Cleanup(srv.Close)
	res := check(t, l.input(l.leaf(t, pki.CRLDistributionPoints(srv.URL))))
	wantStatus(t, res, StatusUnknown, SourceCRL)
	find(t, res, IDCRLUnreachable)
}

// TestCRLTenCertificatesOneURL: a chain of ten certificates that all name
// the same CRL URL downloads it once; the leaf (whose issuer signed it)
// is found revoked, and every other certificate is judged from the same
// pass (the CRL is not their issuer's).
func TestCRLTenCertificatesOneURL(t *testing.T) {
	t.Parallel()
	host := newCRLHost(t)
	serial := newSerial(t)
	chain, root := deepChain(t, func(int) string { return host.url("/shared.crl") }, serial)
	now := time.Now()
	host.set("/shared.crl", bigCRL(t, chain[1], largeEntries, serial, now.Add(-time.Hour), now.Add(time.Hour)))
	res := check(t, Input{Chain: certs(chain), Roots: root.Pool(), Now: now})
	wantStatus(t, res, StatusRevoked, SourceCRL)
	if n := host.requests("/shared.crl"); n != 1 {
		t.Fatalf("shared CRL fetched %d times, want 1", n)
	}
	if len(res.Intermediates) != 9 {
		t.Fatalf("%d intermediates judged, want 9", len(res.Intermediates))
	}
	for _, st := range res.Intermediates {
		if st.Status != StatusError || st.Source != SourceCRL {
			t.Fatalf("intermediate %d: %s/%s (%s), want error/crl (another issuer's CRL)", st.CertIndex, st.Status, st.Source, st.Reason)
		}
	}
}

// TestCRLTenCertificatesTenURLs: each certificate of a ten-deep chain has
// its own CRL signed by its issuer; every one is fetched once and judged.
func TestCRLTenCertificatesTenURLs(t *testing.T) {
	t.Parallel()
	host := newCRLHost(t)
	serial := newSerial(t)
	path := func(i int) string { return "/ca" + strconv.Itoa(i) + ".crl" }
	chain, root := deepChain(t, func(i int) string { return host.url(path(i)) }, serial)
	now := time.Now()
	base := bigCRL(t, root, 2000, serial, now.Add(-time.Hour), now.Add(time.Hour))
	for i, c := range chain {
		issuer := root
		if i+1 < len(chain) {
			issuer = chain[i+1]
		}
		_ = c
		host.set(path(i), resign(t, base, issuer))
	}
	res := check(t, Input{Chain: certs(chain), Roots: root.Pool(), Now: now})
	wantStatus(t, res, StatusRevoked, SourceCRL)
	for i := range chain {
		if n := host.requests(path(i)); n != 1 {
			t.Fatalf("CRL %d fetched %d times", i, n)
		}
	}
	if len(res.Intermediates) != 9 {
		t.Fatalf("%d intermediates judged, want 9", len(res.Intermediates))
	}
	for _, st := range res.Intermediates {
		if st.Status != StatusGood {
			t.Fatalf("intermediate %d: %s (%s), want good", st.CertIndex, st.Status, st.Reason)
		}
	}
}

// TestCRLTenCertificatesDeadURL: ten certificates naming one unreachable
// CRL URL share the one failed attempt; each says revocation could not
// be checked.
func TestCRLTenCertificatesDeadURL(t *testing.T) {
	t.Parallel()
	dead := ocsplab.DeadURL(t)
	chain, root := deepChain(t, func(int) string { return dead }, newSerial(t))
	res := check(t, Input{Chain: certs(chain), Roots: root.Pool(), Now: time.Now()})
	wantStatus(t, res, StatusUnknown, SourceCRL)
	for _, st := range res.Intermediates {
		if st.Status != StatusUnknown {
			t.Fatalf("intermediate %d: %s (%s), want unknown", st.CertIndex, st.Status, st.Reason)
		}
	}
}
