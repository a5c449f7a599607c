package report

import (
	"math"
	"time"
)

// targetTested reports whether a target of the document was judged: its
// handshake completed and a chain was seen, or a certificate fault was
// found (a TLS 1.0-only server is judged, code 100, without a chain). A
// target that could not be reached is not tested. This is the one place
// the fleet renderers (nagios, prometheus) decide it.
func targetTested(t Target) bool {
	if t.Error == nil && len(t.Chain) > 0 {
		return true
	}
	for _, f := range t.Findings {
		if f.Code != 0 && f.Severity == "critical" {
			return true
		}
	}
	return false
}

// leafNotAfter returns the end of the leaf certificate's validity, when a
// chain was seen.
func leafNotAfter(t Target) (time.Time, bool) {
	if len(t.Chain) == 0 {
		return time.Time{}, false
	}
	na, err := time.Parse(time.RFC3339, t.Chain[0].NotAfter)
	return na, err == nil
}

// runTime is when the run started (the document's generated_at); the zero
// time when the field does not parse.
func runTime(doc Document) time.Time {
	t, err := time.Parse(time.RFC3339, doc.GeneratedAt)
	if err != nil {
		return time.Time{}
	}
	return t
}

// daysLeft is the number of whole days from the run to the leaf's
// expiry, negative once it expired.
func daysLeft(t Target, at time.Time) (int64, bool) {
	na, ok := leafNotAfter(t)
	if !ok || at.IsZero() {
		return 0, false
	}
	return int64(math.Floor(na.Sub(at).Hours() / 24)), true
}

// statusWord returns the document's status when it is one of the four
// monitoring words, else UNKNOWN.
func statusWord(doc Document) string {
	switch doc.Status {
	case "OK", "WARNING", "CRITICAL", "UNKNOWN":
		return doc.Status
	}
	return "UNKNOWN"
}
