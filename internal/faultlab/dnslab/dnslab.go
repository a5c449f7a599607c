// Package dnslab runs a real DNS server on 127.0.0.1 for tests: it answers
// chosen names with chosen addresses (a private address for a public
// name, as a hijacking captive portal or filter would), NXDOMAIN for the
// rest, and never answers the names it is told to swallow. Resolver
// returns a *net.Resolver that sends every query to it.
package dnslab

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// Config says how the server answers. Names are matched case-insensitively,
// with or without the trailing dot.
type Config struct {
	// Records maps a name to the addresses it resolves to (A and AAAA).
	Records map[string][]string
	// Silent lists names whose queries are dropped without an answer.
	Silent []string
	// TTL is the answers' time to live; zero means 60 seconds.
	TTL uint32
}

// Server is a running DNS server on 127.0.0.1 (UDP).
type Server struct {
	// Addr is the server's "127.0.0.1:port".
	Addr string

	srv     *dns.Server
	records map[string][]netip.Addr
	silent  map[string]bool
	ttl     uint32

	mu      sync.Mutex
	queries []string
}

// Start starts a server with cfg on a free UDP port of 127.0.0.1. Close it
// when done.
func Start(cfg Config) (*Server, error) {
	s := &Server{records: map[string][]netip.Addr{}, silent: map[string]bool{}, ttl: cfg.TTL}
	if s.ttl == 0 {
		s.ttl = 60
	}
	for name, addrs := range cfg.Records {
		for _, a := range addrs {
			ip, err := netip.ParseAddr(a)
			if err != nil {
				return nil, fmt.Errorf("dnslab: record %s: %w", name, err)
			}
			s.records[canon(name)] = append(s.records[canon(name)], ip.Unmap())
		}
	}
	for _, name := range cfg.Silent {
		s.silent[canon(name)] = true
	}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("dnslab: listen: %w", err)
	}
	s.Addr = pc.LocalAddr().String()
	started := make(chan struct{})
	s.srv = &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(s.serve), NotifyStartedFunc: func() { close(started) }}
	errc := make(chan error, 1)
	go func() { errc <- s.srv.ActivateAndServe() }()
	select {
	case <-started:
	case err := <-errc:
		_ = pc.Close()
		return nil, fmt.Errorf("dnslab: serve: %w", err)
	}
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error {
	if err := s.srv.Shutdown(); err != nil {
		return fmt.Errorf("dnslab: shutdown: %w", err)
	}
	return nil
}

// Queries returns the names queried so far (lower case, with the final dot).
func (s *Server) Queries() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

// Resolver returns a pure-Go resolver that sends every query to s,
// whatever server the system configuration names.
func (s *Server) Resolver() *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "udp", s.Addr)
		},
	}
}

func (s *Server) serve(w dns.ResponseWriter, req *dns.Msg) {
	if len(req.Question) != 1 {
		m := new(dns.Msg)
		m.SetRcode(req, dns.RcodeFormatError)
		_ = w.WriteMsg(m)
		return
	}
	q := req.Question[0]
	name := canon(q.Name)
	s.mu.Lock()
	s.queries = append(s.queries, name)
	s.mu.Unlock()
	if s.silent[name] {
		return // never answer
	}
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	addrs, ok := s.records[name]
	if !ok {
		m.SetRcode(req, dns.RcodeNameError)
		_ = w.WriteMsg(m)
		return
	}
	hdr := dns.RR_Header{Name: q.Name, Class: dns.ClassINET, Ttl: s.ttl}
	for _, a := range addrs {
		switch {
		case a.Is4() && q.Qtype == dns.TypeA:
			hdr.Rrtype = dns.TypeA
			m.Answer = append(m.Answer, &dns.A{Hdr: hdr, A: a.AsSlice()})
		case a.Is6() && q.Qtype == dns.TypeAAAA:
			hdr.Rrtype = dns.TypeAAAA
			m.Answer = append(m.Answer, &dns.AAAA{Hdr: hdr, AAAA: a.AsSlice()})
		}
	}
	_ = w.WriteMsg(m)
}

func canon(name string) string {
	return strings.ToLower(strings.TrimSuffix(name, ".")) + "."
}

// LookupTimeout is a lookup deadline short enough for tests that query a
// silent name.
const LookupTimeout = 500 * time.Millisecond
