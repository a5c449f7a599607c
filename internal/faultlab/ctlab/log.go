package ctlab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"time"

	ctgo "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
)

// Log is a test CT log: a name, an operator and a P-256 signing key.
type Log struct {
	Name, Operator string
	Key            *ecdsa.PrivateKey
	// SPKI is the DER SubjectPublicKeyInfo; ID is its SHA-256 (the log ID).
	SPKI []byte
	ID   [32]byte
	// Retired, when set, lists the log as retired since that time.
	Retired time.Time
}

// NewLog makes a log with a fresh key.
func NewLog(name, operator string) (*Log, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate log key: %w", err)
	}
	spki, err := x509.MarshalPKIXPublicKey(key.Public())
	if err != nil {
		return nil, fmt.Errorf("marshal log key: %w", err)
	}
	return &Log{Name: name, Operator: operator, Key: key, SPKI: spki, ID: sha256.Sum256(spki)}, nil
}

// NewLogs makes one log per operator, named after it, for tests that need
// SCTs from distinct operators (Chrome's policy asks for two).
func NewLogs(operators ...string) ([]*Log, error) {
	logs := make([]*Log, 0, len(operators))
	for _, op := range operators {
		l, err := NewLog("lab log of "+op, op)
		if err != nil {
			return nil, err
		}
		logs = append(logs, l)
	}
	return logs, nil
}

// IDBase64 returns the log ID as log lists write it.
func (l *Log) IDBase64() string { return base64.StdEncoding.EncodeToString(l.ID[:]) }

// sign produces a serialized SCT over entry at ts; tamper changes the
// timestamp after signing so the signature no longer verifies.
func (l *Log) sign(te ctgo.TimestampedEntry, ts time.Time, tamper bool) ([]byte, error) {
	sct := ctgo.SignedCertificateTimestamp{SCTVersion: ctgo.V1, LogID: ctgo.LogID{KeyID: l.ID}, Timestamp: uint64(ts.UnixMilli())}
	te.Timestamp = sct.Timestamp
	entry := ctgo.LogEntry{Leaf: ctgo.MerkleTreeLeaf{Version: ctgo.V1, LeafType: ctgo.TimestampedEntryLeafType, TimestampedEntry: &te}}
	input, err := ctgo.SerializeSCTSignatureInput(sct, entry)
	if err != nil {
		return nil, fmt.Errorf("serialize SCT input: %w", err)
	}
	digest := sha256.Sum256(input)
	sig, err := ecdsa.SignASN1(rand.Reader, l.Key, digest[:])
	if err != nil {
		return nil, fmt.Errorf("sign SCT: %w", err)
	}
	sct.Signature = ctgo.DigitallySigned{
		Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA},
		Signature: sig,
	}
	if tamper {
		sct.Timestamp++
	}
	raw, err := cttls.Marshal(sct)
	if err != nil {
		return nil, fmt.Errorf("marshal SCT: %w", err)
	}
	return raw, nil
}

// SignCert returns an SCT over a final certificate, as a log returns for
// delivery in the TLS or OCSP extension.
func (l *Log) SignCert(certDER []byte, ts time.Time, tamper bool) ([]byte, error) {
	return l.sign(ctgo.TimestampedEntry{EntryType: ctgo.X509LogEntryType, X509Entry: &ctgo.ASN1Cert{Data: certDER}}, ts, tamper)
}

// SignCerts returns one SCT over certDER from each log, all dated ts, as
// a server delivers them in the TLS extension.
func SignCerts(certDER []byte, ts time.Time, logs ...*Log) ([][]byte, error) {
	out := make([][]byte, 0, len(logs))
	for _, l := range logs {
		s, err := l.SignCert(certDER, ts, false)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// SignPrecert returns an SCT over a precertificate entry: the TBS without
// the poison extension and the issuer's key hash.
func (l *Log) SignPrecert(tbs []byte, issuerKeyHash [32]byte, ts time.Time, tamper bool) ([]byte, error) {
	return l.sign(ctgo.TimestampedEntry{EntryType: ctgo.PrecertLogEntryType,
		PrecertEntry: &ctgo.PreCert{IssuerKeyHash: issuerKeyHash, TBSCertificate: tbs}}, ts, tamper)
}
