package netctx

import (
	"context"
	"sync"
)

// Probe gathers the network context under ctx: DNS answers for
// cfg.Targets, the service's ports, the proxy settings and, unless
// cfg.SkipSystem, the VPN state, the system NTP server (queried) and
// Wi-Fi. Each part runs concurrently under its own deadline; Probe never
// returns nil and never panics on bad settings or output.
func Probe(ctx context.Context, cfg Config) *Result {
	r := &Result{}
	var wg sync.WaitGroup
	run := func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	run(func() { r.DNS = lookup(ctx, &cfg, cfg.Targets) })
	run(func() { r.Ports = testPorts(ctx, &cfg) })
	var sysProxy ProxyInfo
	if !cfg.SkipSystem {
		run(func() { sysProxy = systemProxy(ctx, &cfg) })
		run(func() { r.VPN, r.WiFi = vpnState(ctx, &cfg) })
		run(func() {
			r.SystemNTP = systemNTP(ctx, &cfg)
			queryServers(ctx, &cfg, &r.SystemNTP)
		})
	}
	wg.Wait()
	r.Proxy = sysProxy
	env, bypassed, envErr := envProxy(cfg.env, cfg.firstTarget())
	r.Proxy.Env, r.Proxy.EnvBypassed = env, bypassed
	if envErr != "" {
		if r.Proxy.Err != "" {
			r.Proxy.Err += "; "
		}
		r.Proxy.Err += envErr
	}
	if r.DNS == nil {
		r.DNS = []DNSAnswer{}
	}
	if r.SystemNTP.Servers == nil {
		r.SystemNTP.Servers = []string{}
	}
	r.Findings = buildFindings(r)
	return r
}

// vpnState lists the interfaces, finds tunnels and asks the OS glue for
// the default route.
func vpnState(ctx context.Context, cfg *Config) (VPNInfo, *bool) {
	list := cfg.Interfaces
	if list == nil {
		list = liveInterfaces
	}
	ifaces, err := list()
	if err != nil {
		return VPNInfo{Err: "listing interfaces: " + err.Error()}, nil
	}
	ifaces = enrichInterfaces(ctx, cfg, ifaces)
	tfs := tunnelFS(cfg)
	why := func(i Interface) string { return tunnelReason(i, tfs) }
	var tunnels []string
	for _, i := range ifaces {
		if why(i) != "" {
			tunnels = append(tunnels, i.Name)
		}
	}
	rf, wifi := systemRoute(ctx, cfg, ifaces, tunnels)
	return decideVPN(ifaces, why, rf), wifi
}
