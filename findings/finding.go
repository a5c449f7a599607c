package findings

// Severity says how much a finding matters to the verdict.
type Severity int

// Severities, mildest first.
const (
	// Info is context: worth showing, never a fault.
	Info Severity = iota
	// Warning is a problem that does not by itself break the certificate
	// check (clock skew with a valid chain, a proxy needing login).
	Warning
	// Critical is a certificate fault: the app would show the alert.
	Critical
	// Unknown means the check could not be run; the reason is evidence.
	Unknown
)

// String returns the lower-case name used in JSON.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	case Unknown:
		return "unknown"
	}
	return "invalid"
}

// Evidence is one fact behind a finding. Value may come from the network
// (a certificate name, a header, a URL): sanitize it before display.
type Evidence struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Finding is one fault or fact a probe established, with its evidence.
//
// ID is stable and machine-readable ("cert.expired", "tls.timeout"); it
// keys the localized text in package content and the rank in Rank.
// Summary is a plain English sentence for logs and reports; the terminal
// UIs show the localized text for ID instead.
type Finding struct {
	ID       string     `json:"id"`
	Code     Code       `json:"code"`
	Severity Severity   `json:"-"`
	Summary  string     `json:"summary"`
	Evidence []Evidence `json:"evidence,omitempty"`
	// CertIndex is the position in the presented chain the finding is
	// about (0 = leaf), or -1 when it concerns no single certificate.
	CertIndex int `json:"cert_index"`
	// ClockCaused is set when the fault disappears at the reference time:
	// the device clock, not the certificate, is wrong.
	ClockCaused bool `json:"clock_caused,omitempty"`
	// NotTested is set on a finding that says the target was never
	// reached (name not found, connection refused or timed out, a proxy
	// that refused the tunnel): no certificate was seen, so the finding
	// carries no article code into any verdict. The probe that owns the
	// ID sets it from its catalogue.
	NotTested bool `json:"-"`
	// Context marks a fact shown beside a target's result whatever its
	// severity (an interception product, a locally deployed root): it
	// explains a fault but is never a fault or a warning by itself.
	Context bool `json:"-"`
}

// With returns a copy of f with extra evidence appended.
func (f Finding) With(label, value string) Finding {
	ev := make([]Evidence, 0, len(f.Evidence)+1)
	ev = append(ev, f.Evidence...)
	f.Evidence = append(ev, Evidence{Label: label, Value: value})
	return f
}

// Value returns the evidence value for label, or "".
func (f Finding) Value(label string) string {
	for _, e := range f.Evidence {
		if e.Label == label {
			return e.Value
		}
	}
	return ""
}
