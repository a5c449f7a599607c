package netdial

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unreadableProxy is what is shown for a proxy setting that cannot be
// shown safely even with its user information removed.
const unreadableProxy = "a proxy URL that cannot be read"

// ProxyURLError is a proxy setting that cannot be used. It never holds
// the setting as written: Shown is the setting with any user name and
// password removed, and Reason is certwiz's own words, never a parser's
// message (Go's URL errors quote the whole input, password included).
type ProxyURLError struct {
	// Var is the variable the setting came from ("HTTPS_PROXY"), "" when
	// unknown.
	Var string
	// Shown is the setting without credentials, or "a proxy URL that
	// cannot be read".
	Shown  string
	Reason string
}

// Error names the setting and the problem, without credentials.
func (e *ProxyURLError) Error() string {
	what := "the proxy setting"
	if e.Var != "" {
		what = e.Var
	}
	return what + " (" + e.Shown + ") cannot be used: " + e.Reason
}

// ParseProxy parses a proxy setting the way Go's HTTP client reads
// HTTPS_PROXY ("host:port" means http://host:port), and also requires an
// http, https or socks5 scheme, a host name and a port from 1 to 65535 when
// one is given. On failure the error is a *ProxyURLError that shows the
// setting without its credentials. An empty setting gives nil, nil.
func ParseProxy(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, nil
	}
	fail := func(reason string) (*url.URL, error) {
		return nil, &ProxyURLError{Shown: RedactRaw(raw), Reason: reason}
	}
	if strings.TrimSpace(raw) != raw {
		return fail("it has spaces before or after it")
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return r < 0x21 || r == 0x7f || unicode.IsSpace(r) }) {
		return fail("it contains spaces or control characters")
	}
	u, err := url.Parse(raw)
	if (err != nil || u.Scheme == "" || u.Host == "") && !strings.Contains(raw, "://") {
		// As httpproxy does: "host:port" and other scheme-less forms
		// are tried as http:// (not a broken URL with a scheme, which
		// would become a proxy named "http").
		if u2, err2 := url.Parse("http://" + raw); err2 == nil {
			u, err = u2, nil
		}
	}
	if err == nil && u.Host == "" {
		return fail("it names no host")
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && strings.Contains(ue.Err.Error(), "port") {
			return fail("its port is not a number from 1 to 65535")
		}
		return fail("it is not a valid URL")
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return fail("its scheme is not http, https or socks5")
	}
	h := u.Hostname()
	if h == "" || strings.ContainsAny(h, "/\\%[]") {
		return fail("it names no usable host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n <= 0 || n > 65535 {
			return fail("its port is not a number from 1 to 65535")
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return fail("its port is empty")
	}
	return u, nil
}

// RedactRaw returns a proxy setting as written, minus everything between
// the scheme (or the start) and the last "@": the user information,
// however malformed the rest is. A result that is not printable text
// becomes "a proxy URL that cannot be read".
func RedactRaw(raw string) string {
	s := raw
	start := 0
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		start = i + 3
	}
	if at := strings.LastIndex(s, "@"); at >= start {
		s = s[:start] + s[at+1:]
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) {
		return unreadableProxy
	}
	if s == "" {
		return unreadableProxy
	}
	return s
}

// isScheme reports whether s is a URL scheme (RFC 3986: a letter, then
// letters, digits, "+", "-" or ".").
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}
