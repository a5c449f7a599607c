// Package revocation owns certwiz's revocation check: it finds out whether
// the presented certificates are revoked (article code 2) or whether their
// revocation status cannot be established (code 3), the way a browser
// would judge it.
//
// Sources are tried in order: the OCSP response the server stapled, the
// OCSP responder named in the certificate (fetched over HTTP through the
// caller's client, so proxies and --resolve apply), and, when a
// certificate names no OCSP responder, its CRL distribution point.
// golang.org/x/crypto/ocsp checks only a response's signature; this
// package also checks the responder's authority, the response's dates
// (with TimeSlop of tolerance), its status and the must-staple extension.
//
// A responder that cannot be reached is reported as "could not check"
// (Severity Unknown), never as a fault; a certificate without any
// revocation information is not an error. The package does no printing:
// it returns a Result whose Findings carry raw evidence.
package revocation
