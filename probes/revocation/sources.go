package revocation

import (
	"context"
	"crypto"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/findings"
	"golang.org/x/crypto/ocsp"
)

// maxGetURL is the longest OCSP GET URL; longer requests are POSTed
// (RFC 5019 recommends GET for requests under 255 bytes).
const maxGetURL = 255

// viaOCSP asks the OCSP responder at responderURL about s. reached is
// false when the responder could not be reached (so another URL may be
// tried).
func (c *checker) viaOCSP(ctx context.Context, s subject, responderURL string) (j judgement, reached bool) {
	req, err := ocsp.CreateRequest(s.cert, s.issuer, &ocsp.RequestOptions{Hash: crypto.SHA1})
	if err != nil {
		j.status, j.reason = StatusError, "cannot build the OCSP request: "+err.Error()
		j.findings = append(j.findings, fault(IDOCSPBadResponse, findings.CodeOCSPError, s.idx, "Could not build an OCSP request: "+err.Error()+".").
			With(LabelSource, string(SourceOCSP)).With(LabelResponderURL, responderURL).With(LabelError, err.Error()))
		return j, true
	}
	getURL := strings.TrimSuffix(responderURL, "/") + "/" + url.QueryEscape(base64.StdEncoding.EncodeToString(req))
	var f *fetched
	if len(getURL) <= maxGetURL {
		f, err = fetch(ctx, c.client, c.timeout, http.MethodGet, getURL, "", nil, MaxOCSPBytes)
	} else {
		f, err = fetch(ctx, c.client, c.timeout, http.MethodPost, responderURL, "application/ocsp-request", req, MaxOCSPBytes)
	}
	if bad, ok := c.fetchProblem(s, f, err, responderURL, IDOCSPUnreachable, IDOCSPBadResponse, IDOCSPNotOCSP, "OCSP responder"); ok {
		return bad, bad.status != StatusUnknown
	}
	return judgeOCSP(f.Body, s, c.clocks, SourceOCSP, responderURL), true
}

// viaCRL looks s up in the CRL at crlURL, streamed once per Check (see
// crlCache).
func (c *checker) viaCRL(ctx context.Context, s subject, crlURL string) (j judgement, reached bool) {
	r := c.crls.get(ctx, c.client, c.timeout, crlURL) // shared: read only
	f := r.f
	if f == nil {
		f = &fetched{FinalURL: crlURL}
	}
	if bad, ok := c.fetchProblem(s, f, r.err, crlURL, IDCRLUnreachable, IDCRLBadResponse, IDCRLBadResponse, "CRL server"); ok {
		return bad, bad.status != StatusUnknown
	}
	if r.scanErr != nil {
		return crlUnreadable(r.scanErr, s, crlURL), true
	}
	return judgeScan(r.scan, s, c.clocks, crlURL), true
}

// fetchProblem classifies a failed or non-DER download: unreachable
// (transport error or HTTP error status: could not check), too large, or
// text/HTML instead of DER. ok is false when the body can be judged.
func (c *checker) fetchProblem(s subject, f *fetched, err error, rawURL, unreachableID, badID, textID, what string) (judgement, bool) {
	var j judgement
	source := SourceOCSP
	urlLabel := LabelResponderURL
	if unreachableID == IDCRLUnreachable {
		source, urlLabel = SourceCRL, LabelCRLURL
	}
	host, port := hostPort(rawURL)
	switch {
	case err != nil && errors.Is(err, errTooLarge):
		j.status, j.reason = StatusError, fmt.Sprintf("the %s sent more than the size limit", what)
		j.findings = append(j.findings, fault(badID, findings.CodeOCSPError, s.idx, fmt.Sprintf("The %s's answer is larger than certwiz accepts.", what)).
			With(LabelSource, string(source)).With(urlLabel, rawURL).With(LabelError, err.Error()))
		return j, true
	case err != nil || f.StatusCode != http.StatusOK:
		detail := ""
		if err != nil {
			detail = err.Error()
		} else {
			detail = "HTTP " + strconv.Itoa(f.StatusCode)
		}
		j.status, j.reason = StatusUnknown, fmt.Sprintf("could not reach the %s at %s (%s)", what, host, detail)
		fd := findings.Finding{
			ID: unreachableID, Code: findings.CodeOCSPError, Severity: findings.Unknown, CertIndex: s.idx,
			Summary: fmt.Sprintf("Could not check revocation: the %s at %s did not answer (%s). The firewall must allow %s.", what, host, detail, allowRule(rawURL)),
		}
		fd = fd.With(LabelSource, string(source)).With(LabelURL, rawURL).With(LabelHost, host).With(LabelPort, port)
		if err != nil {
			fd = fd.With(LabelError, err.Error())
		} else {
			fd = fd.With(LabelHTTPStatus, strconv.Itoa(f.StatusCode))
		}
		j.findings = append(j.findings, fd.With(LabelAllow, allowRule(rawURL)))
		return j, true
	case looksLikeText(f):
		j.status, j.reason = StatusError, fmt.Sprintf("the %s URL answered with a web page or text, not a DER object", what)
		j.findings = append(j.findings, fault(textID, findings.CodeOCSPError, s.idx,
			fmt.Sprintf("The %s URL answered with a web page or text instead of revocation data; a captive portal or a proxy is probably in the way.", what)).
			With(LabelSource, string(source)).With(urlLabel, rawURL).With(LabelContentType, f.ContentType).
			With(LabelFinalURL, f.FinalURL).With(LabelBodyStart, bodyStart(f.Body)))
		return j, true
	}
	return j, false
}
