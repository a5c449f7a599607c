package tlslab

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// Server is one running scenario.
type Server struct {
	Scenario Scenario
	// Addr is the listening address, "127.0.0.1:port".
	Addr string
	// Host is the name the certificate is for; Port the listening port.
	Host string
	Port int
	// Leaf is the served certificate with its issuers (nil for the
	// scenarios that never complete a handshake).
	Leaf *pki.Cert
	// Chain is what the server presents, leaf first.
	Chain []*x509.Certificate

	close func() error
	once  sync.Once
	err   error
}

// HostPort returns "Host:Port", the target to give certwiz together with
// --resolve Host:Port:127.0.0.1.
func (s *Server) HostPort() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Close stops the server and drops its connections.
func (s *Server) Close() error {
	s.once.Do(func() { s.err = s.close() })
	return s.err
}

func (l *Lab) start(s Scenario, o *options) (*Server, error) {
	leaf := o.cert
	if leaf == nil {
		var err error
		if leaf, err = l.leafFor(s, o); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	srv := &Server{Scenario: s, Addr: ln.Addr().String(), Host: DefaultHost, Port: ln.Addr().(*net.TCPAddr).Port}
	if o.host != "" {
		srv.Host = o.host
	}
	switch s {
	case HandshakeAbort:
		srv.close = serveRaw(ln, abortHandshake)
		return srv, nil
	case PlainHTTP:
		srv.close = serveRaw(ln, answerPlainHTTP)
		return srv, nil
	case Blackhole:
		srv.close = serveRaw(ln, nil)
		return srv, nil
	}
	cert := certificate(s, leaf, o)
	if o.staple != nil {
		if cert.OCSPStaple, err = o.staple(leaf); err != nil {
			_ = ln.Close()
			return nil, fmt.Errorf("OCSP staple: %w", err)
		}
	}
	if o.scts != nil {
		if cert.SignedCertificateTimestamps, err = o.scts(leaf); err != nil {
			_ = ln.Close()
			return nil, fmt.Errorf("SCTs: %w", err)
		}
	}
	for _, der := range cert.Certificate {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			_ = ln.Close()
			return nil, fmt.Errorf("parse served certificate: %w", err)
		}
		srv.Chain = append(srv.Chain, c)
	}
	srv.Leaf = leaf
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if s == TLS10Only {
		cfg.MinVersion, cfg.MaxVersion = tls.VersionTLS10, tls.VersionTLS10
	}
	h := o.handler
	if h == nil {
		h = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, "certwiz fault lab: "+string(s)+"\n")
		})
	}
	hs := &http.Server{
		Handler:           h,
		TLSConfig:         cfg,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = hs.Serve(tls.NewListener(ln, cfg)) }()
	srv.close = hs.Close
	return srv, nil
}

// serveRaw accepts connections and hands each to handle (nil: hold it
// open, silent, until Close). The returned func closes everything.
func serveRaw(ln net.Listener, handle func(net.Conn)) func() error {
	var (
		mu    sync.Mutex
		conns = map[net.Conn]bool{}
		wg    sync.WaitGroup
		done  = make(chan struct{})
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns[c] = true
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				if handle != nil {
					_ = c.SetDeadline(time.Now().Add(10 * time.Second))
					handle(c)
				} else {
					<-done
				}
				mu.Lock()
				delete(conns, c)
				mu.Unlock()
				_ = c.Close()
			}()
		}
	}()
	return func() error {
		err := ln.Close()
		close(done)
		mu.Lock()
		for c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
		if errors.Is(err, net.ErrClosed) {
			err = nil
		}
		return err
	}
}

// readRecord reads one TLS record (the ClientHello), at most 16 KiB.
func readRecord(c net.Conn) {
	hdr := make([]byte, 5)
	if _, err := io.ReadFull(c, hdr); err != nil {
		return
	}
	n := int(hdr[3])<<8 | int(hdr[4])
	_, _ = io.CopyN(io.Discard, c, int64(min(n, 16<<10)))
}

// abortHandshake answers the ClientHello with a fatal handshake_failure
// alert.
func abortHandshake(c net.Conn) {
	readRecord(c)
	_, _ = c.Write([]byte{21, 3, 1, 0, 2, 2, 40})
}

// answerPlainHTTP replies as a plain HTTP server would to bytes it does
// not understand.
func answerPlainHTTP(c net.Conn) {
	readRecord(c)
	_, _ = io.WriteString(c, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 12\r\n\r\nBad Request\n")
}
