package ct

import (
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"

	ctgo "github.com/google/certificate-transparency-go"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// errNoIssuer means an embedded SCT cannot be checked: the precertificate
// entry needs the issuer's key.
var errNoIssuer = errors.New("the certificate's issuer is not known, so the embedded SCT cannot be checked")

// verifiers caches one signature verifier per log key within a check.
type verifiers map[string]*ctgo.SignatureVerifier

func (v verifiers) get(li logInfo) (*ctgo.SignatureVerifier, error) {
	if sv, ok := v[string(li.key)]; ok {
		return sv, nil
	}
	pub, err := x509.ParsePKIXPublicKey(li.key)
	if err != nil {
		return nil, fmt.Errorf("log key of %s: %w", li.name, err)
	}
	sv, err := ctgo.NewSignatureVerifier(pub)
	if err != nil {
		return nil, fmt.Errorf("log key of %s: %w", li.name, err)
	}
	v[string(li.key)] = sv
	return sv, nil
}

// entryFor builds the log entry an SCT signs: the precertificate (the
// leaf's TBS without its SCT list, with the issuer's key hash) for an
// embedded SCT, the leaf certificate itself for a delivered one.
func entryFor(sct *ctgo.SignedCertificateTimestamp, src Source, leaf, issuer *x509.Certificate) (ctgo.LogEntry, error) {
	te := &ctgo.TimestampedEntry{Timestamp: sct.Timestamp}
	if src == SourceEmbedded {
		if issuer == nil {
			return ctgo.LogEntry{}, errNoIssuer
		}
		tbs, err := ctx509.RemoveSCTList(leaf.RawTBSCertificate)
		if err != nil {
			return ctgo.LogEntry{}, fmt.Errorf("rebuild precertificate: %w", err)
		}
		te.EntryType = ctgo.PrecertLogEntryType
		te.PrecertEntry = &ctgo.PreCert{IssuerKeyHash: sha256.Sum256(issuer.RawSubjectPublicKeyInfo), TBSCertificate: tbs}
	} else {
		te.EntryType = ctgo.X509LogEntryType
		te.X509Entry = &ctgo.ASN1Cert{Data: leaf.Raw}
	}
	return ctgo.LogEntry{Leaf: ctgo.MerkleTreeLeaf{Version: ctgo.V1, LeafType: ctgo.TimestampedEntryLeafType, TimestampedEntry: te}}, nil
}
