package ocsplab

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Relay is a loopback HTTP server that forwards each request, one at a
// time and on a fresh connection, to a backend that serves a single
// connection at a time (OpenSSL's responder).
type Relay struct {
	// URL is "http://127.0.0.1:PORT".
	URL      string
	backend  string
	mu       sync.Mutex
	requests atomic.Int64
	client   *http.Client
	methods  []string // guarded by mu
}

// Methods returns the HTTP methods of the relayed requests, in order.
func (r *Relay) Methods() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.methods...)
}

// Requests returns how many requests were relayed.
func (r *Relay) Requests() int { return int(r.requests.Load()) }

// StartRelay serves on 127.0.0.1 and forwards to backend ("host:port").
func StartRelay(tb testing.TB, backend string) *Relay {
	tb.Helper()
	r := &Relay{backend: backend, client: &http.Client{
		Transport: &http.Transport{DisableKeepAlives: true, Proxy: nil},
		Timeout:   5 * time.Second,
	}}
	r.URL = serve(tb, http.HandlerFunc(r.forward))
	return r
}

func (r *Relay) forward(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests.Add(1)
	r.methods = append(r.methods, req.Method)
	ctx, cancel := context.WithTimeout(req.Context(), 5*time.Second)
	defer cancel()
	out, err := http.NewRequestWithContext(ctx, req.Method, "http://"+r.backend+req.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if len(body) == 0 {
		out.Body = nil
	}
	out.Header.Set("Content-Type", req.Header.Get("Content-Type"))
	resp, err := r.client.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(data)
}

// serve runs h on 127.0.0.1 until the test ends and returns its URL.
func serve(tb testing.TB, h http.Handler) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("ocsplab: listen: %v", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	tb.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

// DeadURL returns an http URL on 127.0.0.1 where nothing listens: a
// responder that is down.
func DeadURL(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("ocsplab: listen: %v", err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "http://" + addr + "/ocsp"
}

// ServeSilent returns an http URL on 127.0.0.1 whose server accepts
// connections and never answers: a responder behind a firewall that
// drops traffic, or a hung server.
func ServeSilent(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("ocsplab: listen: %v", err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	tb.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return "http://" + ln.Addr().String() + "/ocsp"
}
