package revocation

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// crlCache shares CRL downloads within one Check. CRLs are fetched one at
// a time (never two streams at once, whatever the chain's length) and
// each URL once: the single pass records every serial of the chain, the
// issuer, the dates and the signature, so each certificate pointing at
// that URL is judged from the same pass.
type crlCache struct {
	sem  chan struct{} // one download at a time; also guards done
	done map[string]*crlFetch
	want map[string]struct{} // serialKey of every certificate in the chain
}

func newCRLCache(chain []*x509.Certificate) *crlCache {
	c := &crlCache{sem: make(chan struct{}, 1), done: map[string]*crlFetch{}, want: map[string]struct{}{}}
	for _, cert := range chain {
		if cert != nil {
			c.want[serialKey(cert.SerialNumber)] = struct{}{}
		}
	}
	return c
}

// crlFetch is the outcome of one CRL download.
type crlFetch struct {
	f       *fetched // status, content type, final URL and the first bytes only
	err     error    // transport failure or errTooLarge (see fetchProblem)
	scan    *crlScan
	scanErr error // the body is not a CRL certwiz can read
}

// get returns the outcome for crlURL, downloading it unless this Check
// already did.
func (cc *crlCache) get(ctx context.Context, client *http.Client, timeout time.Duration, crlURL string) *crlFetch {
	select {
	case cc.sem <- struct{}{}:
	case <-ctx.Done():
		return &crlFetch{err: fmt.Errorf("GET %s: %w", crlURL, ctx.Err())}
	}
	defer func() { <-cc.sem }()
	if r, ok := cc.done[crlURL]; ok {
		return r
	}
	fctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r := streamCRL(fctx, client, crlURL, cc.want)
	cc.done[crlURL] = r
	return r
}

// bodyPeek is how much of a body is kept for evidence and the DER check.
const bodyPeek = 80

// streamCRL downloads crlURL and scans it as it arrives; the body is
// never held whole.
func streamCRL(ctx context.Context, client *http.Client, crlURL string, want map[string]struct{}) *crlFetch {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, crlURL, nil)
	if err != nil {
		return &crlFetch{err: fmt.Errorf("build request for %s: %w", crlURL, err)}
	}
	req.Header.Set("User-Agent", "certwiz")
	resp, err := client.Do(req)
	if err != nil {
		return &crlFetch{err: fmt.Errorf("GET %s: %w", crlURL, err)}
	}
	defer resp.Body.Close()
	body := &transportReader{r: io.LimitReader(resp.Body, MaxCRLBytes+1)}
	br := bufio.NewReaderSize(body, 4<<10)
	peek, _ := br.Peek(bodyPeek)
	r := &crlFetch{f: &fetched{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), FinalURL: crlURL, Body: bytes.Clone(peek)}}
	if resp.Request != nil && resp.Request.URL != nil {
		r.f.FinalURL = resp.Request.URL.String()
	}
	if body.err != nil && len(peek) == 0 {
		r.err = fmt.Errorf("read %s: %w", crlURL, body.err)
		return r
	}
	if resp.StatusCode != http.StatusOK || looksLikeText(r.f) {
		return r // fetchProblem explains it
	}
	sc, err := scanCRL(br, MaxCRLBytes, want)
	switch {
	case body.err != nil:
		// The transport failed mid-body (reset, deadline, short
		// Content-Length): the CRL could not be fetched, not a bad CRL.
		r.err = fmt.Errorf("read %s: %w", crlURL, body.err)
	case errors.Is(err, errTooLarge):
		r.err = fmt.Errorf("%s: %w", crlURL, err)
	case err != nil:
		r.scanErr = err
	default:
		r.scan = sc
	}
	return r
}

// transportReader remembers the first read error other than io.EOF, so a
// failing connection is told apart from a malformed CRL.
type transportReader struct {
	r   io.Reader
	err error
}

func (t *transportReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && t.err == nil {
		t.err = err
	}
	return n, err
}
