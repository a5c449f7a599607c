package revocation

import (
	"bytes"
	"encoding/asn1"
	"errors"
	"fmt"
)

// unwrapSCTList decodes an SCT-list extension value: a DER OCTET STRING
// holding a TLS-encoded SignedCertificateTimestampList (RFC 6962 3.3).
// It returns the serialized SCTs, each a fresh copy.
func unwrapSCTList(extValue []byte) ([][]byte, error) {
	var inner []byte
	rest, err := asn1.Unmarshal(extValue, &inner)
	if err != nil {
		return nil, fmt.Errorf("SCT list extension: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("SCT list extension: trailing data")
	}
	return splitSCTList(inner)
}

// splitSCTList splits a TLS-encoded SCT list into serialized SCTs.
func splitSCTList(b []byte) ([][]byte, error) {
	if len(b) < 2 {
		return nil, errors.New("SCT list: too short")
	}
	if n := int(b[0])<<8 | int(b[1]); n != len(b)-2 {
		return nil, fmt.Errorf("SCT list: length %d does not match %d bytes", n, len(b)-2)
	}
	b = b[2:]
	var out [][]byte
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, errors.New("SCT list: truncated entry")
		}
		l := int(b[0])<<8 | int(b[1])
		if l == 0 || l > len(b)-2 {
			return nil, errors.New("SCT list: bad entry length")
		}
		out = append(out, bytes.Clone(b[2:2+l]))
		b = b[2+l:]
	}
	if len(out) == 0 {
		return nil, errors.New("SCT list: empty")
	}
	return out, nil
}
