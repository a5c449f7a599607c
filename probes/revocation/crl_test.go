package revocation

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

func crl(t testing.TB, issuer *pki.Cert, this, next time.Time, revoked ...x509.RevocationListEntry) []byte {
	t.Helper()
	der, err := ocsplab.CRL(issuer, this, next, revoked...)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestCRL(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	now := time.Now()
	revokedSerial := newSerial(t)
	revokedAt := now.Add(-72 * time.Hour).Truncate(time.Second)
	entry := x509.RevocationListEntry{SerialNumber: revokedSerial, RevocationTime: revokedAt, ReasonCode: 1}
	other := newLab(t)
	tests := []struct {
		name      string
		der       []byte
		serial    bool // leaf carries the revoked serial
		reference time.Time
		status    Status
		id        string
		clock     bool
	}{
		{"not listed", crl(t, l.inter, now.Add(-time.Hour), now.Add(24*time.Hour), entry), false, time.Time{}, StatusGood, "", false},
		{"revoked serial", crl(t, l.inter, now.Add(-time.Hour), now.Add(24*time.Hour), entry), true, time.Time{}, StatusRevoked, IDCRLRevoked, false},
		{"stale", crl(t, l.inter, now.Add(-10*24*time.Hour), now.Add(-3*24*time.Hour)), false, time.Time{}, StatusError, IDCRLStale, false},
		{"stale only at local time", crl(t, l.inter, now.Add(-10*24*time.Hour), now.Add(-3*24*time.Hour)), false, now.Add(-5 * 24 * time.Hour), StatusGood, IDCRLStale, true},
		{"dated in the future", crl(t, l.inter, now.Add(3*24*time.Hour), now.Add(10*24*time.Hour)), false, time.Time{}, StatusError, IDCRLNotYetValid, false},
		{"bad signature", ocsplab.Corrupt(crl(t, l.inter, now.Add(-time.Hour), now.Add(24*time.Hour))), false, time.Time{}, StatusError, IDCRLBadSignature, false},
		{"signed by another CA", crl(t, other.inter, now.Add(-time.Hour), now.Add(24*time.Hour)), false, time.Time{}, StatusError, IDCRLBadSignature, false},
		{"not a CRL", []byte{0x30, 0x03, 0x02, 0x01, 0x01}, false, time.Time{}, StatusError, IDCRLBadResponse, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := ocsplab.ServeCRL(t, tt.der)
			opts := []pki.Option{pki.CRLDistributionPoints("ldap://ldap.example.test/cn=crl", srv.URL+"/ca.crl")}
			if tt.serial {
				opts = append(opts, pki.Serial(revokedSerial))
			}
			in := l.input(l.leaf(t, opts...))
			in.Reference = tt.reference
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
			if f.ClockCaused != tt.clock {
				t.Fatalf("clock caused = %v, want %v", f.ClockCaused, tt.clock)
			}
			if tt.id == IDCRLRevoked {
				if f.Code != findings.CodeRevoked || f.Value(LabelRevokedAt) != stamp(revokedAt) || f.Value(LabelReason) != "keyCompromise" || f.Value(LabelSerial) != serialHex(revokedSerial) {
					t.Fatalf("revoked finding = %+v", f)
				}
			}
		})
	}
}

func TestCRLUnreachable(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dead := ocsplab.DeadURL(t)
	res := check(t, l.input(l.leaf(t, pki.CRLDistributionPoints(dead))))
	wantStatus(t, res, StatusUnknown, SourceCRL)
	if f := find(t, res, IDCRLUnreachable); f.Severity != findings.Unknown || f.Value(LabelURL) != dead {
		t.Fatalf("unreachable = %+v", f)
	}
}

func TestOCSPPreferredOverCRL(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	crlSrv := ocsplab.ServeCRL(t, crl(t, l.inter, time.Now().Add(-time.Hour), time.Now().Add(time.Hour)))
	r, leaf := startFor(t, l, ocsplab.ResponderConfig{}, &ocsplab.Entry{}, pki.CRLDistributionPoints(crlSrv.URL))
	res := check(t, l.input(leaf))
	wantStatus(t, res, StatusGood, SourceOCSP)
	if crlSrv.Requests() != 0 || r.Requests() != 1 {
		t.Fatalf("CRL fetched %d times, OCSP %d times", crlSrv.Requests(), r.Requests())
	}
}

func TestNoRevocationInformationIsNotAnError(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	res := check(t, l.input(l.leaf(t)))
	wantStatus(t, res, StatusUnchecked, SourceNone)
	if f := find(t, res, IDNone); f.Severity != findings.Info || f.Code != findings.CodeNone {
		t.Fatalf("none finding = %+v", f)
	}
	noFaults(t, res)
}

func TestUnknownIssuer(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t, pki.OCSPServer(ocsplab.DeadURL(t)))
	res := check(t, Input{Chain: leaf.Chain()[:1], Roots: newLab(t).root.Pool()})
	wantStatus(t, res, StatusUnchecked, SourceNone)
	find(t, res, IDNoIssuer)
	noFaults(t, res)
}

func TestIssuerFromRootsWhenNotPresented(t *testing.T) {
	t.Parallel()
	root, err := pki.NewRoot("direct root")
	if err != nil {
		t.Fatal(err)
	}
	srv := ocsplab.ServeCRL(t, crl(t, root, time.Now().Add(-time.Hour), time.Now().Add(time.Hour)))
	leaf, err := root.Leaf([]string{"x.test"}, pki.CRLDistributionPoints(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	res := check(t, Input{Chain: []*x509.Certificate{leaf.Cert}, Roots: root.Pool()})
	wantStatus(t, res, StatusGood, SourceCRL)
}

func TestRevokedIntermediate(t *testing.T) {
	t.Parallel()
	root, err := pki.NewRoot("root with CRL")
	if err != nil {
		t.Fatal(err)
	}
	serial := newSerial(t)
	srv := ocsplab.ServeCRL(t, crl(t, root, time.Now().Add(-time.Hour), time.Now().Add(time.Hour),
		x509.RevocationListEntry{SerialNumber: serial, RevocationTime: time.Now().Add(-time.Hour), ReasonCode: 2}))
	inter, err := root.Intermediate("revoked CA", pki.Serial(serial), pki.CRLDistributionPoints(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	l := &lab{root: root, inter: inter}
	res := check(t, l.input(l.leaf(t)))
	if res.Status != StatusUnchecked {
		t.Fatalf("leaf status %s, want unchecked (no revocation info)", res.Status)
	}
	if len(res.Intermediates) != 1 || res.Intermediates[0].Status != StatusRevoked || res.Intermediates[0].CertIndex != 1 {
		t.Fatalf("intermediates = %+v", res.Intermediates)
	}
	if f := find(t, res, IDCRLRevoked); f.CertIndex != 1 || f.Value(LabelReason) != "cACompromise" {
		t.Fatalf("intermediate finding = %+v", f)
	}
	if findings.Primary(res.Findings) != findings.CodeRevoked {
		t.Fatal("a revoked intermediate must give code 2")
	}
}
