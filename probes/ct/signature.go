package ct

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"

	ctgo "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
)

// An SCT's signature is checked the way Chrome's CT verifier checks it:
// the log signs with SHA-256 and its own key type (ECDSA P-256 or RSA of
// at least 2048 bits, RFC 6962 section 2.1.4), the signature fields must
// name exactly that, and an ECDSA signature must be exact DER with nothing
// after it. A signature that claims another hash, or carries trailing
// bytes, does not verify.

// parseLogKey parses a log's DER SubjectPublicKeyInfo and accepts only the
// key types RFC 6962 allows.
func parseLogKey(der []byte) (crypto.PublicKey, error) {
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, err
	}
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return nil, fmt.Errorf("ECDSA key on %s, not P-256", k.Curve.Params().Name)
		}
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return nil, fmt.Errorf("RSA key of %d bits, fewer than 2048", k.N.BitLen())
		}
	default:
		return nil, fmt.Errorf("unsupported key type %T", pub)
	}
	return pub, nil
}

// errSignature is the answer for a signature that does not verify.
var errSignature = errors.New("the signature does not verify with the log's key")

// verifySignature checks sig over data with the log's key pub.
func verifySignature(pub crypto.PublicKey, data []byte, sig ctgo.DigitallySigned) error {
	if sig.Algorithm.Hash != cttls.SHA256 {
		return fmt.Errorf("the SCT is signed with hash %s; logs sign with SHA-256", sig.Algorithm.Hash)
	}
	digest := sha256.Sum256(data)
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if sig.Algorithm.Signature != cttls.ECDSA {
			return fmt.Errorf("the SCT claims a %s signature from an ECDSA log", sig.Algorithm.Signature)
		}
		if !ecdsa.VerifyASN1(k, digest[:], sig.Signature) {
			return errSignature
		}
	case *rsa.PublicKey:
		if sig.Algorithm.Signature != cttls.RSA {
			return fmt.Errorf("the SCT claims a %s signature from an RSA log", sig.Algorithm.Signature)
		}
		if rsa.VerifyPKCS1v15(k, crypto.SHA256, digest[:], sig.Signature) != nil {
			return errSignature
		}
	default:
		return fmt.Errorf("unsupported log key type %T", pub)
	}
	return nil
}
