package ct

// Finding IDs this package produces; each keys a localized message in
// package content.
const (
	// IDInvalidSignature: an SCT from a known log does not verify (code
	// 4; Warning when the remaining SCTs still satisfy the policy).
	// Evidence: log_name, operator, log_id, source, timestamp.
	IDInvalidSignature = "ct.invalid-signature"
	// IDTooFewSCTs: fewer valid SCTs than the policy needs (code 4).
	// Evidence: valid_embedded, required_embedded, valid_delivered,
	// required_delivered, lifetime_days.
	IDTooFewSCTs = "ct.too-few-scts"
	// IDTooFewOperators: enough SCTs, but not from enough distinct log
	// operators (code 4). Evidence: operators, required_operators.
	IDTooFewOperators = "ct.too-few-operators"
	// IDUnknownLog: an SCT from a log not in the list (Info). Evidence:
	// log_id, source, timestamp.
	IDUnknownLog = "ct.unknown-log"
	// IDFutureTimestamp: an SCT dated after the local time: the device
	// clock is behind (Warning, no code). Evidence: log_name, timestamp,
	// local_time, ahead.
	IDFutureTimestamp = "ct.future-timestamp"
	// IDNotApplicable: the chain does not end at a public root, so CT does
	// not apply (Info).
	IDNotApplicable = "ct.not-applicable"
	// IDMalformedSCT: an SCT could not be parsed. It is invalid, never
	// absent: code 4 when the remaining SCTs cannot satisfy the policy,
	// Warning when they do, Info when CT does not apply. Evidence:
	// source, error.
	IDMalformedSCT = "ct.malformed-sct"
	// IDMalformedSCTList: a whole SCT list (the certificate's embedded
	// extension, the TLS extension or the OCSP extension) could not be
	// read; severity as IDMalformedSCT. Evidence: source, error.
	IDMalformedSCTList = "ct.malformed-sct-list"
	// IDNoLogList: the log list could not be loaded, so no SCT could be
	// checked (Info). Evidence: error.
	IDNoLogList = "ct.no-log-list"
)

// FindingIDs lists every finding ID this package can produce.
var FindingIDs = []string{
	IDInvalidSignature, IDTooFewSCTs, IDTooFewOperators, IDUnknownLog,
	IDFutureTimestamp, IDNotApplicable, IDMalformedSCT, IDNoLogList,
	IDMalformedSCTList,
}

// Evidence labels.
const (
	LabelLogName           = "log_name"
	LabelOperator          = "operator"
	LabelLogID             = "log_id"
	LabelSource            = "source"
	LabelTimestamp         = "timestamp"
	LabelLocalTime         = "local_time"
	LabelReferenceTime     = "reference_time"
	LabelAhead             = "ahead"
	LabelError             = "error"
	LabelValidEmbedded     = "valid_embedded"
	LabelRequiredEmbedded  = "required_embedded"
	LabelValidDelivered    = "valid_delivered"
	LabelRequiredDelivered = "required_delivered"
	LabelLifetimeDays      = "lifetime_days"
	LabelOperators         = "operators"
	LabelRequiredOperators = "required_operators"
	LabelUnknownLogs       = "unknown_logs"
	LabelRoot              = "root"
)
