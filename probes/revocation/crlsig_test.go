package revocation

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"
)

// signingCA is a self-signed CA with the given key, to sign CRLs with
// each algorithm certwiz verifies while streaming.
func signingCA(t *testing.T, key crypto.Signer) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "certwiz signature test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCRLSignatureAlgorithms signs the same CRL with RSA PKCS#1 v1.5,
// RSA-PSS and ECDSA over SHA-256/384/512 and checks that the streamed
// verification accepts each, rejects each once corrupted, and finds
// the listed serial.
func TestCRLSignatureAlgorithms(t *testing.T) {
	t.Parallel()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	tests := []struct {
		key crypto.Signer
		alg x509.SignatureAlgorithm
	}{
		{rsaKey, x509.SHA256WithRSA}, {rsaKey, x509.SHA384WithRSA}, {rsaKey, x509.SHA512WithRSA},
		{rsaKey, x509.SHA256WithRSAPSS}, {rsaKey, x509.SHA384WithRSAPSS}, {rsaKey, x509.SHA512WithRSAPSS},
		{p256, x509.ECDSAWithSHA256}, {p384, x509.ECDSAWithSHA384}, {p384, x509.ECDSAWithSHA512},
	}
	for _, tt := range tests {
		t.Run(tt.alg.String(), func(t *testing.T) {
			ca := signingCA(t, tt.key)
			serial := big.NewInt(0x7f00ff)
			der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
				Number: big.NewInt(1), ThisUpdate: time.Now().Add(-time.Hour), NextUpdate: time.Now().Add(time.Hour),
				SignatureAlgorithm: tt.alg,
				RevokedCertificateEntries: []x509.RevocationListEntry{
					{SerialNumber: big.NewInt(5), RevocationTime: time.Now().Add(-time.Hour)},
					{SerialNumber: serial, RevocationTime: time.Now().Add(-time.Hour), ReasonCode: 4},
				},
			}, ca, tt.key)
			if err != nil {
				t.Fatal(err)
			}
			s := subject{cert: &x509.Certificate{SerialNumber: serial}, issuer: ca}
			c := clocks{now: time.Now()}
			if j := judgeCRL(der, s, c, "http://127.0.0.1/x.crl"); j.status != StatusRevoked || j.revocationReason != "superseded" {
				t.Fatalf("status %s (%s) reason %q, want revoked/superseded", j.status, j.reason, j.revocationReason)
			}
			bad := bytes.Clone(der)
			bad[len(bad)-10] ^= 0x40
			if j := judgeCRL(bad, s, c, "http://127.0.0.1/x.crl"); j.status != StatusError || j.findings[0].ID != IDCRLBadSignature {
				t.Fatalf("corrupted signature: status %s (%s)", j.status, j.reason)
			}
			s.cert = &x509.Certificate{SerialNumber: big.NewInt(6)}
			if j := judgeCRL(der, s, c, "http://127.0.0.1/x.crl"); j.status != StatusGood {
				t.Fatalf("unlisted serial: status %s (%s)", j.status, j.reason)
			}
		})
	}
}

// TestCRLEd25519Unsupported: an Ed25519 signature cannot be checked over
// a stream; the CRL is read but judged unverifiable, never good.
func TestCRLEd25519Unsupported(t *testing.T) {
	t.Parallel()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := signingCA(t, key)
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(1), ThisUpdate: time.Now().Add(-time.Hour), NextUpdate: time.Now().Add(time.Hour),
	}, ca, key)
	if err != nil {
		t.Fatal(err)
	}
	j := judgeCRL(der, subject{cert: &x509.Certificate{SerialNumber: big.NewInt(9)}, issuer: ca}, clocks{now: time.Now()}, "http://127.0.0.1/x.crl")
	if j.status != StatusError || !strings.Contains(j.findings[0].Value(LabelError), "unsupported") {
		t.Fatalf("Ed25519 CRL: status %s (%s)", j.status, j.reason)
	}
}

// TestScanAgreesWithParseRevocationList compares the streamed scan with
// crypto/x509's parser on CRLs with and without optional fields.
func TestScanAgreesWithParseRevocationList(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	now := time.Now().Truncate(time.Second)
	serials := []*big.Int{big.NewInt(1), big.NewInt(255), big.NewInt(256), new(big.Int).Lsh(big.NewInt(1), 159), big.NewInt(-3)}
	var entries []x509.RevocationListEntry
	for i, s := range serials {
		entries = append(entries, x509.RevocationListEntry{SerialNumber: s, RevocationTime: now.Add(-time.Duration(i) * time.Hour), ReasonCode: i})
	}
	for _, tc := range []struct {
		name    string
		next    time.Time
		entries []x509.RevocationListEntry
	}{
		{"entries and nextUpdate", now.Add(time.Hour), entries},
		{"no entries", now.Add(time.Hour), nil},
		{"one entry", now.Add(time.Hour), entries[:1]},
	} {
		der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{Number: big.NewInt(3), ThisUpdate: now, NextUpdate: tc.next, RevokedCertificateEntries: tc.entries}, l.inter.Cert, l.inter.Key)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]struct{}{}
		for _, s := range serials {
			want[serialKey(s)] = struct{}{}
		}
		sc, err := scanCRL(bytes.NewReader(der), MaxCRLBytes, want)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		rl, err := x509.ParseRevocationList(der)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(sc.rawIssuer, rl.RawIssuer) || !sc.thisUpdate.Equal(rl.ThisUpdate) || !sc.nextUpdate.Equal(rl.NextUpdate) || sc.entries != len(rl.RevokedCertificateEntries) {
			t.Fatalf("%s: scan %+v disagrees with x509 %v %v %v", tc.name, sc, rl.ThisUpdate, rl.NextUpdate, len(rl.RevokedCertificateEntries))
		}
		if err := sc.verify(l.inter.Cert.PublicKey); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, e := range rl.RevokedCertificateEntries {
			got, ok := sc.revoked[serialKey(e.SerialNumber)]
			if !ok || !got.at.Equal(e.RevocationTime) || got.reason != e.ReasonCode {
				t.Fatalf("%s: serial %v: scan %+v ok=%v, x509 %v reason %d", tc.name, e.SerialNumber, got, ok, e.RevocationTime, e.ReasonCode)
			}
		}
	}
}
