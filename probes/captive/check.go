package captive

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// request is one check to run.
type request struct {
	url       string
	expect    *string // expected 200 body; nil for a 204 check
	challenge string  // token to send; "" for none
}

// run performs one check: a GET without redirects or caches, the body
// read up to MaxBody, everything bounded by ctx.
func run(ctx context.Context, client *http.Client, rq request) CheckResult {
	res := CheckResult{URL: rq.url, State: StateUnknown, Reason: ReasonNetworkFailure}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rq.url, nil)
	if err != nil {
		res.Err = fmt.Sprintf("captive check %s: %v", rq.url, err)
		return res
	}
	req.Header.Set("Cache-Control", "no-cache")
	req.Header.Set("Pragma", "no-cache")
	if rq.challenge != "" {
		req.Header.Set(ChallengeHeader, rq.challenge)
	}
	resp, err := client.Do(req)
	if err != nil {
		res.Err = fmt.Sprintf("captive check %s: %v", rq.url, err)
		return res
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	res.StatusCode = resp.StatusCode
	if err != nil {
		res.Err = fmt.Sprintf("captive check %s: reading the body: %v", rq.url, err)
		return res
	}
	if len(body) > MaxBody {
		body, res.Truncated = body[:MaxBody], true
	}
	res.BodyBytes = len(body)
	classify(&res, resp, body, req.URL, rq)
	return res
}

// classify applies Chromium's reading of the answer (plus the expected
// body of corroborating checks and the challenge echo).
func classify(res *CheckResult, resp *http.Response, body []byte, reqURL *url.URL, rq request) {
	code := resp.StatusCode
	portal := func(reason, landing string) {
		res.State, res.Reason, res.LandingURL = StatePortal, reason, landing
	}
	switch {
	case code >= 300 && code < 400:
		loc := ""
		if l, err := resp.Location(); err == nil {
			loc = l.String()
		}
		portal(ReasonRedirect, loc)
	case code == http.StatusNetworkAuthenticationRequired:
		portal(ReasonNetworkAuth, landingIn(body, reqURL))
	case rq.expect != nil && code == http.StatusOK:
		if sameBody(body, *rq.expect) {
			res.State, res.Reason = StateOnline, ReasonExpectedBody
			return
		}
		portal(ReasonWrongBody, landingOr(body, reqURL))
	case code == http.StatusNoContent:
		if rq.challenge != "" && resp.Header.Get(ResponseHeader) != "response "+rq.challenge {
			portal(ReasonFaked204, reqURL.String())
			return
		}
		res.State, res.Reason = StateOnline, ReasonNoContent
	case code == http.StatusOK && len(body) <= 1 && rq.expect == nil:
		res.State, res.Reason = StateOnline, ReasonNoContent
	case code == http.StatusOK:
		portal(ReasonContent, landingOr(body, reqURL))
	default:
		res.State, res.Reason = StateUnknown, ReasonUnexpected
	}
}

// landingOr returns the page's redirect target, or the check URL itself
// (the portal answered in its place).
func landingOr(body []byte, reqURL *url.URL) string {
	if l := landingIn(body, reqURL); l != "" {
		return l
	}
	return reqURL.String()
}

func sameBody(body []byte, want string) bool {
	return strings.TrimSpace(string(body)) == strings.TrimSpace(want)
}

// newChallenge returns a random token.
func newChallenge() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "cw_" + hex.EncodeToString(b[:])
}
