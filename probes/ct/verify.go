package ct

import (
	"crypto/sha256"
	"errors"
	"fmt"

	ctx509 "github.com/google/certificate-transparency-go/x509"
)

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
