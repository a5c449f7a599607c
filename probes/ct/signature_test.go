package ct

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"sync"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	ctgo "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
)

// ctgoEntry is e as certificate-transparency-go's LogEntry, the oracle the
// hand-written encoding is compared with.
func ctgoEntry(e entry, ts uint64) ctgo.LogEntry {
	te := &ctgo.TimestampedEntry{Timestamp: ts, EntryType: ctgo.X509LogEntryType, X509Entry: &ctgo.ASN1Cert{Data: e.der}}
	if e.precert {
		te.EntryType, te.X509Entry = ctgo.PrecertLogEntryType, nil
		te.PrecertEntry = &ctgo.PreCert{IssuerKeyHash: e.issuerKeyHash, TBSCertificate: e.der}
	}
	return ctgo.LogEntry{Leaf: ctgo.MerkleTreeLeaf{Version: ctgo.V1, LeafType: ctgo.TimestampedEntryLeafType, TimestampedEntry: te}}
}

func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSignedDataMatchesRFC6962Encoding(t *testing.T) {
	t.Parallel()
	var hash [32]byte
	copy(hash[:], randomBytes(t, 32))
	for _, tc := range []struct {
		name string
		e    entry
		ext  []byte
		ts   uint64
	}{
		{"certificate", entry{der: randomBytes(t, 900)}, nil, 1_700_000_000_123},
		{"certificate with extensions", entry{der: randomBytes(t, 1)}, randomBytes(t, 7), 1},
		{"precertificate", entry{precert: true, issuerKeyHash: hash, der: randomBytes(t, 70_000)}, nil, 0xfedcba9876543210},
		{"precertificate with extensions", entry{precert: true, issuerKeyHash: hash, der: randomBytes(t, 300)}, randomBytes(t, 65535), 42},
	} {
		sct := &ctgo.SignedCertificateTimestamp{SCTVersion: ctgo.V1, Timestamp: tc.ts, Extensions: tc.ext}
		got, err := signedData(sct, tc.e)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want, err := ctgo.SerializeSCTSignatureInput(*sct, ctgoEntry(tc.e, tc.ts))
		if err != nil {
			t.Fatalf("%s: oracle: %v", tc.name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: encoding differs from RFC 6962's (%d vs %d bytes)", tc.name, len(got), len(want))
		}
	}
}

func TestSignedDataRefusesWhatCannotBeEncoded(t *testing.T) {
	t.Parallel()
	v1 := &ctgo.SignedCertificateTimestamp{SCTVersion: ctgo.V1}
	for name, tc := range map[string]struct {
		sct *ctgo.SignedCertificateTimestamp
		e   entry
	}{
		"version 2":      {&ctgo.SignedCertificateTimestamp{SCTVersion: 1}, entry{der: []byte{1}}},
		"empty entry":    {v1, entry{}},
		"entry too long": {v1, entry{der: make([]byte, maxEntryLen+1)}},
		"extensions too long": {&ctgo.SignedCertificateTimestamp{SCTVersion: ctgo.V1, Extensions: make([]byte, 65536)},
			entry{der: []byte{1}}},
	} {
		if _, err := signedData(tc.sct, tc.e); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
}

// signed is an SCT signature over data with the given algorithms.
func signed(hash cttls.HashAlgorithm, alg cttls.SignatureAlgorithm, sig []byte) ctgo.DigitallySigned {
	return ctgo.DigitallySigned{Algorithm: cttls.SignatureAndHashAlgorithm{Hash: hash, Signature: alg}, Signature: sig}
}

func TestVerifySignatureAsChromeDoes(t *testing.T) {
	t.Parallel()
	data := randomBytes(t, 500)
	digest := sha256.Sum256(data)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecSig, err := ecdsa.SignASN1(rand.Reader, ecKey, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	d384 := sha512.Sum384(data)
	ecSig384, err := ecdsa.SignASN1(rand.Reader, ecKey, d384[:])
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaSig, err := rsa.SignPKCS1v15(rand.Reader, rsaKey, crypto.SHA256, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), rsaSig...)
	flipped[len(flipped)-1] ^= 1
	for _, tc := range []struct {
		name string
		pub  crypto.PublicKey
		sig  ctgo.DigitallySigned
		ok   bool
	}{
		{"ECDSA P-256 with SHA-256", &ecKey.PublicKey, signed(cttls.SHA256, cttls.ECDSA, ecSig), true},
		{"ECDSA with bytes after the DER signature", &ecKey.PublicKey, signed(cttls.SHA256, cttls.ECDSA, append(append([]byte(nil), ecSig...), 0)), false},
		{"ECDSA signed with SHA-384", &ecKey.PublicKey, signed(cttls.SHA384, cttls.ECDSA, ecSig384), false},
		{"ECDSA signature labelled RSA", &ecKey.PublicKey, signed(cttls.SHA256, cttls.RSA, ecSig), false},
		{"RSA PKCS#1 v1.5 with SHA-256", &rsaKey.PublicKey, signed(cttls.SHA256, cttls.RSA, rsaSig), true},
		{"RSA with a changed bit", &rsaKey.PublicKey, signed(cttls.SHA256, cttls.RSA, flipped), false},
		{"RSA signature labelled ECDSA", &rsaKey.PublicKey, signed(cttls.SHA256, cttls.ECDSA, rsaSig), false},
		{"an RSA signature for an ECDSA log", &ecKey.PublicKey, signed(cttls.SHA256, cttls.ECDSA, rsaSig), false},
	} {
		err := verifySignature(tc.pub, data, tc.sig)
		if (err == nil) != tc.ok {
			t.Errorf("%s: verified=%v (%v), want %v", tc.name, err == nil, err, tc.ok)
		}
	}
}

func TestLogKeysRFC6962Allows(t *testing.T) {
	t.Parallel()
	spki := func(pub any) []byte {
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsa2048, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsa1024, _ := rsa.GenerateKey(rand.Reader, 1024)
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	for _, tc := range []struct {
		name string
		der  []byte
		ok   bool
	}{
		{"ECDSA P-256", spki(&p256.PublicKey), true},
		{"RSA 2048", spki(&rsa2048.PublicKey), true},
		{"ECDSA P-384", spki(&p384.PublicKey), false},
		{"RSA 1024", spki(&rsa1024.PublicKey), false},
		{"Ed25519", spki(edPub), false},
		{"not a key", []byte("garbage"), false},
	} {
		if _, err := parseLogKey(tc.der); (err == nil) != tc.ok {
			t.Errorf("%s: accepted=%v (%v), want %v", tc.name, err == nil, err, tc.ok)
		}
	}
}

// craftedSCT is a delivered SCT from log over leaf, signed with SHA-256
// and then changed by edit before it is encoded.
func craftedSCT(t testing.TB, log *ctlab.Log, leafDER []byte, ts time.Time, edit func(*ctgo.SignedCertificateTimestamp)) []byte {
	t.Helper()
	sct := ctgo.SignedCertificateTimestamp{SCTVersion: ctgo.V1, LogID: ctgo.LogID{KeyID: log.ID}, Timestamp: uint64(ts.UnixMilli())}
	input, err := ctgo.SerializeSCTSignatureInput(sct, ctgoEntry(entry{der: leafDER}, sct.Timestamp))
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, log.Key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sct.Signature = signed(cttls.SHA256, cttls.ECDSA, sig)
	if edit != nil {
		edit(&sct)
	}
	raw, err := cttls.Marshal(sct)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestSCTSignatureWithTrailingBytesIsCode4(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, nil)
	good := craftedSCT(t, w.a1, leaf.Cert.Raw, time.Now().Add(-time.Hour), nil)
	bad := craftedSCT(t, w.b1, leaf.Cert.Raw, time.Now().Add(-time.Hour), func(s *ctgo.SignedCertificateTimestamp) {
		s.Signature.Signature = append(s.Signature.Signature, 0, 0)
	})
	in := w.input(leaf)
	in.TLSSCTs = [][]byte{good, bad}
	r := Check(in)
	find(t, r, IDInvalidSignature)
	if r.SCTs[0].Verified == nil || !*r.SCTs[0].Verified || r.SCTs[1].Verified == nil || *r.SCTs[1].Verified {
		t.Fatalf("verified: %+v", r.SCTs)
	}
}

func TestFutureSCTFromUnknownLog(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, nil)
	stray := craftedSCT(t, w.x, leaf.Cert.Raw, time.Now().Add(48*time.Hour), nil)
	in := w.input(leaf)
	in.TLSSCTs = [][]byte{stray}
	r := Check(in)
	find(t, r, IDUnknownLog)
	if f := find(t, r, IDFutureTimestamp); f.Value(LabelLogName) != "" {
		t.Fatalf("an unknown log got a name: %v", f.Evidence)
	}
}

func TestLogIndexIsSharedAndKeysParsedOnce(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	idx := indexFor(w.list)
	if again := indexFor(w.list); len(again) == 0 || again[w.a1.IDBase64()] != idx[w.a1.IDBase64()] {
		t.Fatal("a second check of the same list rebuilt its index")
	}
	li := idx[w.a1.IDBase64()]
	var wg sync.WaitGroup
	keys := make([]crypto.PublicKey, 16)
	for i := range keys {
		wg.Go(func() {
			k, err := li.pub()
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if k != keys[0] {
			t.Fatal("the log key was parsed more than once")
		}
	}
	if len(indexFor(nil)) != 0 {
		t.Fatal("no list has logs")
	}
}
