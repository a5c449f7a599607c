package ct

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
	ctgo "github.com/google/certificate-transparency-go"
)

// Check gathers and verifies the SCTs of in.Chain and applies Chrome's
// CT policy. It does no I/O and never returns nil.
func Check(in Input) (res *Result) {
	res = &Result{SCTs: []SCT{}}
	defer func() {
		if v := recover(); v != nil {
			res.Verdict, res.Reason = VerdictUnknown, fmt.Sprintf("internal error: %v", v)
			res.Findings = append(res.Findings, findings.Finding{
				ID: "probe.crashed", Severity: findings.Unknown, CertIndex: -1,
				Summary: fmt.Sprintf("The CT check failed unexpectedly: %v", v),
			}.With("probe", "ct").With(LabelError, fmt.Sprint(v)))
		}
	}()
	if len(in.Chain) == 0 || in.Chain[0] == nil {
		res.Verdict, res.Reason = VerdictUnknown, "no certificate to check"
		return res
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	leaf := in.Chain[0]
	logs := in.Logs
	if logs == nil {
		ll, err := DefaultLogList()
		if err != nil {
			res.Findings = append(res.Findings, findings.Finding{ID: IDNoLogList, Severity: findings.Info, CertIndex: -1,
				Summary: "The CT log list could not be loaded, so no SCT could be checked."}.With(LabelError, err.Error()))
		}
		logs = ll
	}
	applies, issuer, root := applicability(in, leaf, now)

	c := &checker{logs: indexFor(logs), leaf: leaf, issuer: issuer, now: now, ref: in.Reference}
	embedded, err := embeddedSCTs(leaf)
	if err != nil {
		res.unreadableList(SourceEmbedded, err.Error())
	}
	if in.TLSSCTListError != "" {
		res.unreadableList(SourceTLS, in.TLSSCTListError)
	}
	if in.OCSPSCTListError != "" {
		res.unreadableList(SourceOCSP, in.OCSPSCTListError)
	}
	for _, group := range []struct {
		src  Source
		scts [][]byte
	}{{SourceEmbedded, embedded}, {SourceTLS, in.TLSSCTs}, {SourceOCSP, in.OCSPSCTs}} {
		for _, raw := range group.scts {
			s, fs := c.examine(raw, group.src)
			res.SCTs = append(res.SCTs, s)
			res.Findings = append(res.Findings, fs...)
		}
	}

	if !applies {
		res.Verdict, res.Reason = VerdictNotApplicable, "the chain does not end at a publicly trusted root, so CT does not apply"
		res.Findings = append(res.Findings, findings.Finding{ID: IDNotApplicable, Severity: findings.Info, CertIndex: -1,
			Summary: "Certificate Transparency does not apply: the chain does not end at a publicly trusted root."})
		// SCT signature failures are not faults when CT does not apply.
		downgradeInvalid(res, findings.Info)
	} else {
		res.Findings = append(res.Findings, applyPolicy(res, leaf, root)...)
	}
	findings.Sort(res.Findings)
	return res
}

// applicability reports whether CT applies (the chain ends at a public
// root) and returns the leaf's issuer and that root when known.
func applicability(in Input, leaf *x509.Certificate, now time.Time) (bool, *x509.Certificate, *x509.Certificate) {
	roots := in.PublicRoots
	if roots == nil {
		roots = publicRoots()
	}
	for _, at := range chainverify.TrustTimes(in.Chain, now) {
		chains, err := in.Paths.Verify(chainverify.Request{
			Cert: leaf, Intermediates: in.Chain[1:], Roots: roots, At: at,
			Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil && len(chains) > 0 && len(chains[0]) > 1 {
			ch := chains[0]
			return true, ch[1], ch[len(ch)-1]
		}
	}
	// No moment suits the whole chain (a leaf issued after its
	// intermediate expired): the root is the one the path's top reaches.
	if path, _, err := in.Paths.Anchored(in.Chain, roots, now, nil); err == nil && len(path) > 1 {
		return true, path[1], path[len(path)-1]
	}
	for _, c := range in.Chain[1:] {
		if c != nil && bytes.Equal(c.RawSubject, leaf.RawIssuer) && leaf.CheckSignatureFrom(c) == nil {
			return false, c, nil
		}
	}
	return false, nil, nil
}

// checker verifies SCTs of one leaf.
type checker struct {
	logs     logIndex
	leaf     *x509.Certificate
	issuer   *x509.Certificate
	now, ref time.Time
	// precert is the embedded SCTs' entry, rebuilt on first use.
	precert    *entry
	precertErr error
}

// examine parses and verifies one SCT.
func (c *checker) examine(raw []byte, src Source) (SCT, []findings.Finding) {
	s := SCT{Source: src}
	sct, err := parseSCT(raw)
	if err != nil {
		s.Error = err.Error()
		s.Verified = new(bool) // unparsable is invalid, not unchecked
		return s, []findings.Finding{malformed(IDMalformedSCT, src, err.Error())}
	}
	var fs []findings.Finding
	s.LogID = base64.StdEncoding.EncodeToString(sct.LogID.KeyID[:])
	s.Timestamp = ctgo.TimestampToTime(sct.Timestamp).UTC()
	li, known := c.logs[s.LogID]
	if s.Timestamp.After(c.now) {
		var name string
		if known {
			name = li.name
		}
		fs = append(fs, c.future(s, name))
	}
	if !known {
		s.Error = "the log is not in the log list"
		fs = append(fs, findings.Finding{ID: IDUnknownLog, Severity: findings.Info, CertIndex: 0,
			Summary: "An SCT comes from a CT log that is not in the log list, so it could not be checked."}.
			With(LabelLogID, s.LogID).With(LabelSource, string(src)).With(LabelTimestamp, stamp(s.Timestamp)))
		return s, fs
	}
	s.LogName, s.Operator, s.LogState = li.name, li.operator, li.stateName()
	pub, err := li.pub()
	if err != nil {
		s.Error = err.Error()
		return s, fs
	}
	e, err := c.entryFor(src)
	if err != nil {
		s.Error = err.Error()
		return s, fs
	}
	data, err := signedData(sct, e)
	if err == nil {
		err = verifySignature(pub, data, sct.Signature)
	}
	ok := err == nil
	s.Verified = &ok
	if !ok {
		s.Error = err.Error()
		fs = append(fs, findings.Finding{ID: IDInvalidSignature, Code: findings.CodeCTInvalid, Severity: findings.Critical, CertIndex: 0,
			Summary: fmt.Sprintf("An SCT claiming to come from %s (%s) has a signature that does not verify.", li.name, li.operator)}.
			With(LabelLogName, li.name).With(LabelOperator, li.operator).With(LabelLogID, s.LogID).
			With(LabelSource, string(src)).With(LabelTimestamp, stamp(s.Timestamp)))
		return s, fs
	}
	trusted, why := li.trustedAt(s.Timestamp)
	s.Counts = trusted
	if !trusted {
		s.Error = why
	}
	return s, fs
}

// future reports an SCT dated after the local time: clock evidence.
func (c *checker) future(s SCT, logName string) findings.Finding {
	f := findings.Finding{ID: IDFutureTimestamp, Severity: findings.Warning, CertIndex: 0,
		Summary: "A CT log signed this certificate's timestamp after the device's current time: the device clock is probably behind."}.
		With(LabelLogName, logName).With(LabelLogID, s.LogID).With(LabelSource, string(s.Source)).
		With(LabelTimestamp, stamp(s.Timestamp)).With(LabelLocalTime, stamp(c.now)).
		With(LabelAhead, s.Timestamp.Sub(c.now).Round(time.Second).String())
	if !c.ref.IsZero() {
		f = f.With(LabelReferenceTime, stamp(c.ref))
		if !s.Timestamp.After(c.ref) {
			f.ClockCaused = true
		}
	}
	return f
}

// malformed reports an SCT (id IDMalformedSCT) or a whole SCT list (id
// IDMalformedSCTList) that could not be parsed. It starts as a CT fault;
// the policy lowers it when the other SCTs suffice or CT does not apply.
func malformed(id string, src Source, err string) findings.Finding {
	what := "An SCT"
	if id == IDMalformedSCTList {
		what = "The SCT list"
	}
	return findings.Finding{ID: id, Code: findings.CodeCTInvalid, Severity: findings.Critical, CertIndex: 0,
		Summary: fmt.Sprintf("%s in the %s could not be read, so it is invalid.", what, sourceName(src))}.
		With(LabelSource, string(src)).With(LabelError, err)
}

// unreadableList records a list that could not be read: one invalid SCT
// entry (so the JSON shows it) and its finding.
func (r *Result) unreadableList(src Source, err string) {
	r.SCTs = append(r.SCTs, SCT{Source: src, Verified: new(bool), Error: "the SCT list could not be read: " + err})
	r.Findings = append(r.Findings, malformed(IDMalformedSCTList, src, err))
}

func sourceName(src Source) string {
	switch src {
	case SourceEmbedded:
		return "certificate's SCT extension"
	case SourceTLS:
		return "TLS handshake's SCT extension"
	case SourceOCSP:
		return "OCSP response's SCT extension"
	}
	return string(src)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
