package tlsprobe

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Probe connects to cfg.Host:cfg.Port, completes a TLS handshake without
// trusting anything, captures what the server presented and returns every
// finding, ranked. It returns by ctx's deadline whatever the server does.
func Probe(ctx context.Context, cfg Config) *Result {
	start := time.Now()
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	r := &Result{Host: cfg.Host, Port: cfg.Port, paths: cfg.Paths}
	if dl, ok := ctx.Deadline(); ok {
		r.budget = dl.Sub(start)
	}
	defer func() { r.Duration = time.Since(start) }()

	conn, addr, proxy, stage, err := dial(ctx, cfg)
	r.Addr, r.Proxy = addr, proxy
	if err != nil {
		r.Err = err
		r.Findings = []findings.Finding{connFinding(ctx, r, stage, err)}
		return r
	}
	state, err := handshake(ctx, conn, cfg.Host)
	r.LocalTime = now()
	if state != nil {
		r.capture(state)
	}
	if err != nil {
		r.Err = err
		cf := connFinding(ctx, r, "handshake", err)
		var explained []findings.Finding
		if len(r.Chain) == 0 && rawWorth(cf.ID) && ctx.Err() == nil {
			explained = r.rawProbe(ctx, cfg)
		}
		if len(explained) > 0 {
			r.Findings = append(r.Findings, explained...)
		} else {
			r.Findings = append(r.Findings, cf)
		}
	} else {
		r.Findings = append(r.Findings, r.judgeNegotiated(ctx, cfg)...)
	}
	if len(r.Chain) > 0 {
		r.Findings = append(r.Findings, r.judge(ctx, cfg, r.LocalTime)...)
	} else if err == nil {
		r.Findings = append(r.Findings, newFinding(IDNoCertificate, findings.CodeOther, findings.Critical, -1,
			"The server completed the handshake without presenting a certificate."))
	}
	findings.Sort(r.Findings)
	return r
}

func dial(ctx context.Context, cfg Config) (conn net.Conn, addr, proxy, stage string, err error) {
	hostport := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	if cfg.Dial != nil {
		conn, addr, proxy, err = cfg.Dial(ctx, cfg.Host, cfg.Port)
		if err != nil {
			if addr == "" {
				addr = hostport
			}
			return nil, addr, proxy, "connect", fmt.Errorf("connect to %s: %w", hostport, err)
		}
		if addr == "" {
			addr = conn.RemoteAddr().String()
		}
		return conn, addr, proxy, "", nil
	}
	d := net.Dialer{KeepAlive: -1} // seconds-long connections: keep-alive would never fire
	conn, err = d.DialContext(ctx, "tcp", hostport)
	if err != nil {
		return nil, hostport, "", "connect", fmt.Errorf("connect to %s: %w", hostport, err)
	}
	return conn, conn.RemoteAddr().String(), "", "", nil
}

// handshake runs a TLS handshake that accepts any certificate, offering
// TLS 1.0 to 1.3 and every cipher suite Go implements, so an outdated
// server is described instead of refused. The connection state seen at
// certificate time is returned even when the handshake later fails.
func handshake(ctx context.Context, conn net.Conn, host string) (*tls.ConnectionState, error) {
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	var seen *tls.ConnectionState
	cfg := &tls.Config{
		InsecureSkipVerify: true, // verified below, check by check
		MinVersion:         tls.VersionTLS10,
		MaxVersion:         tls.VersionTLS13,
		CipherSuites:       allCipherSuites(),
		VerifyConnection: func(cs tls.ConnectionState) error {
			seen = &cs
			return nil
		},
	}
	if net.ParseIP(host) == nil {
		cfg.ServerName = host
	}
	rec := &recordingConn{Conn: conn}
	tc := tls.Client(rec, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		var rhe tls.RecordHeaderError
		if errors.As(err, &rhe) && bytes.HasPrefix(rhe.RecordHeader[:], []byte("HTTP/")) {
			err = &plainHTTPError{line: firstLine(rec.first), err: err}
		}
		return seen, fmt.Errorf("TLS handshake: %w", err)
	}
	cs := tc.ConnectionState()
	_ = tc.Close()
	return &cs, nil
}

// allCipherSuites is every suite Go implements, secure ones first; the
// list is built once and shared (tls.Config never changes it).
var allCipherSuites = sync.OnceValue(func() []uint16 {
	var ids []uint16
	for _, s := range tls.CipherSuites() {
		ids = append(ids, s.ID)
	}
	for _, s := range tls.InsecureCipherSuites() {
		ids = append(ids, s.ID)
	}
	return ids
})

func (r *Result) capture(cs *tls.ConnectionState) {
	r.Version, r.CipherSuite = cs.Version, cs.CipherSuite
	r.StapledOCSP = cs.OCSPResponse
	r.SCTs = cs.SignedCertificateTimestamps
	r.setChain(cs.PeerCertificates)
}

func newFinding(id string, code findings.Code, sev findings.Severity, idx int, summary string) findings.Finding {
	return findings.Finding{ID: id, Code: code, Severity: sev, Summary: summary, CertIndex: idx}
}
