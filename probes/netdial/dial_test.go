package netdial

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/proxylab"
)

func startProxy(t *testing.T, opts proxylab.ConnectOptions) *proxylab.ConnectProxy {
	t.Helper()
	p, err := proxylab.StartConnect(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestDirectDialHonoursResolve(t *testing.T) {
	t.Parallel()
	srv := startTLSServer(t)
	d := &Dialer{Resolve: map[string]string{"zoom.test:" + itoa(srv.port): "127.0.0.1"}}
	conn, route, err := d.DialTLSRoute(testCtx(t), "zoom.test", srv.port)
	if err != nil {
		t.Fatal(err)
	}
	if want := "127.0.0.1:" + itoa(srv.port); route.Addr != want || route.Proxy != "" {
		t.Fatalf("route = %+v, want Addr %s and no proxy", route, want)
	}
	if got := greet(t, conn, "zoom.test", srv.roots); got != "hello zoom.test\n" {
		t.Fatalf("greeting = %q", got)
	}
}

func TestDirectDialWithoutOverrideUsesResolver(t *testing.T) {
	t.Parallel()
	srv := startTLSServer(t)
	// An override for another port must not apply.
	d := &Dialer{Resolve: map[string]string{"localhost:1": "127.0.0.2"}}
	conn, route, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", srv.port)
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if route.Addr != "127.0.0.1:"+itoa(srv.port) {
		t.Fatalf("route = %+v", route)
	}
	if _, _, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", 0); err == nil {
		t.Fatal("port 0 accepted")
	}
}

func TestDialThroughConnectProxy(t *testing.T) {
	t.Parallel()
	srv := startTLSServer(t)
	p := startProxy(t, proxylab.ConnectOptions{Hosts: map[string]string{"zoom.test": "127.0.0.1"}})
	// The proxy's own name is resolved with the override; the target's is
	// sent to the proxy as it is.
	proxyURL := &url.URL{Scheme: "http", Host: "proxy.test:" + portOf(t, p.Addr())}
	d := &Dialer{
		Resolve: map[string]string{"proxy.test:" + portOf(t, p.Addr()): "127.0.0.1"},
		Proxy:   Fixed(proxyURL),
	}
	conn, route, err := d.DialTLSRoute(testCtx(t), "zoom.test", srv.port)
	if err != nil {
		t.Fatal(err)
	}
	if route.Addr != p.Addr() || route.Proxy != proxyURL.String() {
		t.Fatalf("route = %+v, want Addr %s Proxy %s", route, p.Addr(), proxyURL)
	}
	if got := greet(t, conn, "zoom.test", srv.roots); got != "hello zoom.test\n" {
		t.Fatalf("greeting = %q", got)
	}
	if got, want := p.Targets(), []string{"zoom.test:" + itoa(srv.port)}; !reflect.DeepEqual(got, want) {
		t.Fatalf("proxy saw CONNECT %v, want %v", got, want)
	}
	if p.Tunnels() != 1 {
		t.Fatalf("tunnels = %d", p.Tunnels())
	}
}

func TestProxyLogin(t *testing.T) {
	t.Parallel()
	srv := startTLSServer(t)
	p := startProxy(t, proxylab.ConnectOptions{User: "alice", Password: "s3cret:pw", Realm: "office"})

	t.Run("missing", func(t *testing.T) {
		d := &Dialer{Proxy: Fixed(p.URL())}
		_, route, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", srv.port)
		var pe *ProxyError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v, want *ProxyError", err)
		}
		if pe.StatusCode != 407 || !pe.NeedsCredentials() || !strings.Contains(pe.Authenticate, `realm="office"`) {
			t.Fatalf("ProxyError = %+v", pe)
		}
		if !strings.Contains(pe.Error(), "user name and password") || !strings.Contains(pe.Error(), p.URL().String()) {
			t.Fatalf("Error() = %q", pe.Error())
		}
		if route.Proxy != p.URL().String() {
			t.Fatalf("route = %+v", route)
		}
	})
	t.Run("wrong", func(t *testing.T) {
		d := &Dialer{Proxy: Fixed(p.URLWithLogin("alice", "nope"))}
		_, route, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", srv.port)
		var pe *ProxyError
		if !errors.As(err, &pe) || pe.StatusCode != 407 {
			t.Fatalf("err = %v, want 407", err)
		}
		if strings.Contains(err.Error(), "nope") || strings.Contains(route.Proxy, "nope") || strings.Contains(pe.Proxy, "alice") {
			t.Fatalf("credentials leaked: %q / %+v", err, route)
		}
	})
	t.Run("right", func(t *testing.T) {
		d := &Dialer{Proxy: Fixed(p.URLWithLogin("alice", "s3cret:pw"))}
		conn, route, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", srv.port)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(route.Proxy, "s3cret") {
			t.Fatalf("route leaks the password: %+v", route)
		}
		if got := greet(t, conn, "127.0.0.1", srv.roots); got != "hello \n" {
			t.Fatalf("greeting = %q", got)
		}
	})
}

func TestProxyRefusal(t *testing.T) {
	t.Parallel()
	p := startProxy(t, proxylab.ConnectOptions{Status: 403})
	d := &Dialer{Proxy: Fixed(p.URL())}
	_, _, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", 443)
	var pe *ProxyError
	if !errors.As(err, &pe) || pe.StatusCode != 403 || pe.NeedsCredentials() {
		t.Fatalf("err = %v, want a 403 ProxyError", err)
	}
	// A target the proxy cannot reach: 502.
	p2 := startProxy(t, proxylab.ConnectOptions{})
	d2 := &Dialer{Proxy: Fixed(p2.URL())}
	_, _, err = d2.DialTLSRoute(testCtx(t), "127.0.0.1", closedPort(t))
	if !errors.As(err, &pe) || pe.StatusCode != 502 {
		t.Fatalf("err = %v, want a 502 ProxyError", err)
	}
}

func TestNoProxyBypassesProxy(t *testing.T) {
	t.Parallel()
	srv := startTLSServer(t)
	p := startProxy(t, proxylab.ConnectOptions{Hosts: map[string]string{"zoom.test": "127.0.0.1", "other.test": "127.0.0.1"}})
	resolve := map[string]string{"zoom.test:" + itoa(srv.port): "127.0.0.1", "other.test:" + itoa(srv.port): "127.0.0.1"}
	d := &Dialer{Resolve: resolve, Proxy: FromValues(p.URL().String(), "", "zoom.test,.example.com")}

	conn, route, err := d.DialTLSRoute(testCtx(t), "zoom.test", srv.port)
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if route.Proxy != "" || p.Connects() != 0 {
		t.Fatalf("NO_PROXY host went through the proxy: %+v, connects %d", route, p.Connects())
	}
	conn, route, err = d.DialTLSRoute(testCtx(t), "other.test", srv.port)
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if route.Proxy == "" || p.Connects() != 1 {
		t.Fatalf("other host bypassed the proxy: %+v, connects %d", route, p.Connects())
	}
}

func TestFromEnvironment(t *testing.T) {
	for _, k := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD"} {
		t.Setenv(k, "")
	}
	t.Setenv("https_proxy", "http://user:pw@proxy.test:3128")
	t.Setenv("NO_PROXY", "bypass.test")
	f := FromEnvironment()
	got, err := f(&url.URL{Scheme: "https", Host: "zoom.test:443"})
	if err != nil || got == nil || got.Host != "proxy.test:3128" || Redact(got) != "http://proxy.test:3128" {
		t.Fatalf("proxy for zoom.test = %v, %v", got, err)
	}
	if got, _ := f(&url.URL{Scheme: "https", Host: "bypass.test:443"}); got != nil {
		t.Fatalf("NO_PROXY host got proxy %v", got)
	}
	if got, _ := f(&url.URL{Scheme: "https", Host: "127.0.0.1:443"}); got != nil {
		t.Fatalf("loopback got proxy %v", got)
	}
	t.Setenv("https_proxy", "")
	t.Setenv("HTTP_PROXY", "http://plain.test:8080")
	if got, _ := FromEnvironment()(&url.URL{Scheme: "https", Host: "zoom.test:443"}); got != nil {
		t.Fatalf("HTTP_PROXY must not apply to https URLs, got %v", got)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	u, _ := url.Parse("http://bob:hunter2@proxy.test:3128")
	if got := Redact(u); got != "http://proxy.test:3128" {
		t.Fatalf("Redact = %q", got)
	}
	if u.User == nil {
		t.Fatal("Redact changed its argument")
	}
	if Redact(nil) != "" {
		t.Fatal("Redact(nil) not empty")
	}
}

func TestHTTPSProxy(t *testing.T) {
	t.Parallel()
	srv := startTLSServer(t)
	root, err := pki.NewRoot("proxy root")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := root.Leaf([]string{"proxy.test"})
	if err != nil {
		t.Fatal(err)
	}
	p := startProxy(t, proxylab.ConnectOptions{TLS: &tls.Config{Certificates: []tls.Certificate{leaf.TLS()}}})
	port := portOf(t, p.Addr())
	pu := &url.URL{Scheme: "https", Host: "proxy.test:" + port}
	d := &Dialer{
		Resolve:  map[string]string{"proxy.test:" + port: "127.0.0.1"},
		Proxy:    Fixed(pu),
		ProxyTLS: &tls.Config{RootCAs: root.Pool()},
	}
	conn, route, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", srv.port)
	if err != nil {
		t.Fatal(err)
	}
	if route.Proxy != pu.String() {
		t.Fatalf("route = %+v", route)
	}
	if got := greet(t, conn, "zoom.test", srv.roots); got != "hello zoom.test\n" {
		t.Fatalf("greeting = %q", got)
	}
	// Without the proxy's root the TLS session to the proxy must fail.
	d.ProxyTLS = nil
	if _, _, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", srv.port); err == nil || !strings.Contains(err.Error(), "TLS to the proxy") {
		t.Fatalf("untrusted https proxy: err = %v", err)
	}
}

func TestUnsupportedProxyScheme(t *testing.T) {
	t.Parallel()
	d := &Dialer{Proxy: Fixed(&url.URL{Scheme: "ftp", Host: "127.0.0.1:21"})}
	if _, _, err := d.DialTLSRoute(testCtx(t), "127.0.0.1", 443); err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Fatalf("err = %v", err)
	}
}

// rawProxy is a loopback server that reads a request head and answers
// with fixed bytes, for proxies that misbehave.
func rawProxy(t *testing.T, answer []byte, hang bool) string {
	t.Helper()
	stop := make(chan struct{})
	addr := faultlab.ServeTCP(t, func(c net.Conn) {
		buf := make([]byte, 4096)
		var head []byte
		for !strings.Contains(string(head), "\r\n\r\n") {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			head = append(head, buf[:n]...)
		}
		if hang {
			<-stop
			return
		}
		_, _ = c.Write(answer)
		_, _ = io.Copy(io.Discard, c)
	})
	t.Cleanup(func() { close(stop) }) // runs before the server's cleanup
	return "http://" + addr
}

func TestTunnelKeepsBytesSentWithTheAnswer(t *testing.T) {
	t.Parallel()
	addr := rawProxy(t, []byte("HTTP/1.1 200 OK\r\nX-A: b\r\n\r\nEARLY-BYTES"), false)
	pu, _ := url.Parse(addr)
	d := &Dialer{Proxy: Fixed(pu)}
	conn, _, err := d.DialTLSRoute(testCtx(t), "zoom.test", 443)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, len("EARLY-BYTES"))
	if _, err := io.ReadFull(conn, buf); err != nil || string(buf) != "EARLY-BYTES" {
		t.Fatalf("read %q, %v; bytes after the proxy's answer were lost", buf, err)
	}
}

func TestProxyAnswerIsCapped(t *testing.T) {
	t.Parallel()
	big := "HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", 2*MaxProxyHeader) + "\r\n\r\n"
	pu, _ := url.Parse(rawProxy(t, []byte(big), false))
	d := &Dialer{Proxy: Fixed(pu)}
	_, _, err := d.DialTLSRoute(testCtx(t), "zoom.test", 443)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v, want the size cap", err)
	}
}

func TestProxyAnswerNotHTTP(t *testing.T) {
	t.Parallel()
	pu, _ := url.Parse(rawProxy(t, []byte("SSH-2.0-OpenSSH_9.2\r\n"), false))
	d := &Dialer{Proxy: Fixed(pu)}
	_, _, err := d.DialTLSRoute(testCtx(t), "zoom.test", 443)
	var pe *ProxyError
	if err == nil || errors.As(err, &pe) {
		t.Fatalf("err = %v, want a protocol error", err)
	}
}

func TestSilentProxyObeysContext(t *testing.T) {
	t.Parallel()
	pu, _ := url.Parse(rawProxy(t, nil, true))
	d := &Dialer{Proxy: Fixed(pu)}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, _, err := d.DialTLSRoute(ctx, "zoom.test", 443)
		errc <- err
	}()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, _, err := d.DialTLSRoute(ctx2, "zoom.test", 443); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func portOf(t *testing.T, addr string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}
