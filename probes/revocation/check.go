package revocation

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Check establishes the revocation status of the presented chain: the
// leaf from its staple, its OCSP responder or its CRL, in that order, and
// each intermediate whose issuer is known from its OCSP responder or CRL.
// It never returns nil and never blocks past ctx's deadline.
func Check(ctx context.Context, in Input) *Result {
	c := newChecker(in)
	res := &Result{}
	if len(in.Chain) == 0 || in.Chain[0] == nil {
		res.CertStatus = CertStatus{Status: StatusUnchecked, Source: SourceNone, Reason: "no certificate to check"}
		return res
	}
	n := len(in.Chain)
	if in.SkipIntermediates {
		n = 1
	}
	outs := make([]*outcome, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		if in.Chain[i] == nil || (i > 0 && isSelfSigned(in.Chain[i])) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					outs[i] = crashed(i, v)
				}
			}()
			outs[i] = c.checkOne(ctx, i)
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if o == nil {
			continue
		}
		if i == 0 {
			res.CertStatus = o.status
			res.OCSPSCTs, res.OCSPSCTsError = o.scts, o.sctErr
		} else if o.status.Status != StatusUnchecked || o.status.Source != SourceNone {
			res.Intermediates = append(res.Intermediates, o.status)
		}
		res.Findings = append(res.Findings, o.findings...)
	}
	findings.Sort(res.Findings)
	return res
}

// checker carries the settled inputs of one Check.
type checker struct {
	in      Input
	client  *http.Client
	clocks  clocks
	timeout time.Duration
	crls    *crlCache
}

func newChecker(in Input) *checker {
	c := &checker{in: in, client: in.Client, clocks: clocks{now: in.Now, ref: in.Reference}, timeout: in.FetchTimeout, crls: newCRLCache(in.Chain)}
	if c.client == nil {
		c.client = defaultClient
	}
	if c.clocks.now.IsZero() {
		c.clocks.now = time.Now()
	}
	if c.timeout <= 0 {
		c.timeout = DefaultFetchTimeout
	}
	return c
}

// outcome is the verdict for one certificate with its findings.
type outcome struct {
	status   CertStatus
	findings []findings.Finding
	scts     [][]byte
	sctErr   string
}

// settle records a judgement from source as the certificate's verdict.
func (o *outcome) settle(j judgement, source Source, url string) {
	o.status.Status, o.status.Source, o.status.Reason = j.status, source, j.reason
	o.status.ResponderURL = url
	o.status.ThisUpdate, o.status.NextUpdate = j.thisUpdate, j.nextUpdate
	o.status.RevokedAt, o.status.RevocationReason = j.revokedAt, j.revocationReason
	o.status.ClockCaused = j.clockCaused
	o.scts, o.sctErr = j.scts, j.sctErr
	o.findings = append(o.findings, j.findings...)
}

// checkOne checks the certificate at idx through its sources in order.
func (c *checker) checkOne(ctx context.Context, idx int) *outcome {
	cert := c.in.Chain[idx]
	o := &outcome{status: CertStatus{CertIndex: idx, Status: StatusUnchecked, Source: SourceNone}}
	issuer := c.findIssuer(idx)
	if issuer == nil {
		o.status.Reason = "the certificate's issuer is unknown, so its revocation status cannot be checked"
		if idx == 0 {
			o.findings = append(o.findings, findings.Finding{
				ID: IDNoIssuer, Severity: findings.Info, CertIndex: idx,
				Summary: "Revocation was not checked: the issuer of the certificate is not known.",
			}.With(LabelSubject, certLabel(cert)).With("issuer", cert.Issuer.String()))
		}
		return o
	}
	s := subject{idx: idx, cert: cert, issuer: issuer}
	tried := false
	if idx == 0 {
		if len(c.in.Staple) > 0 {
			j := judgeOCSP(c.in.Staple, s, c.clocks, SourceStapled, "")
			o.settle(j, SourceStapled, "")
			tried = true
			if j.status != StatusError {
				return o
			}
		} else if mustStaple(cert) {
			o.findings = append(o.findings, fault(IDOCSPMustStapleMissing, findings.CodeOCSPError, idx,
				"The certificate requires the server to staple an OCSP response, and the server sent none.").
				With(LabelSubject, certLabel(cert)))
			o.status.Status, o.status.Reason = StatusError, "the certificate requires a stapled OCSP response and none was sent"
			tried = true
		}
	}
	if urls := httpURLs(cert.OCSPServer); len(urls) > 0 {
		for k, u := range urls {
			j, reached := c.viaOCSP(ctx, s, u)
			if !reached && k < len(urls)-1 {
				continue
			}
			o.settle(j, SourceOCSP, u)
			return o
		}
	}
	if urls := httpURLs(cert.CRLDistributionPoints); len(urls) > 0 {
		for k, u := range urls {
			j, reached := c.viaCRL(ctx, s, u)
			if !reached && k < len(urls)-1 {
				continue
			}
			o.settle(j, SourceCRL, u)
			return o
		}
	}
	if !tried {
		o.status.Reason = "the certificate names no OCSP responder and no CRL"
		if idx == 0 {
			o.findings = append(o.findings, findings.Finding{
				ID: IDNone, Severity: findings.Info, CertIndex: idx,
				Summary: "The certificate names no OCSP responder and no CRL, so there is no revocation information to check. This is normal for some CAs.",
			}.With(LabelSubject, certLabel(cert)))
		}
	}
	return o
}

// httpURLs keeps the http and https URLs of a list.
func httpURLs(urls []string) []string {
	var out []string
	for _, u := range urls {
		if httpURL(u) {
			out = append(out, u)
		}
	}
	return out
}

// crashed turns a recovered panic into a could-not-check outcome.
func crashed(idx int, v any) *outcome {
	o := &outcome{status: CertStatus{CertIndex: idx, Status: StatusUnknown, Source: SourceNone, Reason: fmt.Sprintf("internal error: %v", v)}}
	o.findings = append(o.findings, findings.Finding{
		ID: "probe.crashed", Severity: findings.Unknown, CertIndex: idx,
		Summary: fmt.Sprintf("The revocation check failed unexpectedly: %v", v),
	}.With("probe", "revocation").With(LabelError, fmt.Sprint(v)))
	return o
}
