package probes

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParseTarget reads a target as people and tools name it: HOST, HOST:PORT
// (default port 443), an IPv6 literal with or without brackets and port,
// and it tolerates an https:// prefix and a trailing path, the way a
// person pastes a URL from an alert. Names are lower-cased, a trailing dot
// dropped.
func ParseTarget(s string) (Target, error) {
	in := strings.TrimSpace(s)
	in = strings.TrimPrefix(in, "https://")
	if i := strings.IndexAny(in, "/?#"); i >= 0 {
		in = in[:i]
	}
	if in == "" {
		return Target{}, fmt.Errorf("target %q is empty", s)
	}
	host, port := in, 443
	if strings.HasPrefix(in, "[") || strings.Count(in, ":") == 1 {
		h, p, err := net.SplitHostPort(in)
		if err != nil {
			if !strings.HasPrefix(in, "[") || !strings.HasSuffix(in, "]") {
				return Target{}, fmt.Errorf("target %q: want HOST or HOST:PORT", s)
			}
			h, p = strings.Trim(in, "[]"), "443"
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Target{}, fmt.Errorf("target %q: port must be 1-65535", s)
		}
		host, port = h, n
	} else if strings.Contains(in, ":") {
		if net.ParseIP(in) == nil {
			return Target{}, fmt.Errorf("target %q: put an IPv6 address in brackets, like [::1]:443", s)
		}
	}
	if !validHost(host) {
		return Target{}, fmt.Errorf("target %q: %q is not a host name or IP address", s, host)
	}
	return Target{Host: strings.ToLower(strings.TrimSuffix(host, ".")), Port: port}, nil
}

// validHost accepts IP literals and DNS names made of letters, digits,
// hyphens, underscores and dots.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			ok := r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
			if !ok {
				return false
			}
		}
	}
	return true
}
