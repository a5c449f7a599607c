package netctx

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// This file parses macOS command output. It is untagged so the parsers
// are tested on every OS; the *_darwin.go files feed it.

// parseScutilProxy reads `scutil --proxy`, a dictionary printed as
// "<dictionary> { Key : value ... }", and returns the proxy settings.
func parseScutilProxy(out string) (ProxyInfo, error) {
	info := ProxyInfo{Source: "scutil"}
	if !strings.Contains(out, "<dictionary>") {
		return info, errors.New("scutil --proxy: output not recognized")
	}
	kv := map[string]string{}
	depth := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasSuffix(line, "{") {
			depth++
			continue
		}
		if line == "}" {
			depth--
			continue
		}
		if depth != 1 {
			continue // nested arrays (ExceptionsList) are not needed
		}
		k, v, ok := strings.Cut(line, " : ")
		if ok {
			kv[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	on := func(k string) bool { return kv[k] == "1" }
	hostPort := func(hk, pk string) (string, error) {
		h := kv[hk]
		if h == "" {
			return "", fmt.Errorf("scutil --proxy: %s is enabled without a host", hk)
		}
		p, err := strconv.Atoi(kv[pk])
		if err != nil || p <= 0 || p > 65535 {
			return "", fmt.Errorf("scutil --proxy: invalid %s %q", pk, kv[pk])
		}
		return net.JoinHostPort(h, strconv.Itoa(p)), nil
	}
	var err error
	switch {
	case on("HTTPSEnable"):
		info.System, err = hostPort("HTTPSProxy", "HTTPSPort")
	case on("SOCKSEnable"):
		var hp string
		hp, err = hostPort("SOCKSProxy", "SOCKSPort")
		if hp != "" {
			info.System = "socks=" + hp
		}
	}
	if on("ProxyAutoConfigEnable") {
		info.PAC = kv["ProxyAutoConfigURLString"]
		if info.PAC == "" && err == nil {
			err = errors.New("scutil --proxy: auto-config is enabled without a URL")
		}
	}
	info.WPAD = on("ProxyAutoDiscoveryEnable")
	return info, err
}

// macDefaultRoute is what `route -n get default` says.
type macDefaultRoute struct {
	Gateway, Interface string
}

// parseRouteGetDefault reads `route -n get default` (or `route -n get
// -inet6 default`).
func parseRouteGetDefault(out string) (macDefaultRoute, error) {
	var r macDefaultRoute
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "gateway":
			r.Gateway = strings.TrimSpace(v)
		case "interface":
			r.Interface = strings.TrimSpace(v)
		}
	}
	if r.Interface == "" {
		if strings.Contains(out, "not in table") {
			return r, errors.New("route: no default route")
		}
		return r, errors.New("route -n get default: no interface in output")
	}
	return r, nil
}

// parseSystemsetupNTP reads `systemsetup -getnetworktimeserver`
// ("Network Time Server: time.apple.com").
func parseSystemsetupNTP(out string) (string, error) {
	line := strings.TrimSpace(out)
	k, v, ok := strings.Cut(line, ":")
	if !ok || !strings.EqualFold(strings.TrimSpace(k), "Network Time Server") {
		return "", fmt.Errorf("systemsetup: output not recognized: %q", firstLine(line))
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return "", errors.New("systemsetup: no network time server set")
	}
	return v, nil
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = s[:120]
	}
	return s
}
