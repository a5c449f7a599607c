package revocation

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"golang.org/x/crypto/ocsp"
)

func staple(t testing.TB, issuer, signer *pki.Cert, cert *x509.Certificate, tmpl ocsp.Response) []byte {
	t.Helper()
	der, err := ocsplab.Response(issuer, signer, cert, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestStapledGoodIsUsedWithoutFetching(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	counter := ocsplab.ServeStatic(t, 500, "", nil)
	leaf := l.leaf(t, pki.OCSPServer(counter.URL))
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(24 * time.Hour)})
	res := check(t, in)
	wantStatus(t, res, StatusGood, SourceStapled)
	noFaults(t, res)
	if counter.Requests() != 0 {
		t.Fatalf("responder asked %d times despite a good staple", counter.Requests())
	}
}

func TestStapledRevoked(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t)
	at := time.Now().Add(-time.Hour).Truncate(time.Second)
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Revoked, RevokedAt: at, RevocationReason: ocsp.Superseded, NextUpdate: time.Now().Add(time.Hour)})
	res := check(t, in)
	wantStatus(t, res, StatusRevoked, SourceStapled)
	f := find(t, res, IDOCSPRevoked)
	if f.Value(LabelSource) != "stapled-ocsp" || f.Value(LabelReason) != "superseded" || f.Value(LabelRevokedAt) != stamp(at) {
		t.Fatalf("evidence = %v", f.Evidence)
	}
}

func TestBadStapleFallsBackToResponder(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	r, leaf := startFor(t, l, ocsplab.ResponderConfig{}, &ocsplab.Entry{})
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Good, ThisUpdate: time.Now().Add(-20 * 24 * time.Hour), NextUpdate: time.Now().Add(-15 * 24 * time.Hour)})
	res := check(t, in)
	wantStatus(t, res, StatusGood, SourceOCSP)
	f := find(t, res, IDOCSPExpiredResponse)
	if f.Value(LabelSource) != "stapled-ocsp" {
		t.Fatalf("expired staple finding source = %q", f.Value(LabelSource))
	}
	if r.Requests() != 1 {
		t.Fatalf("responder asked %d times, want 1", r.Requests())
	}
}

func TestStapleResponderCertificateChecks(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t)
	noEKU, err := ocsplab.ResponderCert(l.inter, pki.EKU(x509.ExtKeyUsageServerAuth))
	if err != nil {
		t.Fatal(err)
	}
	expired, err := ocsplab.ResponderCert(l.inter, pki.Valid(time.Now().Add(-10*24*time.Hour), time.Now().Add(-5*24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	good, err := ocsplab.ResponderCert(l.inter)
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := ocsplab.ResponderCert(newLab(t).inter)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		signer *pki.Cert
		want   string
	}{
		{"delegated with OCSPSigning", good, ""},
		{"delegated without OCSPSigning", noEKU, IDOCSPBadSigner},
		{"delegated but expired", expired, IDOCSPBadSigner},
		{"issued by another CA", foreign, IDOCSPBadSigner},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := l.input(leaf)
			in.Staple = staple(t, l.inter, tt.signer, leaf.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(time.Hour)})
			res := check(t, in)
			if tt.want == "" {
				wantStatus(t, res, StatusGood, SourceStapled)
				noFaults(t, res)
				return
			}
			find(t, res, tt.want)
			if res.Status != StatusError {
				t.Fatalf("status %s, want error", res.Status)
			}
		})
	}
}

func TestStapleForAnotherCertificate(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf, other := l.leaf(t), l.leaf(t)
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, other.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(time.Hour)})
	res := check(t, in)
	find(t, res, IDOCSPBadResponse)
}

func TestGarbageStaple(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t)
	in := l.input(leaf)
	in.Staple = []byte("HTTP/1.1 302 Found\r\n")
	res := check(t, in)
	wantStatus(t, res, StatusError, SourceStapled)
	find(t, res, IDOCSPBadResponse)
}

func TestMustStapleWithoutStaple(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	val, err := asn1.Marshal([]int{5})
	if err != nil {
		t.Fatal(err)
	}
	leaf := l.leaf(t, pki.Extension(pkix.Extension{Id: oidTLSFeature, Value: val}))
	res := check(t, l.input(leaf))
	f := find(t, res, IDOCSPMustStapleMissing)
	if f.Code != findings.CodeOCSPError || f.Severity != findings.Critical {
		t.Fatalf("must-staple finding = %+v", f)
	}
	// With a staple the requirement is met.
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(time.Hour)})
	noFaults(t, check(t, in))
}

func TestStapleSCTsAreHandedOn(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t)
	sct1, sct2 := []byte{0, 1, 2, 3}, []byte{9, 8, 7}
	list := []byte{0, byte(2 + len(sct1) + 2 + len(sct2)), 0, byte(len(sct1))}
	list = append(append(append(list, sct1...), 0, byte(len(sct2))), sct2...)
	val, err := asn1.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(time.Hour),
		ExtraExtensions: []pkix.Extension{{Id: oidOCSPSCTs, Value: val}}})
	res := check(t, in)
	if len(res.OCSPSCTs) != 2 || string(res.OCSPSCTs[0]) != string(sct1) || string(res.OCSPSCTs[1]) != string(sct2) {
		t.Fatalf("OCSPSCTs = %x", res.OCSPSCTs)
	}
}

// TestStapleFromRealTLSServer captures the staple from a Go TLS server on
// loopback, as the TLS probe does, and checks it.
func TestStapleFromRealTLSServer(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t, pki.OCSPServer(ocsplab.DeadURL(t)))
	cert := leaf.TLS()
	cert.OCSPStaple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Revoked, RevokedAt: time.Now().Add(-time.Hour), NextUpdate: time.Now().Add(time.Hour)})
	st := faultlab.CaptureTLS(t, faultlab.ServeTLS(t, cert), "meet.example.test")
	res := check(t, Input{Chain: st.PeerCertificates, Roots: l.root.Pool(), Staple: st.OCSPResponse, Now: time.Now()})
	wantStatus(t, res, StatusRevoked, SourceStapled)
}
