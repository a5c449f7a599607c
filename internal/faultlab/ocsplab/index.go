package ocsplab

import (
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Entry is one certificate the OpenSSL responder knows about. A
// certificate absent from the index gets the status "unknown".
type Entry struct {
	// Cert is the certificate; or give only Serial, so the responder can
	// start before the certificate naming its URL is minted.
	Cert    *x509.Certificate
	Serial  *big.Int
	Revoked bool
	// RevokedAt defaults to an hour ago.
	RevokedAt time.Time
	// Reason is an OpenSSL reason name ("keyCompromise"); "" for none.
	Reason string
}

// indexLine renders e in OpenSSL's index.txt format.
func indexLine(e Entry) string {
	status, rev := "V", ""
	if e.Revoked {
		status = "R"
		at := e.RevokedAt
		if at.IsZero() {
			at = time.Now().Add(-time.Hour)
		}
		rev = asn1Time(at)
		if e.Reason != "" {
			rev += "," + e.Reason
		}
	}
	sn, notAfter, cn := e.Serial, time.Now().Add(90*24*time.Hour), "certwiz test"
	if e.Cert != nil {
		sn, notAfter, cn = e.Cert.SerialNumber, e.Cert.NotAfter, e.Cert.Subject.CommonName
	}
	serial := strings.ToUpper(hex.EncodeToString(sn.Bytes()))
	if serial == "" {
		serial = "00"
	}
	subject := "/CN=" + strings.ReplaceAll(cn, "/", "_")
	return fmt.Sprintf("%s\t%s\t%s\t%s\tunknown\t%s\n", status, asn1Time(notAfter), rev, serial, subject)
}

// asn1Time formats t as OpenSSL's index does (UTCTime, YYMMDDHHMMSSZ).
func asn1Time(t time.Time) string { return t.UTC().Format("060102150405Z") }
