package ct

import (
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"

	ctgo "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"golang.org/x/crypto/cryptobyte"
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

// parseSCT decodes one serialized v1 SCT (RFC 6962 section 3.2): version,
// log ID, timestamp, extensions, and the digitally-signed signature. It
// reads the fixed layout directly rather than through the reflective TLS
// decoder (a fleet run decodes hundreds); FuzzParseSCTMatchesCTGo holds
// it to certificate-transparency-go's decoding of the same bytes.
func parseSCT(raw []byte) (*ctgo.SignedCertificateTimestamp, error) {
	s := cryptobyte.String(raw)
	var (
		sct          ctgo.SignedCertificateTimestamp
		version      uint8
		logID        []byte
		ext, sig     cryptobyte.String
		hash, sigAlg uint8
	)
	if !s.ReadUint8(&version) || !s.ReadBytes(&logID, len(sct.LogID.KeyID)) || !s.ReadUint64(&sct.Timestamp) ||
		!s.ReadUint16LengthPrefixed(&ext) || !s.ReadUint8(&hash) || !s.ReadUint8(&sigAlg) ||
		!s.ReadUint16LengthPrefixed(&sig) {
		return nil, errors.New("SCT: truncated")
	}
	if !s.Empty() {
		return nil, errors.New("SCT: trailing data")
	}
	if ctgo.Version(version) != ctgo.V1 {
		return nil, fmt.Errorf("SCT: unsupported version %d", version)
	}
	sct.SCTVersion = ctgo.V1
	copy(sct.LogID.KeyID[:], logID)
	sct.Extensions = ctgo.CTExtensions(ext)
	sct.Signature = ctgo.DigitallySigned{
		Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.HashAlgorithm(hash), Signature: cttls.SignatureAlgorithm(sigAlg)},
		Signature: sig,
	}
	return &sct, nil
}
