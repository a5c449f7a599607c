package netctx

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// This file parses Windows settings and command output. It is untagged so
// the parsers are tested on every OS; proxy_windows.go and the other
// *_windows.go files feed it.

// winInternetSettings are the values read from
// HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings. A nil
// pointer or empty string means the value is absent.
type winInternetSettings struct {
	ProxyEnable   *uint64
	ProxyServer   string
	AutoConfigURL string
	// DefaultConnectionSettings is the binary blob under Connections;
	// byte 8 holds the flags (0x08 = automatically detect settings).
	DefaultConnectionSettings []byte
}

// winProxyFor picks the proxy for scheme from a ProxyServer value:
// "host:port" (all schemes) or "http=h:p;https=h:p;socks=h:p".
func winProxyFor(value, scheme string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return "", nil
	}
	if !strings.Contains(value, "=") {
		return value, nil
	}
	var socks string
	for _, part := range strings.Split(value, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return "", fmt.Errorf("ProxyServer entry %q has no scheme", part)
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case scheme:
			return strings.TrimSpace(v), nil
		case "socks":
			socks = "socks=" + strings.TrimSpace(v)
		}
	}
	return socks, nil
}

// interpretInternetSettings turns the registry values into ProxyInfo.
func interpretInternetSettings(s winInternetSettings) ProxyInfo {
	info := ProxyInfo{Source: "registry"}
	if s.ProxyEnable != nil && *s.ProxyEnable != 0 {
		p, err := winProxyFor(s.ProxyServer, "https")
		if err != nil {
			info.Err = err.Error()
		}
		if p == "" && err == nil {
			info.Err = "ProxyEnable is set but ProxyServer is empty"
		}
		info.System = p
	}
	info.PAC = strings.TrimSpace(s.AutoConfigURL)
	if len(s.DefaultConnectionSettings) > 8 {
		info.WPAD = s.DefaultConnectionSettings[8]&0x08 != 0
	}
	return info
}

// parseNetshWinHTTP reads `netsh winhttp show proxy`: the machine-wide
// WinHTTP proxy used by services. It returns "" for direct access.
func parseNetshWinHTTP(out string) (proxy string, err error) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		low := strings.ToLower(line)
		switch {
		case strings.HasPrefix(low, "direct access"):
			return "", nil
		case strings.HasPrefix(low, "proxy server"):
			_, v, ok := strings.Cut(line, ":")
			if !ok {
				return "", fmt.Errorf("netsh winhttp: malformed line %q", line)
			}
			p, err := winProxyFor(v, "https")
			if err != nil {
				return "", fmt.Errorf("netsh winhttp: %w", err)
			}
			return p, nil
		}
	}
	return "", errors.New("netsh winhttp: output not recognized")
}

// parseW32tmSource reads `w32tm /query /source`: "time.windows.com,0x9",
// "Local CMOS Clock", "VM IC Time Synchronization Provider", or an error.
// It returns the server names (none for a local source) and a note.
func parseW32tmSource(out string) (servers []string, note string, err error) {
	line := strings.TrimSpace(out)
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = strings.TrimSpace(line[:i])
	}
	low := strings.ToLower(line)
	switch {
	case line == "":
		return nil, "", errors.New("w32tm: empty output")
	case strings.Contains(low, "error"):
		return nil, "", fmt.Errorf("w32tm: %s", line)
	case low == "local cmos clock", low == "free-running system clock":
		return nil, "the clock is not synchronized from the network (" + line + ")", nil
	case strings.Contains(low, "provider"):
		return nil, "time comes from " + line, nil
	}
	return parseNtpServerValue(line), "", nil
}

// parseNtpServerValue parses the W32Time NtpServer registry value:
// space-separated "name,0xFLAGS" entries.
func parseNtpServerValue(v string) []string {
	var out []string
	for _, f := range strings.Fields(v) {
		name, _, _ := strings.Cut(f, ",")
		if name != "" {
			out = append(out, name)
		}
	}
	return out
}

// winRoute is one IPv4 route from `route print -4`.
type winRoute struct {
	Dest, Mask, Gateway, Iface string
	Metric                     int
}

// parseRoutePrint reads `route print -4` and returns the interface list
// (index → description) and the active IPv4 routes.
func parseRoutePrint(out string) (ifaces map[int]string, routes []winRoute, err error) {
	ifaces = map[int]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	section := ""
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r ")
		trim := strings.TrimSpace(line)
		switch {
		case trim == "Interface List":
			section = "ifaces"
			continue
		case trim == "Active Routes:":
			section = "routes"
			continue
		case trim == "Persistent Routes:", strings.HasPrefix(trim, "IPv6 Route Table"):
			section = ""
			continue
		case strings.HasPrefix(trim, "===="):
			if section == "ifaces" {
				if len(ifaces) > 0 {
					section = ""
				}
			}
			continue
		}
		switch section {
		case "ifaces":
			// " 12...00 15 5d 01 02 03 ......Intel(R) Ethernet"
			idx, rest, ok := strings.Cut(trim, "...")
			n, err := strconv.Atoi(strings.TrimSpace(idx))
			if !ok || err != nil {
				continue
			}
			desc := strings.TrimLeft(rest, ". ")
			// Skip the MAC address, which is followed by dots.
			if i := strings.Index(desc, "..."); i >= 0 {
				desc = strings.TrimLeft(desc[i:], ". ")
			}
			ifaces[n] = strings.TrimSpace(desc)
		case "routes":
			f := strings.Fields(trim)
			if len(f) != 5 || f[0] == "Network" {
				continue
			}
			m, err := strconv.Atoi(f[4])
			if err != nil {
				continue
			}
			routes = append(routes, winRoute{Dest: f[0], Mask: f[1], Gateway: f[2], Iface: f[3], Metric: m})
		}
	}
	if len(routes) == 0 {
		return ifaces, nil, errors.New("route print: no active routes found")
	}
	return ifaces, routes, nil
}

// winDefaultIface returns the interface address (as route print names
// it) of the preferred IPv4 default route, including the two-half-routes
// trick (0.0.0.0/1 + 128.0.0.0/1) VPN clients use, and the route text.
func winDefaultIface(routes []winRoute) (iface, route string, ok bool) {
	best := -1
	for i, r := range routes {
		isDefault := r.Dest == "0.0.0.0" && r.Mask == "0.0.0.0"
		isHalf := (r.Dest == "0.0.0.0" || r.Dest == "128.0.0.0") && r.Mask == "128.0.0.0"
		if !isDefault && !isHalf {
			continue
		}
		if isHalf { // more specific than any /0: wins regardless of metric
			return r.Iface, fmt.Sprintf("%s/%s via %s on %s metric %d", r.Dest, r.Mask, r.Gateway, r.Iface, r.Metric), true
		}
		if best < 0 || r.Metric < routes[best].Metric {
			best = i
		}
	}
	if best < 0 {
		return "", "", false
	}
	r := routes[best]
	return r.Iface, fmt.Sprintf("%s/%s via %s on %s metric %d", r.Dest, r.Mask, r.Gateway, r.Iface, r.Metric), true
}

// winAdapter is one row of Get-NetAdapter.
type winAdapter struct {
	Name, Description, Status, MediaType string
	IfIndex                              int
}

// parseGetNetAdapterCSV parses the CSV of Get-NetAdapter piped through
// ConvertTo-Csv (getNetAdapterCommand in system_windows.go).
func parseGetNetAdapterCSV(out string) ([]winAdapter, error) {
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("Get-NetAdapter CSV: %w", err)
	}
	if len(rows) == 0 {
		return nil, errors.New("Get-NetAdapter: empty output")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"Name", "InterfaceDescription"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("Get-NetAdapter: no %s column", need)
		}
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var out2 []winAdapter
	for _, row := range rows[1:] {
		a := winAdapter{Name: get(row, "Name"), Description: get(row, "InterfaceDescription"),
			Status: get(row, "Status"), MediaType: get(row, "PhysicalMediaType")}
		a.IfIndex, _ = strconv.Atoi(get(row, "ifIndex"))
		out2 = append(out2, a)
	}
	return out2, nil
}

// vpnDescriptions are substrings of the adapter descriptions of common
// VPN clients (lower case).
var vpnDescriptions = []string{
	"anyconnect", "cisco systems vpn", "tap-windows", "tap-nordvpn", "tap-protonvpn", "openvpn",
	"wireguard", "wintun", "fortinet", "fortissl", "pangp", "globalprotect", "juniper",
	"pulse secure", "ivanti", "sonicwall", "check point virtual", "f5 ", "zscaler",
	"tailscale", "zerotier", "nordlynx", "wan miniport (ikev2)", "wan miniport (l2tp)",
	"wan miniport (pptp)", "wan miniport (sstp)", "hamachi", "expressvpn", "vpn",
}

// isVPNDescription reports whether an adapter description names a VPN
// client's virtual adapter.
func isVPNDescription(desc string) bool {
	d := strings.ToLower(desc)
	for _, s := range vpnDescriptions {
		if strings.Contains(d, s) {
			return true
		}
	}
	return false
}

// ifaceHasAddr reports whether one of the CIDR addresses of ifc is ip.
func ifaceHasAddr(ifc Interface, ip string) bool {
	want, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, a := range ifc.Addrs {
		if p, err := netip.ParsePrefix(a); err == nil && p.Addr().Unmap() == want.Unmap() {
			return true
		}
		if p, err := netip.ParseAddr(a); err == nil && p.Unmap() == want.Unmap() {
			return true
		}
	}
	return false
}

// winRouteFacts finds the default route in `route print -4` output and
// names its interface by matching the interface address.
func winRouteFacts(out string, ifaces []Interface) routeFacts {
	_, routes, err := parseRoutePrint(out)
	if err != nil {
		return routeFacts{Err: err.Error()}
	}
	ip, text, ok := winDefaultIface(routes)
	if !ok {
		return routeFacts{Route: "no default route"}
	}
	for _, ifc := range ifaces {
		if ifaceHasAddr(ifc, ip) {
			return routeFacts{Iface: ifc.Name, Route: text}
		}
	}
	return routeFacts{Route: text, Err: "no interface has the default route's address " + ip}
}
