package revocation

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/certwiz/certwiz/probes/netdial"
)

// errTooLarge is returned when a body exceeds its cap.
var errTooLarge = errors.New("response body too large")

// fetched is one HTTP answer, its body capped.
type fetched struct {
	StatusCode  int
	ContentType string
	FinalURL    string
	Body        []byte
}

// fetch performs one request with its own deadline and reads at most max
// bytes of the body. A transport failure is returned as an error; an
// HTTP error status is not.
func fetch(ctx context.Context, client *http.Client, timeout time.Duration, method, rawURL, contentType string, body []byte, max int64) (*fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, rd)
	if err != nil {
		return nil, fmt.Errorf("build request for %s: %w", rawURL, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("User-Agent", "certwiz")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, rawURL, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", rawURL, err)
	}
	f := &fetched{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), FinalURL: rawURL, Body: data}
	if resp.Request != nil && resp.Request.URL != nil {
		f.FinalURL = resp.Request.URL.String()
	}
	if int64(len(data)) > max {
		f.Body = data[:max]
		return f, fmt.Errorf("%s: %w (over %d bytes)", rawURL, errTooLarge, max)
	}
	return f, nil
}

// hostPort returns the host and port a URL reaches (port from the scheme
// when absent), for "what to allow in the firewall" evidence.
func hostPort(rawURL string) (host, port string) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", ""
	}
	host, port = u.Hostname(), u.Port()
	if port == "" {
		switch u.Scheme {
		case "https":
			port = "443"
		default:
			port = "80"
		}
	}
	return host, port
}

// allowRule states what a firewall must let through to reach rawURL.
func allowRule(rawURL string) string {
	host, port := hostPort(rawURL)
	scheme := "HTTP"
	if strings.HasPrefix(strings.ToLower(rawURL), "https:") {
		scheme = "HTTPS"
	}
	return fmt.Sprintf("%s to %s", scheme, net.JoinHostPort(host, port))
}

// httpURL reports whether u is an http or https URL (CRL distribution
// points may also be LDAP, which certwiz does not fetch).
func httpURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// looksLikeText reports whether an answer is a web page or text rather
// than DER: the content type says so, or the body does not start with
// an ASN.1 SEQUENCE.
func looksLikeText(f *fetched) bool {
	ct := strings.ToLower(f.ContentType)
	if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "html") || strings.Contains(ct, "json") {
		return true
	}
	return len(f.Body) == 0 || f.Body[0] != 0x30
}

// bodyStart returns the first bytes of a body for evidence, quoted so
// binary garbage stays readable; renderers sanitize it further.
func bodyStart(b []byte) string {
	const n = 80
	if len(b) > n {
		b = b[:n]
	}
	s := strconv.Quote(string(b))
	return s[1 : len(s)-1]
}

// defaultClient is used when Input.Client is nil. Its proxy comes from
// netdial, whose errors never quote a proxy setting's credentials.
var defaultClient = &http.Client{Transport: &http.Transport{Proxy: func(r *http.Request) (*url.URL, error) {
	return netdial.FromEnvironment()(r.URL)
}}}
