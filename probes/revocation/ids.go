package revocation

import (
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Finding IDs this package produces. Each keys a localized message in
// package content; the evidence labels are listed with each ID.
const (
	// IDOCSPRevoked: an OCSP response says the certificate is revoked
	// (code 2). Evidence: serial, revoked_at, reason, source, responder_url.
	IDOCSPRevoked = "ocsp.revoked"
	// IDCRLRevoked: the CA's CRL lists the certificate (code 2).
	// Evidence: serial, revoked_at, reason, source, crl_url.
	IDCRLRevoked = "crl.revoked"
	// IDOCSPBadResponse: the OCSP response cannot be parsed or is for
	// another certificate (code 3). Evidence: source, responder_url, error.
	IDOCSPBadResponse = "ocsp.bad-response"
	// IDOCSPExpiredResponse: nextUpdate is past, beyond TimeSlop (code 3).
	// Evidence: this_update, next_update, local_time.
	IDOCSPExpiredResponse = "ocsp.expired-response"
	// IDOCSPFutureResponse: thisUpdate is in the future, beyond TimeSlop
	// (code 3). Evidence: this_update, local_time.
	IDOCSPFutureResponse = "ocsp.future-response"
	// IDOCSPBadSigner: the response is not signed by the issuer or by a
	// responder the issuer authorized (code 3). Evidence: error, signer.
	IDOCSPBadSigner = "ocsp.bad-signer"
	// IDOCSPResponderError: the responder answered with an error status
	// such as tryLater or unauthorized (code 3). Evidence: response_status.
	IDOCSPResponderError = "ocsp.responder-error"
	// IDOCSPNotOCSP: the answer is not OCSP at all: an HTML page from a
	// captive portal or a proxy, or garbage (code 3). Evidence:
	// content_type, final_url, body_start.
	IDOCSPNotOCSP = "ocsp.not-ocsp"
	// IDOCSPMustStapleMissing: the certificate demands a stapled OCSP
	// response (TLS feature status_request) and the server sent none
	// (code 3).
	IDOCSPMustStapleMissing = "ocsp.must-staple-missing"
	// IDOCSPUnknownStatus: the responder does not know the certificate
	// (code 3). Evidence: serial, responder_url.
	IDOCSPUnknownStatus = "ocsp.unknown-status"
	// IDOCSPUnreachable: the responder could not be reached, so the status
	// could not be checked (code 3, Severity Unknown). Evidence: url,
	// host, port, error or http_status, allow.
	IDOCSPUnreachable = "ocsp.unreachable"
	// IDCRLStale: the CRL's nextUpdate is past, beyond TimeSlop (code 3).
	IDCRLStale = "crl.stale"
	// IDCRLNotYetValid: the CRL's thisUpdate is in the future, beyond
	// TimeSlop (code 3).
	IDCRLNotYetValid = "crl.not-yet-valid"
	// IDCRLBadSignature: the CRL is not signed by the certificate's issuer
	// (code 3).
	IDCRLBadSignature = "crl.bad-signature"
	// IDCRLBadResponse: the answer is not a parsable CRL or is too large
	// (code 3).
	IDCRLBadResponse = "crl.bad-response"
	// IDCRLUnreachable: the CRL could not be downloaded (code 3, Severity
	// Unknown). Evidence as IDOCSPUnreachable.
	IDCRLUnreachable = "crl.unreachable"
	// IDNone: the certificate names neither an OCSP responder nor a CRL;
	// normal for some CAs, not an error (Info).
	IDNone = "revocation.none"
	// IDNoIssuer: the issuer of a certificate is unknown, so its
	// revocation status cannot be checked (Info; the TLS probe reports
	// the untrusted chain).
	IDNoIssuer = "revocation.no-issuer"
)

// FindingIDs lists every finding ID this package can produce.
var FindingIDs = []string{
	IDOCSPRevoked, IDCRLRevoked, IDOCSPBadResponse, IDOCSPExpiredResponse,
	IDOCSPFutureResponse, IDOCSPBadSigner, IDOCSPResponderError, IDOCSPNotOCSP,
	IDOCSPMustStapleMissing, IDOCSPUnknownStatus, IDOCSPUnreachable,
	IDCRLStale, IDCRLNotYetValid, IDCRLBadSignature, IDCRLBadResponse,
	IDCRLUnreachable, IDNone, IDNoIssuer,
}

// Evidence labels used by this package's findings.
const (
	LabelSerial           = "serial"
	LabelRevokedAt        = "revoked_at"
	LabelReason           = "reason"
	LabelSource           = "source"
	LabelResponderURL     = "responder_url"
	LabelCRLURL           = "crl_url"
	LabelThisUpdate       = "this_update"
	LabelNextUpdate       = "next_update"
	LabelLocalTime        = "local_time"
	LabelReferenceTime    = "reference_time"
	LabelError            = "error"
	LabelSigner           = "signer"
	LabelResponseStatus   = "response_status"
	LabelContentType      = "content_type"
	LabelFinalURL         = "final_url"
	LabelBodyStart        = "body_start"
	LabelHTTPStatus       = "http_status"
	LabelURL              = "url"
	LabelHost             = "host"
	LabelPort             = "port"
	LabelAllow            = "allow"
	LabelSubject          = "subject"
	LabelProducedAt       = "produced_at"
	LabelResponderSubject = "responder_subject"
)

// fault returns a Critical finding about the certificate at idx.
func fault(id string, code findings.Code, idx int, summary string) findings.Finding {
	return findings.Finding{ID: id, Code: code, Severity: findings.Critical, Summary: summary, CertIndex: idx}
}

// stamp formats a time for evidence: RFC 3339 in UTC, "" when zero.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
