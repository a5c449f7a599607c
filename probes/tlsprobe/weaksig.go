package tlsprobe

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/certwiz/certwiz/probes/chainverify"
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

// weakTolerantTrust decides trust for a chain with SHA-1 or MD5
// signatures on it, which Go's verifier refuses outright. It follows the
// presented certificates up from the leaf, checking each signature (weak
// ones by hand), to the top certificate, which must then verify to a root
// in roots; when the top one is itself weakly signed, a trusted root of
// the right name that the verifier found but refused for its algorithm
// is enough. This keeps a weak signature anywhere on the path (code 100)
// from being reported as an untrusted issuer (6). anchorKnown says the
// returned path ends at the root from the pool.
func weakTolerantTrust(chain []*x509.Certificate, roots *x509.CertPool, now time.Time) (path []*x509.Certificate, at time.Time, anchorKnown, ok bool) {
	path = chainverify.SignedPath(chain, signedBy)
	if !slices.ContainsFunc(path, func(c *x509.Certificate) bool { return isWeakAlg(c.SignatureAlgorithm) }) {
		return nil, time.Time{}, false, false
	}
	cur := path[len(path)-1]
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	for _, t := range chainverify.TrustTimes(path, now) {
		paths, err := cur.Verify(x509.VerifyOptions{
			Roots: roots, Intermediates: inter, CurrentTime: t,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil {
			return append(path, bestPath(paths)[1:]...), t, true, true
		}
		if reason, _, found := rejectedCandidate(err); found && isWeakAlg(cur.SignatureAlgorithm) && strings.Contains(reason, "insecure algorithm") {
			return path, t, false, true
		}
	}
	return nil, time.Time{}, false, false
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
