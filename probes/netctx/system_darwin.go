//go:build darwin

package netctx

import (
	"context"
	"fmt"
	"io/fs"
)

// systemProxy reads the proxy settings with scutil.
func systemProxy(ctx context.Context, cfg *Config) ProxyInfo {
	out, err := cfg.run(ctx, "scutil", "--proxy")
	if err != nil {
		return ProxyInfo{Err: fmt.Sprintf("scutil --proxy: %v", err)}
	}
	info, err := parseScutilProxy(string(out))
	if err != nil {
		info.Err = err.Error()
	}
	return info
}

// systemNTP reads /etc/ntp.conf, falling back to systemsetup.
func systemNTP(ctx context.Context, cfg *Config) SystemNTP {
	if c, ok := readNTPConf(cfg.fsys(), "etc/ntp.conf"); ok && len(c.Servers) > 0 {
		return fromConfig(c, "ntp.conf")
	}
	out, err := cfg.run(ctx, "systemsetup", "-getnetworktimeserver")
	if err != nil {
		return SystemNTP{Err: fmt.Sprintf("systemsetup -getnetworktimeserver: %v", err)}
	}
	s, err := parseSystemsetupNTP(string(out))
	if err != nil {
		return SystemNTP{Source: "systemsetup", Err: err.Error()}
	}
	return SystemNTP{Servers: []string{s}, Source: "systemsetup -getnetworktimeserver"}
}

func enrichInterfaces(_ context.Context, _ *Config, ifaces []Interface) []Interface { return ifaces }

// tunnelFS: macOS has no sysfs.
func tunnelFS(*Config) fs.FS { return nil }

// systemRoute reads `route -n get default`.
func systemRoute(ctx context.Context, cfg *Config, _ []Interface, _ []string) (routeFacts, *bool) {
	out, err := cfg.run(ctx, "route", "-n", "get", "default")
	if err != nil {
		return routeFacts{Err: fmt.Sprintf("route -n get default: %v", err)}, nil
	}
	r, err := parseRouteGetDefault(string(out))
	if err != nil {
		return routeFacts{Err: err.Error()}, nil
	}
	return routeFacts{Iface: r.Interface, Route: fmt.Sprintf("default via %s dev %s", r.Gateway, r.Interface)}, nil
}
