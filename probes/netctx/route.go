package netctx

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// route is one kernel route that matters for the default path.
type route struct {
	Iface   string
	Prefix  netip.Prefix
	Gateway netip.Addr
	Metric  int
}

func (r route) String() string {
	s := r.Prefix.String()
	if r.Gateway.IsValid() && !r.Gateway.IsUnspecified() {
		s += " via " + r.Gateway.String()
	}
	return fmt.Sprintf("%s dev %s metric %d", s, r.Iface, r.Metric)
}

// Linux route flags (include/uapi/linux/route.h, ipv6_route.h).
const (
	rtfUp     = 0x0001
	rtfReject = 0x0200
)

// parseProcRoute parses /proc/net/route (IPv4, main table) and returns
// the usable routes of prefix length 0 or 1: the default route and the
// two halves VPN clients use to override it.
func parseProcRoute(data string) ([]route, error) {
	sc := bufio.NewScanner(strings.NewReader(data))
	var out []route
	header := false
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if !header {
			if f[0] != "Iface" {
				return nil, errors.New("/proc/net/route: missing header")
			}
			header = true
			continue
		}
		if len(f) < 8 {
			return nil, fmt.Errorf("/proc/net/route: short line %q", sc.Text())
		}
		dst, err1 := hexIPv4(f[1])
		gw, err2 := hexIPv4(f[2])
		flags, err3 := strconv.ParseUint(f[3], 16, 32)
		metric, err4 := strconv.Atoi(f[6])
		mask, err5 := hexIPv4(f[7])
		if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
			return nil, fmt.Errorf("/proc/net/route: line %q: %w", sc.Text(), err)
		}
		if flags&rtfUp == 0 || flags&rtfReject != 0 {
			continue
		}
		bits := maskBits(mask)
		if bits < 0 || bits > 1 {
			continue
		}
		out = append(out, route{Iface: f[0], Prefix: netip.PrefixFrom(dst, bits).Masked(), Gateway: gw, Metric: metric})
	}
	if !header {
		return nil, errors.New("/proc/net/route: empty")
	}
	return out, nil
}

// hexIPv4 decodes the little-endian hex of /proc/net/route.
func hexIPv4(s string) (netip.Addr, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 4 {
		return netip.Addr{}, fmt.Errorf("bad IPv4 hex %q", s)
	}
	var a [4]byte
	binary.BigEndian.PutUint32(a[:], binary.LittleEndian.Uint32(b))
	return netip.AddrFrom4(a), nil
}

// maskBits returns the prefix length of a contiguous netmask, or -1.
func maskBits(m netip.Addr) int {
	v := binary.BigEndian.Uint32(m.AsSlice())
	n := 0
	for v&0x80000000 != 0 {
		n++
		v <<= 1
	}
	if v != 0 {
		return -1
	}
	return n
}

// parseProcIPv6Route parses /proc/net/ipv6_route and returns the usable
// routes of prefix length 0 or 1.
func parseProcIPv6Route(data string) ([]route, error) {
	sc := bufio.NewScanner(strings.NewReader(data))
	var out []route
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 10 {
			return nil, fmt.Errorf("/proc/net/ipv6_route: malformed line %q", sc.Text())
		}
		dst, err1 := hexIPv6(f[0])
		plen, err2 := strconv.ParseUint(f[1], 16, 8)
		gw, err3 := hexIPv6(f[4])
		metric, err4 := strconv.ParseUint(f[5], 16, 32)
		flags, err5 := strconv.ParseUint(f[8], 16, 32)
		if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
			return nil, fmt.Errorf("/proc/net/ipv6_route: line %q: %w", sc.Text(), err)
		}
		if plen > 1 || flags&rtfUp == 0 || flags&rtfReject != 0 || f[9] == "lo" {
			continue
		}
		out = append(out, route{Iface: f[9], Prefix: netip.PrefixFrom(dst, int(plen)).Masked(), Gateway: gw, Metric: int(metric)})
	}
	return out, nil
}

func hexIPv6(s string) (netip.Addr, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 16 {
		return netip.Addr{}, fmt.Errorf("bad IPv6 hex %q", s)
	}
	return netip.AddrFrom16([16]byte(b)), nil
}

// defaultRoute returns the route that carries traffic to the Internet:
// among routes of prefix length 0 or 1, the longest prefix wins (the
// 0/1 + 128/1 halves override the default), then the lowest metric.
func defaultRoute(routes []route) (route, bool) {
	best, found := route{}, false
	for _, r := range routes {
		if r.Prefix.Bits() > 1 {
			continue
		}
		if !found || r.Prefix.Bits() > best.Prefix.Bits() ||
			(r.Prefix.Bits() == best.Prefix.Bits() && r.Metric < best.Metric) {
			best, found = r, true
		}
	}
	return best, found
}

// parseIPRules reads `ip rule show` and returns the rules that send
// traffic to a table other than local, main and default (policy routing,
// as wg-quick uses for a full tunnel).
func parseIPRules(out string) []string {
	var extra []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		_, after, ok := strings.Cut(line, " lookup ")
		if !ok {
			continue
		}
		table := strings.Fields(after)
		if len(table) == 0 {
			continue
		}
		switch table[0] {
		case "local", "main", "default", "255", "254", "253":
			continue
		}
		extra = append(extra, line)
	}
	return extra
}
