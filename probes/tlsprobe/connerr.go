package tlsprobe

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// maxPeek bounds what is read from a plain-HTTP answer for evidence.
const maxPeek = 512

// connFinding turns a dial or handshake error into one finding. These
// mean the certificate could not be examined, so their severity is
// Unknown (code 100), with the raw error text as evidence.
func connFinding(ctx context.Context, r *Result, stage string, err error) findings.Finding {
	f := classify(ctx, r, err)
	f.Code, f.Severity, f.CertIndex = findings.CodeOther, findings.Unknown, -1
	f.NotTested = NotTested(f.ID)
	f = f.With(LabelHost, r.Host).With(LabelPort, strconv.Itoa(r.Port))
	if r.Addr != "" {
		f = f.With(LabelAddress, r.Addr)
	}
	if r.Proxy != "" && f.ID != IDProxy {
		f = f.With(LabelProxy, r.Proxy)
	}
	return f.With(LabelStage, stage).With(LabelError, err.Error())
}

func classify(ctx context.Context, r *Result, err error) findings.Finding {
	target := net.JoinHostPort(r.Host, strconv.Itoa(r.Port))
	var (
		dnsErr *net.DNSError
		rhe    tls.RecordHeaderError
		opErr  *net.OpError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return findings.Finding{ID: IDCancelled, Summary: "The check of " + target + " was cancelled before it finished."}
	case isDialStage(err) && (r.Proxy != "" || strings.Contains(strings.ToLower(err.Error()), "proxy")):
		f := findings.Finding{ID: IDProxy, Summary: "The proxy did not open a connection to " + target + "."}
		var ps proxyStatus
		if errors.As(err, &ps) && ps.ProxyStatus() == 407 {
			f = findings.Finding{ID: IDProxyLogin, Summary: "The proxy asks for a login before it opens a connection to " + target + "."}
		}
		if r.Proxy != "" {
			f.Summary = strings.Replace(f.Summary, "The proxy", "The proxy "+r.Proxy, 1)
			f = f.With(LabelProxy, r.Proxy)
		}
		if ps != nil {
			f = f.With(LabelProxyStatus, strconv.Itoa(ps.ProxyStatus()))
		}
		return f
	case errors.As(err, &dnsErr):
		return findings.Finding{ID: IDDNS, Summary: "The name " + r.Host + " could not be looked up."}
	case errors.As(err, &rhe):
		return recordHeaderFinding(target, rhe, err)
	case errors.As(err, &opErr) && opErr.Op == "remote error":
		alert := strings.TrimPrefix(opErr.Err.Error(), "tls: ")
		if alert == "protocol version not supported" {
			return findings.Finding{ID: IDNoCommonVersion, Summary: target + " refused every TLS version offered (1.0 to 1.3)."}.
				With(LabelAlert, alert)
		}
		return findings.Finding{ID: IDHandshakeAlert, Summary: target + " ended the handshake with the alert \"" + alert + "\"."}.
			With(LabelAlert, alert)
	case strings.Contains(err.Error(), "unsupported protocol version"):
		return findings.Finding{ID: IDNoCommonVersion, Summary: target + " only speaks a protocol version older than TLS 1.0."}
	case isTimeout(ctx, err):
		f := findings.Finding{ID: IDTimeout, Summary: target + " did not answer in time."}
		if r.budget > 0 {
			f = f.With(LabelTimeout, r.budget.Round(time.Millisecond).String())
		}
		return f
	case errors.Is(err, syscall.ECONNREFUSED):
		return findings.Finding{ID: IDRefused, Summary: target + " refused the connection: nothing listens on that port."}
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE):
		return findings.Finding{ID: IDReset, Summary: "The connection to " + target + " was reset during the handshake."}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return findings.Finding{ID: IDClosed, Summary: target + " closed the connection during the handshake."}
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		return findings.Finding{ID: IDUnreachable, Summary: "There is no network route to " + target + "."}
	case isDialStage(err):
		return findings.Finding{ID: IDConnectFailed, Summary: "Could not connect to " + target + "."}
	}
	return findings.Finding{ID: IDHandshakeFailed, Summary: "The TLS handshake with " + target + " failed."}
}

// proxyStatus is an error from a proxy that answered the tunnel request
// with a refusal; netdial.ProxyError implements it.
type proxyStatus interface {
	error
	ProxyStatus() int
}

// isDialStage reports errors from dial (wrapped as "connect to ...").
func isDialStage(err error) bool { return strings.HasPrefix(err.Error(), "connect to ") }

func isTimeout(ctx context.Context, err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return ctx.Err() != nil
}

// recordHeaderFinding explains a reply that is not TLS at all; a reply
// starting "HTTP/" is a plain HTTP server (often a captive portal or a
// proxy) answering on the TLS port.
func recordHeaderFinding(target string, rhe tls.RecordHeaderError, err error) findings.Finding {
	hdr := rhe.RecordHeader[:]
	if bytes.HasPrefix(hdr, []byte("HTTP/")) {
		f := findings.Finding{ID: IDPlainHTTP, Summary: target + " answered in plain HTTP, not TLS."}
		line := string(hdr)
		var pe *plainHTTPError
		if errors.As(err, &pe) {
			line = pe.line
		}
		return f.With(LabelResponse, line)
	}
	return findings.Finding{ID: IDNotTLS, Summary: target + " answered with something that is not TLS."}.
		With(LabelRecordHeader, fmt.Sprintf("%q", hdr))
}

// plainHTTPError carries the first line of a plain-HTTP answer, read
// before the connection was closed.
type plainHTTPError struct {
	line string
	err  error
}

func (e *plainHTTPError) Error() string { return e.err.Error() }
func (e *plainHTTPError) Unwrap() error { return e.err }

// recordingConn keeps the first maxPeek bytes the server sent, so a
// plain-HTTP answer can be quoted after the TLS layer rejected it.
type recordingConn struct {
	net.Conn
	first []byte
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if room := maxPeek - len(c.first); room > 0 && n > 0 {
		c.first = append(c.first, p[:min(n, room)]...)
	}
	return n, err
}

// firstLine returns b up to its first line break.
func firstLine(b []byte) string {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
