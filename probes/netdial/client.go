package netdial

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// HTTPClient returns a client that connects like DialTLSRoute: the same
// Resolve overrides (for servers and proxy hosts) and the same Proxy
// func. It follows redirects. It has no timeout: give each request a
// context with a deadline. A proxy refusing CONNECT for an https:// URL
// fails the request with a *ProxyError.
func (d *Dialer) HTTPClient() *http.Client {
	return &http.Client{Transport: d.Transport()}
}

// HTTPClientNoRedirect is HTTPClient but returns a 3xx answer as it is
// instead of following it (the captive-portal check needs the Location).
func (d *Dialer) HTTPClientNoRedirect() *http.Client {
	return &http.Client{
		Transport: d.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// Transport returns the http.Transport behind HTTPClient. Connections are
// not reused, so every request sees the network as it is now.
func (d *Dialer) Transport() *http.Transport {
	return &http.Transport{
		Proxy:                  d.httpProxy,
		DialContext:            d.DialContext,
		OnProxyConnectResponse: onProxyConnectResponse,
		DisableKeepAlives:      true,
		MaxIdleConns:           1,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
		ExpectContinueTimeout:  time.Second,
	}
}

// httpProxy adapts the Proxy func to http.Transport.
func (d *Dialer) httpProxy(req *http.Request) (*url.URL, error) {
	if d == nil || d.Proxy == nil {
		return nil, nil
	}
	return d.Proxy(req.URL)
}

// onProxyConnectResponse turns a refused CONNECT into a *ProxyError.
func onProxyConnectResponse(_ context.Context, proxyURL *url.URL, _ *http.Request, res *http.Response) error {
	if res.StatusCode >= 200 && res.StatusCode <= 299 {
		return nil
	}
	return &ProxyError{
		Proxy:        Redact(proxyURL),
		StatusCode:   res.StatusCode,
		Status:       res.Status,
		Authenticate: res.Header.Get("Proxy-Authenticate"),
	}
}
