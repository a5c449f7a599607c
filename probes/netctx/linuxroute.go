package netctx

import (
	"io/fs"
	"strings"
)

// linuxRouteFacts finds the route that carries Internet traffic.
func linuxRouteFacts(fsys fs.FS) routeFacts {
	var rf routeFacts
	var routes4, routes6 []route
	b, err := readFile(fsys, "proc/net/route")
	if err == nil {
		routes4, err = parseProcRoute(string(b))
	}
	if err != nil {
		rf.Err = err.Error()
		return rf
	}
	if b, err := readFile(fsys, "proc/net/ipv6_route"); err == nil {
		routes6, _ = parseProcIPv6Route(string(b)) // IPv6 is optional
	}
	d4, ok4 := defaultRoute(routes4)
	d6, ok6 := defaultRoute(routes6)
	var desc []string
	if ok4 {
		rf.Iface = d4.Iface
		desc = append(desc, d4.String())
	}
	if ok6 {
		if !ok4 {
			rf.Iface = d6.Iface
		}
		desc = append(desc, d6.String())
	}
	rf.Route = strings.Join(desc, "; ")
	if !ok4 && !ok6 {
		rf.Route = "no default route"
	}
	return rf
}

// linuxWiFi tells whether iface is wireless (sysfs "wireless" or
// "phy80211"), wired (a physical device without them), or unknown.
func linuxWiFi(fsys fs.FS, iface string, tunnels []string) *bool {
	if iface == "" || contains(tunnels, iface) {
		return nil
	}
	base := "sys/class/net/" + iface + "/"
	for _, p := range []string{"wireless", "phy80211"} {
		if _, err := fs.Stat(fsys, base+p); err == nil {
			return boolPtr(true)
		}
	}
	if _, err := fs.Stat(fsys, base+"device"); err == nil {
		return boolPtr(false)
	}
	return nil
}
