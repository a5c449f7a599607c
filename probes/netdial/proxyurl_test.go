package netdial

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

// secret is the password in every malformed proxy setting below; it
// must never appear in anything certwiz prints.
const secret = "S3cr3t"

// MalformedProxies are credential-bearing proxy settings that do not
// parse, with what may be shown of each.
var malformedProxies = []struct {
	name, raw, shown string
}{
	{"trailing space", "http://agent:" + secret + "@proxy.example.test:3128 ", "http://proxy.example.test:3128 "},
	{"bad port", "http://agent:" + secret + "@proxy.example.test:99999", "http://proxy.example.test:99999"},
	{"stray bracket", "http://agent:" + secret + "@[proxy.example.test:3128", "http://[proxy.example.test:3128"},
	{"non-numeric port", "http://agent:" + secret + "@proxy.example.test:31a8", "http://proxy.example.test:31a8"},
	{"odd characters in the password", "http://agent:" + secret + ":p@ss/w%zz?#@proxy.example.test:3128x", "http://proxy.example.test:3128x"},
	{"no scheme, bad port", "agent:" + secret + "@proxy.example.test:port", "proxy.example.test:port"},
	{"scheme-like password without a scheme", "agent:" + secret + "://x@proxy.example.test:0", "proxy.example.test:0"},
	{"control character", "http://agent:" + secret + "@proxy.example.test:3128\x1b[2J", unreadableProxy},
	{"unsupported scheme", "ftp://agent:" + secret + "@proxy.example.test:21", "ftp://proxy.example.test:21"},
}

func TestParseProxyNeverQuotesCredentials(t *testing.T) {
	t.Parallel()
	for _, tc := range malformedProxies {
		t.Run(tc.name, func(t *testing.T) {
			u, err := ParseProxy(tc.raw)
			if err == nil {
				t.Fatalf("parsed as %v, want an error", Redact(u))
			}
			var pe *ProxyURLError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want *ProxyURLError", err, err)
			}
			if pe.Shown != tc.shown {
				t.Errorf("shown %q, want %q", pe.Shown, tc.shown)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "agent") {
				t.Errorf("error quotes the credentials: %s", err)
			}
		})
	}
}

func TestParseProxyAcceptsWhatGoAccepts(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"http://proxy.example.test:3128":              "http://proxy.example.test:3128",
		"proxy.example.test:3128":                     "http://proxy.example.test:3128",
		"https://agent:pw@proxy.example.test":         "https://agent:pw@proxy.example.test",
		"socks5://[::1]:1080":                         "socks5://[::1]:1080",
		"http://agent:p%40ss@proxy.example.test:8080": "http://agent:p%40ss@proxy.example.test:8080",
	} {
		u, err := ParseProxy(raw)
		if err != nil || u.String() != want {
			t.Errorf("ParseProxy(%q) = %v, %v; want %s", raw, u, err, want)
		}
	}
	if u, err := ParseProxy(""); u != nil || err != nil {
		t.Errorf("empty setting = %v, %v", u, err)
	}
}

// TestFromValuesMalformed: a malformed HTTPS_PROXY fails every request it
// would apply to with an error that names the variable and not the
// password; NO_PROXY and loopback targets still go direct, as with Go's
// own chooser.
func TestFromValuesMalformed(t *testing.T) {
	t.Parallel()
	for _, tc := range malformedProxies {
		choose := FromValues(tc.raw, "", "exempt.example.test")
		_, err := choose(&url.URL{Scheme: "https", Host: "zoom.example.test:443"})
		if err == nil || !strings.Contains(err.Error(), "HTTPS_PROXY") || strings.Contains(err.Error(), secret) {
			t.Errorf("%s: error %v", tc.name, err)
		}
		for _, host := range []string{"exempt.example.test:443", "127.0.0.1:443", "localhost:443"} {
			if u, err := choose(&url.URL{Scheme: "https", Host: host}); u != nil || err != nil {
				t.Errorf("%s: %s = %v, %v; want direct", tc.name, host, u, err)
			}
		}
	}
}

// TestDialWithMalformedProxy: the dial error a probe reports names the
// setting without its password.
func TestDialWithMalformedProxy(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, tc := range malformedProxies {
		d := &Dialer{Proxy: FromValues(tc.raw, tc.raw, "")}
		_, _, err := d.DialTLSRoute(ctx, "zoom.example.test", 443)
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("%s: dial error %v", tc.name, err)
		}
		resp, err := d.HTTPClient().Get("http://zoom.example.test/")
		if err == nil {
			_ = resp.Body.Close()
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%s: HTTP error quotes the password: %v", tc.name, err)
		}
	}
}

func TestRedactRaw(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"http://u:p@h:1":    "http://h:1",
		"u:p@h:1":           "h:1",
		"http://h:1":        "http://h:1",
		"http://u:p@q@h:1/": "http://h:1/",
		"":                  unreadableProxy,
		"http://u:p@h\x00":  unreadableProxy,
		"http://u:p@":       "http://",
	} {
		if got := RedactRaw(raw); got != want {
			t.Errorf("RedactRaw(%q) = %q, want %q", raw, got, want)
		}
	}
}
