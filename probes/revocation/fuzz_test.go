package revocation

import (
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

// FuzzParseOCSP feeds arbitrary bytes to the OCSP response judge: it must
// never panic and must always reach a verdict.
func FuzzParseOCSP(f *testing.F) {
	l := newLab(f)
	leaf := l.leaf(f)
	good := staple(f, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(time.Hour)})
	revoked := staple(f, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Revoked, RevokedAt: time.Now(), NextUpdate: time.Now().Add(time.Hour)})
	for _, seed := range [][]byte{good, revoked, good[:len(good)/2], {0x30, 0x03, 0x0a, 0x01, 0x03}, []byte("<html>"), nil} {
		f.Add(seed)
	}
	s := subject{cert: leaf.Cert, issuer: l.inter.Cert}
	c := clocks{now: time.Now(), ref: time.Now().Add(time.Hour)}
	f.Fuzz(func(t *testing.T, data []byte) {
		j := judgeOCSP(data, s, c, SourceStapled, "")
		switch j.status {
		case StatusGood, StatusRevoked, StatusUnknown, StatusError:
		default:
			t.Fatalf("no verdict: %q", j.status)
		}
		if j.status != StatusGood && len(j.findings) == 0 {
			t.Fatalf("status %s without a finding", j.status)
		}
	})
}

// FuzzParseCRL feeds arbitrary bytes to the CRL judge.
func FuzzParseCRL(f *testing.F) {
	l := newLab(f)
	leaf := l.leaf(f)
	f.Add(crl(f, l.inter, time.Now().Add(-time.Hour), time.Now().Add(time.Hour)))
	f.Add([]byte{0x30, 0x00})
	s := subject{cert: leaf.Cert, issuer: l.inter.Cert}
	f.Fuzz(func(t *testing.T, data []byte) {
		j := judgeCRL(data, s, clocks{now: time.Now()}, "http://127.0.0.1/crl")
		if j.status == "" {
			t.Fatal("no verdict")
		}
	})
}

// FuzzSplitSCTList checks the SCT-list splitter never panics and only
// returns non-empty SCTs that fit in the input.
func FuzzSplitSCTList(f *testing.F) {
	f.Add([]byte{0, 5, 0, 3, 1, 2, 3})
	f.Add([]byte{0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := splitSCTList(data)
		if err != nil {
			return
		}
		total := 2
		for _, s := range list {
			if len(s) == 0 {
				t.Fatal("empty SCT")
			}
			total += 2 + len(s)
		}
		if total != len(data) {
			t.Fatalf("SCTs cover %d of %d bytes", total, len(data))
		}
	})
}
