package revocation

import (
	"bytes"
	"encoding/asn1"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/big"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Caps on the parts of a CRL read whole while streaming; everything else
// (the revoked list, the extensions) passes through in small buffers.
const (
	maxAlgBytes   = 1 << 10
	maxNameBytes  = 64 << 10
	maxTimeBytes  = 32
	maxEntryBytes = 64 << 10
	maxSigBytes   = 64 << 10
)

var oidReasonCode = asn1.ObjectIdentifier{2, 5, 29, 21}

// crlScan is what one streaming pass over a CRL learned: enough to judge
// any certificate whose serial was asked for, against any issuer,
// without the CRL itself.
type crlScan struct {
	rawIssuer  []byte // the issuer Name, tag and length included
	thisUpdate time.Time
	nextUpdate time.Time
	alg        sigAlg
	digest     []byte // hash of the TBSCertList under alg.hash
	signature  []byte
	entries    int                     // revoked entries seen
	revoked    map[string]revokedEntry // by serial content bytes, only those asked for
	algErr     error                   // errUnsupportedAlg: read fully, signature not checkable
}

// revokedEntry is one listed certificate.
type revokedEntry struct {
	at     time.Time
	reason int
}

// serialKey is the DER INTEGER content of n, the form serials are
// compared in while streaming (no big.Int per entry).
func serialKey(n *big.Int) string {
	if n == nil {
		return ""
	}
	var b cryptobyte.Builder
	b.AddASN1BigInt(n)
	der, err := b.Bytes()
	if err != nil {
		return ""
	}
	s := cryptobyte.String(der)
	var content cryptobyte.String
	if !s.ReadASN1(&content, cbasn1.INTEGER) {
		return ""
	}
	return string(content)
}

// scanCRL streams a DER CRL from r, at most max bytes: it hashes the
// TBSCertList as it passes, keeps the issuer, dates and signature, and
// records the entries whose serials are in want (serialKey form). The
// signature is not checked here (see crlScan.verify). A declared or
// actual size over max returns errTooLarge; bad DER returns
// errMalformed; a failing reader's error is returned as is.
func scanCRL(r io.Reader, max int64, want map[string]struct{}) (*crlScan, error) {
	d := newDERStream(r)
	sc := &crlScan{revoked: map[string]revokedEntry{}}
	outer, err := d.readHeader(1 << 40)
	if err != nil {
		return nil, err
	}
	if outer.tag != 0x30 {
		return nil, d.malformed("not a SEQUENCE")
	}
	if int64(outer.n)+outer.length > max {
		return nil, fmt.Errorf("%w: the CRL declares %d bytes (over %d)", errTooLarge, int64(outer.n)+outer.length, max)
	}
	end := d.pos + outer.length
	tbs, err := d.expect(0x30, end, "tbsCertList")
	if err != nil {
		return nil, err
	}
	tbsEnd := d.pos + tbs.length
	// The hash is not known until the signature field; hold the bytes
	// before it (a few dozen) in a small buffer, then start hashing.
	pre := &prefix{b: append([]byte(nil), tbs.raw()...)}
	d.tee = pre
	h, err := d.readHeader(tbsEnd)
	if err != nil {
		return nil, err
	}
	if h.tag == 0x02 {
		v, err := d.content(h, 4, "version")
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(v, []byte{1}) {
			return nil, d.malformed("CRL version %x", v)
		}
		if h, err = d.readHeader(tbsEnd); err != nil {
			return nil, err
		}
	}
	if h.tag != 0x30 {
		return nil, d.malformed("signature algorithm: tag 0x%02x", h.tag)
	}
	algDER, err := d.content(h, maxAlgBytes, "signature algorithm")
	if err != nil {
		return nil, err
	}
	sc.alg, sc.algErr = parseSigAlg(algDER)
	if sc.algErr != nil && !errors.Is(sc.algErr, errUnsupportedAlg) {
		return nil, sc.algErr
	}
	var digest hash.Hash
	if sc.algErr == nil {
		digest = sc.alg.hash.New()
		_, _ = digest.Write(pre.b)
	}
	d.tee = digest
	if h, err = d.expect(0x30, tbsEnd, "issuer"); err != nil {
		return nil, err
	}
	name, err := d.content(h, maxNameBytes, "issuer name")
	if err != nil {
		return nil, err
	}
	sc.rawIssuer = append(append([]byte(nil), h.raw()...), name...)
	if sc.thisUpdate, err = d.time(tbsEnd, "thisUpdate", nil); err != nil {
		return nil, err
	}
	// Optional: nextUpdate, revokedCertificates, [0] crlExtensions, in
	// that order.
	stage := 0
	for d.pos < tbsEnd {
		h, err := d.readHeader(tbsEnd)
		if err != nil {
			return nil, err
		}
		switch {
		case stage < 1 && (h.tag == 0x17 || h.tag == 0x18):
			if sc.nextUpdate, err = d.time(tbsEnd, "nextUpdate", &h); err != nil {
				return nil, err
			}
			stage = 1
		case stage < 2 && h.tag == 0x30:
			if err := d.revokedList(h, sc, want); err != nil {
				return nil, err
			}
			stage = 2
		case stage < 3 && h.tag == 0xa0:
			if err := d.skip(h.length); err != nil {
				return nil, err
			}
			stage = 3
		default:
			// Anything else ends what certwiz reads of the signed list;
			// like crypto/x509 it is ignored (it is still hashed).
			if err := d.skip(tbsEnd - d.pos); err != nil {
				return nil, err
			}
		}
	}
	if digest != nil {
		sc.digest = digest.Sum(nil)
	}
	d.tee = nil
	if h, err = d.expect(0x30, end, "signatureAlgorithm"); err != nil {
		return nil, err
	}
	outerAlg, err := d.content(h, maxAlgBytes, "signature algorithm")
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(outerAlg, algDER) {
		return nil, d.malformed("inner and outer signature algorithms differ")
	}
	if h, err = d.expect(0x03, end, "signatureValue"); err != nil {
		return nil, err
	}
	bits, err := d.content(h, maxSigBytes, "signature")
	if err != nil {
		return nil, err
	}
	if len(bits) < 1 || bits[0] > 7 {
		return nil, d.malformed("signature BIT STRING")
	}
	if bits[0] == 0 { // else not a whole number of bytes: it cannot verify
		sc.signature = bits[1:]
	}
	// Whatever follows the signature (inside the CRL or after it) is not
	// read, as crypto/x509 ignores it: the scan never pulls more bytes
	// than the CRL declares.
	return sc, nil
}

// prefix collects the first bytes of the TBSCertList until the hash is
// known; it is the tee for at most a version and an algorithm.
type prefix struct{ b []byte }

func (p *prefix) Write(b []byte) (int, error) { p.b = append(p.b, b...); return len(b), nil }
func (p *prefix) Sum(b []byte) []byte         { return append(b, p.b...) }
func (p *prefix) Reset()                      { p.b = p.b[:0] }
func (p *prefix) Size() int                   { return len(p.b) }
func (p *prefix) BlockSize() int              { return 1 }

// time reads a UTCTime or GeneralizedTime (its header too unless h is
// given).
func (d *derStream) time(limit int64, what string, h *header) (time.Time, error) {
	if h == nil {
		hh, err := d.readHeader(limit)
		if err != nil {
			return time.Time{}, err
		}
		h = &hh
	}
	p, err := d.content(*h, maxTimeBytes, what)
	if err != nil {
		return time.Time{}, err
	}
	return parseDERTime(append(append([]byte(nil), h.raw()...), p...), what)
}

// parseDERTime parses a full UTCTime or GeneralizedTime element.
func parseDERTime(der []byte, what string) (time.Time, error) {
	s := cryptobyte.String(der)
	var t time.Time
	var ok bool
	switch {
	case s.PeekASN1Tag(cbasn1.UTCTime):
		ok = s.ReadASN1UTCTime(&t)
	case s.PeekASN1Tag(cbasn1.GeneralizedTime):
		ok = s.ReadASN1GeneralizedTime(&t)
	}
	if !ok || !s.Empty() {
		return time.Time{}, fmt.Errorf("%w: %s is not a valid time", errMalformed, what)
	}
	return t, nil
}

// revokedList streams the revokedCertificates SEQUENCE, one entry at a
// time, keeping only entries whose serial is wanted.
func (d *derStream) revokedList(list header, sc *crlScan, want map[string]struct{}) error {
	end := d.pos + list.length
	var buf []byte // one entry at a time, reused
	for d.pos < end {
		h, err := d.expect(0x30, end, "revoked entry")
		if err != nil {
			return err
		}
		p, err := d.contentInto(buf, h, maxEntryBytes, "revoked entry")
		if err != nil {
			return err
		}
		buf = p
		sc.entries++
		s := cryptobyte.String(p)
		var serial cryptobyte.String
		if !s.ReadASN1(&serial, cbasn1.INTEGER) || !minimalInteger(serial) {
			return d.malformed("revoked entry %d: serial number", sc.entries)
		}
		if _, ok := want[string(serial)]; !ok {
			continue
		}
		e, err := parseEntryRest(s)
		if err != nil {
			return fmt.Errorf("revoked entry %d: %w", sc.entries, err)
		}
		if _, dup := sc.revoked[string(serial)]; !dup {
			sc.revoked[string(serial)] = e
		}
	}
	return nil
}

// minimalInteger reports whether s is a valid DER INTEGER content.
func minimalInteger(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	if len(s) > 1 && ((s[0] == 0 && s[1]&0x80 == 0) || (s[0] == 0xff && s[1]&0x80 != 0)) {
		return false
	}
	return true
}

// parseEntryRest reads an entry's revocationDate and optional
// extensions (for the reason code).
func parseEntryRest(s cryptobyte.String) (revokedEntry, error) {
	var e revokedEntry
	var tm cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1Element(&tm, &tag) {
		return e, fmt.Errorf("%w: revocation date", errMalformed)
	}
	t, err := parseDERTime(tm, "revocation date")
	if err != nil {
		return e, err
	}
	e.at = t
	if !s.PeekASN1Tag(cbasn1.SEQUENCE) { // anything else is ignored, as crypto/x509 does
		return e, nil
	}
	var exts cryptobyte.String
	if !s.ReadASN1(&exts, cbasn1.SEQUENCE) {
		return e, fmt.Errorf("%w: entry extensions", errMalformed)
	}
	for !exts.Empty() {
		var ext cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !exts.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1ObjectIdentifier(&oid) {
			return e, fmt.Errorf("%w: entry extension", errMalformed)
		}
		if !ext.SkipOptionalASN1(cbasn1.BOOLEAN) {
			return e, fmt.Errorf("%w: entry extension", errMalformed)
		}
		var val cryptobyte.String
		if !ext.ReadASN1(&val, cbasn1.OCTET_STRING) {
			return e, fmt.Errorf("%w: entry extension value", errMalformed)
		}
		if oid.Equal(oidReasonCode) {
			if !val.ReadASN1Enum(&e.reason) {
				return e, fmt.Errorf("%w: reason code", errMalformed)
			}
		}
	}
	return e, nil
}

// verify checks the scanned signature with the issuer's public key.
func (sc *crlScan) verify(pub any) error {
	if sc.algErr != nil {
		return sc.algErr
	}
	return sc.alg.verify(pub, sc.digest, sc.signature)
}
