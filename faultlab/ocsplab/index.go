package ocsplab

import (
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Entry is one certificate the OpenSSL responder knows about. A
// certificate absent from the index gets the status "unknown".
type Entry struct {
	Cert    *x509.Certificate
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
	serial := strings.ToUpper(hex.EncodeToString(e.Cert.SerialNumber.Bytes()))
	if serial == "" {
		serial = "00"
	}
	subject := "/CN=" + strings.ReplaceAll(e.Cert.Subject.CommonName, "/", "_")
	return fmt.Sprintf("%s\t%s\t%s\t%s\tunknown\t%s\n", status, asn1Time(e.Cert.NotAfter), rev, serial, subject)
}

// asn1Time formats t as OpenSSL's index does (UTCTime, YYMMDDHHMMSSZ).
func asn1Time(t time.Time) string { return t.UTC().Format("060102150405Z") }
