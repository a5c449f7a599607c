package netdial

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// FromEnvironment returns a proxy chooser built from HTTPS_PROXY,
// HTTP_PROXY and NO_PROXY (upper- or lower-case) as they are when it is
// called. For a request URL https://host:port it returns the HTTPS proxy
// unless NO_PROXY excludes the host; it returns nil (direct) for
// localhost and loopback addresses, as Go's HTTP client does. A setting
// that cannot be parsed gives a *ProxyURLError (without its credentials)
// for every request it would apply to.
func FromEnvironment() func(*url.URL) (*url.URL, error) {
	get := func(upper, lower string) string {
		if v := os.Getenv(upper); v != "" {
			return v
		}
		return os.Getenv(lower)
	}
	return FromValues(get("HTTPS_PROXY", "https_proxy"), get("HTTP_PROXY", "http_proxy"), get("NO_PROXY", "no_proxy"))
}

// FromValues is FromEnvironment with explicit values instead of the
// environment variables (an empty string means unset). Each proxy URL is
// parsed once, here, by ParseProxy; golang.org/x/net/http/httpproxy only
// decides NO_PROXY and loopback exemptions and never sees the settings
// themselves (its errors quote them, password included).
func FromValues(httpsProxy, httpProxy, noProxy string) func(*url.URL) (*url.URL, error) {
	type setting struct {
		u   *url.URL
		err error
	}
	parse := func(name, raw string) setting {
		u, err := ParseProxy(raw)
		var pe *ProxyURLError
		if errors.As(err, &pe) {
			pe.Var = name
		}
		return setting{u, err}
	}
	httpsSet, httpSet := parse("HTTPS_PROXY", httpsProxy), parse("HTTP_PROXY", httpProxy)
	const placeholder = "http://proxy.invalid"
	exempt := (&httpproxy.Config{HTTPSProxy: placeholder, HTTPProxy: placeholder, NoProxy: noProxy}).ProxyFunc()
	return func(req *url.URL) (*url.URL, error) {
		var st setting
		switch req.Scheme {
		case "https":
			st = httpsSet
		case "http":
			st = httpSet
		default:
			return nil, nil
		}
		if st.u == nil && st.err == nil {
			return nil, nil
		}
		if p, _ := exempt(req); p == nil {
			return nil, nil // NO_PROXY, localhost or a loopback address
		}
		if st.err != nil {
			return nil, st.err
		}
		c := *st.u
		return &c, nil
	}
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
