package faultlab

import (
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
