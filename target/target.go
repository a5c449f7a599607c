// Package target owns the one way certwiz reads a HOST[:PORT] that a
// person typed or pasted (on the command line, in the wizard's domain
// field, over SSH) into a typed Target. It is pure: no I/O, no lookups.
package target

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// DefaultPort is the port a target without one is checked on.
const DefaultPort = 443

// Target is one HOST:PORT to check. Host is lower-cased, without a
// trailing dot; an IPv6 literal has no brackets.
type Target struct {
	Host string
	Port int
}

// String names the target as people write it: the host alone on the
// default port, else HOST:PORT (IPv6 in brackets).
func (t Target) String() string {
	if t.Port == DefaultPort {
		return t.Host
	}
	return net.JoinHostPort(t.Host, strconv.Itoa(t.Port))
}

// Parse reads a target as people and tools name it: HOST, HOST:PORT
// (default port 443), an IPv6 literal with or without brackets and port.
// It tolerates what a pasted URL carries: a scheme, user information, a
// path, a query. Names are lower-cased and a trailing dot dropped. A host
// must be an IP literal or a DNS name of letters, digits, hyphens and
// underscores (no label starts or ends with a hyphen); wildcards and
// anything else are refused.
func Parse(s string) (Target, error) {
	in := strings.TrimSpace(s)
	if i := strings.Index(in, "://"); i >= 0 {
		in = in[i+3:]
	}
	if i := strings.IndexAny(in, "/?#"); i >= 0 {
		in = in[:i]
	}
	if i := strings.LastIndex(in, "@"); i >= 0 {
		in = in[i+1:]
	}
	if in == "" {
		return Target{}, fmt.Errorf("target %q is empty", s)
	}
	host, port := in, DefaultPort
	if strings.HasPrefix(in, "[") || strings.Count(in, ":") == 1 {
		h, p, err := net.SplitHostPort(in)
		if err != nil {
			if !strings.HasPrefix(in, "[") || !strings.HasSuffix(in, "]") {
				return Target{}, fmt.Errorf("target %q: want HOST or HOST:PORT", s)
			}
			h, p = strings.Trim(in, "[]"), strconv.Itoa(DefaultPort)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != p {
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
// hyphens and underscores, no label starting or ending with a hyphen.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
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
