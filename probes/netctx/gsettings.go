package netctx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"strings"
)

// parseGVariantString parses gsettings' printing of a string value
// ('manual', "it's") and returns it unquoted.
func parseGVariantString(out string) (string, error) {
	s := strings.TrimSpace(out)
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		q := s[0]
		body := s[1 : len(s)-1]
		var b strings.Builder
		for i := 0; i < len(body); i++ {
			c := body[i]
			if c == '\\' && i+1 < len(body) {
				i++
				b.WriteByte(body[i])
				continue
			}
			if c == q {
				return "", fmt.Errorf("unexpected quote in %q", s)
			}
			b.WriteByte(c)
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("not a quoted string: %q", s)
}

// parseGVariantInt parses gsettings' printing of an integer ("8080",
// "int32 8080", "uint16 8080").
func parseGVariantInt(out string) (int, error) {
	f := strings.Fields(out)
	if len(f) == 0 {
		return 0, errors.New("empty value")
	}
	n, err := strconv.Atoi(f[len(f)-1])
	if err != nil {
		return 0, fmt.Errorf("not an integer: %q", strings.TrimSpace(out))
	}
	return n, nil
}

// gnomeProxy reads the GNOME desktop proxy settings with gsettings. A
// missing gsettings or unreadable value leaves the settings unknown.
func gnomeProxy(ctx context.Context, cfg *Config) ProxyInfo {
	get := func(schema, key string) (string, error) {
		out, err := cfg.run(ctx, "gsettings", "get", schema, key)
		if err != nil {
			return "", fmt.Errorf("gsettings get %s %s: %w", schema, key, err)
		}
		return string(out), nil
	}
	info := ProxyInfo{Source: "gsettings"}
	out, err := get("org.gnome.system.proxy", "mode")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return ProxyInfo{Err: "no desktop proxy settings found (gsettings is not installed)"}
		}
		info.Err = err.Error()
		return info
	}
	mode, err := parseGVariantString(out)
	if err != nil {
		info.Err = "proxy mode: " + err.Error()
		return info
	}
	switch mode {
	case "none":
		return info
	case "auto":
		out, err := get("org.gnome.system.proxy", "autoconfig-url")
		if err != nil {
			info.Err = err.Error()
			return info
		}
		u, err := parseGVariantString(out)
		if err != nil {
			info.Err = "autoconfig-url: " + err.Error()
			return info
		}
		if u == "" {
			info.WPAD = true // GNOME: auto mode without a URL uses discovery
		}
		info.PAC = u
		return info
	case "manual":
		for _, schema := range []string{"org.gnome.system.proxy.https", "org.gnome.system.proxy.http"} {
			hout, err := get(schema, "host")
			if err != nil {
				info.Err = err.Error()
				return info
			}
			host, err := parseGVariantString(hout)
			if err != nil {
				info.Err = schema + " host: " + err.Error()
				return info
			}
			if host == "" {
				continue
			}
			pout, err := get(schema, "port")
			if err != nil {
				info.Err = err.Error()
				return info
			}
			port, err := parseGVariantInt(pout)
			if err != nil || port <= 0 || port > 65535 {
				info.Err = fmt.Sprintf("%s port: invalid %q", schema, strings.TrimSpace(pout))
				return info
			}
			info.System = net.JoinHostPort(host, strconv.Itoa(port))
			return info
		}
		info.Err = "proxy mode is manual but no HTTPS or HTTP proxy host is set"
		return info
	}
	info.Err = fmt.Sprintf("unknown proxy mode %q", mode)
	return info
}
