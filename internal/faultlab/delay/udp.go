package delay

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// maxDatagram bounds one relayed datagram.
const maxDatagram = 64 << 10

// UDPRelay forwards datagrams from its loopback address to a target and
// the answers back, each delayed by the one-way delay (for NTP, STUN).
type UDPRelay struct {
	target *net.UDPAddr
	oneWay time.Duration
	pc     *net.UDPConn

	mu       sync.Mutex
	upstream map[string]*net.UDPConn // client address -> socket to target
	closed   bool
	wg       sync.WaitGroup
}

// NewUDP starts a UDP relay on 127.0.0.1 to target (a loopback
// host:port) that delays each datagram by oneWay in each direction.
func NewUDP(target string, oneWay time.Duration) (*UDPRelay, error) {
	if err := loopbackTarget(target); err != nil {
		return nil, err
	}
	ta, err := net.ResolveUDPAddr("udp", target)
	if err != nil {
		return nil, fmt.Errorf("delay target: %w", err)
	}
	pc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, fmt.Errorf("delay listen: %w", err)
	}
	r := &UDPRelay{target: ta, oneWay: oneWay, pc: pc, upstream: map[string]*net.UDPConn{}}
	r.wg.Add(1)
	go r.serve()
	return r, nil
}

// Addr returns the relay's listening address ("127.0.0.1:port").
func (r *UDPRelay) Addr() string { return r.pc.LocalAddr().String() }

// Close stops the relay.
func (r *UDPRelay) Close() error {
	err := r.pc.Close()
	r.mu.Lock()
	r.closed = true
	for _, u := range r.upstream {
		_ = u.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

func (r *UDPRelay) serve() {
	defer r.wg.Done()
	buf := make([]byte, maxDatagram)
	for {
		n, client, err := r.pc.ReadFromUDP(buf)
		if err != nil {
			return
		}
		up := r.upstreamFor(client)
		if up == nil {
			continue
		}
		pkt := append([]byte(nil), buf[:n]...)
		r.later(func() { _, _ = up.Write(pkt) })
	}
}

// later runs f after the one-way delay unless the relay closed first.
func (r *UDPRelay) later(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.wg.Add(1)
	time.AfterFunc(r.oneWay, func() { defer r.wg.Done(); f() })
}

// upstreamFor returns the socket relaying client's datagrams, creating
// it (and the goroutine returning answers) on first use.
func (r *UDPRelay) upstreamFor(client *net.UDPAddr) *net.UDPConn {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	if u := r.upstream[client.String()]; u != nil {
		return u
	}
	u, err := net.DialUDP("udp", nil, r.target)
	if err != nil {
		return nil
	}
	r.upstream[client.String()] = u
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		buf := make([]byte, maxDatagram)
		for {
			n, err := u.Read(buf)
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err != nil {
				continue // e.g. port unreachable: the client will retry
			}
			pkt := append([]byte(nil), buf[:n]...)
			r.later(func() { _, _ = r.pc.WriteToUDP(pkt, client) })
		}
	}()
	return u
}
