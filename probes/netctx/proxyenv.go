package netctx

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// envProxy returns the proxy the environment selects for
// https://host (credentials removed) and whether NO_PROXY exempted the
// host from a configured proxy. A malformed proxy variable is reported in
// errText.
func envProxy(env func(string) string, host string) (proxy string, bypassed bool, errText string) {
	get := func(upper, lower string) string {
		if v := env(upper); v != "" {
			return v
		}
		return env(lower)
	}
	pc := &httpproxy.Config{
		HTTPProxy:  get("HTTP_PROXY", "http_proxy"),
		HTTPSProxy: get("HTTPS_PROXY", "https_proxy"),
		NoProxy:    get("NO_PROXY", "no_proxy"),
	}
	if host == "" || pc.HTTPSProxy == "" {
		return "", false, ""
	}
	if err := checkProxyURL(pc.HTTPSProxy); err != nil {
		return "", false, "HTTPS_PROXY: " + err.Error()
	}
	u, err := pc.ProxyFunc()(&url.URL{Scheme: "https", Host: host})
	if err != nil {
		return "", false, "HTTPS_PROXY: " + err.Error()
	}
	if u == nil {
		return "", true, ""
	}
	return redact(u), false, ""
}

// redact returns u as a string without its user information: proxy
// user names can be tokens too.
func redact(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

// checkProxyURL rejects values httpproxy would silently ignore or mangle:
// it accepts "host:port" or a URL with an http, https or socks5 scheme,
// a host name and a valid port.
func checkProxyURL(raw string) error {
	v := raw
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil {
		return fmt.Errorf("not a URL: %w", err)
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return fmt.Errorf("unsupported proxy scheme %q", u.Scheme)
	}
	h := u.Hostname()
	if h == "" || strings.ContainsAny(h, " /\\%") {
		return errors.New("no usable host name")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n <= 0 || n > 65535 {
			return fmt.Errorf("invalid port %q", p)
		}
	}
	return nil
}
