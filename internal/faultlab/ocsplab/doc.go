// Package ocsplab runs real revocation servers on loopback for tests: an
// OpenSSL OCSP responder (optionally under faketime, to date its answers
// in the past or future) behind a loopback-only relay, static CRL and
// "captive portal" HTTP servers, and helpers that mint OCSP responses and
// CRLs with any dates, status, signer or damage a scenario needs.
//
// Everything listens on 127.0.0.1 only (OpenSSL itself binds all
// interfaces, but only the relay on 127.0.0.1 connects to it), and every
// server and child process is stopped by the test's Cleanup.
package ocsplab
