package ct

import (
	"crypto/sha256"
	"errors"
	"fmt"

	ctgo "github.com/google/certificate-transparency-go"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// maxEntryLen is the largest certificate or TBS an SCT can sign (its
// length is a 24-bit field).
const maxEntryLen = 1<<24 - 1

// entry is what an SCT signs besides its own fields: a final certificate,
// or a precertificate's TBS with its issuer's key hash.
type entry struct {
	precert       bool
	issuerKeyHash [sha256.Size]byte
	der           []byte // the certificate, or the precertificate's TBS
}

// signedData returns the bytes an SCT's signature covers (RFC 6962
// section 3.2, digitally-signed struct of a v1 SCT): version,
// signature type certificate_timestamp, timestamp, entry type, the entry,
// and the SCT's extensions.
func signedData(sct *ctgo.SignedCertificateTimestamp, e entry) ([]byte, error) {
	if sct.SCTVersion != ctgo.V1 {
		return nil, fmt.Errorf("unsupported SCT version %d", sct.SCTVersion)
	}
	if len(e.der) == 0 || len(e.der) > maxEntryLen {
		return nil, fmt.Errorf("signed entry of %d bytes", len(e.der))
	}
	if len(sct.Extensions) > 0xffff {
		return nil, fmt.Errorf("SCT extensions of %d bytes", len(sct.Extensions))
	}
	b := make([]byte, 0, 12+sha256.Size+3+len(e.der)+2+len(sct.Extensions))
	b = append(b, byte(sct.SCTVersion), byte(ctgo.CertificateTimestampSignatureType))
	ts := sct.Timestamp
	b = append(b, byte(ts>>56), byte(ts>>48), byte(ts>>40), byte(ts>>32), byte(ts>>24), byte(ts>>16), byte(ts>>8), byte(ts))
	entryType := ctgo.X509LogEntryType
	if e.precert {
		entryType = ctgo.PrecertLogEntryType
	}
	b = append(b, byte(entryType>>8), byte(entryType))
	if e.precert {
		b = append(b, e.issuerKeyHash[:]...)
	}
	n := len(e.der)
	b = append(b, byte(n>>16), byte(n>>8), byte(n))
	b = append(b, e.der...)
	x := len(sct.Extensions)
	b = append(b, byte(x>>8), byte(x))
	return append(b, sct.Extensions...), nil
}

// errNoIssuer means an embedded SCT cannot be checked: the precertificate
// entry needs the issuer's key.
var errNoIssuer = errors.New("the certificate's issuer is not known, so the embedded SCT cannot be checked")

// entryFor returns the log entry an SCT from src signs: the
// precertificate (the leaf's TBS without its SCT list, with the issuer's
// key hash) for an embedded SCT, the leaf certificate itself for a
// delivered one. The precertificate is rebuilt once per check.
func (c *checker) entryFor(src Source) (entry, error) {
	if src != SourceEmbedded {
		return entry{der: c.leaf.Raw}, nil
	}
	if c.issuer == nil {
		return entry{}, errNoIssuer
	}
	if c.precert == nil && c.precertErr == nil {
		tbs, err := ctx509.RemoveSCTList(c.leaf.RawTBSCertificate)
		if err != nil {
			c.precertErr = fmt.Errorf("rebuild precertificate: %w", err)
		} else {
			c.precert = &entry{precert: true, issuerKeyHash: sha256.Sum256(c.issuer.RawSubjectPublicKeyInfo), der: tbs}
		}
	}
	if c.precertErr != nil {
		return entry{}, c.precertErr
	}
	return *c.precert, nil
}
