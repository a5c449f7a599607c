package delay

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// Relay forwards TCP connections from its own loopback address to a
// target, delaying each chunk by OneWay in each direction.
type Relay struct {
	target string
	oneWay time.Duration
	ln     net.Listener

	mu     sync.Mutex
	conns  map[net.Conn]bool
	closed bool
	wg     sync.WaitGroup
}

// New starts a relay on 127.0.0.1 to target (a loopback host:port) that
// delays every write by oneWay, so a request and its answer take about
// 2*oneWay longer.
func New(target string, oneWay time.Duration) (*Relay, error) {
	if err := loopbackTarget(target); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("delay listen: %w", err)
	}
	r := &Relay{target: target, oneWay: oneWay, ln: ln, conns: map[net.Conn]bool{}}
	r.wg.Add(1)
	go r.serve()
	return r, nil
}

// Addr returns the relay's listening address ("127.0.0.1:port").
func (r *Relay) Addr() string { return r.ln.Addr().String() }

// Close stops the relay and drops every relayed connection.
func (r *Relay) Close() error {
	err := r.ln.Close()
	r.mu.Lock()
	r.closed = true
	for c := range r.conns {
		_ = c.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

func (r *Relay) track(c net.Conn) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		_ = c.Close()
		return false
	}
	r.conns[c] = true
	return true
}

func (r *Relay) untrack(c net.Conn) {
	r.mu.Lock()
	delete(r.conns, c)
	r.mu.Unlock()
	_ = c.Close()
}

func (r *Relay) serve() {
	defer r.wg.Done()
	for {
		client, err := r.ln.Accept()
		if err != nil {
			return
		}
		if !r.track(client) {
			return
		}
		r.wg.Add(1)
		go r.relay(client)
	}
}

func (r *Relay) relay(client net.Conn) {
	defer r.wg.Done()
	defer r.untrack(client)
	d := net.Dialer{Timeout: 5 * time.Second}
	server, err := d.Dial("tcp", r.target)
	if err != nil {
		return
	}
	if !r.track(server) {
		return
	}
	defer r.untrack(server)
	done := make(chan struct{}, 2)
	go func() { r.pump(server, client); done <- struct{}{} }()
	go func() { r.pump(client, server); done <- struct{}{} }()
	<-done
	// One side finished: close both so the other pump ends too.
	_ = client.Close()
	_ = server.Close()
	<-done
}

// chunkBuffers are the pumps' read buffers, reused so a benchmark's
// hundred relayed connections per run do not load the lab process's
// garbage collector (it shares the CPU with what is measured).
var chunkBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// pump copies src to dst, holding each chunk back by the one-way delay.
func (r *Relay) pump(dst, src net.Conn) {
	bp := chunkBuffers.Get().(*[]byte)
	defer chunkBuffers.Put(bp)
	buf := *bp
	for {
		n, err := src.Read(buf)
		if n > 0 {
			time.Sleep(r.oneWay)
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if tc, ok := dst.(*net.TCPConn); ok {
				_ = tc.CloseWrite()
			}
			return
		}
	}
}
