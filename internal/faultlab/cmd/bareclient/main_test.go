package main

import (
	"context"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

func TestHandshakesWithEveryServer(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	var addrs []string
	for range 3 {
		addrs = append(addrs, lab.Serve(t, tlslab.Valid).Addr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := run(ctx, tlslab.DefaultHost, addrs); err != nil {
		t.Fatal(err)
	}
}

func TestReportsAServerThatDoesNotHandshake(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	ok := lab.Serve(t, tlslab.Valid).Addr
	abort := lab.Serve(t, tlslab.HandshakeAbort).Addr
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := run(ctx, tlslab.DefaultHost, []string{ok, abort}); err == nil {
		t.Fatal("a handshake that was aborted counted as done")
	}
}

func TestRefusesWhatIsNotLoopback(t *testing.T) {
	t.Parallel()
	for _, addrs := range [][]string{nil, {"192.0.2.1:443"}, {"example.test:443"}, {"127.0.0.1"}} {
		if err := run(context.Background(), "x", addrs); err == nil {
			t.Errorf("%q: accepted", addrs)
		}
	}
}
