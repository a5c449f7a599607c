package revocation

import (
	"crypto/x509"
	"encoding/hex"
	"math/big"
	"strings"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// subject is the certificate being checked, with its issuer and place in
// the presented chain.
type subject struct {
	idx    int
	cert   *x509.Certificate
	issuer *x509.Certificate
}

// clocks holds the local time and the reference time (zero if unknown).
type clocks struct{ now, ref time.Time }

// judgement is the reading of one OCSP response or CRL.
type judgement struct {
	status           Status
	reason           string
	thisUpdate       time.Time
	nextUpdate       time.Time
	revokedAt        time.Time
	revocationReason string
	clockCaused      bool
	scts             [][]byte
	sctErr           string
	findings         []findings.Finding
}

// windowProblem says what is wrong with a [thisUpdate, nextUpdate]
// validity window at t, allowing TimeSlop: "" (fine), "future" or
// "expired". A window without nextUpdate expires MaxAge after thisUpdate.
func windowProblem(this, next, t time.Time) string {
	if this.After(t.Add(TimeSlop)) {
		return "future"
	}
	if next.IsZero() {
		if t.Sub(this) > MaxAge {
			return "expired"
		}
		return ""
	}
	if next.Before(t.Add(-TimeSlop)) {
		return "expired"
	}
	return ""
}

// clockCaused reports whether a problem seen at local time vanishes at the
// reference time.
func (c clocks) clockCaused(problemAt func(time.Time) string) bool {
	return !c.ref.IsZero() && problemAt(c.now) != "" && problemAt(c.ref) == ""
}

// serialHex formats a serial number as upper-case hex with an even
// number of digits, as certificate viewers show it.
func serialHex(n *big.Int) string {
	if n == nil {
		return ""
	}
	b := n.Bytes()
	if len(b) == 0 {
		return "00"
	}
	s := strings.ToUpper(hex.EncodeToString(b))
	if n.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// reasonNames are RFC 5280 CRLReason names.
var reasonNames = map[int]string{
	0: "unspecified", 1: "keyCompromise", 2: "cACompromise", 3: "affiliationChanged",
	4: "superseded", 5: "cessationOfOperation", 6: "certificateHold",
	8: "removeFromCRL", 9: "privilegeWithdrawn", 10: "aACompromise",
}

// reasonName returns the RFC 5280 name of a revocation reason code.
func reasonName(code int) string {
	if n, ok := reasonNames[code]; ok {
		return n
	}
	return "reason-" + big.NewInt(int64(code)).String()
}

// certLabel names a certificate for evidence.
func certLabel(c *x509.Certificate) string {
	if c == nil {
		return ""
	}
	return c.Subject.String()
}
