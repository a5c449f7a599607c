package tlsprobe

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
)

// maxAIACerts bounds how many certificates one AIA answer may carry.
const maxAIACerts = 16

var oidSignedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}

// parseAIA reads what a caIssuers URL served: one DER certificate, a
// certs-only PKCS#7 SignedData (DER), or PEM certificates.
func parseAIA(body []byte) ([]*x509.Certificate, error) {
	if bytes.HasPrefix(bytes.TrimSpace(body), []byte("-----BEGIN")) {
		return ParsePEMCertificates(body, maxAIACerts)
	}
	if c, err := x509.ParseCertificate(body); err == nil {
		return []*x509.Certificate{c}, nil
	}
	ders, err := parsePKCS7Certs(body)
	if err != nil {
		return nil, err
	}
	var out []*x509.Certificate
	for _, der := range ders {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fmt.Errorf("PKCS#7 certificate: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// parsePKCS7Certs returns the DER certificates of a PKCS#7 SignedData
// (RFC 2315 / 5652): ContentInfo{contentType, [0] EXPLICIT SignedData{
// version, digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates,
// ...}}. Signatures are not checked (certs-only bundles have none).
func parsePKCS7Certs(der []byte) ([][]byte, error) {
	var ci struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue `asn1:"explicit,optional,tag:0"`
	}
	rest, err := asn1.Unmarshal(der, &ci)
	if err != nil {
		return nil, fmt.Errorf("not DER, PEM or PKCS#7: %w", err)
	}
	if len(rest) > 0 {
		return nil, errors.New("PKCS#7: trailing data")
	}
	if !ci.ContentType.Equal(oidSignedData) {
		return nil, fmt.Errorf("PKCS#7: content type %s is not signedData", ci.ContentType)
	}
	var sd asn1.RawValue
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil || !sd.IsCompound || sd.Tag != asn1.TagSequence {
		return nil, errors.New("PKCS#7: malformed SignedData")
	}
	body := sd.Bytes
	for range 3 { // version, digestAlgorithms, encapContentInfo
		var v asn1.RawValue
		if body, err = asn1.Unmarshal(body, &v); err != nil {
			return nil, fmt.Errorf("PKCS#7: malformed SignedData: %w", err)
		}
	}
	var certs asn1.RawValue
	if _, err := asn1.Unmarshal(body, &certs); err != nil {
		return nil, fmt.Errorf("PKCS#7: no certificates: %w", err)
	}
	if certs.Class != asn1.ClassContextSpecific || certs.Tag != 0 || !certs.IsCompound {
		return nil, errors.New("PKCS#7: no certificates")
	}
	var out [][]byte
	inner := certs.Bytes
	for len(inner) > 0 {
		if len(out) == maxAIACerts {
			return nil, fmt.Errorf("PKCS#7: more than %d certificates", maxAIACerts)
		}
		var c asn1.RawValue
		if inner, err = asn1.Unmarshal(inner, &c); err != nil {
			return nil, fmt.Errorf("PKCS#7: malformed certificate: %w", err)
		}
		out = append(out, c.FullBytes)
	}
	if len(out) == 0 {
		return nil, errors.New("PKCS#7: no certificates")
	}
	return out, nil
}

// ParsePEMCertificates parses the CERTIFICATE blocks of PEM data, at most
// max of them (0: no limit); other blocks are skipped. A block that does
// not parse, or data without a single certificate, is an error.
func ParsePEMCertificates(data []byte, max int) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for max <= 0 || len(out) < max {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("PEM certificate %d: %w", len(out)+1, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("no PEM certificate")
	}
	return out, nil
}
