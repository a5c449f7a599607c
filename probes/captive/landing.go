package captive

import (
	"net/url"
	"regexp"
	"strings"
)

var (
	metaTag     = regexp.MustCompile(`(?is)<meta\b[^>]*>`)
	refreshAttr = regexp.MustCompile(`(?i)http-equiv\s*=\s*["']?\s*refresh`)
	contentAttr = regexp.MustCompile(`(?is)content\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	refreshURL  = regexp.MustCompile(`(?i)^\s*\d*\s*[;,]?\s*url\s*=\s*['"]?([^'"]+)`)
	scriptNav   = regexp.MustCompile(`(?i)(?:window\.|document\.|top\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']|location\.(?:replace|assign)\(\s*["']([^"']+)["']`)
)

// landingIn returns the page a portal's HTML sends the browser to: a
// <meta http-equiv="refresh"> target, else an obvious script navigation,
// resolved against base. Only http and https targets count; "" when none.
func landingIn(body []byte, base *url.URL) string {
	s := string(body)
	for _, tag := range metaTag.FindAllString(s, -1) {
		if !refreshAttr.MatchString(tag) {
			continue
		}
		m := contentAttr.FindStringSubmatch(tag)
		if m == nil {
			continue
		}
		if u := refreshURL.FindStringSubmatch(m[1] + m[2]); u != nil {
			if l := resolve(base, u[1]); l != "" {
				return l
			}
		}
	}
	for _, m := range scriptNav.FindAllStringSubmatch(s, -1) {
		if l := resolve(base, m[1]+m[2]); l != "" {
			return l
		}
	}
	return ""
}

func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	u = base.ResolveReference(u)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}
