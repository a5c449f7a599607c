package revocation

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	_ "crypto/sha256" // SHA-256 for streamed CRL signatures
	_ "crypto/sha512" // SHA-384 and SHA-512 for streamed CRL signatures
	"encoding/asn1"
	"errors"
	"fmt"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// keyKind is the public-key scheme a CRL signature algorithm uses.
type keyKind int

const (
	keyRSA keyKind = iota + 1
	keyRSAPSS
	keyECDSA
)

// sigAlg is a CRL signature algorithm certwiz can verify over a streamed
// TBSCertList: the hash is computed while the bytes pass by.
type sigAlg struct {
	name    string
	hash    crypto.Hash
	key     keyKind
	saltLen int // RSA-PSS only
}

var (
	oidRSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidMGF1   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8}

	pkcs1Algs = map[string]sigAlg{
		"1.2.840.113549.1.1.11": {name: "SHA256-RSA", hash: crypto.SHA256, key: keyRSA},
		"1.2.840.113549.1.1.12": {name: "SHA384-RSA", hash: crypto.SHA384, key: keyRSA},
		"1.2.840.113549.1.1.13": {name: "SHA512-RSA", hash: crypto.SHA512, key: keyRSA},
	}
	ecdsaAlgs = map[string]sigAlg{
		"1.2.840.10045.4.3.2": {name: "ECDSA-SHA256", hash: crypto.SHA256, key: keyECDSA},
		"1.2.840.10045.4.3.3": {name: "ECDSA-SHA384", hash: crypto.SHA384, key: keyECDSA},
		"1.2.840.10045.4.3.4": {name: "ECDSA-SHA512", hash: crypto.SHA512, key: keyECDSA},
	}
	hashOIDs = map[string]crypto.Hash{
		"2.16.840.1.101.3.4.2.1": crypto.SHA256,
		"2.16.840.1.101.3.4.2.2": crypto.SHA384,
		"2.16.840.1.101.3.4.2.3": crypto.SHA512,
	}
)

// errUnsupportedAlg marks a signature algorithm certwiz does not verify
// (SHA-1, MD5, Ed25519 which cannot be verified over a stream).
var errUnsupportedAlg = errors.New("unsupported CRL signature algorithm")

// parseSigAlg reads the content of an AlgorithmIdentifier SEQUENCE.
func parseSigAlg(content []byte) (sigAlg, error) {
	s := cryptobyte.String(content)
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1ObjectIdentifier(&oid) {
		return sigAlg{}, fmt.Errorf("%w: signature algorithm identifier", errMalformed)
	}
	params := s // what follows the OID
	key := oid.String()
	if a, ok := pkcs1Algs[key]; ok {
		if !params.Empty() && !isNull(params) {
			return sigAlg{}, fmt.Errorf("%w: parameters on %s", errMalformed, a.name)
		}
		return a, nil
	}
	if a, ok := ecdsaAlgs[key]; ok {
		if !params.Empty() {
			return sigAlg{}, fmt.Errorf("%w: parameters on %s", errMalformed, a.name)
		}
		return a, nil
	}
	if oid.Equal(oidRSAPSS) {
		return parsePSS(params)
	}
	return sigAlg{}, fmt.Errorf("%w: %s", errUnsupportedAlg, oid)
}

func isNull(s cryptobyte.String) bool {
	return len(s) == 2 && s[0] == 0x05 && s[1] == 0x00
}

// parsePSS reads RSASSA-PSS-params (RFC 4055): the hash and the MGF1 hash
// must be the same SHA-2 function, as Go's own verifier requires.
func parsePSS(params cryptobyte.String) (sigAlg, error) {
	bad := func(what string) (sigAlg, error) {
		return sigAlg{}, fmt.Errorf("%w: RSA-PSS parameters: %s", errMalformed, what)
	}
	var seq cryptobyte.String
	if !params.ReadASN1(&seq, cbasn1.SEQUENCE) || !params.Empty() {
		return bad("not a SEQUENCE")
	}
	var hashAI, mgfAI cryptobyte.String
	var hasHash, hasMGF, hasSalt, hasTrailer bool
	if !seq.ReadOptionalASN1(&hashAI, &hasHash, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!seq.ReadOptionalASN1(&mgfAI, &hasMGF, cbasn1.Tag(1).Constructed().ContextSpecific()) {
		return bad("hash or mask")
	}
	salt, trailer := int64(20), int64(1)
	var saltS, trailerS cryptobyte.String
	if !seq.ReadOptionalASN1(&saltS, &hasSalt, cbasn1.Tag(2).Constructed().ContextSpecific()) ||
		!seq.ReadOptionalASN1(&trailerS, &hasTrailer, cbasn1.Tag(3).Constructed().ContextSpecific()) || !seq.Empty() {
		return bad("salt or trailer")
	}
	if hasSalt && (!saltS.ReadASN1Int64WithTag(&salt, cbasn1.INTEGER) || !saltS.Empty() || salt < 0 || salt > 1024) {
		return bad("salt length")
	}
	if hasTrailer && (!trailerS.ReadASN1Int64WithTag(&trailer, cbasn1.INTEGER) || !trailerS.Empty() || trailer != 1) {
		return bad("trailer field")
	}
	if !hasHash || !hasMGF {
		return sigAlg{}, fmt.Errorf("%w: RSA-PSS with SHA-1", errUnsupportedAlg)
	}
	h, err := hashAlg(hashAI)
	if err != nil {
		return sigAlg{}, err
	}
	var mgf cryptobyte.String
	var mgfOID asn1.ObjectIdentifier
	if !mgfAI.ReadASN1(&mgf, cbasn1.SEQUENCE) || !mgfAI.Empty() || !mgf.ReadASN1ObjectIdentifier(&mgfOID) || !mgfOID.Equal(oidMGF1) {
		return bad("mask generation function")
	}
	mh, err := hashAlg(mgf)
	if err != nil || mh != h {
		return bad("MGF1 hash differs from the signature hash")
	}
	return sigAlg{name: "RSA-PSS-" + h.String(), hash: h, key: keyRSAPSS, saltLen: int(salt)}, nil
}

// hashAlg reads an AlgorithmIdentifier of a SHA-2 hash (optional NULL
// parameters) from s, which must hold exactly it.
func hashAlg(s cryptobyte.String) (crypto.Hash, error) {
	var ai cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1(&ai, cbasn1.SEQUENCE) || !s.Empty() || !ai.ReadASN1ObjectIdentifier(&oid) {
		return 0, fmt.Errorf("%w: hash algorithm", errMalformed)
	}
	if !ai.Empty() && !isNull(ai) {
		return 0, fmt.Errorf("%w: hash parameters", errMalformed)
	}
	h, ok := hashOIDs[oid.String()]
	if !ok {
		return 0, fmt.Errorf("%w: hash %s", errUnsupportedAlg, oid)
	}
	return h, nil
}

// errBadSignature is a CRL signature that does not verify with the key.
var errBadSignature = errors.New("the CRL's signature does not verify with the issuer's key")

// verify checks sig over digest with the issuer's public key.
func (a sigAlg) verify(pub any, digest, sig []byte) error {
	switch a.key {
	case keyRSA, keyRSAPSS:
		k, ok := pub.(*rsa.PublicKey)
		if !ok {
			return fmt.Errorf("%w: %s signature, %T key", errBadSignature, a.name, pub)
		}
		var err error
		if a.key == keyRSA {
			err = rsa.VerifyPKCS1v15(k, a.hash, digest, sig)
		} else {
			err = rsa.VerifyPSS(k, a.hash, digest, sig, &rsa.PSSOptions{SaltLength: a.saltLen, Hash: a.hash})
		}
		if err != nil {
			return fmt.Errorf("%w (%s): %v", errBadSignature, a.name, err)
		}
		return nil
	case keyECDSA:
		k, ok := pub.(*ecdsa.PublicKey)
		if !ok {
			return fmt.Errorf("%w: %s signature, %T key", errBadSignature, a.name, pub)
		}
		if !ecdsa.VerifyASN1(k, digest, sig) {
			return fmt.Errorf("%w (%s)", errBadSignature, a.name)
		}
		return nil
	}
	return fmt.Errorf("%w: %s", errUnsupportedAlg, a.name)
}
