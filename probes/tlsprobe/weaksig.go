package tlsprobe

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"errors"
	"time"
)

// weakAlgs are signature algorithms browsers no longer accept.
var weakAlgs = map[x509.SignatureAlgorithm]crypto.Hash{
	x509.MD5WithRSA:    crypto.MD5,
	x509.SHA1WithRSA:   crypto.SHA1,
	x509.ECDSAWithSHA1: crypto.SHA1,
	x509.DSAWithSHA1:   crypto.SHA1,
	x509.MD2WithRSA:    0,
}

func isWeakAlg(a x509.SignatureAlgorithm) bool {
	_, ok := weakAlgs[a]
	return ok
}

// weakTolerantTrust decides trust for a chain whose lower certificates
// carry SHA-1 or MD5 signatures, which Go's verifier refuses outright:
// those signatures are checked by hand up to the first certificate with
// a modern signature, which must then verify normally. This keeps a weak
// signature (code 100) from also being reported as an untrusted issuer.
func weakTolerantTrust(chain []*x509.Certificate, roots, inter *x509.CertPool, now time.Time) (time.Time, bool) {
	cur := 0
	for range chain {
		c := chain[cur]
		if !isWeakAlg(c.SignatureAlgorithm) {
			break
		}
		j := findIssuer(chain, c)
		if j < 0 || checkWeakSignature(c, chain[j]) != nil {
			return time.Time{}, false
		}
		cur = j
	}
	if cur == 0 || isWeakAlg(chain[cur].SignatureAlgorithm) {
		return time.Time{}, false
	}
	for _, t := range candidateTimes(chain[cur:], clamp(now, chain[0].NotBefore, chain[0].NotAfter)) {
		_, err := chain[cur].Verify(x509.VerifyOptions{
			Roots: roots, Intermediates: inter, CurrentTime: t,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// checkWeakSignature verifies c's SHA-1 or MD5 signature with issuer's key.
func checkWeakSignature(c, issuer *x509.Certificate) error {
	var digest []byte
	h := weakAlgs[c.SignatureAlgorithm]
	switch h {
	case crypto.SHA1:
		s := sha1.Sum(c.RawTBSCertificate)
		digest = s[:]
	case crypto.MD5:
		s := md5.Sum(c.RawTBSCertificate)
		digest = s[:]
	default:
		return errors.New("unsupported weak signature algorithm")
	}
	switch pub := issuer.PublicKey.(type) {
	case *rsa.PublicKey:
		return rsa.VerifyPKCS1v15(pub, h, digest, c.Signature)
	case *ecdsa.PublicKey:
		if ecdsa.VerifyASN1(pub, digest, c.Signature) {
			return nil
		}
		return errors.New("ECDSA signature does not verify")
	}
	return errors.New("unsupported issuer key type")
}
