package proxylab

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxRequestHeader caps what the proxy reads of a client's request head.
const maxRequestHeader = 16 << 10

// ConnectOptions configures StartConnect.
type ConnectOptions struct {
	// User and Password, when User is set, are the Basic credentials the
	// proxy demands; a request without them, or with others, gets 407.
	User, Password string
	// Realm is the Basic realm announced in Proxy-Authenticate
	// (default "proxylab").
	Realm string
	// Status, when not zero, is the answer to every CONNECT (e.g. 403 or
	// 502) after the login check; no tunnel is opened.
	Status int
	// Hosts maps host names to loopback IP addresses, as the proxy's own
	// DNS would ("zoom.test" -> "127.0.0.1"). Other names are refused.
	Hosts map[string]string
	// TLS, when set, makes it an https:// proxy: clients speak TLS to the
	// proxy itself before sending CONNECT.
	TLS *tls.Config
}

// ConnectProxy is a running forward proxy on 127.0.0.1. It serves CONNECT
// tunnels and plain absolute-URL HTTP requests, to loopback targets only.
type ConnectProxy struct {
	opts ConnectOptions
	ln   net.Listener

	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	connects int
	tunnels  int
	targets  []string
	authSeen []string
	closed   bool

	wg sync.WaitGroup
}

// StartConnect starts a proxy on 127.0.0.1 on a free port.
func StartConnect(opts ConnectOptions) (*ConnectProxy, error) {
	if opts.Realm == "" {
		opts.Realm = "proxylab"
	}
	for name, ip := range opts.Hosts {
		if a := net.ParseIP(ip); a == nil || !a.IsLoopback() {
			return nil, fmt.Errorf("proxylab: host %q maps to %q, which is not a loopback address", name, ip)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("proxylab: listen: %w", err)
	}
	if opts.TLS != nil {
		ln = tls.NewListener(ln, opts.TLS)
	}
	p := &ConnectProxy{opts: opts, ln: ln, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.serve()
	return p, nil
}

// Addr returns the proxy's host:port.
func (p *ConnectProxy) Addr() string { return p.ln.Addr().String() }

// URL returns http://127.0.0.1:port (https:// with Options.TLS), without
// credentials.
func (p *ConnectProxy) URL() *url.URL {
	scheme := "http"
	if p.opts.TLS != nil {
		scheme = "https"
	}
	return &url.URL{Scheme: scheme, Host: p.Addr()}
}

// URLWithLogin returns the proxy URL carrying user and password.
func (p *ConnectProxy) URLWithLogin(user, password string) *url.URL {
	u := p.URL()
	u.User = url.UserPassword(user, password)
	return u
}

// Connects returns how many CONNECT requests arrived (refused ones too).
func (p *ConnectProxy) Connects() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.connects
}

// Tunnels returns how many tunnels were opened.
func (p *ConnectProxy) Tunnels() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tunnels
}

// Targets returns the host:port of every CONNECT and the host of every
// plain request, in arrival order.
func (p *ConnectProxy) Targets() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.targets...)
}

// Authorizations returns the Proxy-Authorization headers received, raw.
func (p *ConnectProxy) Authorizations() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.authSeen...)
}

// Close stops the proxy, cuts every open tunnel and waits for its
// goroutines.
func (p *ConnectProxy) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	err := p.ln.Close()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
	return err
}

// track registers c for Close; it reports false when the proxy is closed.
func (p *ConnectProxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		c.Close()
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *ConnectProxy) untrack(c net.Conn) {
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
	c.Close()
}

func (p *ConnectProxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(c) {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			defer p.untrack(c)
			p.handle(c)
		}()
	}
}

// handle serves one client connection: one CONNECT, or plain requests.
func (p *ConnectProxy) handle(c net.Conn) {
	lr := &io.LimitedReader{R: c, N: maxRequestHeader}
	br := bufio.NewReader(lr)
	for {
		lr.N = maxRequestHeader
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		req, err := http.ReadRequest(br)
		if err != nil {
			if lr.N <= 0 {
				writeStatus(c, http.StatusRequestHeaderFieldsTooLarge, nil)
			}
			return
		}
		_ = c.SetReadDeadline(time.Time{})
		if req.Method == http.MethodConnect {
			lr.N = math.MaxInt64
			p.handleConnect(c, br, req)
			return
		}
		if !p.handlePlain(c, req) {
			return
		}
	}
}

func (p *ConnectProxy) handleConnect(c net.Conn, br *bufio.Reader, req *http.Request) {
	p.mu.Lock()
	p.connects++
	p.targets = append(p.targets, req.Host)
	p.mu.Unlock()
	if !p.authorized(c, req) {
		return
	}
	if p.opts.Status != 0 {
		writeStatus(c, p.opts.Status, nil)
		return
	}
	addr, err := p.loopbackAddr(req.Host)
	if err != nil {
		writeStatus(c, http.StatusForbidden, nil)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	var nd net.Dialer
	up, err := nd.DialContext(ctx, "tcp", addr)
	cancel()
	if err != nil {
		writeStatus(c, http.StatusBadGateway, nil)
		return
	}
	if !p.track(up) {
		return
	}
	defer p.untrack(up)
	if _, err := io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
		return
	}
	p.mu.Lock()
	p.tunnels++
	p.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, br); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
	c.Close()
	up.Close()
	<-done
}

// handlePlain forwards one absolute-URL request; it reports whether the
// client connection may carry another.
func (p *ConnectProxy) handlePlain(c net.Conn, req *http.Request) bool {
	p.mu.Lock()
	p.targets = append(p.targets, req.URL.Host)
	p.mu.Unlock()
	if !p.authorized(c, req) {
		return false
	}
	if !req.URL.IsAbs() || req.URL.Scheme != "http" {
		writeStatus(c, http.StatusBadRequest, nil)
		return false
	}
	host := req.URL.Host
	if req.URL.Port() == "" {
		host = net.JoinHostPort(req.URL.Hostname(), "80")
	}
	addr, err := p.loopbackAddr(host)
	if err != nil {
		writeStatus(c, http.StatusForbidden, nil)
		return false
	}
	out := req.Clone(context.Background())
	out.RequestURI = ""
	out.Header.Del("Proxy-Authorization")
	out.Header.Del("Proxy-Connection")
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var nd net.Dialer
			return nd.DialContext(ctx, network, addr)
		},
		DisableKeepAlives:     true,
		ResponseHeaderTimeout: 5 * time.Second,
	}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := tr.RoundTrip(out.WithContext(ctx))
	if err != nil {
		writeStatus(c, http.StatusBadGateway, nil)
		return false
	}
	defer resp.Body.Close()
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.LimitReader(resp.Body, 1<<20), resp.Body}
	resp.Close = true
	_ = resp.Write(c)
	return false
}

// authorized checks the Basic login and answers 407 when it is wrong.
func (p *ConnectProxy) authorized(c net.Conn, req *http.Request) bool {
	got := req.Header.Get("Proxy-Authorization")
	if got != "" {
		p.mu.Lock()
		p.authSeen = append(p.authSeen, got)
		p.mu.Unlock()
	}
	if p.opts.User == "" {
		return true
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(p.opts.User+":"+p.opts.Password))
	if got == want {
		return true
	}
	h := http.Header{}
	h.Set("Proxy-Authenticate", fmt.Sprintf("Basic realm=%q", p.opts.Realm))
	writeStatus(c, http.StatusProxyAuthRequired, h)
	return false
}

// loopbackAddr maps a requested host:port to a loopback address, or
// refuses.
func (p *ConnectProxy) loopbackAddr(hostport string) (string, error) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return "", fmt.Errorf("bad target %q: %w", hostport, err)
	}
	if mapped, ok := p.opts.Hosts[strings.ToLower(host)]; ok {
		host = mapped
	} else if strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return "", errors.New("target is not a loopback address")
	}
	return net.JoinHostPort(ip.String(), port), nil
}

func writeStatus(c net.Conn, code int, h http.Header) {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", code, http.StatusText(code))
	_ = h.Write(&b)
	b.WriteString("Content-Length: 0\r\nConnection: close\r\n\r\n")
	_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_, _ = io.WriteString(c, b.String())
}
