package ct

import (
	"crypto/x509"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
	"github.com/google/certificate-transparency-go/loglist3"
)

// Input is what Check needs.
type Input struct {
	// Chain is the presented chain, leaf first.
	Chain []*x509.Certificate
	// TLSSCTs are the serialized SCTs from the TLS extension.
	TLSSCTs [][]byte
	// OCSPSCTs are the serialized SCTs from the stapled or fetched OCSP
	// response (revocation.Result.OCSPSCTs).
	OCSPSCTs [][]byte
	// OCSPSCTListError says why the OCSP response's SCT-list extension
	// could not be read (revocation.Result.OCSPSCTsError); "" when it was
	// read or is absent. An unreadable list is invalid, not absent.
	OCSPSCTListError string
	// TLSSCTListError is the same for the TLS extension, for callers that
	// read the raw extension themselves.
	TLSSCTListError string
	// Logs is the log list; nil means DefaultLogList().
	Logs *loglist3.LogList
	// PublicRoots decides whether CT applies: only chains ending at one
	// of these roots need SCTs. nil means the bundled public roots.
	PublicRoots *x509.CertPool
	// Now is the local time; zero means time.Now().
	Now time.Time
	// Reference is the trusted time from the clock probe (zero if
	// unknown); a future SCT that is not in the future at Reference is
	// marked ClockCaused.
	Reference time.Time
	// Paths is the run's path memory (nil: verify every time); the
	// question "does the chain reach a public root" is usually answered
	// already by the root classification.
	Paths *chainverify.Verifier
}

// Source says where an SCT came from.
type Source string

// SCT sources.
const (
	SourceEmbedded Source = "embedded"
	SourceTLS      Source = "tls"
	SourceOCSP     Source = "ocsp"
)

// SCT is one signed certificate timestamp and what certwiz made of it.
type SCT struct {
	// LogID is the base64 log ID (SHA-256 of the log's key).
	LogID string `json:"log_id"`
	// LogName and Operator come from the log list ("" for unknown logs).
	LogName  string `json:"log_name"`
	Operator string `json:"operator"`
	// LogState is the log's state in the list (usable, retired, ...).
	LogState  string    `json:"log_state,omitempty"`
	Source    Source    `json:"source"`
	Timestamp time.Time `json:"timestamp,omitzero"`
	// Verified is true or false for SCTs of known logs, false for SCTs
	// (and SCT lists) that could not be parsed, and nil when the SCT
	// could not be checked (unknown log, issuer not known).
	Verified *bool `json:"verified"`
	// Error says why the SCT is not verified or does not count.
	Error string `json:"error,omitempty"`
	// Counts is set when the SCT counts toward the policy: verified, from
	// a log trusted at the SCT's time.
	Counts bool `json:"-"`
}

// Verdict is the CT policy outcome.
type Verdict string

// Verdicts. VerdictNotApplicable: the chain does not end at a public
// root. VerdictUnknown: the SCTs that could be checked are too few, but
// SCTs from unknown logs might make up the difference.
const (
	VerdictCompliant     Verdict = "compliant"
	VerdictNotCompliant  Verdict = "not-compliant"
	VerdictNotApplicable Verdict = "not-applicable"
	VerdictUnknown       Verdict = "unknown"
)

// Result is the CT check of one target.
type Result struct {
	Verdict Verdict `json:"verdict"`
	// Reason says in plain English why the verdict is what it is.
	Reason string `json:"reason,omitempty"`
	SCTs   []SCT  `json:"scts"`
	// Findings are this check's findings, ranked.
	Findings []findings.Finding `json:"-"`
}

// Policy constants (Chrome's CT policy).
const (
	// ShortLifetime is the longest lifetime that needs only
	// EmbeddedShort embedded SCTs.
	ShortLifetime = 180 * 24 * time.Hour
	// EmbeddedShort and EmbeddedLong are the embedded SCTs needed for
	// lifetimes up to and beyond ShortLifetime.
	EmbeddedShort = 2
	EmbeddedLong  = 3
	// Delivered is the SCTs needed via TLS or OCSP.
	Delivered = 2
	// Operators is the distinct log operators needed.
	Operators = 2
)
