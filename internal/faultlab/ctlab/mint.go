package ctlab

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	ctx509 "github.com/google/certificate-transparency-go/x509"
)

// OIDs of the CT certificate extensions.
var (
	OIDPoison       = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}
	OIDEmbeddedSCTs = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
	OIDOCSPSCTs     = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 5}
)

// SCTSpec asks for one embedded SCT.
type SCTSpec struct {
	Log *Log
	// Time is the SCT's timestamp; zero means an hour ago.
	Time time.Time
	// Tamper breaks the signature.
	Tamper bool
}

// Issue mints a server certificate for names issued by issuer through the
// precertificate flow, embedding one SCT per spec. opts change the
// template (dates, serial...) and apply to the precertificate and the
// final certificate alike.
func Issue(issuer *pki.Cert, names []string, specs []SCTSpec, opts ...pki.Option) (*pki.Cert, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	tmpl, err := template(names, opts)
	if err != nil {
		return nil, err
	}
	pre := *tmpl
	pre.ExtraExtensions = append(append([]pkix.Extension(nil), tmpl.ExtraExtensions...),
		pkix.Extension{Id: OIDPoison, Critical: true, Value: asn1.NullBytes})
	preDER, err := x509.CreateCertificate(rand.Reader, &pre, issuer.Cert, key.Public(), issuer.Key)
	if err != nil {
		return nil, fmt.Errorf("sign precertificate: %w", err)
	}
	preCert, err := x509.ParseCertificate(preDER)
	if err != nil {
		return nil, fmt.Errorf("parse precertificate: %w", err)
	}
	tbs, err := ctx509.BuildPrecertTBS(preCert.RawTBSCertificate, nil)
	if err != nil {
		return nil, fmt.Errorf("precertificate TBS: %w", err)
	}
	keyHash := sha256.Sum256(issuer.Cert.RawSubjectPublicKeyInfo)
	var scts [][]byte
	for _, s := range specs {
		ts := s.Time
		if ts.IsZero() {
			ts = time.Now().Add(-time.Hour)
		}
		raw, err := s.Log.SignPrecert(tbs, keyHash, ts, s.Tamper)
		if err != nil {
			return nil, err
		}
		scts = append(scts, raw)
	}
	final := *tmpl
	if len(scts) > 0 {
		ext, err := SCTListExtension(OIDEmbeddedSCTs, scts)
		if err != nil {
			return nil, err
		}
		final.ExtraExtensions = append(append([]pkix.Extension(nil), tmpl.ExtraExtensions...), ext)
	}
	der, err := x509.CreateCertificate(rand.Reader, &final, issuer.Cert, key.Public(), issuer.Key)
	if err != nil {
		return nil, fmt.Errorf("sign certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse certificate: %w", err)
	}
	if len(scts) > 0 {
		back, err := ctx509.RemoveSCTList(cert.RawTBSCertificate)
		if err != nil || !bytes.Equal(back, tbs) {
			return nil, errors.New("final certificate does not match its precertificate")
		}
	}
	return &pki.Cert{Cert: cert, Key: key, Issuer: issuer}, nil
}

// template is the leaf template pki.Leaf would use, with a fixed serial so
// the precertificate and the final certificate share it.
func template(names []string, opts []pki.Option) (*x509.Certificate, error) {
	serial, err := pki.NewSerial()
	if err != nil {
		return nil, err
	}
	return pki.LeafTemplate(names, append([]pki.Option{pki.Serial(serial)}, opts...)...), nil
}

// MarshalSCTList encodes serialized SCTs as a TLS SignedCertificateTimestampList.
func MarshalSCTList(scts [][]byte) ([]byte, error) {
	var body []byte
	for _, s := range scts {
		if len(s) == 0 || len(s) > 0xffff {
			return nil, errors.New("SCT of bad length")
		}
		body = append(body, byte(len(s)>>8), byte(len(s)))
		body = append(body, s...)
	}
	if len(body) > 0xffff {
		return nil, errors.New("SCT list too long")
	}
	return append([]byte{byte(len(body) >> 8), byte(len(body))}, body...), nil
}

// SCTListExtension wraps SCTs as an extension with the given OID
// (OIDEmbeddedSCTs for certificates, OIDOCSPSCTs for OCSP responses).
func SCTListExtension(oid asn1.ObjectIdentifier, scts [][]byte) (pkix.Extension, error) {
	list, err := MarshalSCTList(scts)
	if err != nil {
		return pkix.Extension{}, err
	}
	val, err := asn1.Marshal(list)
	if err != nil {
		return pkix.Extension{}, fmt.Errorf("wrap SCT list: %w", err)
	}
	return pkix.Extension{Id: oid, Value: val}, nil
}
