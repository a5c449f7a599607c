//go:build windows

package netctx

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/sys/windows/registry"
)

const (
	internetSettingsKey = `Software\Microsoft\Windows\CurrentVersion\Internet Settings`
	w32timeParamsKey    = `SYSTEM\CurrentControlSet\Services\W32Time\Parameters`
	// getNetAdapterCommand is the PowerShell pipeline whose CSV output
	// parseGetNetAdapterCSV reads.
	getNetAdapterCommand = "Get-NetAdapter | Select-Object Name,InterfaceDescription,Status,ifIndex,PhysicalMediaType | ConvertTo-Csv -NoTypeInformation"
)

// systemProxy reads the user's Internet Settings from the registry and,
// when they name no proxy, the machine-wide WinHTTP proxy.
func systemProxy(ctx context.Context, cfg *Config) ProxyInfo {
	s, err := readInternetSettings()
	if err != nil {
		return ProxyInfo{Err: "Internet Settings: " + err.Error()}
	}
	info := interpretInternetSettings(s)
	if info.System == "" && info.PAC == "" && info.Err == "" {
		out, err := cfg.run(ctx, "netsh", "winhttp", "show", "proxy")
		if err != nil {
			return info // the per-user settings are known; WinHTTP is extra
		}
		if p, err := parseNetshWinHTTP(string(out)); err == nil && p != "" {
			info.System, info.Source = p, "netsh winhttp"
		}
	}
	return info
}

func readInternetSettings() (winInternetSettings, error) {
	var s winInternetSettings
	k, err := registry.OpenKey(registry.CURRENT_USER, internetSettingsKey, registry.QUERY_VALUE)
	if err != nil {
		return s, fmt.Errorf("open key: %w", err)
	}
	defer k.Close()
	if v, _, err := k.GetIntegerValue("ProxyEnable"); err == nil {
		s.ProxyEnable = &v
	} else if !errors.Is(err, registry.ErrNotExist) {
		return s, fmt.Errorf("ProxyEnable: %w", err)
	}
	if v, _, err := k.GetStringValue("ProxyServer"); err == nil {
		s.ProxyServer = v
	}
	if v, _, err := k.GetStringValue("AutoConfigURL"); err == nil {
		s.AutoConfigURL = v
	}
	if ck, err := registry.OpenKey(registry.CURRENT_USER, internetSettingsKey+`\Connections`, registry.QUERY_VALUE); err == nil {
		if v, _, err := ck.GetBinaryValue("DefaultConnectionSettings"); err == nil {
			s.DefaultConnectionSettings = v
		}
		ck.Close()
	}
	return s, nil
}

// systemNTP asks W32Time which source it uses, falling back to the
// NtpServer registry value.
func systemNTP(ctx context.Context, cfg *Config) SystemNTP {
	out, err := cfg.run(ctx, "w32tm", "/query", "/source")
	if err == nil {
		servers, note, perr := parseW32tmSource(string(out))
		if perr == nil && len(servers) > 0 {
			return SystemNTP{Servers: servers, Source: "w32tm /query /source"}
		}
		if perr == nil && note != "" {
			return SystemNTP{Source: "w32tm /query /source", Err: note}
		}
	}
	k, kerr := registry.OpenKey(registry.LOCAL_MACHINE, w32timeParamsKey, registry.QUERY_VALUE)
	if kerr != nil {
		return SystemNTP{Err: fmt.Sprintf("W32Time settings unreadable: %v", kerr)}
	}
	defer k.Close()
	v, _, verr := k.GetStringValue("NtpServer")
	if verr != nil {
		return SystemNTP{Err: fmt.Sprintf("W32Time NtpServer unreadable: %v", verr)}
	}
	servers := parseNtpServerValue(v)
	if len(servers) == 0 {
		return SystemNTP{Source: `registry W32Time\Parameters\NtpServer`, Err: "NtpServer is empty"}
	}
	return SystemNTP{Servers: servers, Source: `registry W32Time\Parameters\NtpServer`}
}

// enrichInterfaces adds the adapter descriptions from Get-NetAdapter,
// matched by name; adapters that are not up are ignored there.
func enrichInterfaces(ctx context.Context, cfg *Config, ifaces []Interface) []Interface {
	out, err := cfg.run(ctx, "powershell", "-NoProfile", "-NonInteractive", "-Command", getNetAdapterCommand)
	if err != nil {
		return ifaces
	}
	adapters, err := parseGetNetAdapterCSV(string(out))
	if err != nil {
		return ifaces
	}
	for i := range ifaces {
		for _, a := range adapters {
			if strings.EqualFold(a.Name, ifaces[i].Name) {
				ifaces[i].Description = a.Description
			}
		}
	}
	return ifaces
}

// tunnelFS: Windows has no sysfs.
func tunnelFS(*Config) fs.FS { return nil }

// systemRoute reads `route print -4` and maps the default route's
// interface address to an interface name.
func systemRoute(ctx context.Context, cfg *Config, ifaces []Interface, _ []string) (routeFacts, *bool) {
	out, err := cfg.run(ctx, "route", "print", "-4")
	if err != nil {
		return routeFacts{Err: fmt.Sprintf("route print: %v", err)}, nil
	}
	return winRouteFacts(string(out), ifaces), nil
}
