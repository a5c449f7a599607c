package netctx

import (
	"net/url"

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
