package chainverify

import (
	"bytes"
	"crypto/x509"
	"slices"
	"time"
)

// SignedBy reports whether issuer's key made c's signature; LinkedPath and
// Anchored take one so a caller can also accept signatures x509 refuses
// to check (SHA-1, MD5). nil means c.CheckSignatureFrom(issuer) == nil.
type SignedBy func(c, issuer *x509.Certificate) bool

func (s SignedBy) check(c, issuer *x509.Certificate) bool {
	if s == nil {
		return c.CheckSignatureFrom(issuer) == nil
	}
	return s(c, issuer)
}

// LinkedPath follows issuers through the certificates a server sent,
// from the leaf (index 0), and returns the indexes reached, leaf first.
// Each step takes the certificate named as the issuer; when several share
// that name, only one whose key made the signature counts (a server may
// send decoys). It stops at a self-signed certificate, a missing issuer
// or a loop.
func LinkedPath(chain []*x509.Certificate, signedBy SignedBy) []int {
	if len(chain) == 0 {
		return nil
	}
	path := []int{0}
	for len(path) < len(chain) {
		cur := chain[path[len(path)-1]]
		if len(path) > 1 && bytes.Equal(cur.RawIssuer, cur.RawSubject) {
			break
		}
		j := linkedIssuer(chain, cur, path, signedBy)
		if j < 0 {
			break
		}
		path = append(path, j)
	}
	return path
}

// linkedIssuer returns the index of the sent certificate, not yet on
// path, that is c's issuer by name, or -1. When several share the name,
// only one that signed c counts.
func linkedIssuer(chain []*x509.Certificate, c *x509.Certificate, path []int, signedBy SignedBy) int {
	var named []int
	for j, x := range chain {
		if x != nil && x != c && !slices.Contains(path, j) && bytes.Equal(x.RawSubject, c.RawIssuer) {
			named = append(named, j)
		}
	}
	switch len(named) {
	case 0:
		return -1
	case 1:
		return named[0]
	}
	for _, j := range named {
		if signedBy.check(c, chain[j]) {
			return j
		}
	}
	return -1 // several of that name and none signed c: the issuer was not sent
}

// SignedPath is the linked path's certificates, leaf first, cut at the
// first link whose issuer's key did not make the signature: the part of
// what the server sent that really chains.
func SignedPath(chain []*x509.Certificate, signedBy SignedBy) []*x509.Certificate {
	var path []*x509.Certificate
	for _, i := range LinkedPath(chain, signedBy) {
		if n := len(path); n > 0 && !signedBy.check(path[n-1], chain[i]) {
			break
		}
		path = append(path, chain[i])
	}
	return path
}

// Anchored answers the trust question for a chain that has no moment
// when every certificate is valid (a leaf issued after its intermediate
// expired), where every x509 answer is about dates: the top of the
// signed path (SignedPath) must verify to a root in roots (any usage) at
// a time inside its own window, the one nearest to now. It returns the
// path, leaf first, to the anchor, and that time. Dates are for the
// caller to judge on the path.
func (v *Verifier) Anchored(chain []*x509.Certificate, roots *x509.CertPool, now time.Time, signedBy SignedBy) ([]*x509.Certificate, time.Time, error) {
	linked := SignedPath(chain, signedBy)
	if len(linked) == 0 {
		return nil, time.Time{}, errNoCert
	}
	top := linked[len(linked)-1]
	at := clamp(now, top.NotBefore, top.NotAfter) // the moment inside the top's window nearest to now
	found, err := v.Verify(Request{Cert: top, Intermediates: chain, Roots: roots, At: at, Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return nil, time.Time{}, err
	}
	best := found[0]
	for _, p := range found[1:] {
		if len(p) < len(best) {
			best = p
		}
	}
	return append(linked, best[1:]...), at, nil
}
