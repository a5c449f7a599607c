package tlsprobe

// Finding IDs this package emits. Each keys a localized message in
// package content; evidence labels are its placeholders.
const (
	IDNameMismatch      = "cert.name-mismatch"
	IDExpired           = "cert.expired"
	IDNotYetValid       = "cert.not-yet-valid"
	IDUntrustedIssuer   = "cert.untrusted-issuer"
	IDSelfSigned        = "cert.self-signed"
	IDIncompleteChain   = "cert.incomplete-chain"
	IDBadPurpose        = "cert.bad-purpose"
	IDCAAsLeaf          = "cert.ca-as-leaf"
	IDBadKeyUsage       = "cert.bad-key-usage"
	IDWeakSignature     = "cert.weak-signature"
	IDWeakKey           = "cert.weak-key"
	IDCriticalExtension = "cert.unhandled-critical-extension"
	IDNameConstraint    = "cert.name-constraint"
	IDOldVersion        = "tls.old-version"
	IDNoCommonVersion   = "tls.no-common-version"
	IDChainTooLong      = "tls.chain-too-long"
	IDNoCertificate     = "tls.no-certificate"
	IDTimeout           = "tls.timeout"
	IDCancelled         = "tls.cancelled"
	IDReset             = "tls.reset"
	IDClosed            = "tls.closed"
	IDRefused           = "tls.refused"
	IDUnreachable       = "tls.unreachable"
	IDDNS               = "tls.dns"
	IDProxy             = "tls.proxy"
	IDProxyLogin        = "tls.proxy-login"
	IDHandshakeAlert    = "tls.handshake-alert"
	IDPlainHTTP         = "tls.plain-http"
	IDNotTLS            = "tls.not-tls"
	IDHandshakeFailed   = "tls.handshake-failed"
	IDConnectFailed     = "tls.connect-failed"
	IDWeakCipher        = "tls.weak-cipher"
	IDWeakDH            = "tls.weak-dh"
	IDUnreadableCert    = "cert.unreadable"
	IDUnneededCert      = "cert.unneeded"
	IDChainCompleted    = "cert.chain-completed"
)

// FindingIDs lists every finding ID Probe can emit.
var FindingIDs = []string{
	IDNameMismatch, IDExpired, IDNotYetValid, IDUntrustedIssuer, IDSelfSigned,
	IDIncompleteChain, IDBadPurpose, IDCAAsLeaf, IDBadKeyUsage, IDWeakSignature,
	IDWeakKey, IDCriticalExtension, IDNameConstraint, IDOldVersion,
	IDNoCommonVersion, IDChainTooLong, IDNoCertificate, IDTimeout, IDCancelled,
	IDReset, IDClosed, IDRefused, IDUnreachable, IDDNS, IDProxy, IDProxyLogin,
	IDHandshakeAlert, IDPlainHTTP, IDNotTLS, IDHandshakeFailed, IDConnectFailed,
	IDWeakCipher, IDWeakDH, IDUnreadableCert, IDUnneededCert, IDChainCompleted,
}

// notTested is the catalogue of the findings that mean the target was
// never reached: no certificate was seen, so they carry no article code
// into a verdict. A handshake that started and then failed (an alert, no
// common version, a reset, plain HTTP on the TLS port) is not among them:
// the browser would fail the same way, which is code 100.
var notTested = map[string]bool{
	IDDNS: true, IDRefused: true, IDUnreachable: true, IDConnectFailed: true,
	IDTimeout: true, IDCancelled: true, IDProxy: true, IDProxyLogin: true,
}

// NotTested reports whether a finding ID means the target was never reached.
func NotTested(id string) bool { return notTested[id] }

// Evidence labels. They are stable: localized texts use them as
// placeholders.
const (
	LabelHost             = "host"
	LabelPort             = "port"
	LabelAddress          = "address"
	LabelProxy            = "proxy"
	LabelError            = "error"
	LabelStage            = "stage"
	LabelTimeout          = "timeout"
	LabelAlert            = "alert"
	LabelResponse         = "response"
	LabelRecordHeader     = "record_header"
	LabelSubject          = "subject"
	LabelIssuer           = "issuer"
	LabelNames            = "names"
	LabelCommonName       = "common_name"
	LabelLegacyCommonName = "legacy_common_name"
	LabelNotBefore        = "not_before"
	LabelNotAfter         = "not_after"
	LabelLocalTime        = "local_time"
	LabelExpiredAgo       = "expired_ago"
	LabelValidIn          = "valid_in"
	LabelDaysAgo          = "days_ago"
	LabelDaysAhead        = "days_ahead"
	LabelReason           = "reason"
	LabelAIAIssuerURL     = "aia_issuer_url"
	LabelEKU              = "eku"
	LabelKeyUsage         = "key_usage"
	LabelRequired         = "required"
	LabelSignatureAlg     = "signature_algorithm"
	LabelKeyType          = "key_type"
	LabelKeyBits          = "key_bits"
	LabelOID              = "oid"
	LabelVersion          = "version"
	LabelCertificates     = "certificates"
	LabelMax              = "max"
	LabelProxyStatus      = "proxy_status"
	LabelCipherSuite      = "cipher_suite"
	LabelSuiteProblem     = "suite_problem"
	LabelDHBits           = "dh_bits"
	LabelPosition         = "position"
	LabelSize             = "size"
	LabelProblem          = "problem"
	LabelChainEnd         = "chain_end"
	LabelAuthorityKeyID   = "authority_key_id"
)
