package netdial

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// ParseResolve parses one curl-style override "HOST:PORT:ADDR" and returns
// the map key "host:port" (host lower-cased) and the address. ADDR is an
// IP literal; an IPv6 address may be written in brackets ("[::1]"). HOST
// may not contain ':' and PORT must be 1-65535.
func ParseResolve(s string) (hostport, ip string, err error) {
	host, rest, ok := strings.Cut(s, ":")
	if !ok {
		return "", "", fmt.Errorf("resolve entry %q is not in the form HOST:PORT:ADDRESS", s)
	}
	portStr, addr, ok := strings.Cut(rest, ":")
	if !ok {
		return "", "", fmt.Errorf("resolve entry %q is not in the form HOST:PORT:ADDRESS", s)
	}
	if host == "" {
		return "", "", fmt.Errorf("resolve entry %q has an empty host name", s)
	}
	if strings.ContainsAny(host, "[]/ \t\r\n@") {
		return "", "", fmt.Errorf("resolve entry %q has an invalid host name %q", s, host)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 1 || port > 65535 || strconv.Itoa(port) != portStr {
		return "", "", fmt.Errorf("resolve entry %q has port %q; want a number from 1 to 65535", s, portStr)
	}
	a, err := parseAddr(addr)
	if err != nil {
		return "", "", fmt.Errorf("resolve entry %q: %w", s, err)
	}
	return strings.ToLower(host) + ":" + portStr, a.String(), nil
}

// parseAddr accepts an IPv4 literal, an IPv6 literal, or an IPv6 literal
// in brackets.
func parseAddr(s string) (netip.Addr, error) {
	if s == "" {
		return netip.Addr{}, fmt.Errorf("the address is empty; want an IP address such as 127.0.0.1 or [::1]")
	}
	if strings.Contains(s, ",") {
		return netip.Addr{}, fmt.Errorf("address %q lists several addresses; give exactly one", s)
	}
	inner := s
	bracketed := strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]")
	if bracketed {
		inner = s[1 : len(s)-1]
	}
	a, err := netip.ParseAddr(inner)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("address %q is not an IP address such as 127.0.0.1 or [::1]", s)
	}
	if bracketed && !a.Is6() {
		return netip.Addr{}, fmt.Errorf("address %q has brackets but is not an IPv6 address", s)
	}
	return a.Unmap(), nil
}

// ParseResolveList parses several overrides into the map Dialer.Resolve
// takes. A later entry for the same host and port replaces an earlier one,
// as in curl. An empty list gives a nil map.
func ParseResolveList(entries []string) (map[string]string, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	m := make(map[string]string, len(entries))
	for _, e := range entries {
		hp, ip, err := ParseResolve(e)
		if err != nil {
			return nil, err
		}
		m[hp] = ip
	}
	return m, nil
}

// lookup returns the override for host:port, if any.
func (d *Dialer) lookup(host string, port int) (string, bool) {
	if d == nil || len(d.Resolve) == 0 {
		return "", false
	}
	ip, ok := d.Resolve[strings.ToLower(host)+":"+strconv.Itoa(port)]
	return ip, ok
}
