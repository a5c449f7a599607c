package ct

import (
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"

	ctgo "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// oidEmbeddedSCTs is the certificate extension holding SCTs.
var oidEmbeddedSCTs = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}

// parseSCTList splits a TLS-encoded SignedCertificateTimestampList (RFC
// 6962 3.3) into serialized SCTs.
func parseSCTList(b []byte) ([][]byte, error) {
	var list ctx509.SignedCertificateTimestampList
	rest, err := cttls.Unmarshal(b, &list)
	if err != nil {
		return nil, fmt.Errorf("SCT list: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("SCT list: trailing data")
	}
	out := make([][]byte, 0, len(list.SCTList))
	for _, s := range list.SCTList {
		out = append(out, s.Val)
	}
	return out, nil
}

// embeddedSCTs returns the serialized SCTs of cert's SCT-list extension
// (nil when there is none).
func embeddedSCTs(cert *x509.Certificate) ([][]byte, error) {
	for _, e := range cert.Extensions {
		if !e.Id.Equal(oidEmbeddedSCTs) {
			continue
		}
		var inner []byte
		rest, err := asn1.Unmarshal(e.Value, &inner)
		if err != nil {
			return nil, fmt.Errorf("embedded SCT extension: %w", err)
		}
		if len(rest) != 0 {
			return nil, errors.New("embedded SCT extension: trailing data")
		}
		return parseSCTList(inner)
	}
	return nil, nil
}

// parseSCT decodes one serialized SCT.
func parseSCT(raw []byte) (*ctgo.SignedCertificateTimestamp, error) {
	var sct ctgo.SignedCertificateTimestamp
	rest, err := cttls.Unmarshal(raw, &sct)
	if err != nil {
		return nil, fmt.Errorf("SCT: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("SCT: trailing data")
	}
	if sct.SCTVersion != ctgo.V1 {
		return nil, fmt.Errorf("SCT: unsupported version %d", sct.SCTVersion)
	}
	return &sct, nil
}
