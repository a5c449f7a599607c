package faultlab

import (
	"context"
	"crypto/tls"
	"net"
	"sync"
	"testing"
	"time"
)

// ConnDeadline bounds every connection a ServeConns handler gets, so a
// test whose client goes away cannot leave a handler blocked.
const ConnDeadline = 10 * time.Second

// ServeConns accepts connections on ln and runs handle for each one in
// its own goroutine, with ConnDeadline set and the connection closed
// after. The listener is closed, and every handler waited for, when the
// test ends. It returns ln's address.
func ServeConns(tb testing.TB, ln net.Listener, handle func(net.Conn)) string {
	tb.Helper()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(ConnDeadline))
				handle(c)
			}()
		}
	}()
	tb.Cleanup(func() { _ = ln.Close(); wg.Wait() })
	return ln.Addr().String()
}

// ServeTCP listens on 127.0.0.1 (a free port) and serves it with
// ServeConns.
func ServeTCP(tb testing.TB, handle func(net.Conn)) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listen on loopback: %v", err)
	}
	return ServeConns(tb, ln, handle)
}

// ServeTLS serves cert on a free 127.0.0.1 port: each connection gets a
// handshake (with whatever staple and SCTs cert carries) and is closed.
func ServeTLS(tb testing.TB, cert tls.Certificate) string {
	tb.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		tb.Fatalf("listen on loopback: %v", err)
	}
	return ServeConns(tb, ln, func(c net.Conn) { _ = c.(*tls.Conn).Handshake() })
}

// CaptureTLS connects to addr and returns what a client sees in the
// handshake — chain, stapled OCSP, SCTs — without verifying it.
func CaptureTLS(tb testing.TB, addr, serverName string) tls.ConnectionState {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), ConnDeadline)
	defer cancel()
	raw, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		tb.Fatalf("dial %s: %v", addr, err)
	}
	conn := tls.Client(raw, &tls.Config{InsecureSkipVerify: true, ServerName: serverName}) //nolint:gosec // capture only
	defer conn.Close()
	if err := conn.HandshakeContext(ctx); err != nil {
		tb.Fatalf("handshake with %s: %v", addr, err)
	}
	return conn.ConnectionState()
}
