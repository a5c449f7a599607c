package netctx

import (
	"io/fs"
	"net"
	"strings"
)

// tunnelPrefixes are interface-name prefixes of tunnels: kernel tun/tap,
// WireGuard, PPP, macOS utun/ipsec, and common VPN clients on Linux.
var tunnelPrefixes = []string{"tun", "tap", "wg", "ppp", "utun", "ipsec", "vti", "gpd", "cscotun", "nordlynx", "tailscale", "zt", "vpn", "proton", "mullvad"}

// Linux ARPHRD types that are tunnels (include/uapi/linux/if_arp.h).
var tunnelTypes = map[string]string{
	"65534": "tun device type", // ARPHRD_NONE: layer-3 tun
	"512":   "PPP device type",
	"768":   "IPIP tunnel type",
	"776":   "SIT tunnel type",
	"778":   "GRE tunnel type",
	"823":   "IPv6 GRE tunnel type",
}

// tunnelReason says why ifc looks like a tunnel, or "" when it does not.
// fsys, when not nil, is the root of a Linux file system whose
// /sys/class/net tells device types.
func tunnelReason(ifc Interface, fsys fs.FS) string {
	if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
		return ""
	}
	if ifc.Description != "" && isVPNDescription(ifc.Description) {
		return "adapter description"
	}
	if fsys != nil {
		if _, err := fs.Stat(fsys, "sys/class/net/"+ifc.Name+"/tun_flags"); err == nil {
			return "tun/tap device"
		}
		if b, err := readFile(fsys, "sys/class/net/"+ifc.Name+"/type"); err == nil {
			if why, ok := tunnelTypes[strings.TrimSpace(string(b))]; ok {
				return why
			}
		}
	}
	name := strings.ToLower(ifc.Name)
	for _, p := range tunnelPrefixes {
		if strings.HasPrefix(name, p) {
			return "name " + p + "*"
		}
	}
	if ifc.Flags&net.FlagPointToPoint != 0 {
		return "point-to-point"
	}
	return ""
}

// routeFacts is what the OS glue found out about the default route.
type routeFacts struct {
	// Iface is the interface of the route that carries Internet traffic
	// ("" when none); Route describes it.
	Iface, Route string
	// Err says why the route is unknown.
	Err string
	// PolicyRules lists policy-routing rules that may send traffic
	// elsewhere than the main table.
	PolicyRules []string
}

// decideVPN picks the tunnel interface and decides full versus split
// tunnel from the default route. It never claims more than it saw.
func decideVPN(ifaces []Interface, why func(Interface) string, rf routeFacts) VPNInfo {
	var v VPNInfo
	var tunnels []Interface
	reasons := map[string]string{}
	for _, ifc := range ifaces {
		if w := why(ifc); w != "" {
			tunnels = append(tunnels, ifc)
			reasons[ifc.Name] = w
		}
	}
	if len(tunnels) == 0 {
		return v
	}
	// Prefer the tunnel the default route uses.
	pick := 0
	for i, t := range tunnels {
		if t.Name == rf.Iface {
			pick = i
		}
	}
	t := tunnels[pick]
	v.Detected = true
	v.Interface = t.Name
	if t.Description != "" {
		v.Interface = t.Name + " (" + t.Description + ")"
	}
	v.Addresses = t.Addrs
	v.Why = reasons[t.Name]
	v.Route = rf.Route
	for i, o := range tunnels {
		if i != pick {
			v.Others = append(v.Others, o.Name)
		}
	}
	switch {
	case rf.Iface == t.Name:
		v.FullTunnel = boolPtr(true)
	case rf.Iface == "" || rf.Err != "":
		v.Err = "the default route is unknown"
		if rf.Err != "" {
			v.Err += ": " + rf.Err
		}
	case len(rf.PolicyRules) > 0:
		v.Err = "policy routing rules may send traffic through the tunnel: " + strings.Join(rf.PolicyRules, "; ")
	default:
		v.FullTunnel = boolPtr(false)
	}
	return v
}

func boolPtr(b bool) *bool { return &b }

// liveInterfaces lists the system's interfaces with their addresses.
func liveInterfaces() ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, 0, len(ifs))
	for _, ifc := range ifs {
		i := Interface{Name: ifc.Name, Flags: ifc.Flags}
		if addrs, err := ifc.Addrs(); err == nil {
			for _, a := range addrs {
				i.Addrs = append(i.Addrs, a.String())
			}
		}
		out = append(out, i)
	}
	return out, nil
}
