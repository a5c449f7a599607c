package netdial

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// FromEnvironment returns a proxy chooser built from HTTPS_PROXY,
// HTTP_PROXY and NO_PROXY (upper- or lower-case) as they are when it is
// called. For a request URL https://host:port it returns the HTTPS proxy
// unless NO_PROXY excludes the host; it returns nil (direct) for
// localhost and loopback addresses, as Go's HTTP client does.
func FromEnvironment() func(*url.URL) (*url.URL, error) {
	return httpproxy.FromEnvironment().ProxyFunc()
}

// FromValues is FromEnvironment with explicit values instead of the
// environment variables (an empty string means unset).
func FromValues(httpsProxy, httpProxy, noProxy string) func(*url.URL) (*url.URL, error) {
	cfg := &httpproxy.Config{HTTPSProxy: httpsProxy, HTTPProxy: httpProxy, NoProxy: noProxy}
	return cfg.ProxyFunc()
}

// Fixed returns a proxy chooser that sends every request through p (nil
// means direct). It is what a --proxy flag would use.
func Fixed(p *url.URL) func(*url.URL) (*url.URL, error) {
	return func(*url.URL) (*url.URL, error) { return p, nil }
}

// Redact returns u as a string without its user name and password, so a
// proxy URL can be shown or logged. A nil URL gives "".
func Redact(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	return c.String()
}

// ProxyError is a proxy's refusal of a CONNECT request.
type ProxyError struct {
	// Proxy is the proxy URL without credentials.
	Proxy string
	// StatusCode and Status are the proxy's answer ("407",
	// "407 Proxy Authentication Required").
	StatusCode int
	Status     string
	// Authenticate is the Proxy-Authenticate header of a 407 answer (the
	// login schemes the proxy offers, e.g. `Basic realm="office"`), raw.
	Authenticate string
}

// ProxyStatus is the proxy's HTTP status (407: it asks for a login).
func (e *ProxyError) ProxyStatus() int { return e.StatusCode }

// Error describes the refusal in one sentence.
func (e *ProxyError) Error() string {
	msg := fmt.Sprintf("proxy %s refused the tunnel: %s", e.Proxy, strings.TrimSpace(e.Status))
	switch e.StatusCode {
	case 407:
		msg += " (the proxy needs a user name and password"
		if e.Authenticate != "" {
			msg += "; it asks for " + e.Authenticate
		}
		msg += ")"
	case 403:
		msg += " (the proxy's policy forbids this destination)"
	case 502, 503, 504:
		msg += " (the proxy could not reach the server)"
	}
	return msg
}

// NeedsCredentials reports whether the proxy asked for a login (407).
func (e *ProxyError) NeedsCredentials() bool { return e.StatusCode == 407 }

// defaultProxyPort is the port used when a proxy URL names none, as in
// Go's HTTP client.
func defaultProxyPort(scheme string) string {
	switch scheme {
	case "https":
		return "443"
	case "socks5", "socks5h":
		return "1080"
	}
	return "80"
}
