package tlsprobe

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Bounds of AIA completion: bytes per answer, time per fetch, issuers
// followed, and URLs tried per certificate.
const (
	MaxAIABytes   = 64 << 10
	aiaTimeout    = 3 * time.Second
	maxAIAHops    = 4
	maxAIAPerCert = 2
)

// completeChain fetches the issuers the chain lacks from the caIssuers
// URLs of its top certificate (and of each fetched one), over HTTP only,
// as Chrome, Windows and macOS do. It returns the fetched certificates in
// order (each the issuer of the one before) and the URLs it fetched.
func completeChain(ctx context.Context, client *http.Client, chain []*x509.Certificate) (fetched []*x509.Certificate, urls []string) {
	if client == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	have := func(c *x509.Certificate) bool {
		for _, x := range chain {
			if x.Equal(c) {
				return true
			}
		}
		for _, x := range fetched {
			if x.Equal(c) {
				return true
			}
		}
		return false
	}
	cur := chain[topOf(chain)]
	for range maxAIAHops {
		if selfSigned(cur) || ctx.Err() != nil {
			break
		}
		var next *x509.Certificate
		for i, u := range httpURLs(cur.IssuingCertificateURL) {
			if i == maxAIAPerCert || next != nil {
				break
			}
			if seen[u] {
				continue
			}
			seen[u] = true
			urls = append(urls, u)
			body, err := fetchAIA(ctx, client, u)
			if err != nil {
				continue
			}
			certs, err := parseAIA(body)
			if err != nil {
				continue
			}
			for _, c := range certs {
				if bytes.Equal(c.RawSubject, cur.RawIssuer) && !have(c) && signedBy(cur, c) {
					next = c
					break
				}
			}
		}
		if next == nil {
			break
		}
		fetched = append(fetched, next)
		cur = next
	}
	return fetched, urls
}

// signedBy reports whether issuer's key made c's signature (weak
// algorithms checked by hand, so a SHA-1 intermediate is still found).
func signedBy(c, issuer *x509.Certificate) bool {
	if isWeakAlg(c.SignatureAlgorithm) {
		return checkWeakSignature(c, issuer) == nil
	}
	return c.CheckSignatureFrom(issuer) == nil
}

// fetchAIA GETs one caIssuers URL with a deadline and a size bound,
// following at most two redirects and only to http:// URLs.
func fetchAIA(ctx context.Context, client *http.Client, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, aiaTimeout)
	defer cancel()
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 2 || req.URL.Scheme != "http" {
			return errors.New("AIA redirect refused")
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("AIA %s: %w", u, err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("AIA %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("AIA %s: HTTP %d", u, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxAIABytes+1))
	if err != nil {
		return nil, fmt.Errorf("AIA %s: %w", u, err)
	}
	if len(body) > MaxAIABytes {
		return nil, fmt.Errorf("AIA %s: answer larger than %d bytes", u, MaxAIABytes)
	}
	return body, nil
}
