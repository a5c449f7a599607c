package netctx

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
)

// Special-purpose ranges an answer for a public name should never fall in.
var (
	cgnat     = netip.MustParsePrefix("100.64.0.0/10")
	benchmark = netip.MustParsePrefix("198.18.0.0/15")
)

// privateSuffixes are name endings that are legitimately internal, whose
// private answers are expected.
var privateSuffixes = []string{".local", ".lan", ".home", ".internal", ".intranet", ".corp", ".home.arpa", ".localdomain", ".localhost", ".test", ".invalid"}

// isPublicName reports whether host looks like a name on the public DNS:
// not an IP literal, not single-label, not under an internal suffix.
func isPublicName(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if _, err := netip.ParseAddr(h); err != nil && strings.Contains(h, ".") {
		for _, s := range privateSuffixes {
			if strings.HasSuffix(h, s) || h == s[1:] {
				return false
			}
		}
		return true
	}
	return false
}

// classifyAddr returns the name of the special range a is in, or "".
func classifyAddr(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsUnspecified():
		return "unspecified"
	case a.IsLoopback():
		return "loopback"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsPrivate():
		return "private"
	case a.Is4() && cgnat.Contains(a):
		return "shared (CGNAT)"
	case a.Is4() && benchmark.Contains(a):
		return "benchmarking (fake-IP proxies)"
	}
	return ""
}

// lookup resolves every target concurrently.
func lookup(ctx context.Context, cfg *Config, hosts []string) []DNSAnswer {
	out := make([]DNSAnswer, len(hosts))
	var wg sync.WaitGroup
	for i, h := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = lookupOne(ctx, cfg, h)
		}()
	}
	wg.Wait()
	return out
}

func lookupOne(ctx context.Context, cfg *Config, host string) DNSAnswer {
	ans := DNSAnswer{Host: host}
	ctx, cancel := context.WithTimeout(ctx, dur(cfg.LookupTimeout, DefaultLookupTimeout))
	defer cancel()
	addrs, err := cfg.resolver().LookupNetIP(ctx, "ip", host)
	if err != nil {
		ans.Err = err.Error()
		var de *net.DNSError
		if errors.As(err, &de) {
			ans.NotFound = de.IsNotFound
			ans.Timeout = de.IsTimeout
		}
		if errors.Is(err, context.DeadlineExceeded) {
			ans.Timeout = true
		}
		return ans
	}
	public := isPublicName(host)
	var reasons []string
	for _, a := range addrs {
		ans.Addrs = append(ans.Addrs, a.Unmap().String())
		if r := classifyAddr(a); r != "" && public && !contains(reasons, r) {
			reasons = append(reasons, r)
		}
	}
	if len(reasons) > 0 {
		ans.Suspicious = true
		ans.Reason = strings.Join(reasons, ", ")
	}
	return ans
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
