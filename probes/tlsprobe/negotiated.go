package tlsprobe

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strconv"

	"github.com/certwiz/certwiz/findings"
)

// judgeNegotiated judges what the diagnostic handshake negotiated as a
// browser would: a protocol older than TLS 1.2, or a suite browsers no
// longer offer. A TLS 1.2+ connection on a refused suite is retried with
// only the browsers' suites; when that succeeds, the server merely also
// accepts the old suite and nothing is reported (the browser's version
// and suite are kept). The findings rank as handshake-blocking (see
// findings.Priority).
func (r *Result) judgeNegotiated(ctx context.Context, cfg Config) []findings.Finding {
	if r.Version == 0 {
		return nil
	}
	out := checkVersion(r.Version)
	name := SuiteName(r.CipherSuite)
	problem := suiteProblem(name)
	if problem == "" {
		return out
	}
	if r.Version >= tls.VersionTLS12 {
		if v, s, ok := browserHandshake(ctx, cfg); ok {
			r.Version, r.CipherSuite = v, s
			return out
		}
	}
	return append(out, weakSuiteFinding(name, problem, 0))
}

func weakSuiteFinding(name, problem string, dhBits int) findings.Finding {
	if dhBits > 0 && dhBits < MinDHBits {
		bits := strconv.Itoa(dhBits)
		return newFinding(IDWeakDH, findings.CodeOther, findings.Critical, -1,
			fmt.Sprintf("The server's Diffie-Hellman group has only %s bits (%s); browsers refuse groups under %d bits.", bits, name, MinDHBits)).
			With(LabelCipherSuite, name).With(LabelDHBits, bits)
	}
	f := newFinding(IDWeakCipher, findings.CodeOther, findings.Critical, -1, suiteSummary(name, problem)).
		With(LabelCipherSuite, name).With(LabelSuiteProblem, problem)
	if dhBits > 0 {
		f = f.With(LabelDHBits, strconv.Itoa(dhBits))
	}
	return f
}

// browserHandshake connects again offering only what current browsers
// offer (TLS 1.2 and 1.3, ECDHE suites) and returns what was negotiated.
func browserHandshake(ctx context.Context, cfg Config) (version, suite uint16, ok bool) {
	conn, _, _, _, err := dial(ctx, cfg)
	if err != nil {
		return 0, 0, false
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	tc := &tls.Config{
		InsecureSkipVerify: true, // only the negotiation is of interest here
		MinVersion:         tls.VersionTLS12,
		CipherSuites:       browserSuites(),
	}
	if net.ParseIP(cfg.Host) == nil {
		tc.ServerName = cfg.Host
	}
	c := tls.Client(conn, tc)
	if err := c.HandshakeContext(ctx); err != nil {
		return 0, 0, false
	}
	cs := c.ConnectionState()
	return cs.Version, cs.CipherSuite, true
}

// rawWorth reports handshake failures a server that speaks only what Go
// refuses would cause (an alert, a suite or version Go did not offer, a
// certificate Go could not parse): a raw handshake may tell what it was.
func rawWorth(id string) bool {
	return id == IDHandshakeAlert || id == IDHandshakeFailed || id == IDNoCommonVersion
}

// rawProbe runs the raw ClientHello against the target and adopts what the
// server's first flight shows: version, suite, DH group and certificates.
// It returns the handshake-blocking findings (empty when the raw handshake
// found nothing to explain the failure).
func (r *Result) rawProbe(ctx context.Context, cfg Config) []findings.Finding {
	conn, _, _, _, err := dial(ctx, cfg)
	if err != nil {
		return nil
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	if _, err := conn.Write(clientHello(cfg.Host, offeredSuites())); err != nil {
		return nil
	}
	h, _ := parseServerFlight(conn)
	if h == nil {
		return nil
	}
	r.Version, r.CipherSuite, r.DHBits = h.Version, h.Suite, h.DHBits
	var out []findings.Finding
	out = append(out, checkVersion(h.Version)...)
	name := SuiteName(h.Suite)
	if p := suiteProblem(name); p != "" {
		out = append(out, weakSuiteFinding(name, p, h.DHBits))
	}
	chain, unreadable := parseRawChain(h.Certs)
	r.setChain(chain)
	r.unreadable = len(unreadable)
	return append(out, unreadable...)
}
