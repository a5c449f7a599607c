package cli

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// DefaultTargets are the service's main hosts, probed when no target is given.
var DefaultTargets = []string{"zoom.us", "zoom.com"}

// target is one HOST:PORT to probe.
type target struct {
	Host string
	Port int
}

// parseTarget accepts HOST, HOST:PORT, an IPv6 literal in brackets with an
// optional port, and tolerates an https:// prefix and a trailing path, the
// way a person pastes a URL from an alert.
func parseTarget(s string) (target, error) {
	in := strings.TrimSpace(s)
	in = strings.TrimPrefix(in, "https://")
	if i := strings.IndexAny(in, "/?#"); i >= 0 {
		in = in[:i]
	}
	if in == "" {
		return target{}, fmt.Errorf("target %q is empty", s)
	}
	host, port := in, 443
	if strings.HasPrefix(in, "[") || strings.Count(in, ":") == 1 {
		h, p, err := net.SplitHostPort(in)
		if err != nil {
			if !strings.HasPrefix(in, "[") || !strings.HasSuffix(in, "]") {
				return target{}, fmt.Errorf("target %q: want HOST or HOST:PORT", s)
			}
			h, p = strings.Trim(in, "[]"), "443"
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return target{}, fmt.Errorf("target %q: port must be 1-65535", s)
		}
		host, port = h, n
	} else if strings.Contains(in, ":") {
		if net.ParseIP(in) == nil {
			return target{}, fmt.Errorf("target %q: put an IPv6 address in brackets, like [::1]:443", s)
		}
	}
	if !validHost(host) {
		return target{}, fmt.Errorf("target %q: %q is not a host name or IP address", s, host)
	}
	return target{Host: strings.ToLower(strings.TrimSuffix(host, ".")), Port: port}, nil
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

func parseTargets(args []string) ([]target, error) {
	if len(args) == 0 {
		args = DefaultTargets
	}
	out := make([]target, 0, len(args))
	for _, a := range args {
		t, err := parseTarget(a)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
