package sshserve

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// authorizedKey is one usable authorized_keys line.
type authorizedKey struct {
	key  gossh.PublicKey
	line int
	// from is the from="..." pattern list, nil when absent.
	from []hostPattern
	// expiry is expiry-time="..."; zero when absent.
	expiry time.Time
}

// satisfiedOptions are authorized_keys options that only take away what
// certwiz serve never offers (forwarding of any kind, ~/.ssh/rc), so they
// hold without anything to enforce.
var satisfiedOptions = map[string]bool{
	"restrict":            true,
	"no-port-forwarding":  true,
	"no-agent-forwarding": true,
	"no-x11-forwarding":   true,
	"no-user-rc":          true,
}

// parseKeyOptions interprets one line's options as sshd does, for the
// options certwiz implements: from=, expiry-time= (read in loc unless it
// ends in Z) and the restrictions in satisfiedOptions. Any other option is
// an error, so that the key is skipped rather than admitted with the
// option ignored.
func parseKeyOptions(options []string, loc *time.Location) (authorizedKey, error) {
	var ak authorizedKey
	for _, opt := range options {
		name, val, hasVal := strings.Cut(opt, "=")
		name = strings.ToLower(name)
		switch {
		case satisfiedOptions[name] && !hasVal:
		case name == "from" && hasVal:
			v, err := unquoteOption(val)
			if err != nil {
				return ak, fmt.Errorf("from=: %w", err)
			}
			if ak.from, err = parseHostPatterns(v); err != nil {
				return ak, fmt.Errorf("from=%q: %w", v, err)
			}
		case name == "expiry-time" && hasVal:
			v, err := unquoteOption(val)
			if err != nil {
				return ak, fmt.Errorf("expiry-time=: %w", err)
			}
			if ak.expiry, err = parseExpiry(v, loc); err != nil {
				return ak, fmt.Errorf("expiry-time=%q: %w", v, err)
			}
		default:
			return ak, fmt.Errorf("option %q is not supported by certwiz serve (supported: from=, expiry-time=, restrict, no-port-forwarding, no-agent-forwarding, no-X11-forwarding, no-user-rc)", logValue(name))
		}
	}
	return ak, nil
}

// admits returns "" when the entry's options let a client from ip in at
// now, or the reason they do not.
func (ak authorizedKey) admits(ip string, now time.Time) string {
	if !ak.expiry.IsZero() && now.After(ak.expiry) {
		return "key expired at " + ak.expiry.Format(time.RFC3339)
	}
	if ak.from != nil && !matchHostPatterns(ak.from, ip) {
		return "address " + ip + " not allowed by from="
	}
	return ""
}

// unquoteOption removes the double quotes around an option value; inside,
// \" stands for a quote, as sshd reads it.
func unquoteOption(v string) (string, error) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", fmt.Errorf("value must be in double quotes")
	}
	return strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`), nil
}

// hostPattern is one entry of a from= list.
type hostPattern struct {
	negated bool
	prefix  netip.Prefix // for CIDR entries
	glob    string       // otherwise, with * and ?
}

// parseHostPatterns reads a comma-separated from= list: addresses or
// wildcards (* and ?), CIDR blocks, each optionally negated with !.
func parseHostPatterns(v string) ([]hostPattern, error) {
	var out []hostPattern
	for _, p := range strings.Split(v, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		hp := hostPattern{}
		if rest, ok := strings.CutPrefix(p, "!"); ok {
			hp.negated, p = true, rest
		}
		if p == "" {
			return nil, fmt.Errorf("empty pattern")
		}
		if strings.Contains(p, "/") {
			pre, err := netip.ParsePrefix(p)
			if err != nil || pre.Masked() != pre {
				return nil, fmt.Errorf("%q is not a valid CIDR block", p)
			}
			hp.prefix = pre
		} else {
			hp.glob = p
		}
		out = append(out, hp)
	}
	return out, nil
}

// matchHostPatterns applies a from= list to the client's address: no
// negated entry may match, and at least one plain entry must. Host name
// patterns match nothing (like sshd's default UseDNS=no, only the
// address is known).
func matchHostPatterns(pats []hostPattern, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	s := addr.String()
	positive := false
	for _, p := range pats {
		var m bool
		if p.prefix.IsValid() {
			m = p.prefix.Contains(addr)
		} else {
			m = wildcardMatch(p.glob, s)
		}
		if m && p.negated {
			return false
		}
		positive = positive || m
	}
	return positive
}

// wildcardMatch matches s against a pattern where * is any run of
// characters and ? any one character (sshd's match_pattern).
func wildcardMatch(pat, s string) bool {
	for len(pat) > 0 {
		switch pat[0] {
		case '*':
			for len(pat) > 0 && pat[0] == '*' {
				pat = pat[1:]
			}
			if pat == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if wildcardMatch(pat, s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
			pat, s = pat[1:], s[1:]
		default:
			if s == "" || s[0] != pat[0] {
				return false
			}
			pat, s = pat[1:], s[1:]
		}
	}
	return s == ""
}

// parseExpiry reads sshd's expiry-time format: YYYYMMDD, YYYYMMDDHHMM or
// YYYYMMDDHHMMSS, in loc, or in UTC with a trailing Z.
func parseExpiry(v string, loc *time.Location) (time.Time, error) {
	if rest, ok := strings.CutSuffix(v, "Z"); ok {
		v, loc = rest, time.UTC
	}
	var layout string
	switch len(v) {
	case 8:
		layout = "20060102"
	case 12:
		layout = "200601021504"
	case 14:
		layout = "20060102150405"
	default:
		return time.Time{}, fmt.Errorf("want YYYYMMDD[HHMM[SS]][Z]")
	}
	t, err := time.ParseInLocation(layout, v, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("want YYYYMMDD[HHMM[SS]][Z]: %w", err)
	}
	return t, nil
}
