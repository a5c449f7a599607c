package ct

import (
	"crypto/x509"
	"fmt"
	"strconv"

	"github.com/certwiz/certwiz/findings"
)

// tally counts the SCTs of one delivery path toward the policy.
type tally struct {
	valid     int
	operators map[string]bool
	unknown   int // SCTs that could not be checked
}

func (t *tally) add(s SCT) {
	switch {
	case s.Counts:
		t.valid++
		t.operators[s.Operator] = true
	case s.Verified == nil:
		t.unknown++
	}
}

func (t tally) meets(need int) bool { return t.valid >= need && len(t.operators) >= Operators }

// couldMeet reports whether the unchecked SCTs might make up the shortfall
// (each counted as a distinct operator: the most favourable reading).
func (t tally) couldMeet(need int) bool {
	return t.valid+t.unknown >= need && len(t.operators)+t.unknown >= Operators
}

// required returns the embedded SCTs Chrome wants for leaf's lifetime.
func required(leaf *x509.Certificate) int {
	if leaf.NotAfter.Sub(leaf.NotBefore) <= ShortLifetime {
		return EmbeddedShort
	}
	return EmbeddedLong
}

// applyPolicy sets res.Verdict for a chain CT applies to and returns the
// policy findings. Chrome accepts a certificate when either its embedded
// SCTs or its delivered (TLS and OCSP) SCTs meet the policy.
func applyPolicy(res *Result, leaf, root *x509.Certificate) []findings.Finding {
	emb := tally{operators: map[string]bool{}}
	del := tally{operators: map[string]bool{}}
	for _, s := range res.SCTs {
		if s.Source == SourceEmbedded {
			emb.add(s)
		} else {
			del.add(s)
		}
	}
	need := required(leaf)
	if emb.meets(need) || del.meets(Delivered) {
		res.Verdict, res.Reason = VerdictCompliant, "enough valid SCTs from distinct log operators"
		downgradeInvalid(res, findings.Warning)
		return nil
	}
	if emb.couldMeet(need) || del.couldMeet(Delivered) {
		res.Verdict = VerdictUnknown
		res.Reason = "the SCTs that could be checked are too few, but SCTs from logs not in the list may make up the difference"
		downgradeInvalid(res, findings.Warning)
		return nil
	}
	res.Verdict = VerdictNotCompliant
	lifetimeDays := strconv.Itoa(int(leaf.NotAfter.Sub(leaf.NotBefore).Hours() / 24))
	rootName := ""
	if root != nil {
		rootName = root.Subject.String()
	}
	embEnough, delEnough := emb.valid >= need, del.valid >= Delivered
	if embEnough || delEnough {
		ops := len(emb.operators)
		if !embEnough {
			ops = len(del.operators)
		}
		res.Reason = "the valid SCTs all come from one log operator"
		return []findings.Finding{findings.Finding{ID: IDTooFewOperators, Code: findings.CodeCTInvalid, Severity: findings.Critical, CertIndex: 0,
			Summary: fmt.Sprintf("The certificate's valid SCTs come from %d log operator(s); browsers require %d distinct operators.", ops, Operators)}.
			With(LabelOperators, strconv.Itoa(ops)).With(LabelRequiredOperators, strconv.Itoa(Operators)).
			With(LabelRoot, rootName)}
	}
	res.Reason = "too few valid SCTs"
	return []findings.Finding{findings.Finding{ID: IDTooFewSCTs, Code: findings.CodeCTInvalid, Severity: findings.Critical, CertIndex: 0,
		Summary: fmt.Sprintf("The certificate has %d valid embedded SCT(s) (browsers require %d for a %s-day certificate) and %d valid SCT(s) delivered in the handshake or OCSP (%d required).",
			emb.valid, need, lifetimeDays, del.valid, Delivered)}.
		With(LabelValidEmbedded, strconv.Itoa(emb.valid)).With(LabelRequiredEmbedded, strconv.Itoa(need)).
		With(LabelValidDelivered, strconv.Itoa(del.valid)).With(LabelRequiredDelivered, strconv.Itoa(Delivered)).
		With(LabelLifetimeDays, lifetimeDays).With(LabelRoot, rootName)}
}

// downgradeInvalid lowers invalid-SCT findings (bad signatures,
// unparsable SCTs and SCT lists) to sev: a bad SCT is a CT fault only
// when the remaining SCTs cannot satisfy the policy (browsers ignore an
// invalid SCT when the others suffice).
func downgradeInvalid(res *Result, sev findings.Severity) {
	for i := range res.Findings {
		switch res.Findings[i].ID {
		case IDInvalidSignature, IDMalformedSCT, IDMalformedSCTList:
			res.Findings[i].Severity = sev
		}
	}
}
