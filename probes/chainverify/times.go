package chainverify

import (
	"crypto/x509"
	"slices"
	"time"
)

// Dates are judged on their own (code 5), so a trust question must never
// fail only because a certificate is expired or not yet valid at the
// moment it is asked. These helpers pick the moments every probe asks at,
// so that the TLS probe, the root classification, CT and revocation give
// the same answer for the same chain.

// Within returns t when cert is valid at t (x509's inclusive bounds),
// else the middle of cert's validity window.
func Within(cert *x509.Certificate, t time.Time) time.Time {
	if validAt(cert, t) {
		return t
	}
	return middle(cert.NotBefore, cert.NotAfter)
}

// TrustTimes returns the moments to ask a trust question about chain
// (leaf first; nil entries are skipped) at, in order, without repeats:
// now; now moved into the window every certificate of chain shares, when
// there is one; now moved into the leaf's window; the middle of each
// certificate's window where it overlaps the leaf's; the middle of the
// leaf's window. A caller stops at the first moment that answers yes. It
// returns nil when chain has no leaf.
func TrustTimes(chain []*x509.Certificate, now time.Time) []time.Time {
	if len(chain) == 0 || chain[0] == nil {
		return nil
	}
	leaf := chain[0]
	out := []time.Time{now}
	add := func(t time.Time) {
		if !slices.ContainsFunc(out, t.Equal) {
			out = append(out, t)
		}
	}
	lo, hi := leaf.NotBefore, leaf.NotAfter
	for _, c := range chain[1:] {
		if c == nil {
			continue
		}
		lo, hi = later(lo, c.NotBefore), earlier(hi, c.NotAfter)
	}
	if !lo.After(hi) {
		add(clamp(now, lo, hi))
	}
	add(clamp(now, leaf.NotBefore, leaf.NotAfter))
	for _, c := range chain[1:] {
		if c == nil {
			continue
		}
		lo, hi := later(leaf.NotBefore, c.NotBefore), earlier(leaf.NotAfter, c.NotAfter)
		if !lo.After(hi) {
			add(middle(lo, hi))
		}
	}
	add(middle(leaf.NotBefore, leaf.NotAfter))
	return out
}

func validAt(c *x509.Certificate, t time.Time) bool {
	return !t.Before(c.NotBefore) && !t.After(c.NotAfter)
}

func middle(lo, hi time.Time) time.Time { return lo.Add(hi.Sub(lo) / 2) }

func clamp(t, lo, hi time.Time) time.Time { return later(lo, earlier(t, hi)) }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
