package report

import (
	"math"
	"time"
)

// targetTested reports whether a target of the document was tested, as
// the verdict decided it (the document's own `tested` field): the fleet
// renderers decide nothing themselves.
func targetTested(t Target) bool { return t.Tested }

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
