package revocation

import (
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// startFor starts an OpenSSL responder for the lab's intermediate and
// mints a leaf pointing at it; entry (may be nil) is the leaf's index line.
func startFor(t *testing.T, l *lab, cfg ocsplab.ResponderConfig, entry *ocsplab.Entry, opts ...pki.Option) (*ocsplab.Responder, *pki.Cert) {
	t.Helper()
	serial := newSerial(t)
	cfg.CA = l.inter
	if entry != nil {
		entry.Serial = serial
		cfg.Entries = append(cfg.Entries, *entry)
	}
	r := ocsplab.StartResponder(t, cfg)
	leaf := l.leaf(t, append([]pki.Option{pki.Serial(serial), pki.OCSPServer(r.URL)}, opts...)...)
	return r, leaf
}

func TestOpenSSLResponderGood(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	r, leaf := startFor(t, l, ocsplab.ResponderConfig{}, &ocsplab.Entry{})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusGood, SourceOCSP)
	noFaults(t, res)
	if m := r.Methods(); len(m) != 1 || m[0] != "GET" {
		t.Fatalf("responder saw %v, want one GET (short request)", m)
	}
	if res.ResponderURL != r.URL || res.ThisUpdate.IsZero() || res.NextUpdate.IsZero() {
		t.Fatalf("result lacks responder details: %+v", res.CertStatus)
	}
}

func TestOpenSSLResponderRevoked(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	revokedAt := time.Now().Add(-48 * time.Hour).Truncate(time.Second)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{}, &ocsplab.Entry{Revoked: true, RevokedAt: revokedAt, Reason: "keyCompromise"})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusRevoked, SourceOCSP)
	f := find(t, res, IDOCSPRevoked)
	if f.Code != findings.CodeRevoked || f.Severity != findings.Critical || f.CertIndex != 0 {
		t.Fatalf("revoked finding = %+v", f)
	}
	if f.Value(LabelSerial) != serialHex(leaf.Cert.SerialNumber) || f.Value(LabelReason) != "keyCompromise" ||
		f.Value(LabelRevokedAt) != stamp(revokedAt) || f.Value(LabelSource) != "ocsp" {
		t.Fatalf("revoked evidence = %v", f.Evidence)
	}
	if !res.RevokedAt.Equal(revokedAt) || res.RevocationReason != "keyCompromise" {
		t.Fatalf("result revoked at %v for %q", res.RevokedAt, res.RevocationReason)
	}
	if got := findings.Primary(res.Findings); got != findings.CodeRevoked {
		t.Fatalf("primary code %v, want 2", got)
	}
}

func TestOpenSSLResponderUnknown(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{}, nil)
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusUnknown, SourceOCSP)
	if f := find(t, res, IDOCSPUnknownStatus); f.Code != findings.CodeOCSPError || f.Severity != findings.Critical {
		t.Fatalf("unknown-status finding = %+v", f)
	}
}

func TestOpenSSLResponderExpiredResponse(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	// OpenSSL thinks it is three days ago and answers for one day:
	// nextUpdate is two days past, beyond the one-day slop.
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{ClockOffset: -72 * time.Hour, Validity: 24 * time.Hour}, &ocsplab.Entry{})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	f := find(t, res, IDOCSPExpiredResponse)
	if f.ClockCaused || res.ClockCaused || f.Code != findings.CodeOCSPError {
		t.Fatalf("expired finding = %+v", f)
	}
}

func TestOpenSSLResponderExpiredAtLocalTimeButValidAtReference(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{ClockOffset: -72 * time.Hour, Validity: 24 * time.Hour}, &ocsplab.Entry{})
	in := l.input(leaf)
	// The device clock runs three days ahead; the reference time is right.
	in.Now = time.Now()
	in.Reference = time.Now().Add(-71 * time.Hour)
	res := check(t, in)
	wantStatus(t, res, StatusGood, SourceOCSP)
	f := find(t, res, IDOCSPExpiredResponse)
	if !f.ClockCaused || !res.ClockCaused || f.Value(LabelReferenceTime) == "" {
		t.Fatalf("expected a clock-caused finding, got %+v (result clock_caused=%v)", f, res.ClockCaused)
	}
}

func TestOpenSSLResponderFutureResponse(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{ClockOffset: 72 * time.Hour}, &ocsplab.Entry{})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	find(t, res, IDOCSPFutureResponse)
}

func TestOpenSSLResponderUnrelatedSigner(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	other := newLab(t)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{Signer: other.inter}, &ocsplab.Entry{})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	if f := find(t, res, IDOCSPBadSigner); f.Severity != findings.Critical || f.Code != findings.CodeOCSPError {
		t.Fatalf("bad-signer finding = %+v", f)
	}
}

func TestOpenSSLResponderUnrelatedSignerWithoutCerts(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	other := newLab(t)
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{Signer: other.inter, NoCerts: true}, &ocsplab.Entry{})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	find(t, res, IDOCSPBadSigner)
}

func TestOpenSSLResponderDelegatedSigner(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	delegate, err := ocsplab.ResponderCert(l.inter)
	if err != nil {
		t.Fatal(err)
	}
	_, leaf := startFor(t, l, ocsplab.ResponderConfig{Signer: delegate}, &ocsplab.Entry{})
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusGood, SourceOCSP)
	noFaults(t, res)
}

func TestOpenSSLResponderPOSTForLongURL(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	serial := newSerial(t)
	r := ocsplab.StartResponder(t, ocsplab.ResponderConfig{CA: l.inter, Entries: []ocsplab.Entry{{Serial: serial}}})
	long := r.URL + "/" + strings.Repeat("p", 250)
	leaf := l.leaf(t, pki.Serial(serial), pki.OCSPServer(long))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusGood, SourceOCSP)
	if m := r.Methods(); len(m) != 1 || m[0] != "POST" {
		t.Fatalf("responder saw %v, want one POST (long URL)", m)
	}
}

func TestResponderDown(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dead := ocsplab.DeadURL(t)
	leaf := l.leaf(t, pki.OCSPServer(dead))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusUnknown, SourceOCSP)
	f := find(t, res, IDOCSPUnreachable)
	if f.Severity != findings.Unknown || f.Code != findings.CodeOCSPError {
		t.Fatalf("unreachable finding = %+v", f)
	}
	if f.Value(LabelHost) != "127.0.0.1" || f.Value(LabelURL) != dead || !strings.Contains(f.Value(LabelAllow), "HTTP to 127.0.0.1:") {
		t.Fatalf("unreachable evidence = %v", f.Evidence)
	}
	if got := findings.Codes(res.Findings); len(got) != 1 || got[0] != findings.CodeOCSPError {
		t.Fatalf("codes = %v, want [3]", got)
	}
}

func TestSecondResponderURLUsedWhenFirstIsDown(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	r, leaf := startFor(t, l, ocsplab.ResponderConfig{}, &ocsplab.Entry{})
	leaf = l.leaf(t, pki.Serial(leaf.Cert.SerialNumber), pki.OCSPServer(ocsplab.DeadURL(t), r.URL))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusGood, SourceOCSP)
	noFaults(t, res)
}

func TestPortalHTMLInsteadOfOCSP(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	portal := ocsplab.ServePortal(t)
	leaf := l.leaf(t, pki.OCSPServer(portal.URL+"/ocsp"))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	f := find(t, res, IDOCSPNotOCSP)
	if !strings.HasPrefix(f.Value(LabelContentType), "text/html") || !strings.Contains(f.Value(LabelBodyStart), "<!DOCTYPE html>") {
		t.Fatalf("not-ocsp evidence = %v", f.Evidence)
	}
}

func TestResponderHTTPErrorIsCouldNotCheck(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	blocked := ocsplab.ServeStatic(t, 403, "text/html", []byte("<h1>Blocked by policy</h1>"))
	leaf := l.leaf(t, pki.OCSPServer(blocked.URL))
	res := check(t, l.input(leaf))
	f := find(t, res, IDOCSPUnreachable)
	if f.Value(LabelHTTPStatus) != "403" || f.Severity != findings.Unknown {
		t.Fatalf("blocked evidence = %+v", f)
	}
}

func TestResponderTryLater(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	// OCSPResponse { responseStatus tryLater(3) }
	srv := ocsplab.ServeStatic(t, 200, "application/ocsp-response", []byte{0x30, 0x03, 0x0a, 0x01, 0x03})
	leaf := l.leaf(t, pki.OCSPServer(srv.URL))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	if f := find(t, res, IDOCSPResponderError); f.Value(LabelResponseStatus) == "" {
		t.Fatalf("responder-error evidence = %v", f.Evidence)
	}
}

func TestOversizedOCSPBodyIsCapped(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	big := append([]byte{0x30}, make([]byte, MaxOCSPBytes+10)...)
	srv := ocsplab.ServeStatic(t, 200, "application/ocsp-response", big)
	leaf := l.leaf(t, pki.OCSPServer(srv.URL))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusError, SourceOCSP)
	find(t, res, IDOCSPBadResponse)
}
