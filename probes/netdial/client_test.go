package netdial

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/proxylab"
)

func startHTTP(t *testing.T, tlsOn bool) (*httptest.Server, string) {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hi "+r.Host) })
	mux.HandleFunc("/portal", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hello", http.StatusFound)
	})
	srv := httptest.NewUnstartedServer(mux)
	if tlsOn {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return srv, u.Port()
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp, string(b), nil
}

func trusting(c *http.Client, srv *httptest.Server) *http.Client {
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	c.Transport.(*http.Transport).TLSClientConfig = &tls.Config{RootCAs: pool}
	return c
}

func TestHTTPClientResolveDirect(t *testing.T) {
	t.Parallel()
	_, port := startHTTP(t, false)
	d := &Dialer{Resolve: map[string]string{"zoom.test:" + port: "127.0.0.1"}}
	resp, body, err := get(t, d.HTTPClient(), "http://zoom.test:"+port+"/hello")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || body != "hi zoom.test:"+port {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
}

func TestHTTPClientThroughProxy(t *testing.T) {
	t.Parallel()
	srv, port := startHTTP(t, true)
	_, plainPort := startHTTP(t, false)
	p := startProxy(t, proxylab.ConnectOptions{User: "u", Password: "p", Hosts: map[string]string{"example.com": "127.0.0.1", "zoom.test": "127.0.0.1"}})
	d := &Dialer{Proxy: Fixed(p.URLWithLogin("u", "p"))}
	// httptest's certificate names example.com.
	resp, body, err := get(t, trusting(d.HTTPClient(), srv), "https://example.com:"+port+"/hello")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || body != "hi example.com:"+port || p.Tunnels() != 1 {
		t.Fatalf("got %d %q, tunnels %d", resp.StatusCode, body, p.Tunnels())
	}
	// Plain HTTP goes to the proxy as an absolute URL.
	resp, body, err = get(t, d.HTTPClient(), "http://zoom.test:"+plainPort+"/hello")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || body != "hi zoom.test:"+plainPort {
		t.Fatalf("plain through proxy: %d %q", resp.StatusCode, body)
	}

	// Without the login the CONNECT is refused with a ProxyError.
	bare := &Dialer{Proxy: Fixed(p.URL())}
	_, _, err = get(t, trusting(bare.HTTPClient(), srv), "https://example.com:"+port+"/hello")
	var pe *ProxyError
	if !errors.As(err, &pe) || pe.StatusCode != 407 {
		t.Fatalf("err = %v, want a 407 ProxyError", err)
	}
}

func TestHTTPClientRedirects(t *testing.T) {
	t.Parallel()
	_, port := startHTTP(t, false)
	d := &Dialer{}
	resp, _, err := get(t, d.HTTPClientNoRedirect(), "http://127.0.0.1:"+port+"/portal")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/hello" {
		t.Fatalf("no-redirect client: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body, err := get(t, d.HTTPClient(), "http://127.0.0.1:"+port+"/portal")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || body != "hi 127.0.0.1:"+port {
		t.Fatalf("redirect-following client: %d %q", resp.StatusCode, body)
	}
}
