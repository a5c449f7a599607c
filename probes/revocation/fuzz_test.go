package revocation

import (
	"bytes"
	"crypto/x509"
	"errors"
	"math/big"
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

// FuzzScanCRL feeds arbitrary bytes to the streaming CRL scan and holds it
// to crypto/x509: whatever ParseRevocationList accepts with a signature
// that verifies, the scan must read the same way (issuer, dates, every
// listed serial with its date and reason) and verify too. It must never
// panic on anything.
func FuzzScanCRL(f *testing.F) {
	l := newLab(f)
	now := time.Now()
	var entries []x509.RevocationListEntry
	for i, s := range []int64{1, 127, 128, 255, 256, 1 << 40, -1} {
		entries = append(entries, x509.RevocationListEntry{SerialNumber: big.NewInt(s), RevocationTime: now.Add(-time.Duration(i) * time.Hour), ReasonCode: i})
	}
	seed := crl(f, l.inter, now.Add(-time.Hour), now.Add(time.Hour), entries...)
	f.Add(seed)
	f.Add(crl(f, l.inter, now.Add(-time.Hour), now.Add(time.Hour)))
	f.Add(seed[:len(seed)/2])
	f.Add([]byte{0x30, 0x84, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0x30, 0x80, 0x00, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		rl, perr := x509.ParseRevocationList(data)
		want := map[string]struct{}{serialKey(big.NewInt(255)): {}}
		if perr == nil {
			for _, e := range rl.RevokedCertificateEntries {
				want[serialKey(e.SerialNumber)] = struct{}{}
			}
		}
		sc, err := scanCRL(bytes.NewReader(data), MaxCRLBytes, want)
		if err != nil && !errors.Is(err, errMalformed) && !errors.Is(err, errTooLarge) {
			t.Fatalf("scan error of no known kind: %v", err)
		}
		if perr != nil || rl.CheckSignatureFrom(l.inter.Cert) != nil {
			return
		}
		if err != nil {
			t.Fatalf("x509 reads and verifies this CRL, the scan fails: %v", err)
		}
		if err := sc.verify(l.inter.Cert.PublicKey); err != nil {
			t.Fatalf("x509 verifies, the scan does not: %v", err)
		}
		if !bytes.Equal(sc.rawIssuer, rl.RawIssuer) || !sc.thisUpdate.Equal(rl.ThisUpdate) || !sc.nextUpdate.Equal(rl.NextUpdate) || sc.entries != len(rl.RevokedCertificateEntries) {
			t.Fatalf("scan disagrees with x509 on the header or the entry count")
		}
		seen := map[string]bool{}
		for _, e := range rl.RevokedCertificateEntries {
			k := serialKey(e.SerialNumber)
			got, ok := sc.revoked[k]
			if !ok {
				t.Fatalf("serial %v listed by x509, not found by the scan", e.SerialNumber)
			}
			if !seen[k] && (!got.at.Equal(e.RevocationTime) || got.reason != e.ReasonCode) {
				t.Fatalf("serial %v: scan %v/%d, x509 %v/%d", e.SerialNumber, got.at, got.reason, e.RevocationTime, e.ReasonCode)
			}
			seen[k] = true // the first entry of a repeated serial is the one judged
		}
	})
}
