package netdial

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/proxy"
)

// Dialer opens TCP paths to servers, directly or through a proxy. The
// zero value dials directly with the system resolver.
type Dialer struct {
	// Resolve maps "host:port" (lower-case host) to an IP address, as
	// curl's --resolve; see ParseResolve.
	Resolve map[string]string
	// Proxy picks the proxy for a request URL (https://host:port); nil, or
	// a nil URL, means direct. FromEnvironment reads the usual variables.
	Proxy func(reqURL *url.URL) (*url.URL, error)
	// ProxyTLS configures the TLS session to an https:// proxy; nil means
	// the system roots and the proxy's host name. DialTLSRoute only.
	ProxyTLS *tls.Config
}

// Route says how a connection reached its server.
type Route struct {
	// Addr is the address TCP connected to: the server, or the proxy.
	Addr string
	// Proxy is the proxy URL without credentials, "" when direct.
	Proxy string
}

// DialTLSRoute opens a TCP connection to host:port, ready for a TLS
// handshake: through a CONNECT tunnel (or SOCKS5) when the Proxy func
// names a proxy for https://host:port, directly otherwise. A proxy's
// refusal is a *ProxyError. ctx bounds the whole setup, tunnel included.
func (d *Dialer) DialTLSRoute(ctx context.Context, host string, port int) (net.Conn, Route, error) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return nil, Route{}, fmt.Errorf("dial: empty host name")
	}
	if port < 1 || port > 65535 {
		return nil, Route{}, fmt.Errorf("dial %s: port %d is not in 1-65535", host, port)
	}
	target := net.JoinHostPort(host, strconv.Itoa(port))
	pu, err := d.proxyFor(target)
	if err != nil {
		return nil, Route{}, err
	}
	if pu == nil {
		conn, err := d.dialTCP(ctx, host, port)
		if err != nil {
			return nil, Route{}, err
		}
		return conn, Route{Addr: conn.RemoteAddr().String()}, nil
	}
	route := Route{Proxy: Redact(pu)}
	switch pu.Scheme {
	case "http", "https":
		conn, err := d.dialProxy(ctx, pu)
		if err != nil {
			return nil, route, err
		}
		route.Addr = conn.RemoteAddr().String()
		tunnel, err := connect(ctx, conn, target, pu)
		if err != nil {
			conn.Close()
			return nil, route, err
		}
		return tunnel, route, nil
	case "socks5", "socks5h":
		conn, err := d.dialSOCKS(ctx, pu, target)
		if err != nil {
			return nil, route, err
		}
		route.Addr = conn.RemoteAddr().String()
		return conn, route, nil
	}
	return nil, route, fmt.Errorf("proxy %s: scheme %q is not supported (use http, https or socks5)", route.Proxy, pu.Scheme)
}

// proxyFor asks the Proxy func about https://target.
func (d *Dialer) proxyFor(target string) (*url.URL, error) {
	if d == nil || d.Proxy == nil {
		return nil, nil
	}
	pu, err := d.Proxy(&url.URL{Scheme: "https", Host: target})
	if err != nil {
		return nil, fmt.Errorf("choose proxy for %s: %w", target, err)
	}
	if pu != nil && pu.Host == "" {
		return nil, fmt.Errorf("proxy URL %q for %s has no host", Redact(pu), target)
	}
	return pu, nil
}

// probeDialer opens every connection a check makes. TCP keep-alive is off:
// a probe's connection lives for seconds (the first keep-alive probe would
// come after 15 s), and turning it on costs four socket options per
// connection, which a run over hundreds of targets pays for nothing.
var probeDialer = net.Dialer{KeepAlive: -1}

// dialTCP connects to host:port, using the Resolve override if any.
func (d *Dialer) dialTCP(ctx context.Context, host string, port int) (net.Conn, error) {
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	if ip, ok := d.lookup(host, port); ok {
		addr = net.JoinHostPort(ip, strconv.Itoa(port))
	}
	conn, err := probeDialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	return conn, nil
}

// DialContext dials "host:port" with the Resolve overrides applied; it
// has the signature of net.Dialer.DialContext (network must be tcp*).
func (d *Dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if !strings.HasPrefix(network, "tcp") {
		return nil, fmt.Errorf("dial %s %s: only tcp is supported", network, address)
	}
	host, portStr, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", address, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 1 || port > 65535 {
		return nil, fmt.Errorf("dial %s: bad port %q", address, portStr)
	}
	return d.dialTCP(ctx, host, port)
}

// proxyHostPort returns the proxy's host and port, defaulting the port.
func proxyHostPort(pu *url.URL) (string, int, error) {
	p := pu.Port()
	if p == "" {
		p = defaultProxyPort(pu.Scheme)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("proxy %s: bad port %q", Redact(pu), p)
	}
	return pu.Hostname(), port, nil
}

// dialProxy opens the connection to an http:// or https:// proxy.
func (d *Dialer) dialProxy(ctx context.Context, pu *url.URL) (net.Conn, error) {
	host, port, err := proxyHostPort(pu)
	if err != nil {
		return nil, err
	}
	conn, err := d.dialTCP(ctx, host, port)
	if err != nil {
		return nil, fmt.Errorf("proxy %s: %w", Redact(pu), err)
	}
	if pu.Scheme != "https" {
		return conn, nil
	}
	cfg := &tls.Config{}
	if d.ProxyTLS != nil {
		cfg = d.ProxyTLS.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("proxy %s: TLS to the proxy: %w", Redact(pu), err)
	}
	return tc, nil
}

// dialSOCKS tunnels to target through a SOCKS5 proxy. The target name is
// passed to the proxy unresolved.
func (d *Dialer) dialSOCKS(ctx context.Context, pu *url.URL, target string) (net.Conn, error) {
	host, port, err := proxyHostPort(pu)
	if err != nil {
		return nil, err
	}
	var auth *proxy.Auth
	if pu.User != nil {
		pass, _ := pu.User.Password()
		auth = &proxy.Auth{User: pu.User.Username(), Password: pass}
	}
	sd, err := proxy.SOCKS5("tcp", net.JoinHostPort(host, strconv.Itoa(port)), auth, socksForward{d})
	if err != nil {
		return nil, fmt.Errorf("proxy %s: %w", Redact(pu), err)
	}
	cd, ok := sd.(proxy.ContextDialer)
	if !ok {
		return nil, fmt.Errorf("proxy %s: SOCKS dialer cannot take a context", Redact(pu))
	}
	conn, err := cd.DialContext(ctx, "tcp", target)
	if err != nil {
		return nil, fmt.Errorf("proxy %s: SOCKS5 to %s: %w", Redact(pu), target, err)
	}
	return conn, nil
}

// socksForward lets golang.org/x/net/proxy reach the SOCKS server with
// the Resolve overrides; that package always uses DialContext when the
// forward dialer has one.
type socksForward struct{ d *Dialer }

func (f socksForward) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	return f.d.DialContext(ctx, network, address)
}

// Dial refuses: every dial must carry a context with a deadline.
func (f socksForward) Dial(network, address string) (net.Conn, error) {
	return nil, fmt.Errorf("dial %s %s: a context is required", network, address)
}
