package revocation

import (
	"crypto/x509"
	"net/http"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
)

// Input is what Check needs: the chain as the server presented it and
// how to fetch.
type Input struct {
	// Chain is the presented chain, leaf first.
	Chain []*x509.Certificate
	// Roots is searched for the issuer of the last presented certificate
	// when the server did not send it; nil means the system pool.
	Roots *x509.CertPool
	// Staple is the OCSP response the server stapled (nil when none).
	Staple []byte
	// Client fetches OCSP responses and CRLs; the runner passes one that
	// honours the proxy and --resolve. nil means a plain client that
	// reads the proxy from the environment.
	Client *http.Client
	// Now is the local clock's time; zero means time.Now().
	Now time.Time
	// Reference is the trusted time from the clock probe, zero when
	// unknown. A response valid at Reference but not at Now is marked
	// ClockCaused.
	Reference time.Time
	// FetchTimeout bounds each HTTP fetch; zero means DefaultFetchTimeout.
	// The context passed to Check bounds the whole check.
	FetchTimeout time.Duration
	// SkipIntermediates checks only the leaf.
	SkipIntermediates bool
	// Paths is the run's path memory: an issuer on a path already
	// verified from the leaf is taken from it. nil verifies every time.
	Paths *chainverify.Verifier
}

// Status is a revocation verdict.
type Status string

// Verdicts. StatusUnknown means the status could not be established (the
// responder is unreachable or does not know the certificate);
// StatusError means the answer was unusable; StatusUnchecked means there
// was nothing to check against (no revocation information, no issuer).
const (
	StatusGood      Status = "good"
	StatusRevoked   Status = "revoked"
	StatusUnknown   Status = "unknown"
	StatusUnchecked Status = "unchecked"
	StatusError     Status = "error"
)

// Source says where a verdict came from.
type Source string

// Sources, in the order Check tries them.
const (
	SourceStapled Source = "stapled-ocsp"
	SourceOCSP    Source = "ocsp"
	SourceCRL     Source = "crl"
	SourceNone    Source = "none"
)

// CertStatus is the verdict for one certificate of the chain.
type CertStatus struct {
	// CertIndex is the certificate's position in the presented chain.
	CertIndex int    `json:"cert_index,omitempty"`
	Status    Status `json:"status"`
	Source    Source `json:"source"`
	// Reason says in plain English why Status is what it is.
	Reason string `json:"reason,omitempty"`
	// ResponderURL is the OCSP responder or CRL URL asked ("" for a staple).
	ResponderURL string    `json:"responder_url,omitempty"`
	ThisUpdate   time.Time `json:"this_update,omitzero"`
	NextUpdate   time.Time `json:"next_update,omitzero"`
	RevokedAt    time.Time `json:"revoked_at,omitzero"`
	// RevocationReason is the RFC 5280 reason name ("keyCompromise").
	RevocationReason string `json:"revocation_reason,omitempty"`
	// ClockCaused is set when the answer is valid at the reference time
	// but not at the local time.
	ClockCaused bool `json:"clock_caused,omitempty"`
}

// Result is the revocation verdict for a target. Its embedded CertStatus
// is the leaf's; Intermediates holds the CA certificates checked.
type Result struct {
	CertStatus
	Intermediates []CertStatus `json:"intermediates,omitempty"`
	// OCSPSCTs are the serialized SCTs found in the OCSP response used for
	// the leaf (extension 1.3.6.1.4.1.11129.2.4.5), for ct.Input.OCSPSCTs.
	OCSPSCTs [][]byte `json:"-"`
	// OCSPSCTsError says why that response's SCT-list extension could
	// not be read ("" when it was read or is absent), for
	// ct.Input.OCSPSCTListError.
	OCSPSCTsError string `json:"-"`
	// Findings are this check's findings, ranked.
	Findings []findings.Finding `json:"-"`
}

// Limits.
const (
	// DefaultFetchTimeout bounds one OCSP or CRL download.
	DefaultFetchTimeout = 5 * time.Second
	// MaxOCSPBytes caps an OCSP response body.
	MaxOCSPBytes = 64 << 10
	// MaxCRLBytes caps a CRL body. A CRL is streamed, never held whole,
	// so the cap bounds download time, not memory.
	MaxCRLBytes = 32 << 20
	// TimeSlop is the tolerance on OCSP and CRL dates, as Firefox allows:
	// thisUpdate may be up to a day ahead and nextUpdate up to a day past.
	TimeSlop = 24 * time.Hour
	// MaxAge bounds a response without nextUpdate: thisUpdate older than
	// this is expired (Firefox's 10 days).
	MaxAge = 10 * 24 * time.Hour
)
