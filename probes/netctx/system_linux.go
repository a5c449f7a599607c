//go:build linux

package netctx

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
)

// systemProxy reads the desktop proxy settings (GNOME gsettings).
func systemProxy(ctx context.Context, cfg *Config) ProxyInfo { return gnomeProxy(ctx, cfg) }

// systemNTP reads the time daemon's configuration.
func systemNTP(_ context.Context, cfg *Config) SystemNTP { return linuxSystemNTP(cfg) }

// enrichInterfaces has nothing to add on Linux: sysfs is read per
// interface by tunnelReason.
func enrichInterfaces(_ context.Context, _ *Config, ifaces []Interface) []Interface { return ifaces }

// tunnelFS is the file system whose /sys/class/net tells device types.
func tunnelFS(cfg *Config) fs.FS { return cfg.fsys() }

// systemRoute reads the default routes from /proc and, when a tunnel is
// up but not on the default route, the policy-routing rules.
func systemRoute(ctx context.Context, cfg *Config, _ []Interface, tunnels []string) (routeFacts, *bool) {
	rf := linuxRouteFacts(cfg.fsys())
	if rf.Err == "" && len(tunnels) > 0 && !contains(tunnels, rf.Iface) {
		out, err := cfg.run(ctx, "ip", "rule", "show")
		switch {
		case err == nil:
			rf.PolicyRules = parseIPRules(string(out))
		case errors.Is(err, exec.ErrNotFound):
			rf.Err = "policy routing rules unknown (the ip command is missing)"
		default:
			rf.Err = fmt.Sprintf("policy routing rules unknown: %v", err)
		}
	}
	return rf, linuxWiFi(cfg.fsys(), rf.Iface, tunnels)
}
