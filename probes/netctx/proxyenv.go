package netctx

import (
	"net/url"

	"github.com/certwiz/certwiz/probes/netdial"
)

// envProxy returns the proxy the environment selects for
// https://host (credentials removed) and whether NO_PROXY exempted the
// host from a configured proxy. A malformed proxy variable is reported in
// errText, without its credentials (netdial.ProxyURLError).
func envProxy(env func(string) string, host string) (proxy string, bypassed bool, errText string) {
	get := func(upper, lower string) string {
		if v := env(upper); v != "" {
			return v
		}
		return env(lower)
	}
	httpsProxy := get("HTTPS_PROXY", "https_proxy")
	if host == "" || httpsProxy == "" {
		return "", false, ""
	}
	choose := netdial.FromValues(httpsProxy, get("HTTP_PROXY", "http_proxy"), get("NO_PROXY", "no_proxy"))
	u, err := choose(&url.URL{Scheme: "https", Host: host})
	if err != nil {
		return "", false, err.Error()
	}
	if u == nil {
		return "", true, ""
	}
	return netdial.Redact(u), false, ""
}
