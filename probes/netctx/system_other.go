//go:build !linux && !windows && !darwin

package netctx

import (
	"context"
	"io/fs"
)

const unsupported = "not supported on this operating system"

func systemProxy(context.Context, *Config) ProxyInfo {
	return ProxyInfo{Err: "system proxy settings: " + unsupported}
}

func systemNTP(_ context.Context, cfg *Config) SystemNTP {
	if c, ok := readNTPConf(cfg.fsys(), "etc/ntp.conf"); ok {
		return fromConfig(c, "ntpd")
	}
	return SystemNTP{Err: "system time server: " + unsupported}
}

func enrichInterfaces(_ context.Context, _ *Config, ifaces []Interface) []Interface { return ifaces }

func tunnelFS(*Config) fs.FS { return nil }

func systemRoute(context.Context, *Config, []Interface, []string) (routeFacts, *bool) {
	return routeFacts{Err: "default route: " + unsupported}, nil
}
